/** Suppression comments, the Metadata form, and .cognito-guard.json (engine and CLI). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/core/config';
import { parseConfig } from '../../server/src/workspace/config';
import { analyze } from '../../server/src/engine/analyze';
import { ruleIds } from '../../server/src/rules';
import { applyEdits } from '../../server/src/fixes/writers';
import { ROOT } from './helpers';

const TF = (before: string, inner: string, after = ''): string =>
  `${before}resource "aws_cognito_user_pool_client" "web" {\n  name         = "web"\n  user_pool_id = "us-east-1_abc"\n${inner}}\n${after}`;

function ids(text: string, fileName: string, config = defaultConfig()): string[] {
  return analyze(text, fileName, { config }).findings.map((f) => `${f.ruleId} ${f.range.start.line + 1}`);
}

describe('cognito-guard-ignore comments (Terraform)', () => {
  const inner = '  enable_token_revocation = false\n  explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH"]\n';
  it('baseline: the findings the suppression tests remove', () => {
    const got = ids(TF('', inner), 'main.tf');
    for (const want of ['CG101 1', 'CG102 4', 'CG104 5', 'CG202 1', 'CG203 1', 'CG204 1'])
      assert.ok(got.includes(want), `${want} in ${got}`);
  });

  it('above the resource header silences the listed rules for the whole resource', () => {
    const got = ids(TF('# cognito-guard-ignore CG101,CG102, CG104 legacy app, tracked in JIRA-1\n', inner), 'main.tf');
    assert.ok(!got.some((g) => /^CG10[124] /.test(g)), got.join());
    assert.ok(got.includes('CG203 2'), 'other rules still report');
  });

  it('a comment block above the header works, with // too', () => {
    const got = ids(TF('// some context\n// cognito-guard-ignore CG203\n', inner), 'main.tf');
    assert.ok(!got.some((g) => g.startsWith('CG203')));
    assert.ok(got.some((g) => g.startsWith('CG204')));
  });

  it('above a property line silences only that property', () => {
    const got = ids(TF('', '  # cognito-guard-ignore CG102\n' + inner), 'main.tf');
    assert.ok(!got.some((g) => g.startsWith('CG102')));
    assert.ok(got.includes('CG104 6'));
  });

  it('at the end of a property line', () => {
    const got = ids(
      TF(
        '',
        inner.replace('["ALLOW_USER_PASSWORD_AUTH"]', '["ALLOW_USER_PASSWORD_AUTH"] # cognito-guard-ignore CG104'),
      ),
      'main.tf',
    );
    assert.ok(!got.some((g) => g.startsWith('CG104')));
    assert.ok(got.includes('CG102 4'));
  });

  it('does not silence other rules or other resources', () => {
    const other =
      'resource "aws_cognito_user_pool_client" "b" {\n  name = "b"\n  user_pool_id = "x_y"\n  enable_token_revocation = false\n}\n';
    const got = ids(TF('# cognito-guard-ignore CG102\n', inner, other), 'main.tf');
    assert.ok(!got.includes('CG102 5'));
    assert.ok(got.includes('CG102 11'), got.join());
  });

  it('an unknown id is pointed out at the comment, as info', () => {
    const a = analyze(TF('# cognito-guard-ignore CG999\n', inner), 'main.tf');
    const f = a.findings.find((x) => x.ruleId === 'CG000');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.range.start, { line: 0, character: 0 });
    assert.match(f?.message ?? '', /CG999/);
  });
});

describe('"//" directives in Terraform JSON', () => {
  /** A client whose body holds `members` (JSON text, one per line) after its name and pool. */
  const TFJ = (members: string[], other = ''): string =>
    [
      '{',
      '  "resource": {',
      '    "aws_cognito_user_pool_client": {',
      '      "web": {',
      ['        "name": "web"', '        "user_pool_id": "us-east-1_abc"', ...members.map((m) => `        ${m}`)].join(
        ',\n',
      ),
      `      }${other ? `,\n${other}` : ''}`,
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
  const flags = ['"enable_token_revocation": false', '"explicit_auth_flows": ["ALLOW_USER_PASSWORD_AUTH"]'];
  const has = (got: string[], id: string): boolean => got.some((g) => g.startsWith(`${id} `));

  it('baseline: the findings the directives remove', () => {
    const got = ids(TFJ(flags), 'main.tf.json');
    for (const want of ['CG101 4', 'CG102 7', 'CG104 8', 'CG203 4']) assert.ok(got.includes(want), `${want} in ${got}`);
  });

  it('before the first argument: the whole resource', () => {
    const text = TFJ(flags).replace(
      '"name": "web"',
      '"//": "cognito-guard-ignore CG101, CG102,CG104 legacy app",\n        "name": "web"',
    );
    const got = ids(text, 'main.tf.json');
    assert.ok(!has(got, 'CG101') && !has(got, 'CG102') && !has(got, 'CG104'), got.join());
    assert.ok(has(got, 'CG203'), 'other rules still report');
  });

  it('after the last argument: the whole resource too', () => {
    const got = ids(TFJ([...flags, '"//": "cognito-guard-ignore CG101"']), 'main.tf.json');
    assert.ok(!has(got, 'CG101'), got.join());
    assert.ok(has(got, 'CG102'));
  });

  it('between arguments: only the argument after it', () => {
    const got = ids(TFJ(['"//": "cognito-guard-ignore CG102,CG101"', ...flags]), 'main.tf.json');
    assert.ok(!has(got, 'CG102'), got.join());
    // CG101 is reported at the resource name, outside the argument: it stays
    assert.ok(got.includes('CG101 4'), got.join());
    const next = ids(TFJ([flags[0] ?? '', '"//": "cognito-guard-ignore CG102"', flags[1] ?? '']), 'main.tf.json');
    assert.ok(has(next, 'CG102'), 'a directive covers what follows it, not what precedes it');
  });

  it('in a nested block: that block', () => {
    const block = '"token_validity_units": { "//": "cognito-guard-ignore CG004", "access_token": "weeks" }';
    const before = ids(TFJ([block.replace('"//": "cognito-guard-ignore CG004", ', '')]), 'main.tf.json');
    assert.ok(has(before, 'CG004'), before.join());
    assert.ok(!has(ids(TFJ([block]), 'main.tf.json'), 'CG004'));
  });

  it('several "//" members, a list of strings, and a "//" that is only a comment', () => {
    const got = ids(
      TFJ(['"//": "the web app"', '"//": ["owned by team A", "cognito-guard-ignore CG102"]', ...flags]),
      'main.tf.json',
    );
    assert.ok(!has(got, 'CG102'), got.join());
    assert.ok(has(got, 'CG104'));
  });

  it('does not reach another resource', () => {
    const other =
      '      "b": {\n        "name": "b",\n        "user_pool_id": "x_y",\n        "enable_token_revocation": false\n      }';
    const got = ids(
      TFJ(['"//": "cognito-guard-ignore CG102"', ...flags], other).replace(
        '"name": "web"',
        '"//": "cognito-guard-ignore CG102",\n        "name": "web"',
      ),
      'main.tf.json',
    );
    assert.equal(got.filter((g) => g.startsWith('CG102 ')).length, 1, got.join());
  });

  it('an unknown id is pointed out at the string, as info', () => {
    const a = analyze(TFJ(['"//": "cognito-guard-ignore CG999"', ...flags]), 'main.tf.json');
    const f = a.findings.find((x) => x.ruleId === 'CG000');
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.range.start, { line: 6, character: 14 });
    assert.match(f?.message ?? '', /CG999/);
  });

  it('a fix that removes an argument next to a "//" member keeps the member and valid JSON', () => {
    // one line, the comment the only other member: the comma before the argument must go with it
    const text = '{"resource": {"aws_cognito_user_pool_client": {"web": {"//": "note", "client_secret": "abc"}}}}';
    const fix = analyze(text, 'main.tf.json')
      .findings.find((f) => f.ruleId === 'CG001')
      ?.fixes.find((x) => /remove/i.test(x.title));
    assert.ok(fix, 'CG001 offers to remove the read-only argument');
    const out = applyEdits(text, fix.edits);
    assert.deepEqual(JSON.parse(out).resource.aws_cognito_user_pool_client.web, { '//': 'note' }, out);
  });
});

