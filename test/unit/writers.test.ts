/**
 * The writers per syntax (server/src/fixes/writers/): every writer renders every neutral edit, and the
 * dependency edit comes out in each dialect's own form, extending what is there.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits, renderEdits, writerFor } from '../../server/src/fixes/writers';
import { OPS } from '../../server/src/fixes/writers/writer';
import type { Dialect } from '../../server/src/core/model';

const DIALECTS: Dialect[] = ['terraform', 'terraform-json', 'cloudformation-yaml', 'cloudformation-json'];

/** The text after applying the first CG114 quick fix. */
function withDependency(text: string, file: string): string {
  const a = analyze(text, file);
  const f = a.findings.find((x) => x.ruleId === 'CG114');
  assert.ok(f, `no CG114 in ${file}: ${a.findings.map((x) => x.ruleId).join(' ')}`);
  const fix = f.fixes.find((x) => x.kind === 'quickfix');
  assert.ok(fix, 'no quick fix');
  return applyEdits(text, fix.edits);
}

const TF_IDP =
  'resource "aws_cognito_identity_provider" "google" {\n  user_pool_id  = "us-east-1_Abc123"\n  provider_name = "Google"\n  provider_type = "Google"\n}\n\n';

const CFN_IDP =
  'Resources:\n  Google:\n    Type: AWS::Cognito::UserPoolIdentityProvider\n    Properties:\n      UserPoolId: us-east-1_Abc123\n      ProviderName: Google\n      ProviderType: Google\n  Other:\n    Type: AWS::SNS::Topic\n';

describe('writers', () => {
  it('every writer renders every neutral edit', () => {
    for (const d of DIALECTS) {
      const w = writerFor(d);
      for (const op of OPS) assert.equal(typeof w[op], 'function', `${d} ${op}`);
    }
    assert.equal(writerFor('terraform').lineComment, '#');
    assert.equal(writerFor('cloudformation-yaml').lineComment, '#');
    assert.equal(writerFor('cloudformation-json').lineComment, undefined);
  });

  it('renders one scalar replacement per syntax', () => {
    const target = { start: 4, end: 7 };
    assert.deepEqual(renderEdits([{ op: 'replace', target, value: 'a${b}' }], 'x = "y"', 'terraform'), [
      { span: target, newText: '"a$${b}"' },
    ]);
    assert.deepEqual(
      renderEdits([{ op: 'replace', target: { start: 3, end: 6 }, value: 'yes' }], "x: 'y'", 'cloudformation-yaml'),
      [{ span: { start: 3, end: 6 }, newText: "'yes'" }],
    );
    assert.deepEqual(
      renderEdits([{ op: 'replace', target: { start: 3, end: 4 }, value: 'yes' }], 'x: y', 'cloudformation-yaml'),
      [{ span: { start: 3, end: 4 }, newText: '"yes"' }],
    );
    assert.deepEqual(renderEdits([{ op: 'replace', target, value: true }], '"x":"y"', 'cloudformation-json'), [
      { span: target, newText: 'true' },
    ]);
  });

  it('drops a JSON entry removal it cannot place, and a fix whose edits overlap', () => {
    const entry = { start: 1, end: 8 };
    assert.equal(renderEdits([{ op: 'removeEntry', entry }], '{"a": 1}', 'terraform-json'), undefined);
    const target = { start: 4, end: 7 };
    assert.equal(
      renderEdits(
        [
          { op: 'replace', target, value: 'a' },
          { op: 'replace', target: { start: 5, end: 6 }, value: 'b' },
        ],
        'x = "y"',
        'terraform',
      ),
      undefined,
    );
  });

  describe('addDependency', () => {
    it('HCL: adds depends_on after a blank line, or extends the list', () => {
      const client =
        'resource "aws_cognito_user_pool_client" "web" {\n  name                         = "web"\n  user_pool_id                 = "us-east-1_Abc123"\n  supported_identity_providers = ["Google"]\n}\n';
      assert.equal(
        withDependency(TF_IDP + client, 'main.tf'),
        TF_IDP +
          client.replace('["Google"]\n}', '["Google"]\n\n  depends_on = [aws_cognito_identity_provider.google]\n}'),
      );
      const withList = client.replace(
        '["Google"]\n',
        '["Google"]\n  depends_on                   = [aws_sns_topic.t]\n',
      );
      assert.equal(
        withDependency(TF_IDP + withList, 'main.tf'),
        TF_IDP + withList.replace('[aws_sns_topic.t]', '[aws_sns_topic.t, aws_cognito_identity_provider.google]'),
      );
    });

    it('Terraform JSON: writes the reference as a string', () => {
      const text = `{
  "resource": {
    "aws_cognito_identity_provider": {
      "google": { "user_pool_id": "us-east-1_Abc123", "provider_name": "Google", "provider_type": "Google" }
    },
    "aws_cognito_user_pool_client": {
      "web": {
        "name": "web",
        "user_pool_id": "us-east-1_Abc123",
        "supported_identity_providers": ["Google"]
      }
    }
  }
}
`;
      assert.equal(
        withDependency(text, 'main.tf.json'),
        text.replace(
          '"supported_identity_providers": ["Google"]\n',
          '"supported_identity_providers": ["Google"],\n        "depends_on": ["aws_cognito_identity_provider.google"]\n',
        ),
      );
    });

    it('CloudFormation YAML: adds DependsOn, turns a single name into a list, or extends a list', () => {
      const client = (dep: string): string =>
        `  Web:\n    Type: AWS::Cognito::UserPoolClient\n${dep}    Properties:\n      UserPoolId: us-east-1_Abc123\n      SupportedIdentityProviders: [Google]\n`;
      assert.equal(
        withDependency(CFN_IDP + client(''), 't.yaml'),
        CFN_IDP +
          '  Web:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: us-east-1_Abc123\n      SupportedIdentityProviders: [Google]\n    DependsOn: Google\n',
      );
      assert.equal(
        withDependency(CFN_IDP + client('    DependsOn: Other\n'), 't.yaml'),
        CFN_IDP + client('    DependsOn:\n      - Other\n      - Google\n'),
      );
      assert.equal(
        withDependency(CFN_IDP + client('    DependsOn: [Other]\n'), 't.yaml'),
        CFN_IDP + client('    DependsOn: [Other, Google]\n'),
      );
    });

    it('CloudFormation JSON: adds "DependsOn", or turns a single name into a list', () => {
      const text = (dep: string): string => `{
  "Resources": {
    "Google": {
      "Type": "AWS::Cognito::UserPoolIdentityProvider",
      "Properties": { "UserPoolId": "us-east-1_Abc123", "ProviderName": "Google", "ProviderType": "Google" }
    },
    "Web": {
      "Type": "AWS::Cognito::UserPoolClient",${dep}
      "Properties": { "UserPoolId": "us-east-1_Abc123", "SupportedIdentityProviders": ["Google"] }
    }
  }
}
`;
      assert.equal(
        withDependency(text(''), 't.json'),
        text('').replace('["Google"] }\n', '["Google"] },\n      "DependsOn": "Google"\n'),
      );
      assert.equal(
        withDependency(text('\n      "DependsOn": "Other",'), 't.json'),
        text('\n      "DependsOn": ["Other", "Google"],'),
      );
    });
  });
});
