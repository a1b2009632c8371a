/** The CLI as a user runs it: a real process, real files, exit codes and every output format. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from './helpers';

const BIN = path.join(ROOT, 'bin', 'cognito-guard.js');

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BAD_TF = `resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = "us-east-1_abc"
  access_token_validity = var.hours
}
variable "hours" {
  default = 2
}
`;
const BAD_YAML = `Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      AuthSessionValidity: 99
`;

describe('cognito-guard CLI', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-cli-'));
    fs.mkdirSync(path.join(dir, 'infra', 'tf'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'infra', 'tf', 'main.tf'), BAD_TF);
    fs.writeFileSync(path.join(dir, 'infra', 'tf', 'terraform.tfvars'), 'hours = 48\n');
    fs.writeFileSync(path.join(dir, 'infra', 'stack.yaml'), BAD_YAML);
    for (const skip of ['node_modules', '.git', '.terraform']) {
      fs.mkdirSync(path.join(dir, skip), { recursive: true });
      fs.writeFileSync(path.join(dir, skip, 'x.yaml'), BAD_YAML);
    }
    fs.writeFileSync(path.join(dir, 'compose.yml'), 'services:\n  a:\n    image: x\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints path:line:col severity message [id], grouped by file, with a summary; exit 1 on errors', () => {
    const r = cli([], dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    const errors = lines.filter((l) => / error /.test(l));
    assert.match(errors[0] ?? '', /^infra\/stack\.yaml:6:28 error .+ \[CG004\]$/);
    assert.match(errors[1] ?? '', /^infra\/tf\/main\.tf:4:27 error .*48 hours.*terraform\.tfvars.* \[CG005\]$/);
    assert.equal(errors.length, 2);
    // grouped: every line of one file before the next file, a blank line between groups
    const files = lines.filter((l) => l.includes(':')).map((l) => l.split(':')[0]);
    assert.deepEqual(files, [...files].sort());
    assert.ok(lines.includes(''));
    assert.match(lines[lines.length - 1] ?? '', /^\d+ problems \(2 errors, \d+ warnings, \d+ info\) in 2 clients/);
    assert.doesNotMatch(r.stdout, /node_modules|\.terraform|\.git\//);
    assert.ok(!r.stdout.includes('\u001b['), 'no colour when not on a terminal');
  });

  it('--fail-on decides the exit code', () => {
    assert.equal(cli(['--fail-on', 'none'], dir).code, 0);
    assert.equal(cli(['--fail-on=warning', 'infra/stack.yaml'], dir).code, 1);
    assert.equal(cli(['compose.yml'], dir).code, 0);
  });

  it('--format json is documented JSON with 1-based ranges', () => {
    const r = cli(['--format', 'json', 'infra'], dir);
    const j = JSON.parse(r.stdout) as {
      files: { path: string; findings: { ruleId: string; range: { start: { line: number; column: number } } }[] }[];
      summary: { errors: number; clients: number };
    };
    assert.equal(j.summary.errors, 2);
    assert.equal(j.summary.clients, 2);
    const yaml = j.files.find((f) => f.path === 'infra/stack.yaml');
    assert.deepEqual(yaml?.findings.find((f) => f.ruleId === 'CG004')?.range.start, { line: 6, column: 28 });
  });

  it('--format sarif is SARIF 2.1.0 with rules and relative forward-slash URIs', () => {
    const out = path.join(dir, 'report.sarif');
    const r = cli(['-f', 'sarif', '-o', out, '.'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const s = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
        }[];
      }[];
    };
    assert.equal(s.version, '2.1.0');
    const run = s.runs[0];
    assert.ok(run);
    assert.ok(run.tool.driver.rules.some((x) => x.id === 'CG005' && x.helpUri.endsWith('docs/rules/CG005.md')));
    const res = run.results.find((x) => x.ruleId === 'CG005');
    assert.equal(res?.level, 'error');
    assert.equal(res?.locations[0]?.physicalLocation.artifactLocation.uri, 'infra/tf/main.tf');
    assert.deepEqual(res?.locations[0]?.physicalLocation.region, {
      startLine: 4,
      startColumn: 27,
      endLine: 4,
      endColumn: 36,
    });
  });

  it('bad usage and unreadable paths exit 2 with one line', () => {
    for (const args of [['--format', 'xml'], ['--bogus'], ['no/such/path'], ['--fail-on']]) {
      const r = cli(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^cognito-guard: /);
    }
  });

  it('reads .template files in a directory scan, as YAML or JSON by their content', () => {
    const t = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-cli-template-'));
    try {
      fs.writeFileSync(path.join(t, 'stack.template'), BAD_YAML);
      fs.writeFileSync(
        path.join(t, 'json.template'),
        JSON.stringify({
          Resources: {
            Client: {
              Type: 'AWS::Cognito::UserPoolClient',
              Properties: { UserPoolId: 'us-east-1_abc', AuthSessionValidity: 99 },
            },
          },
        }),
      );
      fs.writeFileSync(path.join(t, 'notes.template'), 'Hello {{name}}, this is not a template of ours.\n');
      const r = cli(['-f', 'json', '.'], t);
      assert.equal(r.code, 1, r.stderr);
      const out = JSON.parse(r.stdout) as {
        files: { path: string; findings: { ruleId: string }[] }[];
        summary: { filesRead: number; clients: number };
      };
      assert.equal(out.summary.filesRead, 3);
      assert.equal(out.summary.clients, 2);
      for (const name of ['json.template', 'stack.template']) {
        const f = out.files.find((x) => x.path === name);
        assert.ok(f, `${name} listed: ${r.stdout}`);
        assert.ok(
          f.findings.some((x) => x.ruleId === 'CG004'),
          `${name} has the AuthSessionValidity error`,
        );
      }
      assert.ok(!out.files.some((x) => x.path === 'notes.template' && x.findings.length > 0));
    } finally {
      fs.rmSync(t, { recursive: true, force: true });
    }
  });

  it('survives a symlink loop', () => {
    const loop = path.join(dir, 'loop');
    fs.mkdirSync(loop, { recursive: true });
    try {
      fs.symlinkSync(loop, path.join(loop, 'self'));
    } catch {
      return; // no symlinks on this file system
    }
    const r = cli(['loop'], dir);
    assert.equal(r.code, 0, r.stderr);
  });

  it('--fix-dry-run prints a unified diff and writes nothing; --fix writes atomically and keeps permissions', () => {
    const file = path.join(dir, 'fix', 'stack.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const src = BAD_YAML.replace(
      'AuthSessionValidity: 99',
      'AuthSessionValidity: 99\n      PreventUserExistenceErrors: LEGACY',
    );
    fs.writeFileSync(file, src, { mode: 0o640 });
    const dry = cli(['--fix-dry-run', 'fix'], dir);
    assert.match(dry.stdout, /^--- fix\/stack\.yaml\n\+\+\+ fix\/stack\.yaml\n@@/m);
    assert.match(dry.stdout, /^- {6}PreventUserExistenceErrors: LEGACY$/m);
    assert.match(dry.stdout, /^\+ {6}PreventUserExistenceErrors: ENABLED$/m);
    assert.doesNotMatch(dry.stdout, /\[CG\d+\]/, 'a dry run prints only the diff');
    assert.match(dry.stderr, /would apply 2 fixes \(CG004, CG101\)/);
    assert.equal(fs.readFileSync(file, 'utf8'), src, 'dry run wrote the file');
    const r = cli(['--fix', 'fix'], dir);
    assert.match(r.stderr, /fix\/stack\.yaml: applied 2 fixes/);
    const fixed = fs.readFileSync(file, 'utf8');
    assert.equal(fixed, src.replace('AuthSessionValidity: 99', 'AuthSessionValidity: 15').replace('LEGACY', 'ENABLED'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(
      fs.readdirSync(path.dirname(file)).filter((f) => f.includes('tmp')),
      [],
    );
    assert.doesNotMatch(r.stdout, /CG004|CG101/);
    assert.equal(r.code, 0);
  });

  it('--fix never touches a file with a syntax error', () => {
    const file = path.join(dir, 'broken', 'main.tf');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const src =
      BAD_TF.replace('variable "hours" {', 'variable "hours" {\n  oops =') +
      '\nresource "aws_cognito_user_pool_client" "b" {\n  name = "b"\n  user_pool_id = "a_b"\n  prevent_user_existence_errors = "LEGACY"\n}\n';
    fs.writeFileSync(file, src);
    const r = cli(['--fix', 'broken'], dir);
    assert.equal(fs.readFileSync(file, 'utf8'), src);
    assert.match(r.stderr, /not fixed: the file has a syntax error/);
  });

  it('JSON and SARIF carry the fixes with 1-based regions', () => {
    const j = JSON.parse(cli(['-f', 'json', 'infra/stack.yaml'], dir).stdout) as {
      files: {
        findings: {
          ruleId: string;
          fixes: { title: string; safe: boolean; edits: { range: unknown; newText: string }[] }[];
        }[];
      }[];
    };
    const f = j.files[0]?.findings.find((x) => x.ruleId === 'CG004');
    assert.deepEqual(f?.fixes[0]?.edits, [
      { range: { start: { line: 6, column: 28 }, end: { line: 6, column: 30 } }, newText: '15' },
    ]);
    const s = JSON.parse(cli(['-f', 'sarif', 'infra/stack.yaml'], dir).stdout) as {
      runs: {
        results: {
          ruleId: string;
          fixes?: {
            artifactChanges: { replacements: { deletedRegion: unknown; insertedContent: { text: string } }[] }[];
          }[];
        }[];
      }[];
    };
    const res = s.runs[0]?.results.find((x) => x.ruleId === 'CG004');
    assert.deepEqual(res?.fixes?.[0]?.artifactChanges[0]?.replacements[0], {
      deletedRegion: { startLine: 6, startColumn: 28, endLine: 6, endColumn: 30 },
      insertedContent: { text: '15' },
    });
  });

  it('--help and --version', () => {
    assert.match(cli(['--help'], dir).stdout, /Usage: cognito-guard/);
    assert.match(cli(['--version'], dir).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
