/**
 * A Terraform folder is one module: values in one file may use the variables and locals of the others.
 * The engine takes the other files' declarations as data; the workspace finds, reads and caches them.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { terraformDeclarations } from '../../server/src/parse/terraform';
import type { WorkspaceFs } from '../../server/src/workspace/fs';
import { Workspace } from '../../server/src/workspace/workspace';
import { ROOT } from './helpers';

const MAIN = `resource "aws_cognito_user_pool_client" "web" {
  name                   = "web"
  user_pool_id           = "us-east-1_abc"
  explicit_auth_flows    = var.flows
  refresh_token_validity = local.refresh_days
}
`;
const VARIABLES = `variable "flows" {
  type    = list(string)
  default = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
}
`;
const LOCALS = `{ "locals": { "refresh_days": 3650 } }`;

function fakeFs(files: Record<string, string>): WorkspaceFs & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    exists: (p) => p in files,
    stat: (p) => {
      if (p in files) return { isFile: () => true, isDirectory: () => false };
      if (Object.keys(files).some((f) => f.startsWith(p + path.sep)))
        return { isFile: () => false, isDirectory: () => true };
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
    readFile: (p) => {
      reads.push(p);
      const t = files[p];
      if (t === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return t;
    },
    readDir: (d) =>
      Object.keys(files)
        .filter((f) => path.dirname(f) === d)
        .map((f) => path.basename(f)),
  };
}

describe('Terraform folder: one module', () => {
  it('a value uses the variables and locals of the other files, and says where they are', () => {
    const a = analyze(MAIN, '/m/main.tf', {
      moduleFiles: [
        terraformDeclarations(VARIABLES, '/m/variables.tf'),
        terraformDeclarations(LOCALS, '/m/locals.tf.json'),
      ],
    });
    const pw = a.findings.find((f) => f.ruleId === 'CG104');
    assert.ok(pw, 'the password flow from the default in variables.tf is seen');
    assert.equal(pw.range.start.line, 3, 'reported where the value is used');
    assert.match(pw.message, /variables\.tf/);
    const refresh = a.findings.find((f) => f.ruleId === 'CG107');
    assert.ok(
      refresh,
      `the 10-year refresh token from locals.tf.json is seen: ${a.findings.map((f) => f.ruleId).join()}`,
    );
    assert.match(refresh.message, /locals\.tf\.json/);
    // the place the value is written is related information: the default's list, the local's number
    const where = (f: typeof pw): unknown =>
      f.related?.map((r) => [r.fileName, r.range.start.line, r.range.start.character, r.message]);
    assert.deepEqual(where(pw), [
      ['/m/variables.tf', 2, 12, "the value is written here: the default of 'var.flows' in variables.tf"],
    ]);
    assert.deepEqual(where(refresh), [
      ['/m/locals.tf.json', 0, 30, "the value is written here: 'local.refresh_days' in locals.tf.json"],
    ]);
    assert.ok(
      a.findings
        .filter((f) => f.range.start.line === 3)
        .every((f) => f.fixes.every((x) => x.edits.length === 0 || !x.safe)),
      'nothing rewrites a value that lives in another file',
    );
  });

  it('a value set in terraform.tfvars points there', () => {
    const a = analyze(MAIN, '/m/main.tf', {
      moduleFiles: [terraformDeclarations(VARIABLES, '/m/variables.tf')],
      tfvars: [{ fileName: '/m/terraform.tfvars', text: '# prod\nflows = ["ALLOW_USER_PASSWORD_AUTH"]\n' }],
    });
    const pw = a.findings.find((f) => f.ruleId === 'CG104');
    assert.deepEqual(
      pw?.related?.map((r) => [r.fileName, r.range.start.line, r.range.start.character]),
      [['/m/terraform.tfvars', 1, 8]],
    );
  });

  it('without the other files the values are unknown and nothing is reported about them', () => {
    const a = analyze(MAIN, '/m/main.tf');
    assert.ok(!a.findings.some((f) => f.ruleId === 'CG104' || f.ruleId === 'CG107'));
  });

  it("the file's own declaration wins over another file's", () => {
    const own = `${MAIN}variable "flows" {\n  default = ["ALLOW_USER_SRP_AUTH"]\n}\n`;
    const a = analyze(own, '/m/main.tf', { moduleFiles: [terraformDeclarations(VARIABLES, '/m/variables.tf')] });
    assert.ok(!a.findings.some((f) => f.ruleId === 'CG104'));
  });

  it('the workspace reads the Terraform files of the folder once, prefers open text, and forgets on change', () => {
    const files: Record<string, string> = {
      '/m/main.tf': MAIN,
      '/m/variables.tf': VARIABLES,
      '/m/locals.tf.json': LOCALS,
      '/m/terraform.tfvars': 'x = 1\n',
      '/m/README.md': '# not Terraform',
      '/other/variables.tf': 'variable "flows" {\n  default = ["ALLOW_USER_SRP_AUTH"]\n}\n',
    };
    const io = fakeFs(files);
    let open: string | undefined;
    const ws = new Workspace({ fs: io, openText: (f) => (f === '/m/variables.tf' ? open : undefined) });
    const names = ws.moduleFilesFor('/m/main.tf').map((m) => m.fileName);
    assert.deepEqual(names, ['/m/locals.tf.json', '/m/variables.tf'], 'the other .tf and .tf.json files, not tfvars');
    const before = io.reads.length;
    ws.moduleFilesFor('/m/main.tf');
    ws.moduleFilesFor('/m/main.tf');
    assert.equal(io.reads.length - before, 4, 'read again to compare, parsed once per text');

    open = 'variable "flows" {\n  default = ["ALLOW_USER_SRP_AUTH"]\n}\n';
    const opts = ws.inputsFor('/m/main.tf', MAIN);
    assert.ok(!analyze(MAIN, '/m/main.tf', opts).findings.some((f) => f.ruleId === 'CG104'), 'open text wins');
    open = undefined;
    assert.ok(analyze(MAIN, '/m/main.tf', ws.inputsFor('/m/main.tf', MAIN)).findings.some((f) => f.ruleId === 'CG104'));

    files['/m/extra.tf'] = 'locals {\n  y = 1\n}\n';
    assert.equal(ws.moduleFilesFor('/m/main.tf').length, 2, 'the folder listing is cached');
    ws.invalidateModuleFiles('/m');
    assert.equal(ws.moduleFilesFor('/m/main.tf').length, 3, 'a new file is seen after the watcher says');
    assert.deepEqual(ws.inputsFor('/m/t.yaml', 'Resources: {}\n'), {}, 'CloudFormation files get none');
  });

  it('the command line follows variables.tf beside main.tf, given the folder or the file alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-module-files-'));
    try {
      fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
      fs.writeFileSync(path.join(dir, 'variables.tf'), VARIABLES);
      for (const target of ['.', 'main.tf']) {
        const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cognito-guard.js'), '-f', 'json', target], {
          cwd: dir,
          encoding: 'utf8',
        });
        const out = JSON.parse(r.stdout) as {
          files: { path: string; findings: { ruleId: string; message: string }[] }[];
        };
        const main = out.files.find((f) => f.path === 'main.tf');
        const pw = main?.findings.find((f) => f.ruleId === 'CG104');
        assert.ok(pw, `${target}: ${r.stdout}${r.stderr}`);
        assert.match(pw.message, /variables\.tf/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