describe('suppression in CloudFormation', () => {
  const res = (meta: string, props: string): string =>
    `Resources:\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n${meta}    Properties:\n      UserPoolId: us-east-1_abc\n${props}`;
  const props = '      EnableTokenRevocation: false\n      PreventUserExistenceErrors: LEGACY\n';

  it('YAML comments above the logical id, above and at the end of a property', () => {
    const above = ids(
      res('', props).replace('  Client:', '  # cognito-guard-ignore CG101, CG102\n  Client:'),
      't.yaml',
    );
    assert.ok(!above.some((g) => /^CG10[12] /.test(g)), above.join());
    const prop = ids(
      res(
        '',
        props.replace('      EnableTokenRevocation', '      # cognito-guard-ignore CG102\n      EnableTokenRevocation'),
      ),
      't.yaml',
    );
    assert.ok(!prop.some((g) => g.startsWith('CG102')));
    assert.ok(prop.some((g) => g.startsWith('CG101')));
    const eol = ids(res('', props.replace('LEGACY', 'LEGACY # cognito-guard-ignore CG101')), 't.yaml');
    assert.ok(!eol.some((g) => g.startsWith('CG101')));
  });

  it('Metadata in YAML and JSON', () => {
    const y = ids(res('    Metadata:\n      cognito-guard:\n        ignore: [CG101, CG102]\n', props), 't.yaml');
    assert.ok(!y.some((g) => /^CG10[12] /.test(g)), y.join());
    assert.ok(y.some((g) => g.startsWith('CG203')));
    const json = JSON.stringify(
      {
        Resources: {
          Client: {
            Type: 'AWS::Cognito::UserPoolClient',
            Metadata: { 'cognito-guard': { ignore: ['CG102', 'CG998'] } },
            Properties: { UserPoolId: 'us-east-1_abc', EnableTokenRevocation: false },
          },
        },
      },
      null,
      2,
    );
    const a = analyze(json, 't.json');
    assert.ok(!a.findings.some((f) => f.ruleId === 'CG102'));
    const unknown = a.findings.find((f) => f.ruleId === 'CG000');
    assert.equal(unknown?.severity, 'info');
    assert.match(unknown?.message ?? '', /CG998/);
  });
});

