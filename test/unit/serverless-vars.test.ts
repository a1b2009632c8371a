/**
 * Serverless Framework variables resolved over the same file as the framework would: `${self:...}`,
 * `${sls:stage}`, `${opt:..., fallback}`, nested ones; sources known only at deploy time stay unknown.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';

const SLS = `service: app
provider:
  name: aws
  stage: \${opt:stage, 'prod'}
custom:
  flows:
    - ALLOW_USER_PASSWORD_AUTH
    - ALLOW_REFRESH_TOKEN_AUTH
  existence:
    prod: LEGACY
    dev: ENABLED
  days: 3650
resources:
  Resources:
    Client:
      Type: AWS::Cognito::UserPoolClient
      Properties:
        ClientName: \${self:service}-\${sls:stage}-web
        UserPoolId: \${env:POOL_ID}
        ExplicitAuthFlows: \${self:custom.flows}
        PreventUserExistenceErrors: \${self:custom.existence.\${self:provider.stage}}
        RefreshTokenValidity: \${self:custom.days}
        AccessTokenValidity: \${self:custom.missing, 1}
        IdTokenValidity: \${ssm:/x/y}
        AuthSessionValidity: \${env:SESSION_MINUTES, 99}
`;

const at = (a: ReturnType<typeof analyze>, ids: string[]): string[] =>
  a.findings
    .filter((f) => ids.includes(f.ruleId))
    .map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1}`);

describe('Serverless Framework variables', () => {
  it('self, nested, sls:stage and opt fallbacks are followed; each finding says where its value came from', () => {
    const a = analyze(SLS, 'serverless.yml');
    assert.deepEqual(at(a, ['CG101', 'CG104', 'CG107']), ['CG104 20:28', 'CG101 21:37', 'CG107 22:31']);
    assert.match(
      a.findings.find((f) => f.ruleId === 'CG101')?.message ?? '',
      /value from '\$\{self:custom\.existence\.\$\{self:provider\.stage\}\}'/,
    );
    const name = hoverAt(a, SLS.indexOf('${self:service}') + 2);
    assert.match(
      name?.plaintext ?? '',
      /Resolves to app-prod-web/,
      'sls:stage is provider.stage, which falls back to prod',
    );
  });

  it('a missing self path takes its fallback; env, ssm and other deploy-time sources stay unknown', () => {
    const a = analyze(SLS, 'serverless.yml');
    assert.deepEqual(at(a, ['CG004', 'CG005', 'CG003']), [], 'no finding on AccessTokenValidity 1 or the unknowns');
    const with99 = SLS.replace('${env:SESSION_MINUTES, 99}', '${opt:session, 99}');
    assert.deepEqual(
      at(analyze(with99, 'serverless.yml'), ['CG004']),
      ['CG004 25:30'],
      'an opt fallback is the value (99 minutes is out of range)',
    );
  });

  it('a stage given by no one is dev; an include file has no self to read', () => {
    const dev = SLS.replace("stage: ${opt:stage, 'prod'}", 'runtime: nodejs20.x');
    const a = analyze(
      dev.replace('${self:custom.existence.${self:provider.stage}}', '${self:custom.existence.${sls:stage}}'),
      'serverless.yml',
    );
    assert.deepEqual(at(a, ['CG101']), [], 'dev: ENABLED');
    const include = `Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: \${self:custom.poolId}
      PreventUserExistenceErrors: \${self:custom.existence, 'LEGACY'}
      RefreshTokenValidity: \${self:custom.days}
`;
    const inc = analyze(include, 'resources/cognito.yml');
    assert.equal(inc.model?.flavor, 'serverless');
    assert.deepEqual(at(inc, ['CG101', 'CG107', 'CG004']), [], 'self of the including file is not known here');
  });
});
