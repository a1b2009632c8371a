/**
 * Engine behaviour across dialects: where findings land (UTF-16 positions, CRLF, BOM, tabs), how values
 * are resolved and reported with their origin, what counts as a template, and syntax-error recovery.
 * Carets (`|`) in the sources mark where findings must start.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { LineIndex } from '../../server/src/core/text';
import { withCarets } from './helpers';

function expectAt(
  marked: string,
  fileName: string,
  ruleId: string,
  opts: { tfvars?: { fileName: string; text: string }[] } = {},
): string[] {
  const { text, offsets } = withCarets(marked);
  const a = analyze(text, fileName, opts);
  assert.deepEqual(a.internalErrors, []);
  const got = a.findings.filter((f) => f.ruleId === ruleId);
  assert.deepEqual(
    got.map((f) => f.span.start),
    offsets,
    `findings of ${ruleId}:\n${got.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`).join('\n')}`,
  );
  return got.map((f) => f.message);
}

const TF_HEAD =
  'resource "aws_cognito_user_pool_client" "web" {\n  name         = "web"\n  user_pool_id = "us-east-1_abc"\n';

describe('positions', () => {
  it('LineIndex counts UTF-16 code units and every line ending', () => {
    const l = new LineIndex('\uFEFFa\r\nb😀c\rd\ne');
    assert.deepEqual(l.position(0), { line: 0, character: 0 });
    assert.deepEqual(l.position(4), { line: 1, character: 0 });
    assert.deepEqual(l.position(7), { line: 1, character: 3 }); // after the emoji (2 units)
    assert.deepEqual(l.position(9), { line: 2, character: 0 });
    assert.deepEqual(l.position(11), { line: 3, character: 0 });
    assert.equal(l.offset({ line: 1, character: 3 }), 7);
  });

  it('LineIndex gives every offset the same position with and without a \\r in the text', () => {
    // a text without \r takes the fast path; the same lines with one \r added at the end take the other
    const text = 'a\n\nbc\n😀\nd' + '\n'.repeat(3) + 'ef';
    const fast = new LineIndex(text);
    const slow = new LineIndex(text + '\r');
    assert.equal(fast.lineCount, 8);
    assert.equal(slow.lineCount, fast.lineCount + 1);
    for (let o = 0; o <= text.length; o++) {
      // the reference: count the \n before the offset, and the units since the last one
      const before = text.slice(0, o);
      const expected = { line: before.split('\n').length - 1, character: o - (before.lastIndexOf('\n') + 1) };
      assert.deepEqual(fast.position(o), expected, `offset ${o}`);
      assert.deepEqual(slow.position(o), expected, `offset ${o} (slow path)`);
      assert.equal(fast.offset(expected), o);
    }
  });

  it('non-ASCII text and tabs before a value do not shift it (HCL)', () => {
    expectAt(TF_HEAD + '  # café 😀\n  prevent_user_existence_errors\t=\t|"Enabled" # é😀\n}\n', 'main.tf', 'CG004');
  });

  it('CRLF and a BOM do not shift findings (YAML)', () => {
    const marked =
      '\uFEFFResources:\r\n  Client:\r\n    Type: AWS::Cognito::UserPoolClient\r\n    Properties:\r\n      UserPoolId: us-east-1_abc\r\n      ClientName: web # é😀\r\n      AuthSessionValidity: |99\r\n';
    const { text, offsets } = withCarets(marked);
    const a = analyze(text, 't.yaml');
    const f = a.findings.find((x) => x.ruleId === 'CG004');
    assert.ok(f);
    assert.equal(f.span.start, offsets[0]);
    assert.deepEqual(f.range.start, { line: 6, character: 27 });
    assert.deepEqual(f.range.end, { line: 6, character: 29 });
  });

  it('CRLF in JSON', () => {
    expectAt(
      '{\r\n  "Resources": {\r\n    "C": {\r\n      "Type": "AWS::Cognito::UserPoolClient",\r\n      "Properties": { "UserPoolId": "x_y", "AuthSessionValidity": |1 }\r\n    }\r\n  }\r\n}\r\n',
      't.json',
      'CG004',
    );
  });
});

describe('value resolution (Terraform)', () => {
  it('a variable default, reported where it is used, with its origin', () => {
    const msgs = expectAt(
      'variable "hours" {\n  default = 48\n}\n' + TF_HEAD + '  access_token_validity = |var.hours\n}\n',
      'main.tf',
      'CG005',
    );
    assert.match(msgs[0] ?? '', /default of 'var.hours'/);
  });

  it('terraform.tfvars overrides the default; *.auto.tfvars override terraform.tfvars', () => {
    const src = 'variable "hours" {\n  default = 1\n}\n' + TF_HEAD + '  access_token_validity = |var.hours\n}\n';
    const msgs = expectAt(src, '/p/main.tf', 'CG005', {
      tfvars: [{ fileName: '/p/terraform.tfvars', text: 'hours = 30\n' }],
    });
    assert.match(msgs[0] ?? '', /terraform\.tfvars/);
    expectAt(src.replace('|', ''), '/p/main.tf', 'CG005', {
      tfvars: [
        { fileName: '/p/z.auto.tfvars', text: 'hours = 2\n' },
        { fileName: '/p/terraform.tfvars', text: 'hours = 30\n' },
      ],
    });
  });

  it('locals, "${...}" interpolation and lists from variables', () => {
    const msgs = expectAt(
      'locals {\n  mode = "Legacy"\n}\nvariable "flows" {\n  default = ["ALLOW_USER_SRP_AUTH", "USER_PASSWORD_AUTH"]\n}\n' +
        TF_HEAD +
        '  prevent_user_existence_errors = |"${local.mode}"\n  explicit_auth_flows = var.flows\n}\n',
      'main.tf',
      'CG004',
    );
    assert.match(msgs[0] ?? '', /'local.mode'/);
    expectAt(
      'variable "flows" {\n  default = ["ALLOW_USER_SRP_AUTH", "USER_PASSWORD_AUTH"]\n}\n' +
        TF_HEAD +
        '  explicit_auth_flows = |var.flows\n}\n',
      'main.tf',
      'CG006',
    );
  });

  it('unknown values never produce a finding', () => {
    expectAt(
      TF_HEAD +
        '  access_token_validity = var.nope\n  id_token_validity = each.value.h\n  refresh_token_validity = local.missing\n  explicit_auth_flows = concat(["USER_PASSWORD_AUTH"], var.more)\n  callback_urls = ["http://${var.host}/cb"]\n  prevent_user_existence_errors = lookup(var.m, "x")\n}\n',
      'main.tf',
      'CG005',
    );
    const a = analyze(
      TF_HEAD +
        '  access_token_validity = var.nope\n  explicit_auth_flows = concat(["USER_PASSWORD_AUTH"], var.more)\n  callback_urls = ["http://${var.host}/cb"]\n  prevent_user_existence_errors = lookup(var.m, "x")\n' +
        '  allowed_oauth_flows_user_pool_client = true\n  allowed_oauth_flows = ["code"]\n  allowed_oauth_scopes = ["openid"]\n  supported_identity_providers = ["COGNITO"]\n}\n',
      'main.tf',
    );
    assert.deepEqual(
      a.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId),
      [],
    );
  });

  it('a self-referencing local does not loop', () => {
    const a = analyze(
      'locals {\n  a = local.b\n  b = local.a\n}\n' + TF_HEAD + '  access_token_validity = local.a\n}\n',
      'main.tf',
    );
    assert.deepEqual(a.internalErrors, []);
  });
});

describe('value resolution (CloudFormation)', () => {
  const head =
    'Resources:\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: us-east-1_abc\n';
  it('!Ref to a parameter Default, at the tag', () => {
    const msgs = expectAt(
      'Parameters:\n  Mode:\n    Type: String\n    Default: on\n' +
        head +
        '      PreventUserExistenceErrors: |!Ref Mode\n',
      't.yaml',
      'CG004',
    );
    assert.match(msgs[0] ?? '', /parameter 'Mode'/);
  });

  it('{"Ref": ...} in JSON, at the brace', () => {
    expectAt(
      '{"Parameters": {"H": {"Type": "Number", "Default": 48}},\n "Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "a_b", "IdTokenValidity": |{"Ref": "H"}}}}}\n',
      't.json',
      'CG005',
    );
  });

  it('!Sub over parameters, !If branches, AWS::NoValue', () => {
    expectAt(
      'Parameters:\n  Host:\n    Type: String\n    Default: shop.example.com\n' +
        head +
        '      CallbackURLs:\n        - |!Sub "http://${Host}/cb"\n        - !Sub "https://${AWS::Region}.example.com/cb"\n',
      't.yaml',
      'CG009',
    );
    expectAt(
      'Conditions:\n  P: !Equals [a, a]\n' + head + '      AccessTokenValidity: !If [P, 1, |48]\n',
      't.yaml',
      'CG005',
    );
    expectAt(head + '      AccessTokenValidity: !If [P, !Ref AWS::NoValue, |0]\n', 't.yaml', 'CG005');
  });

  it('Serverless variables: a missing self path is unknown, an opt fallback is the value', () => {
    const src =
      'service: shop\nprovider:\n  name: aws\nresources:\n  Resources:\n    Client:\n      Type: AWS::Cognito::UserPoolClient\n      Properties:\n        UserPoolId: us-east-1_abc\n        CallbackURLs:\n          - http://${self:custom.host}/cb\n        AccessTokenValidity: ${opt:hours, 48}\n        PreventUserExistenceErrors: |Legacy\n';
    expectAt(src, 'serverless.yml', 'CG004');
    const a = analyze(src.replace('|', ''), 'serverless.yml');
    // ${opt:hours, 48}: no option is given, so Serverless deploys the fallback, 48 hours (over 1 day)
    assert.deepEqual(
      a.findings
        .filter((f) => f.severity === 'error' && f.ruleId !== 'CG007')
        .map((f) => `${f.ruleId} ${f.range.start.line + 1}`),
      ['CG005 12', 'CG004 13'],
    );
    assert.ok(!a.findings.some((f) => f.range.start.line === 10), 'nothing on the URL with an unknown host');
  });

  it('an alias is reported where it is used; an alias bomb stays cheap', () => {
    expectAt(
      head + '      X-Flows: &f [ALLOW_USER_SRP_AUTH, USER_PASSWORD_AUTH]\n      ExplicitAuthFlows: |*f\n',
      't.yaml',
      'CG006',
    );
    const bomb =
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n' +
      head +
      '      ExplicitAuthFlows: *g\n';
    const a = analyze(bomb, 't.yaml');
    assert.deepEqual(a.internalErrors, []);
  });
});

describe('what is a template', () => {
  it('reads plain CloudFormation, SAM, Serverless and CDK output, and says why', () => {
    const client = '    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: a_b\n';
    assert.match(analyze('Resources:\n  C:\n' + client, 'a.yaml').reason, /CloudFormation/);
    assert.equal(
      analyze('Transform: AWS::Serverless-2016-10-31\nResources:\n  C:\n' + client, 'a.yaml').model?.flavor,
      'sam',
    );
    assert.equal(
      analyze('Resources:\n  C:\n' + client + '    Metadata:\n      aws:cdk:path: S/C/Resource\n', 'a.yaml').model
        ?.flavor,
      'cdk',
    );
  });

  it('ignores YAML and JSON that are not templates, even when they mention the type', () => {
    const compose =
      'services:\n  app:\n    image: x\n    environment:\n      TYPE: AWS::Cognito::UserPoolClient\n      PreventUserExistenceErrors: LEGACY\n';
    const a = analyze(compose, 'docker-compose.yml');
    assert.equal(a.isTemplate, false);
    assert.deepEqual(a.findings, []);
    const pkg = analyze(
      '{"name": "x", "config": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {}}}',
      'package.json',
    );
    assert.equal(pkg.isTemplate, false);
    assert.deepEqual(pkg.findings, []);
  });

  it('a commented-out Terraform client is not a client', () => {
    const a = analyze(
      '# resource "aws_cognito_user_pool_client" "x" {\n#   access_token_validity = 999\n# }\n',
      'main.tf',
    );
    assert.deepEqual(a.findings, []);
    assert.equal(a.model?.clients.length, 0);
  });
});

describe('syntax errors (CG000)', () => {
  it('are reported at their location while findings elsewhere still appear (HCL)', () => {
    const src =
      TF_HEAD +
      '  explicit_auth_fl\n}\n' +
      'resource "aws_cognito_user_pool_client" "b" {\n  name = "b"\n  user_pool_id = "x_y"\n  auth_session_validity = 99\n}\n';
    const a = analyze(src, 'main.tf');
    assert.deepEqual(
      a.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.range.start.line + 1}`),
      ['CG000 4', 'CG004 9'],
    );
  });

  it('YAML: a half-typed key keeps the rest', () => {
    const src =
      'Resources:\n  A:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: a_b\n      Generat\n      AuthSessionValidity: 99\n' +
      '  B:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: a_b\n      AuthSessionValidity: 99\n';
    const a = analyze(src, 't.yaml');
    // The half-typed key swallows the next line (that is YAML); no finding is made up from the broken key,
    // and the next resource is still checked.
    assert.deepEqual(
      a.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.range.start.line + 1}`),
      ['CG000 6', 'CG004 12'],
    );
  });

  it('JSON: a missing comma keeps the rest', () => {
    const src =
      '{"Resources": {"A": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "a_b" "AuthSessionValidity": 99}}}}';
    const a = analyze(src, 't.json');
    assert.deepEqual(
      a.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId),
      ['CG000', 'CG004'],
    );
  });
});

describe('resources around the client', () => {
  it('Terraform: outputs, identity providers, SSM parameters and function environments are in the model', () => {
    const src =
      TF_HEAD +
      '}\n' +
      'output "secret" {\n  value     = aws_cognito_user_pool_client.web.client_secret\n  sensitive = true\n}\n' +
      'resource "aws_ssm_parameter" "p" {\n  type  = "String"\n  value = aws_cognito_user_pool_client.web.client_secret\n}\n' +
      'resource "aws_lambda_function" "f" {\n  environment {\n    variables = { SECRET = aws_cognito_user_pool_client.web.client_secret }\n  }\n  depends_on = [aws_cognito_identity_provider.google]\n}\n';
    const m = analyze(src, 'main.tf').model;
    assert.ok(m);
    const out = m.outputs[0];
    assert.equal(out?.name, 'secret');
    assert.deepEqual(out?.value.k === 'unknown' && out.value.ref, {
      type: 'aws_cognito_user_pool_client',
      name: 'web',
      attr: 'client_secret',
    });
    assert.deepEqual(
      m.resources.map((r) => `${r.type}.${r.name}`),
      ['aws_ssm_parameter.p', 'aws_lambda_function.f'],
    );
    const fn = m.resources[1];
    assert.deepEqual(fn?.dependsOn, [{ type: 'aws_cognito_identity_provider', name: 'google' }]);
    const env = fn?.body.k === 'map' ? fn.body.entries.find((e) => e.key === 'environment')?.value : undefined;
    const vars = env?.k === 'map' ? env.entries.find((e) => e.key === 'variables')?.value : undefined;
    const secret = vars?.k === 'map' ? vars.entries[0]?.value : undefined;
    assert.equal(secret?.k === 'unknown' && secret.ref?.attr, 'client_secret');
  });

  it('CloudFormation: Outputs with Export and other resources with DependsOn', () => {
    const src =
      'Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: a_b\n' +
      '  P:\n    Type: AWS::SSM::Parameter\n    DependsOn: [C]\n    Properties:\n      Type: String\n      Value: !GetAtt C.ClientSecret\n' +
      'Outputs:\n  S:\n    Value: !GetAtt C.ClientSecret\n    Export:\n      Name: s\n';
    const m = analyze(src, 't.yaml').model;
    assert.ok(m);
    assert.deepEqual(
      m.outputs.map((o) => [o.name, o.exported, o.value.k === 'unknown' && o.value.ref?.attr]),
      [['S', true, 'ClientSecret']],
    );
    assert.deepEqual(
      m.resources.map((r) => [r.type, r.dependsOn]),
      [['AWS::SSM::Parameter', [{ name: 'C' }]]],
    );
  });
});

describe('hostile documents', () => {
  it('JSON nested 50,000 levels deep gives one clear syntax finding, no crash', () => {
    const v = `{"Resources":{"C":{"Type":"AWS::Cognito::UserPoolClient","Properties":{"X":${'['.repeat(50000)}${']'.repeat(50000)}}}}}`;
    const a = analyze(v, 't.json');
    assert.deepEqual(a.internalErrors, []);
    assert.deepEqual(
      a.findings.map((f) => f.ruleId),
      ['CG000'],
    );
    assert.match(a.findings[0]?.message ?? '', /nested more than 1000 levels/);
  });

  it('NUL bytes and a 5 MB line do not crash', () => {
    const head = 'Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: a_b\n';
    assert.deepEqual(analyze(head.replace('a_b', 'a\0b') + '\0\0\0', 't.yaml').internalErrors, []);
    assert.deepEqual(analyze(head + '      X: ' + 'a'.repeat(5_000_000) + '\n', 't.yaml').internalErrors, []);
  });
});
