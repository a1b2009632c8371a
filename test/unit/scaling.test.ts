/**
 * The algorithmic shape of the engine, counted in syntax nodes and rule checks (never in seconds): an
 * input ten times larger must not cost more than about twenty times the work, in every dialect.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';

function tf(n: number): string {
  let s = 'variable "days" {\n  default = 90\n}\nresource "aws_cognito_user_pool" "pool" {\n  name = "p"\n}\n';
  for (let i = 0; i < n; i++) {
    s += `resource "aws_cognito_user_pool_client" "c${i}" {\n  name = "c${i}"\n  user_pool_id = aws_cognito_user_pool.pool.id\n  explicit_auth_flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"]\n  refresh_token_validity = var.days\n  callback_urls = ["http://example.com/cb${i}"]\n}\noutput "s${i}" {\n  value = aws_cognito_user_pool_client.c${i}.client_secret\n}\nresource "aws_iam_role" "r${i}" {\n  name = "r${i}"\n}\n`;
  }
  return s;
}

function yaml(n: number): string {
  let s =
    'Parameters:\n  Days:\n    Type: Number\n    Default: 90\nResources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n';
  let outputs = 'Outputs:\n';
  for (let i = 0; i < n; i++) {
    s += `  C${i}:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: !Ref Pool\n      ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH]\n      RefreshTokenValidity: !Ref Days\n      CallbackURLs: [http://example.com/cb${i}]\n  R${i}:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r${i}\n`;
    outputs += `  S${i}:\n    Value: !GetAtt C${i}.ClientSecret\n`;
  }
  return s + outputs;
}

function json(n: number): string {
  const resources: Record<string, unknown> = { Pool: { Type: 'AWS::Cognito::UserPool' } };
  for (let i = 0; i < n; i++) {
    resources[`C${i}`] = {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'Pool' },
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
        CallbackURLs: [`http://e.com/${i}`],
      },
    };
  }
  return JSON.stringify({ Resources: resources }, null, 2);
}

function cost(text: string, fileName: string): { work: number; findings: number } {
  const a = analyze(text, fileName);
  const fixes = a.findings.reduce((k, f) => k + f.fixes.length, 0); // fixes are part of the work
  assert.deepEqual(a.internalErrors, []);
  return { work: a.work.nodes + a.work.ruleChecks + fixes, findings: a.findings.length };
}

describe('scaling', () => {
  for (const [name, make, file] of [
    ['Terraform', tf, 'main.tf'],
    ['CloudFormation YAML', yaml, 't.yaml'],
    ['CloudFormation JSON', json, 't.json'],
  ] as const) {
    it(`${name}: 10x the clients costs at most ~20x the work`, () => {
      const small = cost(make(20), file);
      const large = cost(make(200), file);
      assert.ok(small.findings > 20, 'the inputs have findings');
      assert.ok(large.work <= small.work * 20, `work grew ${(large.work / small.work).toFixed(1)}x for 10x the input`);
      assert.ok(large.work >= small.work * 5, 'the counters count something');
    });
  }
});
