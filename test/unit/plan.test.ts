/**
 * Terraform plan JSON (`terraform show -json`): every planned client checked with the values Terraform
 * computed; findings name the planned address and map to the configuration line through the plan's
 * configuration section (a local module's argument, an installed registry module's file), else stay at
 * the resource in plan.json. Values known only after apply are silent.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { isTerraformPlan } from '../../server/src/parse/plan';
import { Workspace } from '../../server/src/workspace/workspace';
import { fixturePath, ROOT } from './helpers';

const LOCAL = fixturePath('plan', 'local');
const INSTALLED = fixturePath('plan', 'installed');

function check(file: string, text = fs.readFileSync(file, 'utf8')): Analysis {
  return analyze(text, file, new Workspace().inputsFor(file, text));
}

/** `CG104 main.tf:9:19` for each finding's configuration line (its related location), else `plan.json:l:c`. */
function mapped(a: Analysis, base: string): string[] {
  return a.findings.map((f) => {
    const r = f.related?.[0];
    const where = r
      ? `${path.relative(base, r.fileName)}:${r.range.start.line + 1}:${r.range.start.character + 1}`
      : `plan.json:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    return `${f.ruleId} ${where} ${f.planned?.address ?? ''}`;
  });
}

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cognito-guard.js'), ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('Terraform plan JSON', () => {
  it('is told apart from CloudFormation JSON by its content', () => {
    assert.ok(isTerraformPlan(fs.readFileSync(path.join(LOCAL, 'plan.json'), 'utf8')));
    assert.ok(isTerraformPlan(fs.readFileSync(path.join(INSTALLED, 'plan.json'), 'utf8')));
    assert.ok(!isTerraformPlan('{"AWSTemplateFormatVersion":"2010-09-09","Resources":{}}'));
    assert.ok(!isTerraformPlan('{"format_version":"1.0","provider_schemas":{}}'));
    const a = check(path.join(LOCAL, 'plan.json'));
    assert.equal(a.reason, 'Terraform plan (terraform show -json)');
    assert.equal(a.model?.clients.length, 3);
    assert.deepEqual(
      a.model?.clients.map((c) => c.planned?.address),
      [
        'aws_cognito_user_pool_client.web["admin"]',
        'aws_cognito_user_pool_client.web["shop"]',
        'module.auth.aws_cognito_user_pool_client.app',
      ],
    );
  });

  it('maps each finding to the configuration line a person changes, following var.x up to the module argument', () => {
    const a = check(path.join(LOCAL, 'plan.json'));
    assert.deepEqual(mapped(a, LOCAL).sort(), [
      'CG101 main.tf:22:35 aws_cognito_user_pool_client.web["admin"]',
      'CG101 main.tf:22:35 aws_cognito_user_pool_client.web["shop"]',
      // the flows list is written in the module call: the same item, there
      'CG104 main.tf:9:19 module.auth.aws_cognito_user_pool_client.app',
      // refresh_days comes from -var at plan time; the value is read at the module argument that passes it
      'CG107 main.tf:10:18 module.auth.aws_cognito_user_pool_client.app',
      // settings the configuration does not write are about the resource: its name
      'CG202 main.tf:17:41 aws_cognito_user_pool_client.web["admin"]',
      'CG202 main.tf:17:41 aws_cognito_user_pool_client.web["shop"]',
      'CG202 modules/auth/main.tf:13:41 module.auth.aws_cognito_user_pool_client.app',
      'CG203 main.tf:17:41 aws_cognito_user_pool_client.web["admin"]',
      'CG203 main.tf:17:41 aws_cognito_user_pool_client.web["shop"]',
      'CG203 modules/auth/main.tf:13:41 module.auth.aws_cognito_user_pool_client.app',
      'CG204 main.tf:17:41 aws_cognito_user_pool_client.web["admin"]',
      'CG204 main.tf:17:41 aws_cognito_user_pool_client.web["shop"]',
      'CG204 modules/auth/main.tf:13:41 module.auth.aws_cognito_user_pool_client.app',
    ]);
    const f = a.findings.find((x) => x.ruleId === 'CG107');
    assert.match(f?.message ?? '', /3650 days.*\(planned: module\.auth\.aws_cognito_user_pool_client\.app\)$/);
    assert.match(f?.related?.[0]?.message ?? '', /module\.auth sets refresh_days here/);
    assert.ok(
      a.findings.every((x) => x.fixes.length === 0),
      'nothing in a plan is edited',
    );
  });

  it('stays silent on values Terraform knows only after apply, and on computed attributes', () => {
    const a = check(path.join(LOCAL, 'plan.json'));
    // web's refresh_token_validity and units are unknown in the plan: no token-lifetime finding on web
    assert.ok(!a.findings.some((f) => f.planned?.address.includes('web') && /CG10[5-8]/.test(f.ruleId)));
    // id and client_secret are in values but are not settings
    assert.ok(!a.findings.some((f) => f.ruleId === 'CG001'), a.findings.map((f) => f.message).join('\n'));
    // a setting the configuration writes but whose value is unknown: no finding, not even about absence
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_cognito_user_pool_client.c',
              mode: 'managed',
              type: 'aws_cognito_user_pool_client',
              name: 'c',
              values: { name: 'c', explicit_auth_flows: ['ALLOW_USER_PASSWORD_AUTH'] },
            },
          ],
        },
      },
      resource_changes: [
        {
          address: 'aws_cognito_user_pool_client.c',
          change: {
            after_unknown: { explicit_auth_flows: true, user_pool_id: true, prevent_user_existence_errors: true },
          },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_cognito_user_pool_client.c',
              mode: 'managed',
              type: 'aws_cognito_user_pool_client',
              name: 'c',
              expressions: {
                name: { constant_value: 'c' },
                user_pool_id: { references: ['var.pool'] },
                explicit_auth_flows: { references: ['var.flows'] },
                prevent_user_existence_errors: { references: ['var.puee'] },
              },
            },
          ],
        },
      },
    });
    const u = analyze(text, 'plan.json');
    assert.equal(u.model?.clients.length, 1);
    assert.deepEqual(
      u.findings.filter((f) => ['CG002', 'CG104', 'CG101', 'CG003'].includes(f.ruleId)),
      [],
      'unknown values are never the basis of a finding',
    );
  });

  it('finds an installed registry module through modules.json, and leaves a module it cannot find in plan.json', () => {
    const a = check(path.join(INSTALLED, 'plan.json'));
    const lines = mapped(a, INSTALLED);
    assert.ok(
      lines.includes(
        'CG101 .terraform/modules/cognito/main.tf:17:35 module.cognito.aws_cognito_user_pool_client.client[1]',
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes(
        'CG104 .terraform/modules/cognito/main.tf:16:35 module.cognito.aws_cognito_user_pool_client.client[1]',
      ),
    );
    // the first client (SRP, ENABLED) has neither finding
    assert.ok(!lines.some((l) => /CG10[14] .*client\[0\]/.test(l)));
    // module.remote is not installed: its implicit grant is reported at its values in the (one-line) plan
    const implicit = a.findings.find((f) => f.ruleId === 'CG103');
    assert.equal(implicit?.planned?.address, 'module.remote.aws_cognito_user_pool_client.this');
    assert.equal(implicit?.related, undefined);
    assert.equal(implicit?.range.start.line, 0);
    const text = fs.readFileSync(path.join(INSTALLED, 'plan.json'), 'utf8');
    assert.equal(text.slice(implicit?.span.start, implicit?.span.end), '"implicit"');
  });

  it('keeps findings at the plan when the configuration is not beside it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-plan-'));
    try {
      const file = path.join(dir, 'plan.json');
      fs.copyFileSync(path.join(LOCAL, 'plan.json'), file);
      const a = check(file);
      assert.ok(a.findings.length > 0);
      assert.ok(a.findings.every((f) => f.related === undefined && f.planned?.configured === undefined));
      const r = cli(['plan.json'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        /^plan\.json:\d+:\d+ warning .*\(planned: module\.auth\.aws_cognito_user_pool_client\.app\) \[CG104\]$/m,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a state (terraform show -json of a state file) the same way', () => {
    const plan = JSON.parse(fs.readFileSync(path.join(LOCAL, 'plan.json'), 'utf8')) as {
      planned_values: unknown;
    };
    const state = { format_version: '1.0', terraform_version: '1.9.8', values: plan.planned_values };
    const a = analyze(JSON.stringify(state, null, 2), 'state.json');
    assert.equal(a.reason, 'Terraform state (terraform show -json)');
    assert.ok(a.findings.some((f) => f.ruleId === 'CG104'));
    assert.ok(a.findings.some((f) => f.ruleId === 'CG107'));
  });

  it('a plan without a client says so, and a broken plan is a syntax error, not a crash', () => {
    const none = analyze('{"format_version":"1.2","planned_values":{"root_module":{}}}', 'plan.json');
    assert.equal(none.findings.length, 0);
    assert.match(none.reason, /no aws_cognito_user_pool_client/);
    const broken = analyze(
      '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"type":"aws_cognito_user_pool_client",',
      'plan.json',
    );
    assert.deepEqual(broken.internalErrors, []);
    assert.ok(broken.findings.some((f) => f.ruleId === 'CG000'));
  });
});

describe('cognito-guard plan.json', () => {
  it('reports at the configuration lines, once per line with the instances listed, the plan as related location', () => {
    const r = cli(['--format', 'sarif', 'plan.json'], LOCAL);
    assert.equal(r.code, 0, r.stderr);
    const sarif = JSON.parse(r.stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          message: { text: string };
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
          relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
        }>;
      }>;
    };
    const results = sarif.runs[0]?.results ?? [];
    const at = results.map(
      (x) =>
        `${x.ruleId} ${x.locations[0]?.physicalLocation.artifactLocation.uri}:${x.locations[0]?.physicalLocation.region.startLine}`,
    );
    assert.deepEqual(at.sort(), [
      'CG101 main.tf:22',
      'CG104 main.tf:9',
      'CG107 main.tf:10',
      'CG202 main.tf:17',
      'CG202 modules/auth/main.tf:13',
      'CG203 main.tf:17',
      'CG203 modules/auth/main.tf:13',
      'CG204 main.tf:17',
      'CG204 modules/auth/main.tf:13',
    ]);
    const legacy = results.find((x) => x.ruleId === 'CG101');
    assert.match(
      legacy?.message.text ?? '',
      /\(planned: aws_cognito_user_pool_client\.web\["admin"\], aws_cognito_user_pool_client\.web\["shop"\]\)$/,
    );
    assert.deepEqual(
      legacy?.relatedLocations?.map((x) => x.physicalLocation.artifactLocation.uri),
      ['plan.json', 'plan.json'],
    );
  });

  it('over the whole folder, a problem the configuration itself shows is reported once', () => {
    const r = cli(['.'], LOCAL);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n').filter((l) => /\[CG\d+\]$/.test(l));
    const count = (re: RegExp): number => lines.filter((l) => re.test(l)).length;
    assert.equal(count(/^main\.tf:9:\d+ .*\[CG104\]$/), 1, r.stdout);
    assert.equal(count(/^main\.tf:22:\d+ .*\[CG101\]$/), 1, r.stdout);
    // only the plan knows the 10-year refresh token (-var at plan time)
    assert.equal(count(/^main\.tf:10:18 .*\[CG107\]$/), 1, r.stdout);
    assert.match(r.stdout, /\(3 templates checked, 3 files read\)/);
  });
});
