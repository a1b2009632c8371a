/**
 * Claims checked against the sources (issue #11): what the service or provider accepts is never an
 * error, what it rejects is; hover text says what the current tools do; fixes say whether they are safe.
 * Each case names the source in docs/design/rule-semantics.md.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';
import { verifiedFindings } from '../../server/src/engine/verify';
import { fixAll } from '../../server/src/engine/fixall';
import type { Finding } from '../../server/src/core/rule';
import type { Fix } from '../../server/src/core/edits';

const POOL_TF = 'resource "aws_cognito_user_pool" "pool" {\n  name = "p"\n}\n';

function tf(body: string, type = 'aws_cognito_user_pool_client'): string {
  return `${POOL_TF}resource "${type}" "c" {\n  user_pool_id = aws_cognito_user_pool.pool.id\n${body}}\n`;
}

function yaml(props: string): string {
  return `Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: !Ref Pool\n${props}`;
}

function of(a: Analysis, rule: string): Finding[] {
  return a.findings.filter((f) => f.ruleId === rule);
}

/** The quick fixes of a finding (not the ignore fixes every finding has). */
function quick(f: Finding | undefined): Fix[] {
  return (f?.fixes ?? []).filter((x) => x.kind === 'quickfix');
}

function errors(a: Analysis): string[] {
  return a.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);
}

function hover(text: string, file: string, needle: string, delta = 1): string {
  const a = analyze(text, file);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const h = hoverAt(a, at + delta);
  assert.ok(h, `no hover at ${needle}`);
  return h.markdown;
}

describe('CG007 claims only what the service rejects', () => {
  it('URLs without the OAuth switch are accepted: an info, not an error (absent and false)', () => {
    const urls =
      '  name = "c"\n  callback_urls = ["https://a.example.com/cb"]\n  logout_urls = ["https://a.example.com/out"]\n  default_redirect_uri = "https://a.example.com/cb"\n';
    for (const flag of ['', '  allowed_oauth_flows_user_pool_client = false\n']) {
      const a = analyze(tf(urls + flag), 'main.tf');
      assert.deepEqual(errors(a), []);
      const f = of(a, 'CG007');
      assert.equal(f.length, 1);
      assert.equal(f[0]?.severity, 'info');
      assert.match(f[0]?.message ?? '', /no effect/);
      assert.deepEqual(quick(f[0]), []);
    }
  });

  it('flows or scopes with OAuth off are stored but useless: a warning whose fix is not safe', () => {
    const text = tf(
      '  name = "c"\n  allowed_oauth_flows = ["code"]\n  allowed_oauth_scopes = ["openid"]\n  callback_urls = ["https://a.example.com/cb"]\n',
    );
    const a = analyze(text, 'main.tf');
    const f = of(a, 'CG007');
    assert.deepEqual(
      f.map((x) => x.severity),
      ['warning'],
    );
    assert.equal(quick(f[0])[0]?.safe, false);
    assert.equal(fixAll(text, 'main.tf').applied.filter((x) => x.ruleId === 'CG007').length, 0);
  });

  it('OAuth on without identity providers is accepted: CG207 info with an unsafe fix, no CG007', () => {
    const body =
      '  name = "c"\n  allowed_oauth_flows_user_pool_client = true\n  allowed_oauth_flows = ["code", "implicit"]\n  allowed_oauth_scopes = ["openid", "email"]\n  callback_urls = ["https://a.example.com/cb"]\n';
    for (const type of ['aws_cognito_user_pool_client', 'aws_cognito_managed_user_pool_client']) {
      const a = analyze(
        tf(body.replace('  name = "c"\n', type.includes('managed') ? '  name_prefix = "x"\n' : '  name = "c"\n'), type),
        'main.tf',
      );
      assert.deepEqual(of(a, 'CG007'), [], type);
      const f = of(a, 'CG207');
      assert.equal(f.length, 1, type);
      assert.equal(f[0]?.severity, 'info');
      assert.equal(quick(f[0])[0]?.safe, false);
    }
  });

  it('a client_credentials client needs no provider, has a secret without CG113, and user scopes are warned', () => {
    const text = tf(
      '  name = "c"\n  generate_secret = true\n  allowed_oauth_flows_user_pool_client = true\n  allowed_oauth_flows = ["client_credentials"]\n  allowed_oauth_scopes = ["api/read", "aws.cognito.signin.user.admin"]\n',
    );
    const a = analyze(text, 'main.tf');
    assert.deepEqual(of(a, 'CG207'), []);
    assert.deepEqual(of(a, 'CG113'), []);
    const scope = of(a, 'CG007');
    assert.deepEqual(
      scope.map((x) => [x.severity, text.slice(x.span.start, x.span.end)]),
      [['warning', '"aws.cognito.signin.user.admin"']],
    );
  });

  it('still reports what the service rejects as errors', () => {
    const mixed = analyze(
      tf(
        '  name = "c"\n  generate_secret = true\n  allowed_oauth_flows_user_pool_client = true\n  allowed_oauth_flows = ["client_credentials", "code"]\n  allowed_oauth_scopes = ["api/read"]\n',
      ),
      'main.tf',
    );
    const msgs = of(mixed, 'CG007').filter((x) => x.severity === 'error');
    assert.ok(msgs.some((x) => /cannot share a client/.test(x.message)));
    assert.ok(msgs.some((x) => /callback/.test(x.message)));
    const empty = analyze(tf('  name = "c"\n  allowed_oauth_flows_user_pool_client = true\n'), 'main.tf');
    assert.equal(of(empty, 'CG007').filter((x) => x.severity === 'error').length, 2);
  });
});

