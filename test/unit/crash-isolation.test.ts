/**
 * Crash isolation: a rule that throws is reported once, with its id and the file, in `internalErrors`,
 * and every other rule still reports. Each rule in turn is made to throw (its `check` replaced in the
 * RULES registry and restored after), in every dialect; then the CLI, as a real process with the same
 * patch preloaded, prints the internal error as one line and still reports the other findings.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import type { Rule } from '../../server/src/core/rule';
import { RULES } from '../../server/src/rules';
import { ROOT } from './helpers';

/** Two clients per file, so that a rule that throws on both is still reported once. */
const DOCS: Record<string, string> = {
  'main.tf': `resource "aws_cognito_user_pool_client" "web" {
  name                          = "web"
  user_pool_id                  = "us-east-1_abc"
  prevent_user_existence_errors = "LEGACY"
  explicit_auth_flows           = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  enable_token_revocation       = false
  access_token_validity         = 2
}

resource "aws_cognito_user_pool_client" "mobile" {
  name                          = "mobile"
  user_pool_id                  = "us-east-1_abc"
  prevent_user_existence_errors = "LEGACY"
  allowed_oauth_flows           = ["implicit"]
}
`,
  'stack.yaml': `Resources:
  Web:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      PreventUserExistenceErrors: LEGACY
      ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      EnableTokenRevocation: false
  Mobile:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      AllowedOAuthFlows: [implicit]
`,
  'stack.json': JSON.stringify(
    {
      Resources: {
        Web: {
          Type: 'AWS::Cognito::UserPoolClient',
          Properties: {
            UserPoolId: 'us-east-1_abc',
            PreventUserExistenceErrors: 'LEGACY',
            ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            EnableTokenRevocation: false,
          },
        },
        Mobile: {
          Type: 'AWS::Cognito::UserPoolClient',
          Properties: { UserPoolId: 'us-east-1_abc', AllowedOAuthFlows: ['implicit'] },
        },
      },
    },
    null,
    2,
  ),
  'main.tf.json': JSON.stringify(
    {
      resource: {
        aws_cognito_user_pool_client: {
          web: {
            name: 'web',
            user_pool_id: 'us-east-1_abc',
            prevent_user_existence_errors: 'LEGACY',
            explicit_auth_flows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          },
          mobile: { name: 'mobile', user_pool_id: 'us-east-1_abc', allowed_oauth_flows: ['implicit'] },
        },
      },
    },
    null,
    2,
  ),
};

const key = (a: Analysis): string[] =>
  a.findings.map((f) => `${f.ruleId} ${f.resource ?? ''} ${f.span.start}-${f.span.end} ${f.message}`);

/** Runs `fn` with `rule.check` replaced by one that throws, restoring it after. */
function withThrowing<T>(rule: Rule, fn: () => T): T {
  const original = Object.getOwnPropertyDescriptor(rule, 'check');
  let calls = 0;
  rule.check = () => {
    calls++;
    throw new TypeError(`boom ${calls} from the test`);
  };
  try {
    return fn();
  } finally {
    if (original) Object.defineProperty(rule, 'check', original);
  }
}

describe('crash isolation', () => {
  for (const [file, text] of Object.entries(DOCS)) {
    it(`${file}: each rule in turn throws; it is reported once and the other rules still report`, () => {
      const fileName = path.join(os.tmpdir(), 'ws', file);
      const normal = analyze(text, fileName);
      assert.deepEqual(normal.internalErrors, []);
      assert.equal(normal.model?.clients.length, 2);
      const ran = new Set(normal.findings.map((f) => f.ruleId));
      assert.ok(ran.size >= 4, `${[...ran].join(', ')}`);
      let checked = 0;
      for (const rule of RULES) {
        const applies = normal.model?.clients.some((c) => !rule.appliesTo || rule.appliesTo.includes(c.kind));
        if (!applies) continue;
        const a = withThrowing(rule, () => analyze(text, fileName));
        checked++;
        assert.equal(a.internalErrors.length, 1, `${rule.id}: ${JSON.stringify(a.internalErrors)}`);
        const e = a.internalErrors[0];
        assert.equal(e?.where, `rule ${rule.id}`);
        assert.match(e?.message ?? '', /^boom 1 from the test \(while checking \S+ in .+\)$/);
        assert.ok(e?.message.includes(fileName), `the file is named: ${e?.message}`);
        // every other rule reports exactly what it reports when nothing throws
        assert.deepEqual(
          key(a),
          key(normal).filter((k) => !k.startsWith(`${rule.id} `)),
          `${rule.id} threw: the other findings changed`,
        );
      }
      assert.ok(checked >= 30, `${checked} rules checked`);
      // restored: the registry is as it was
      assert.deepEqual(key(analyze(text, fileName)), key(normal));
    });
  }

  it('the CLI prints the internal error as one line and still reports the other findings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-crash-'));
    try {
      // an error finding besides CG101's (an out-of-range session length) must still decide the exit code
      fs.writeFileSync(
        path.join(dir, 'main.tf'),
        (DOCS['main.tf'] ?? '').replace(
          '  access_token_validity         = 2\n',
          '  access_token_validity         = 2\n  auth_session_validity         = 99\n',
        ),
      );
      const preload = path.join(dir, 'throw-cg101.js');
      const registry = path.join(ROOT, 'out', 'server', 'src', 'rules', 'index.js');
      fs.writeFileSync(
        preload,
        `const { RULES } = require(${JSON.stringify(registry)});\n` +
          `RULES.find((r) => r.id === 'CG101').check = () => { throw new Error('boom from a preload'); };\n`,
      );
      const r = spawnSync(
        process.execPath,
        ['--require', preload, path.join(ROOT, 'bin', 'cognito-guard.js'), 'main.tf'],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', COGNITO_GUARD_FROM: 'out' },
        },
      );
      assert.equal(
        r.stderr,
        `cognito-guard: internal error in rule CG101: boom from a preload (while checking web in main.tf)\n`,
      );
      assert.equal(r.status, 1, 'the other findings decide the exit code');
      assert.doesNotMatch(r.stdout, /\[CG101\]/);
      for (const id of ['CG102', 'CG103', 'CG104', 'CG106']) assert.match(r.stdout, new RegExp(`\\[${id}\\]`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
