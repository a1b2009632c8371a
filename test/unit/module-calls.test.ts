/**
 * Terraform module calls: a module's clients checked with the values its caller passes, findings at the
 * caller's value with the module's client as related information, reported once; unknown sources and
 * values stay silent.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/fixes/writers';
import { Workspace } from '../../server/src/workspace/workspace';
import { fixturePath, ROOT } from './helpers';

const BASIC = fixturePath('modules', 'basic');

function check(file: string, ws = new Workspace()): ReturnType<typeof analyze> {
  const text = fs.readFileSync(file, 'utf8');
  return analyze(text, file, ws.inputsFor(file, text));
}

const at = (a: ReturnType<typeof analyze>): string[] =>
  a.findings.map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1}`);

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cognito-guard.js'), ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-modules-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const MODULE = `variable "flows" {
  type = list(string)
}
variable "existence_errors" {
  default = "ENABLED"
}
resource "aws_cognito_user_pool_client" "c" {
  name                          = "c"
  user_pool_id                  = "us-east-1_abc"
  explicit_auth_flows           = var.flows
  prevent_user_existence_errors = var.existence_errors
}
`;

describe('Terraform module calls', () => {
  it("a value written in the caller is reported at the caller's line, with the module's client related", () => {
    const a = check(path.join(BASIC, 'main.tf'));
    assert.deepEqual(at(a), ['CG104 9:19', 'CG107 10:18']);
    for (const f of a.findings) {
      assert.match(f.message, /in module\.auth\.aws_cognito_user_pool_client\.this/);
      assert.deepEqual(
        f.related?.map((r) => [path.relative(BASIC, r.fileName), r.range.start.line + 1, r.range.start.character + 1]),
        [[path.join('modules', 'auth', 'main.tf'), 1, 41]],
      );
    }
    assert.match(a.findings[1]?.message ?? '', /from 'refresh_days' of module\.auth/);
    // the fixes edit the caller's own value, for this call only; the module is left as it is
    const text = fs.readFileSync(path.join(BASIC, 'main.tf'), 'utf8');
    const fixed = a.findings.map((f) => {
      assert.equal(f.fixes.length, 1, `${f.ruleId} has one fix`);
      const lines = applyEdits(text, f.fixes[0]?.edits ?? []).split('\n');
      return f.ruleId === 'CG104' ? lines[8] : lines[9];
    });
    assert.deepEqual(fixed, [
      '  flows        = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]',
      '  refresh_days = 30',
    ]);
  });

  it('the module checked on its own says nothing about values only its callers know', () => {
    const a = check(path.join(BASIC, 'modules', 'auth', 'main.tf'));
    assert.ok(a.isTemplate);
    assert.ok(!a.findings.some((f) => f.ruleId === 'CG104' || f.ruleId === 'CG107'), at(a).join());
  });

  it('a variable the caller does not set keeps its default; one it sets is checked at the caller', () => {
    const dir = tmpTree({
      'm/main.tf': MODULE,
      'main.tf': `module "quiet" {
  source = "./m"
  flows  = ["ALLOW_USER_SRP_AUTH"]
}
module "leaky" {
  source           = "./m"
  flows            = ["ALLOW_USER_SRP_AUTH"]
  existence_errors = "LEGACY"
}
`,
    });
    try {
      const a = check(path.join(dir, 'main.tf'));
      assert.deepEqual(at(a), ['CG101 8:22']);
      assert.match(a.findings[0]?.message ?? '', /module\.leaky/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('installed modules are found through .terraform/modules/modules.json; others stay unknown', () => {
    const dir = tmpTree({
      '.terraform/modules/cognito/main.tf': MODULE,
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          {
            Key: 'cognito',
            Source: 'registry.terraform.io/acme/cognito/aws',
            Version: '1.0.0',
            Dir: '.terraform/modules/cognito',
          },
        ],
      }),
      'main.tf': `module "cognito" {
  source  = "acme/cognito/aws"
  version = "1.0.0"
  flows   = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH"]
}
module "remote" {
  source = "git::https://example.com/cognito.git"
  flows  = ["ALLOW_USER_PASSWORD_AUTH"]
}
module "missing" {
  source = "./not-there"
  flows  = ["ALLOW_USER_PASSWORD_AUTH"]
}
module "itself" {
  source = "./"
  flows  = ["ALLOW_USER_PASSWORD_AUTH"]
}
`,
    });
    try {
      const a = check(path.join(dir, 'main.tf'));
      assert.deepEqual(a.internalErrors, []);
      const lines = new Set(a.findings.map((f) => f.range.start.line + 1));
      assert.deepEqual([...lines], [4], `only the installed module is followed: ${at(a).join()}`);
      assert.ok(a.findings.some((f) => f.ruleId === 'CG104'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the command line over the folder reports each finding once, with related locations in JSON and SARIF', () => {
    const json = cli(['-f', 'json', '.'], BASIC);
    const out = JSON.parse(json.stdout) as {
      files: {
        path: string;
        findings: { ruleId: string; related?: { path: string; range: { start: { line: number } } }[] }[];
      }[];
    };
    const all = out.files.flatMap((f) => f.findings.map((x) => ({ file: f.path, ...x })));
    assert.equal(all.filter((x) => x.ruleId === 'CG104').length, 1);
    assert.equal(all.filter((x) => x.ruleId === 'CG107').length, 1);
    const pw = all.find((x) => x.ruleId === 'CG104');
    assert.equal(pw?.file, 'main.tf');
    assert.equal(pw?.related?.[0]?.path, 'modules/auth/main.tf');
    const sarif = cli(['-f', 'sarif', '.'], BASIC);
    const results = (
      JSON.parse(sarif.stdout) as {
        runs: {
          results: {
            ruleId: string;
            relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[];
          }[];
        }[];
      }
    ).runs[0]?.results;
    const r = results?.find((x) => x.ruleId === 'CG104');
    assert.equal(r?.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri, 'modules/auth/main.tf');
  });
});
