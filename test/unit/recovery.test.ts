/**
 * Files with a syntax error, and valid files in shapes strict parsers refuse (issue #11): one clear
 * message per broken spot in our words, no guesses about what is missing in a client the parser could
 * not read whole, and lenient reading where CloudFormation and Terraform are lenient.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { joinUnderIndentedFlowLines } from '../../server/src/parse/cfn';

function syntax(a: Analysis): string[] {
  return a.findings
    .filter((f) => f.ruleId === 'CG000')
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

/** Findings at the client's name: by the contract, the ones about something missing. */
function atName(a: Analysis): string[] {
  const c = a.model?.clients[0];
  assert.ok(c, 'no client');
  return a.findings.filter((f) => f.span.start === c.nameSpan.start).map((f) => f.ruleId);
}

const HALF_YAML = `Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      AllowedOAuthFlows: [implicit
      CallbackURLs:
      - https://x.example.com
`;

describe('a client with a syntax error', () => {
  it('YAML: one message in our words at the open bracket, and nothing about what is missing', () => {
    const a = analyze(HALF_YAML, 't.yaml');
    assert.deepEqual(syntax(a), [
      '8:26 This list is not closed: add "]" after its last item (and keep its lines indented under the key).',
    ]);
    assert.deepEqual(atName(a), []);
    assert.ok(!a.findings.some((f) => /is not set/.test(f.message)), a.findings.map((f) => f.message).join('\n'));
  });

  it('HCL: one message, and nothing about what is missing', () => {
    const a = analyze(
      'resource "aws_cognito_user_pool_client" "c" {\n  name = "c"\n  user_pool_id = "a_b"\n  allowed_oauth_flows = ["implicit"\n  callback_urls = ["https://x.example.com"]\n}\n',
      'main.tf',
    );
    assert.equal(syntax(a).length, 1, syntax(a).join('\n'));
    assert.deepEqual(atName(a), []);
  });

  it('JSON: one message per broken spot, nothing from the broken list, nothing about what is missing', () => {
    const a = analyze(
      '{"Resources": {"C": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "a_b", "AllowedOAuthFlows": ["implicit"\n, "CallbackURLs": ["https://x"]}}}}\n',
      't.json',
    );
    assert.deepEqual(syntax(a), ['2:17 Expected "," between items: add a comma after the previous one.']);
    assert.deepEqual(
      a.findings.map((f) => f.ruleId),
      ['CG000'],
    );
  });

  it('a client without a syntax error in the same file still gets its absence findings', () => {
    const a = analyze(
      HALF_YAML.replace(
        'Resources:\n',
        'Resources:\n  Other:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: !Ref Pool\n',
      ),
      't.yaml',
    );
    const other = a.findings.filter((f) => f.resource === 'Other').map((f) => f.ruleId);
    assert.ok(other.includes('CG101') && other.includes('CG201'), other.join());
    assert.ok(!a.findings.some((f) => f.resource === 'Client' && f.ruleId === 'CG101'));
  });
});

describe('lenient YAML, as CloudFormation reads it', () => {
  const client = (props: string): string =>
    `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: us-east-1_abc\n${props}      AllowedOAuthFlows: [implicit]\n  Topic:\n    Type: AWS::SNS::Topic\n`;
  const shapes = {
    'closing bracket at column 0':
      '      CallbackURLs: [!Sub "https://${Domain}/cb",\n                     !Sub "https://${Domain}/cb2"\n]\n',
    'closing brackets under the key': '      AllowedOAuthScopes: [!Join ["", [!Ref Api, "/read"]\n    ]]\n',
    "items at the key's indentation": '      AllowedOAuthScopes: [\n      "openid", "email"\n      ]\n',
  };
  for (const [name, props] of Object.entries(shapes)) {
    it(`reads a flow list with its ${name}`, () => {
      const a = analyze(client(props), 't.yaml');
      assert.deepEqual(syntax(a), []);
      assert.ok(
        a.findings.some((f) => f.ruleId === 'CG103'),
        'the client was not analysed',
      );
    });
  }

  it('joins lines without moving an offset, and never after a comment', () => {
    const src = 'A: [a, # note\nb\n]\nB: [c,\nd]\n';
    const out = joinUnderIndentedFlowLines(src);
    assert.equal(out.length, src.length);
    assert.equal(out, 'A: [a, # note\nb ]\nB: [c, d]\n');
    assert.equal(joinUnderIndentedFlowLines('A: "x [y"\nB: z\n'), 'A: "x [y"\nB: z\n');
  });
});

describe('HCL interpolations over several lines', () => {
  it('are valid HCL', () => {
    const a = analyze(
      'variable "domain" {\n  default = "example.com"\n}\nresource "aws_cognito_user_pool_client" "c" {\n  name         = "c"\n  user_pool_id = "a_b"\n  callback_urls = ["http://${\n    var.domain\n  }/cb", "https://${var.domain == "x" ? "a" :\n  "b"}.example.org/cb"]\n}\n',
      'main.tf',
    );
    assert.deepEqual(syntax(a), []);
    // the first URL resolves through the variable: plain http to a remote host
    assert.ok(
      a.findings.some((f) => f.ruleId === 'CG009'),
      a.findings.map((f) => f.ruleId).join(),
    );
  });

  it('a half-typed one on its line still leaves the rest of the file readable', () => {
    const a = analyze(
      'resource "aws_cognito_user_pool_client" "c" {\n  name = "web-${var.env"\n  user_pool_id = "a_b"\n  auth_session_validity = 99\n}\n',
      'main.tf',
    );
    assert.equal(syntax(a).length, 1, syntax(a).join('\n'));
    assert.ok(a.findings.some((f) => f.ruleId === 'CG004'));
  });
});

describe('Serverless include files', () => {
  it('treat ${...} variables as unknown even without service: and provider:', () => {
    const a = analyze(
      'Resources:\n  UserPool:\n    Type: AWS::Cognito::UserPool\n  WebClient:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      ClientName: ${self:service}-${sls:stage}-web\n      UserPoolId: !Ref UserPool\n      RefreshTokenValidity: ${self:custom.refreshDays}\n',
      'cognito.yml',
    );
    assert.equal(a.model?.flavor, 'serverless');
    assert.deepEqual(
      a.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId),
      [],
    );
  });
});