describe('ALLOW_CLIENT_TOKEN_AUTH', () => {
  it('is an error for both Terraform resources (terraform plan refuses it) and a warning in CloudFormation', () => {
    for (const type of ['aws_cognito_user_pool_client', 'aws_cognito_managed_user_pool_client']) {
      const head = type.includes('managed') ? '  name_prefix = "x"\n' : '  name = "c"\n';
      const a = analyze(
        tf(`${head}  generate_secret = true\n  explicit_auth_flows = ["ALLOW_CLIENT_TOKEN_AUTH"]\n`, type),
        'main.tf',
      );
      const f = of(a, 'CG004');
      assert.equal(f.length, 1, type);
      assert.equal(f[0]?.severity, 'error');
      assert.match(f[0]?.message ?? '', /terraform plan/);
    }
    const y = analyze(
      yaml('      GenerateSecret: true\n      ExplicitAuthFlows: [ALLOW_CLIENT_TOKEN_AUTH]\n'),
      't.yaml',
    );
    assert.deepEqual(
      of(y, 'CG004').map((x) => x.severity),
      ['warning'],
    );
    assert.deepEqual(errors(y), []);
  });

  it('warns when it shares the list with other flows, and when the client has no secret', () => {
    const y = analyze(yaml('      ExplicitAuthFlows: [ALLOW_CLIENT_TOKEN_AUTH, ALLOW_USER_SRP_AUTH]\n'), 't.yaml');
    assert.deepEqual(
      of(y, 'CG006').map((x) => x.severity),
      ['warning'],
    );
    assert.deepEqual(
      of(y, 'CG008').map((x) => x.severity),
      ['warning'],
    );
    assert.deepEqual(errors(y), []);
  });
});

describe('token lifetimes', () => {
  it('the refresh hover no longer says Terraform takes a raw 0', () => {
    const md = hover(tf('  name = "c"\n  refresh_token_validity = 30\n'), 'main.tf', 'refresh_token_validity');
    assert.doesNotMatch(md, /Terraform accept/);
    assert.match(md, /Terraform provider refuses anything under 60 minutes/);
  });

  it('hover gives the allowed range in every unit', () => {
    const access = hover(tf('  name = "c"\n  access_token_validity = 1\n'), 'main.tf', 'access_token_validity');
    assert.match(access, /300 to 86,400 seconds, 5 to 1,440 minutes, 1 to 24 hours, 1 day\./);
    const refresh = hover(tf('  name = "c"\n  refresh_token_validity = 30\n'), 'main.tf', 'refresh_token_validity');
    assert.match(refresh, /60 to 5,256,000 minutes, 1 to 87,600 hours, 1 to 3,650 days\./);
  });

  it('access or ID tokens outliving the refresh token are a warning, not a claimed rejection', () => {
    const a = analyze(
      tf(
        '  name = "c"\n  access_token_validity = 12\n  refresh_token_validity = 2\n  token_validity_units {\n    access_token  = "hours"\n    refresh_token = "hours"\n  }\n',
      ),
      'main.tf',
    );
    const f = of(a, 'CG005');
    assert.deepEqual(
      f.map((x) => x.severity),
      ['warning'],
    );
    assert.doesNotMatch(f[0]?.message ?? '', /rejects/);
  });
});

describe('hover text', () => {
  it('CloudFormation links of nested properties point at their own pages', () => {
    const text = yaml(
      '      TokenValidityUnits:\n        AccessToken: minutes\n      RefreshTokenRotation:\n        Feature: DISABLED\n',
    );
    assert.match(
      hover(text, 't.yaml', 'AccessToken:'),
      /aws-properties-cognito-userpoolclient-tokenvalidityunits\.html#cfn-cognito-userpoolclient-tokenvalidityunits-accesstoken/,
    );
    assert.match(
      hover(text, 't.yaml', 'Feature:'),
      /aws-properties-cognito-userpoolclient-refreshtokenrotation\.html#cfn-cognito-userpoolclient-refreshtokenrotation-feature/,
    );
    assert.match(
      hover(text, 't.yaml', 'TokenValidityUnits:'),
      /aws-resource-cognito-userpoolclient\.html#cfn-cognito-userpoolclient-tokenvalidityunits\)/,
    );
  });

  it("the managed client's name is read-only, not required", () => {
    const md = hover(
      tf('  name_prefix = "x"\n  name = "n"\n', 'aws_cognito_managed_user_pool_client'),
      'main.tf',
      'name = "n"',
    );
    assert.match(md, /Read-only/);
    assert.doesNotMatch(md, /default: Terraform requires it/);
    assert.doesNotMatch(md, /· required/);
  });

  it('a resolved value says where it came from once', () => {
    const text = `variable "days" {\n  default = 30\n}\n${tf('  name = "c"\n  refresh_token_validity = var.days\n')}`;
    const md = hover(text, 'main.tf', 'var.days', 2);
    assert.equal(md.split('var.days').length - 1, 1, md);
    assert.match(md, /\*\*30 days\*\*/);
    assert.doesNotMatch(md, /30 days.*30 days/s);
  });
});