describe('configuration', () => {
  const known = ruleIds();
  it('reads severities and thresholds', () => {
    const { config, problems } = parseConfig(
      '{\n  // comments are fine\n  "rules": {"CG203": "off", "CG106": "error"},\n  "maxAccessTokenMinutes": 120,\n  "maxRefreshTokenDays": 7,\n  "authorizationAttributePatterns": ["Clearance"]\n}',
      '.cognito-guard.json',
      known,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, { CG203: 'off', CG106: 'error' });
    assert.equal(config.maxAccessTokenMinutes, 120);
    assert.deepEqual(config.authorizationAttributePatterns, ['clearance']);
  });

  it('reports a malformed file once, with its location, and keeps the defaults', () => {
    const { config, problems } = parseConfig('{\n  "rules": {"CG203": "off",\n}', '.cognito-guard.json', known);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.range.start.line, 2);
    assert.deepEqual(config, defaultConfig());
    const wrong = parseConfig(
      '{"rules": {"CG203": "loud", "XX1": "off"}, "maxRefreshTokenDays": "30", "colour": 1}',
      'c.json',
      known,
    );
    assert.deepEqual(
      wrong.problems.map((p) => p.range.start.character),
      [20, 28, 66, 72],
    );
    assert.equal(wrong.config.maxRefreshTokenDays, 30);
    assert.deepEqual(parseConfig('[1]', 'c.json', known).problems.length, 1);
  });

  it('is applied by the engine: severities, off, thresholds and patterns', () => {
    const src = TF(
      '',
      '  access_token_validity = 90\n  token_validity_units {\n    access_token = "minutes"\n  }\n  write_attributes = ["custom:clearance_level"]\n',
    );
    const base = analyze(src, 'main.tf').findings;
    assert.ok(base.some((f) => f.ruleId === 'CG106' && f.severity === 'warning'));
    assert.ok(!base.some((f) => f.ruleId === 'CG109'));
    const config = {
      ...defaultConfig(),
      rules: { CG106: 'error' as const, CG203: 'off' as const },
      authorizationAttributePatterns: ['clearance'],
    };
    const tuned = analyze(src, 'main.tf', { config }).findings;
    assert.ok(tuned.some((f) => f.ruleId === 'CG106' && f.severity === 'error'));
    assert.ok(!tuned.some((f) => f.ruleId === 'CG203'));
    assert.ok(tuned.some((f) => f.ruleId === 'CG109'));
    const relaxed = analyze(src, 'main.tf', { config: { ...defaultConfig(), maxAccessTokenMinutes: 90 } }).findings;
    assert.ok(!relaxed.some((f) => f.ruleId === 'CG106'));
  });

  it('the CLI finds .cognito-guard.json walking up, and --rule overrides it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-config-'));
    try {
      fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'a', 'b', 'main.tf'), TF('', '  enable_token_revocation = false\n'));
      fs.writeFileSync(
        path.join(dir, '.cognito-guard.json'),
        '{"rules": {"CG102": "error", "CG101": "off"}, "bogus": 1}',
      );
      const bin = path.join(ROOT, 'bin', 'cognito-guard.js');
      const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
      const r = run('--format', 'json', 'a');
      const j = JSON.parse(r.stdout) as { files: { findings: { ruleId: string; severity: string }[] }[] };
      const f = j.files[0]?.findings ?? [];
      assert.equal(f.find((x) => x.ruleId === 'CG102')?.severity, 'error');
      assert.ok(!f.some((x) => x.ruleId === 'CG101'));
      assert.equal(r.status, 1);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one message for the unknown setting');
      assert.match(r.stderr, /\.cognito-guard\.json:1:\d+: "bogus" is not a cognito-guard setting/);
      const o = run('--rule', 'CG102=off', '--rule=CG203=off', 'a');
      assert.equal(o.status, 0, o.stdout + o.stderr);
      assert.doesNotMatch(o.stdout, /CG102|CG203/);
      assert.equal(run('--config', 'missing.json', 'a').status, 2);
      assert.equal(run('--rule', 'CG102=loud', 'a').status, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
