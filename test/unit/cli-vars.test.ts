/** `--var-file` and `--var`: Terraform's command-line variable values, in Terraform's order. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commandLineVars } from '../../server/src/cli/main';
import { prop } from '../../server/src/core/model';
import { analyze } from '../../server/src/engine/analyze';
import { ROOT } from './helpers';

const MAIN = `variable "days" {
  default = 30
}
variable "flows" {
  default = ["ALLOW_USER_SRP_AUTH"]
}
variable "existence" {
  default = "ENABLED"
}
resource "aws_cognito_user_pool_client" "web" {
  name                          = "web"
  user_pool_id                  = "us-east-1_abc"
  refresh_token_validity        = var.days
  explicit_auth_flows           = var.flows
  prevent_user_existence_errors = var.existence
}
`;

function run(
  args: string[],
  cwd: string,
): { code: number | null; findings: { ruleId: string; message: string }[]; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cognito-guard.js'), '-f', 'json', ...args], {
    cwd,
    encoding: 'utf8',
  });
  const out = r.stdout
    ? (JSON.parse(r.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] })
    : undefined;
  return { code: r.status, findings: out?.files.flatMap((f) => f.findings) ?? [], stderr: r.stderr };
}

describe('command-line Terraform variables', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-vars-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
    fs.writeFileSync(path.join(dir, 'terraform.tfvars'), 'days = 14\n');
    fs.writeFileSync(path.join(dir, 'prod.tfvars'), 'days = 3650\nflows = ["ALLOW_USER_PASSWORD_AUTH"]\n');
    fs.writeFileSync(path.join(dir, 'short.tfvars.json'), '{ "days": 7 }');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ids = (r: ReturnType<typeof run>): string[] => r.findings.map((f) => f.ruleId);

  it('a --var-file overrides terraform.tfvars and says where the value came from', () => {
    const base = run(['main.tf'], dir);
    assert.ok(!ids(base).includes('CG107') && !ids(base).includes('CG104'), ids(base).join());
    const r = run(['--var-file', 'prod.tfvars', 'main.tf'], dir);
    const long = r.findings.find((f) => f.ruleId === 'CG107');
    assert.ok(long, ids(r).join());
    assert.match(long.message, /prod\.tfvars/);
    assert.ok(ids(r).includes('CG104'), 'a list from the var file');
  });

  it('later --var-file and --var win, in the order given; JSON var files too', () => {
    assert.ok(!ids(run(['--var-file', 'prod.tfvars', '--var-file', 'short.tfvars.json', '.'], dir)).includes('CG107'));
    assert.ok(ids(run(['--var-file', 'short.tfvars.json', '--var-file', 'prod.tfvars', '.'], dir)).includes('CG107'));
    assert.ok(!ids(run(['--var-file=prod.tfvars', '--var', 'days=30', '.'], dir)).includes('CG107'));
    const r = run(['--var', 'existence=LEGACY', '--var', 'flows=["ALLOW_USER_PASSWORD_AUTH"]', '.'], dir);
    assert.ok(ids(r).includes('CG101'), 'a string value');
    assert.ok(ids(r).includes('CG104'), 'a list value');
    assert.match(r.findings.find((f) => f.ruleId === 'CG101')?.message ?? '', /--var/);
    const { tfvars } = { tfvars: commandLineVars([{ name: 'existence', value: '${x}' }]) };
    const a = analyze(MAIN, path.join(dir, 'main.tf'), { tfvars });
    const v = prop(a.model?.clients[0] ?? { props: [] }, 'preventUserExistenceErrors')?.value;
    assert.deepEqual(v?.k === 'scalar' ? v.v : v, '${x}', 'a value is text, never an interpolation');
  });

  it('bad --var and --var-file arguments exit 2 with one line', () => {
    for (const args of [['--var', 'no-equals'], ['--var-file', 'missing.tfvars'], ['--var-file', '.'], ['--var']]) {
      const r = run([...args, 'main.tf'], dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^cognito-guard: .*var/);
    }
  });
});