describe('the analytics application ARN', () => {
  const arn = (a: string): string =>
    tf(`  name = "c"\n  analytics_configuration {\n    application_arn = "${a}"\n  }\n`);
  it('needs digits in the account field', () => {
    assert.equal(of(analyze(arn('arn:aws:mobiletargeting:us-east-1::apps/abc'), 'main.tf'), 'CG004').length, 1);
    assert.equal(of(analyze(arn('arn:aws:mobiletargeting:us-east-1:acct:apps/abc'), 'main.tf'), 'CG004').length, 1);
    assert.deepEqual(
      of(analyze(arn('arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc'), 'main.tf'), 'CG004'),
      [],
    );
  });
});

describe('fixes say whether they are safe', () => {
  it('CG011 and CG206 fixes are not safe', () => {
    const text = tf(
      '  name = "c"\n  explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]\n  refresh_token_rotation {\n    feature = "ENABLED"\n  }\n  analytics_configuration {\n    application_arn  = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc"\n    user_data_shared = true\n  }\n',
    );
    const a = analyze(text, 'main.tf');
    for (const rule of ['CG011', 'CG206']) {
      const f = of(a, rule);
      assert.equal(f.length, 1, rule);
      assert.ok(quick(f[0]).length, rule);
      assert.ok(
        quick(f[0]).every((x) => !x.safe),
        rule,
      );
    }
    const applied = fixAll(text, 'main.tf').applied.map((x) => x.ruleId);
    assert.ok(!applied.includes('CG011') && !applied.includes('CG206'), applied.join());
  });

  it('a rename that brings out a finding is offered, not as a safe fix, and says what it brings out', () => {
    const text = tf(
      '  name = "c"\n  prevent_user_existence_errors = "ENABLED"\n  allowed_oauth_flows_user_pool_client = true\n  allowed_oauth_flows = ["code"]\n  allowed_oauth_scopes = ["openid"]\n  callback_urls = ["https://a.example.com/cb"]\n  supported_identity_providers = ["COGNITO"]\n  enable_token_revocaton = false\n',
    );
    const a = analyze(text, 'main.tf');
    const f = verifiedFindings(text, 'main.tf', {}, a).find((x) => x.ruleId === 'CG001');
    assert.ok(f);
    const rename = quick(f).find((x) => /Rename/.test(x.title));
    assert.ok(
      rename,
      quick(f)
        .map((x) => x.title)
        .join('; '),
    );
    assert.equal(rename.safe, false);
    assert.match(rename.title, /then reported by CG102/);
    assert.ok(!fixAll(text, 'main.tf').applied.some((x) => x.ruleId === 'CG001'));
  });

  it('a rename that reveals nothing stays safe', () => {
    const text = tf('  name = "c"\n  prevent_user_existance_errors = "ENABLED"\n');
    const a = analyze(text, 'main.tf');
    const f = verifiedFindings(text, 'main.tf', {}, a).find((x) => x.ruleId === 'CG001');
    const rename = quick(f).find((x) => /Rename/.test(x.title));
    assert.ok(rename);
    assert.equal(rename.safe, true);
  });

  it('a callback URL with a #fragment gets an unsafe fix that drops it, or drops the URL if the bare one is listed', () => {
    const one = tf('  name = "c"\n  callback_urls = ["https://a.example.com/cb#x"]\n');
    const f1 = verifiedFindings(one, 'main.tf', {}, analyze(one, 'main.tf')).find((x) => x.ruleId === 'CG009');
    assert.equal(quick(f1).length, 1);
    assert.equal(quick(f1)[0]?.safe, false);
    assert.match(quick(f1)[0]?.title ?? '', /without the fragment/);
    const two = tf('  name = "c"\n  callback_urls = ["https://a.example.com/cb#x", "https://a.example.com/cb"]\n');
    const f2 = verifiedFindings(two, 'main.tf', {}, analyze(two, 'main.tf')).find((x) => x.ruleId === 'CG009');
    assert.match(quick(f2)[0]?.title ?? '', /^Remove .* is already listed/);
  });
});
