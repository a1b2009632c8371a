/**
 * The generated infrastructure, one "unit" (a small service) at a time, described once and written in
 * both families: CloudFormation (YAML or JSON) and Terraform (native or JSON). A unit has an IAM role and
 * policy, a Lambda function, an S3 bucket, often a user pool (with a domain, a Google provider or a
 * resource server) and usually one or two app clients, secure or not in various ways.
 */
import {
  type CfnTemplate,
  type CfnValue,
  cfnJson,
  cfnYaml,
  emptyTemplate,
  equals,
  fnIf,
  getAtt,
  ref,
  sub,
} from './cfn';
import { Rng } from './rng';
import { type TfBlock, type TfExpr, type TfItem, attr, attrs, block, hcl, obj, raw, str, tfJson } from './tf';

export type Variant = 'secure' | 'password' | 'implicit' | 'confidential' | 'defaults' | 'longlived' | 'typo';

export interface ClientSpec {
  suffix: string;
  variant: Variant;
  /** The client's name, unique in a file: edits are typed inside it. */
  marker: string;
  stageInName: boolean;
  generateSecret?: boolean;
  authFlows?: string[];
  userExistence?: 'ENABLED' | 'LEGACY';
  revocation?: boolean;
  authSession?: number;
  rotationGrace?: number;
  access?: number;
  id?: number;
  refresh?: number;
  units?: { access: 'minutes' | 'hours'; id: 'minutes' | 'hours'; refresh: 'days' | 'hours' };
  oauth?: {
    flows: string[];
    scopes: string[];
    idps: string[];
    callbacks: string[];
    logouts: string[];
    defaultRedirect?: string;
  };
  read?: string[];
  write?: string[];
  /** Write this setting's name misspelled (CG001). */
  misspell?: boolean;
  dependsOnIdp: boolean;
  managed: boolean;
}

export interface UnitSpec {
  i: number;
  base: string;
  svc: string;
  /** CloudFormation logical id prefix, e.g. `Orders007`. */
  id: string;
  /** Terraform name prefix, e.g. `orders_007`. */
  tf: string;
  pool: boolean;
  poolUnit: number;
  domain: boolean;
  google: boolean;
  resourceServer: boolean;
  clients: ClientSpec[];
  runtime: string;
  memory: number;
  timeout: number;
  actions: string[];
}

const BASES = [
  'orders',
  'billing',
  'catalog',
  'search',
  'profile',
  'inventory',
  'shipping',
  'payments',
  'reviews',
  'notify',
  'analytics',
  'admin',
  'partner',
  'support',
  'loyalty',
  'checkout',
  'media',
  'booking',
  'ledger',
  'reports',
  'identity',
  'gateway',
  'insights',
  'tenant',
];

const SUFFIXES = ['web', 'ios', 'android', 'backend', 'console', 'cli', 'partner', 'kiosk'];

const POOL_ATTRS = [
  { name: 'tenant_id', type: 'String', mutable: false },
  { name: 'plan', type: 'String', mutable: true },
  { name: 'newsletter_opt_in', type: 'Boolean', mutable: true },
];

const pad3 = (n: number): string => String(n).padStart(3, '0');
const pascal = (s: string): string => s.replace(/(^|[-_])([a-z])/g, (_, __, c: string) => c.toUpperCase());

function clientSpec(rng: Rng, unit: { svc: string; base: string }, suffix: string, variant: Variant, google: boolean) {
  const marker = `${unit.svc}-${suffix}-client`;
  const host = `${unit.base}.example.com`;
  const mobile = suffix === 'ios' || suffix === 'android';
  const callbacks = mobile ? [`com.example.${unit.base}://auth/callback`] : [`https://${host}/auth/callback`];
  const logouts = mobile ? [`com.example.${unit.base}://auth/signed-out`] : [`https://${host}/signed-out`];
  const idps = google ? ['COGNITO', 'Google'] : ['COGNITO'];
  const c: ClientSpec = {
    suffix,
    variant,
    marker,
    stageInName: rng.chance(0.5),
    dependsOnIdp: google,
    managed: false,
  };
  switch (variant) {
    case 'secure':
      Object.assign(c, {
        generateSecret: false,
        authFlows: ['ALLOW_USER_SRP_AUTH'],
        userExistence: 'ENABLED',
        revocation: true,
        authSession: 3,
        rotationGrace: 10,
        access: 15,
        id: 15,
        refresh: rng.pick([1, 7, 14]),
        units: { access: 'minutes', id: 'minutes', refresh: 'days' },
        oauth: { flows: ['code'], scopes: ['openid', 'email', 'profile'], idps, callbacks, logouts },
        read: ['email', 'email_verified', 'name', 'custom:tenant_id'],
        write: ['email', 'name'],
      });
      if (c.oauth && !mobile) c.oauth.defaultRedirect = callbacks[0];
      break;
    case 'password':
      Object.assign(c, {
        authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        userExistence: 'LEGACY',
        revocation: true,
        access: 24,
        id: 24,
        refresh: 365,
        units: { access: 'hours', id: 'hours', refresh: 'days' },
        read: ['email', 'email_verified', 'name', 'custom:plan'],
        write: ['email', 'email_verified', 'name', 'custom:plan'],
      });
      break;
    case 'implicit':
      Object.assign(c, {
        authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        userExistence: 'ENABLED',
        access: 60,
        id: 60,
        refresh: 30,
        units: { access: 'minutes', id: 'minutes', refresh: 'days' },
        oauth: {
          flows: ['code', 'implicit'],
          scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
          idps,
          callbacks: [`http://${host}/auth/callback`, 'http://localhost:3000/auth/callback'],
          logouts: [`https://${host}/`],
          defaultRedirect: `https://${host}/auth/callback`,
        },
        read: ['email', 'name'],
        write: ['email', 'name'],
      });
      break;
    case 'confidential':
      Object.assign(c, {
        generateSecret: true,
        authFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
        userExistence: 'ENABLED',
        revocation: true,
        access: 5,
        id: 5,
        refresh: 1,
        units: { access: 'minutes', id: 'minutes', refresh: 'days' },
        oauth: {
          flows: ['client_credentials'],
          scopes: [`${unit.svc}-api/read`, `${unit.svc}-api/write`],
          idps: ['COGNITO'],
          callbacks: [],
          logouts: [],
        },
      });
      c.dependsOnIdp = false;
      break;
    case 'longlived':
      Object.assign(c, {
        authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        userExistence: 'ENABLED',
        revocation: false,
        access: 12,
        id: 12,
        refresh: 3650,
        units: { access: 'hours', id: 'hours', refresh: 'days' },
        read: ['email', 'name', 'custom:tenant_id'],
        write: ['name', 'custom:tenant_id'],
      });
      break;
    case 'typo':
      Object.assign(c, {
        authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        userExistence: 'ENABLED',
        misspell: true,
        revocation: true,
        access: 30,
        id: 30,
        refresh: 30,
        units: { access: 'minutes', id: 'minutes', refresh: 'days' },
        read: ['email', 'custom:favourite_colour'],
        write: ['email'],
      });
      break;
    case 'defaults':
      c.dependsOnIdp = false;
      c.managed = rng.chance(0.3);
      break;
  }
  return c;
}

/** The units of one file; `clients: false` gives a file with infrastructure only (no app client). */
export function unitSpecs(seed: number, count: number, opts: { clients?: boolean } = {}): UnitSpec[] {
  const rng = new Rng(seed);
  const units: UnitSpec[] = [];
  for (let i = 0; i < count; i++) {
    const base = BASES[(i + seed) % BASES.length] ?? 'app';
    const svc = `${base}-${pad3(i)}`;
    const pool = i % 3 === 0;
    const poolUnit = i - (i % 3);
    const poolSpec = units[poolUnit];
    const google = pool ? rng.chance(0.3) : (poolSpec?.google ?? false);
    const wantClients = opts.clients !== false;
    const n = !wantClients
      ? 0
      : rng.weighted([
          [1, 5],
          [2, 4],
          [0, 1],
        ] as const);
    const clients: ClientSpec[] = [];
    const suffixStart = rng.int(SUFFIXES.length);
    for (let k = 0; k < n; k++) {
      const variant = rng.weighted<Variant>([
        ['secure', 40],
        ['password', 12],
        ['implicit', 12],
        ['confidential', 10],
        ['defaults', 9],
        ['longlived', 9],
        ['typo', 8],
      ]);
      const suffix = SUFFIXES[(suffixStart + k) % SUFFIXES.length] ?? 'app';
      clients.push(clientSpec(rng, { svc, base }, suffix, variant, google));
    }
    units.push({
      i,
      base,
      svc,
      id: pascal(base) + pad3(i),
      tf: `${base}_${pad3(i)}`,
      pool,
      poolUnit,
      domain: pool && rng.chance(0.5),
      google: pool && google,
      resourceServer: clients.some((c) => c.variant === 'confidential'),
      clients,
      runtime: rng.pick(['nodejs20.x', 'nodejs22.x', 'python3.12']),
      memory: rng.pick([128, 256, 512, 1024]),
      timeout: rng.pick([3, 10, 30]),
      actions: rng.pick([
        ['s3:GetObject', 's3:PutObject'],
        ['s3:GetObject'],
        ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      ]),
    });
  }
  return units;
}

function handlerCode(u: UnitSpec): string {
  if (u.runtime.startsWith('python'))
    return [
      'import json',
      'def handler(event, context):',
      `    # ${u.svc}: add the tenant claim to the ID token`,
      '    attrs = event["request"]["userAttributes"]',
      '    event["response"]["claimsOverrideDetails"] = {',
      '        "claimsToAddOrOverride": {"tenant": attrs.get("custom:tenant_id", "")}',
      '    }',
      '    return event',
      '',
    ].join('\n');
  return [
    'exports.handler = async (event) => {',
    `  // ${u.svc}: add the tenant claim to the ID token`,
    '  const attrs = event.request.userAttributes;',
    '  event.response = {',
    '    claimsOverrideDetails: { claimsToAddOrOverride: { tenant: attrs["custom:tenant_id"] || "" } },',
    '  };',
    '  return event;',
    '};',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// CloudFormation

const TAGS = (u: UnitSpec): CfnValue => [
  { Key: 'Service', Value: u.svc },
  { Key: 'Stage', Value: ref('Stage') },
  { Key: 'Owner', Value: `team-${u.base}` },
];

function cfnClient(u: UnitSpec, c: ClientSpec, poolId: string): Record<string, CfnValue> {
  const p: Record<string, CfnValue> = {
    ClientName: c.stageInName ? sub(`${c.marker}-\${Stage}`) : c.marker,
    UserPoolId: ref(`${poolId}UserPool`),
  };
  if (c.generateSecret !== undefined) p['GenerateSecret'] = c.generateSecret;
  if (c.userExistence) p[c.misspell ? 'PreventUserExistanceErrors' : 'PreventUserExistenceErrors'] = c.userExistence;
  if (c.authFlows) p['ExplicitAuthFlows'] = c.authFlows;
  if (c.revocation !== undefined) p['EnableTokenRevocation'] = c.revocation;
  if (c.authSession !== undefined) p['AuthSessionValidity'] = c.authSession;
  if (c.rotationGrace !== undefined)
    p['RefreshTokenRotation'] = { Feature: 'ENABLED', RetryGracePeriodSeconds: c.rotationGrace };
  if (c.access !== undefined)
    p['AccessTokenValidity'] = c.variant === 'secure' && u.i % 2 ? ref('AccessTokenMinutes') : c.access;
  if (c.id !== undefined) p['IdTokenValidity'] = c.variant === 'secure' ? fnIf('IsProd', c.id, c.id * 2) : c.id;
  if (c.refresh !== undefined) p['RefreshTokenValidity'] = c.refresh;
  if (c.units)
    p['TokenValidityUnits'] = { AccessToken: c.units.access, IdToken: c.units.id, RefreshToken: c.units.refresh };
  if (c.oauth) {
    p['AllowedOAuthFlowsUserPoolClient'] = true;
    p['AllowedOAuthFlows'] = c.oauth.flows;
    p['AllowedOAuthScopes'] = c.oauth.scopes;
    p['SupportedIdentityProviders'] = c.oauth.idps;
    if (c.oauth.callbacks.length) p['CallbackURLs'] = c.oauth.callbacks;
    if (c.oauth.logouts.length) p['LogoutURLs'] = c.oauth.logouts;
    if (c.oauth.defaultRedirect) p['DefaultRedirectURI'] = c.oauth.defaultRedirect;
  }
  if (c.read) p['ReadAttributes'] = c.read;
  if (c.write) p['WriteAttributes'] = c.write;
  return p;
}

export function cfnTemplate(units: UnitSpec[], description: string): CfnTemplate {
  const t = emptyTemplate(description);
  t.parameters['Stage'] = { Type: 'String', Default: 'prod', AllowedValues: ['dev', 'staging', 'prod'] };
  t.parameters['AppDomain'] = { Type: 'String', Default: 'example.com' };
  t.parameters['AccessTokenMinutes'] = { Type: 'Number', Default: 15, MinValue: 5, MaxValue: 60 };
  if (units.some((u) => u.google)) {
    t.parameters['GoogleClientId'] = { Type: 'String' };
    t.parameters['GoogleClientSecret'] = { Type: 'String', NoEcho: true };
  }
  t.conditions['IsProd'] = equals(ref('Stage'), 'prod');
  const R = t.resources;
  for (const u of units) {
    const poolId = units[u.poolUnit]?.id ?? u.id;
    t.comments[`${u.id}Bucket`] = `--- ${u.svc} ---`;
    R[`${u.id}Bucket`] = {
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      Properties: {
        BucketName: sub(`${u.svc}-assets-\${Stage}-\${AWS::AccountId}`),
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        Tags: TAGS(u),
      },
    };
    R[`${u.id}FunctionRole`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        Tags: TAGS(u),
      },
    };
    R[`${u.id}AccessPolicy`] = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: sub(`${u.svc}-access-\${Stage}`),
        Roles: [ref(`${u.id}FunctionRole`)],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: u.actions, Resource: sub(`\${${u.id}Bucket.Arn}/*`) },
            { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: getAtt(`${u.id}Bucket`, 'Arn') },
          ],
        },
      },
    };
    R[`${u.id}Function`] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: sub(`${u.svc}-pre-token-\${Stage}`),
        Runtime: u.runtime,
        Handler: u.runtime.startsWith('python') ? 'index.handler' : 'index.handler',
        Role: getAtt(`${u.id}FunctionRole`, 'Arn'),
        MemorySize: u.memory,
        Timeout: u.timeout,
        Environment: { Variables: { BUCKET: ref(`${u.id}Bucket`), STAGE: ref('Stage'), LOG_LEVEL: 'info' } },
        Code: { ZipFile: handlerCode(u) },
        Tags: TAGS(u),
      },
    };
    if (u.pool) {
      R[`${u.id}UserPool`] = {
        Type: 'AWS::Cognito::UserPool',
        Properties: {
          UserPoolName: sub(`${u.svc}-users-\${Stage}`),
          UsernameAttributes: ['email'],
          AutoVerifiedAttributes: ['email'],
          MfaConfiguration: 'OPTIONAL',
          EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
          DeletionProtection: fnIf('IsProd', 'ACTIVE', 'INACTIVE'),
          Policies: {
            PasswordPolicy: {
              MinimumLength: 12,
              RequireLowercase: true,
              RequireUppercase: true,
              RequireNumbers: true,
              RequireSymbols: true,
              TemporaryPasswordValidityDays: 3,
            },
          },
          AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
          Schema: POOL_ATTRS.map((a) => ({ Name: a.name, AttributeDataType: a.type, Mutable: a.mutable })),
          LambdaConfig: { PreTokenGeneration: getAtt(`${u.id}Function`, 'Arn') },
          UserPoolTags: { Service: u.svc, Stage: ref('Stage') },
        },
      };
      R[`${u.id}InvokePermission`] = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: ref(`${u.id}Function`),
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: getAtt(`${u.id}UserPool`, 'Arn'),
        },
      };
      if (u.domain)
        R[`${u.id}UserPoolDomain`] = {
          Type: 'AWS::Cognito::UserPoolDomain',
          Properties: { Domain: sub(`${u.svc}-\${Stage}-auth`), UserPoolId: ref(`${u.id}UserPool`) },
        };
      if (u.google)
        R[`${u.id}GoogleProvider`] = {
          Type: 'AWS::Cognito::UserPoolIdentityProvider',
          Properties: {
            UserPoolId: ref(`${u.id}UserPool`),
            ProviderName: 'Google',
            ProviderType: 'Google',
            ProviderDetails: {
              client_id: ref('GoogleClientId'),
              client_secret: ref('GoogleClientSecret'),
              authorize_scopes: 'openid email profile',
            },
            AttributeMapping: { email: 'email', name: 'name' },
          },
        };
    }
    if (u.resourceServer)
      R[`${u.id}ResourceServer`] = {
        Type: 'AWS::Cognito::UserPoolResourceServer',
        Properties: {
          UserPoolId: ref(`${poolId}UserPool`),
          Identifier: `${u.svc}-api`,
          Name: `${u.svc} API`,
          Scopes: [
            { ScopeName: 'read', ScopeDescription: 'Read access' },
            { ScopeName: 'write', ScopeDescription: 'Write access' },
          ],
        },
      };
    for (const c of u.clients) {
      const logical = `${u.id}${pascal(c.suffix)}Client`;
      const resource: Record<string, CfnValue> = { Type: 'AWS::Cognito::UserPoolClient' };
      const dependsOn: string[] = [];
      if (c.dependsOnIdp) dependsOn.push(`${poolId}GoogleProvider`);
      if (c.variant === 'confidential') dependsOn.push(`${u.id}ResourceServer`);
      if (dependsOn.length) resource['DependsOn'] = dependsOn.length === 1 ? (dependsOn[0] ?? '') : dependsOn;
      resource['Properties'] = cfnClient(u, c, poolId);
      R[logical] = resource;
      t.outputs[`${logical}Id`] = {
        Description: `App client id (${u.svc}, ${c.suffix})`,
        Value: ref(logical),
        Export: { Name: sub(`\${AWS::StackName}-${logical}Id`) },
      };
    }
    t.outputs[`${u.id}BucketName`] = { Value: ref(`${u.id}Bucket`) };
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Terraform

const strList = (xs: string[]): TfExpr => xs.map(str);

function tfClient(u: UnitSpec, c: ClientSpec, poolTf: string, poolGoogle: boolean): TfBlock {
  const body: TfItem[] = attrs([
    [c.managed ? 'name_prefix' : 'name', str(c.stageInName ? `${c.marker}-\${var.environment}` : c.marker)],
    ['user_pool_id', raw(`aws_cognito_user_pool.${poolTf}.id`)],
  ]);
  body.push(
    ...attrs([
      ['generate_secret', c.generateSecret],
      ['explicit_auth_flows', c.authFlows && strList(c.authFlows)],
      [
        c.misspell ? 'prevent_user_existance_errors' : 'prevent_user_existence_errors',
        c.userExistence && str(c.userExistence),
      ],
      ['enable_token_revocation', c.revocation],
      ['auth_session_validity', c.authSession],
    ]),
  );
  if (c.rotationGrace !== undefined)
    body.push(
      block(
        'refresh_token_rotation',
        [],
        [attr('feature', str('ENABLED')), attr('retry_grace_period_seconds', c.rotationGrace)],
      ),
    );
  body.push(
    ...attrs([
      ['access_token_validity', c.variant === 'secure' && u.i % 2 ? raw('var.access_token_minutes') : c.access],
      ['id_token_validity', c.id],
      ['refresh_token_validity', c.refresh],
    ]),
  );
  if (c.units)
    body.push(
      block(
        'token_validity_units',
        [],
        [
          attr('access_token', str(c.units.access)),
          attr('id_token', str(c.units.id)),
          attr('refresh_token', str(c.units.refresh)),
        ],
      ),
    );
  if (c.oauth) {
    const flows = c.variant === 'implicit' && u.i % 2 ? raw('local.oauth_flows') : strList(c.oauth.flows);
    const scopes: TfExpr =
      c.variant === 'confidential'
        ? [
            str(`\${aws_cognito_resource_server.${u.tf}.identifier}/read`),
            str(`\${aws_cognito_resource_server.${u.tf}.identifier}/write`),
          ]
        : strList(c.oauth.scopes);
    body.push(
      ...attrs([
        ['allowed_oauth_flows_user_pool_client', true],
        ['allowed_oauth_flows', flows],
        ['allowed_oauth_scopes', scopes],
        ['supported_identity_providers', strList(c.oauth.idps)],
        ['callback_urls', c.oauth.callbacks.length ? strList(c.oauth.callbacks) : undefined],
        ['logout_urls', c.oauth.logouts.length ? strList(c.oauth.logouts) : undefined],
        ['default_redirect_uri', c.oauth.defaultRedirect ? str(c.oauth.defaultRedirect) : undefined],
      ]),
    );
  }
  body.push(
    ...attrs([
      ['read_attributes', c.read && strList(c.read)],
      ['write_attributes', c.write && strList(c.write)],
    ]),
  );
  if (c.dependsOnIdp && poolGoogle)
    body.push(attr('depends_on', [raw(`aws_cognito_identity_provider.${poolTf}_google`)]));
  const type = c.managed ? 'aws_cognito_managed_user_pool_client' : 'aws_cognito_user_pool_client';
  return block('resource', [type, `${u.tf}_${c.suffix}`], body);
}

/** The blocks of a Terraform configuration (strings are comments). */
export function tfBlocks(units: UnitSpec[], header: string): Array<TfBlock | string> {
  const out: Array<TfBlock | string> = [header];
  out.push(
    block(
      'variable',
      ['environment'],
      attrs([
        ['type', raw('string')],
        ['default', str('prod')],
      ]),
    ),
    block(
      'variable',
      ['access_token_minutes'],
      [
        ...attrs([
          ['description', str('Lifetime of access and ID tokens, in minutes')],
          ['type', raw('number')],
          ['default', 15],
        ]),
      ],
    ),
  );
  if (units.some((u) => u.google))
    out.push(
      block('variable', ['google_client_id'], [attr('type', raw('string'))]),
      block(
        'variable',
        ['google_client_secret'],
        attrs([
          ['type', raw('string')],
          ['sensitive', true],
        ]),
      ),
    );
  out.push(
    block(
      'locals',
      [],
      [
        attr(
          'common_tags',
          obj([
            ['Project', str('platform')],
            ['Environment', raw('var.environment')],
            ['ManagedBy', str('terraform')],
          ]),
        ),
        attr('oauth_flows', strList(['code', 'implicit'])),
      ],
    ),
  );
  for (const u of units) {
    const poolUnit = units[u.poolUnit] ?? u;
    const poolTf = poolUnit.tf;
    out.push(`--- ${u.svc} ---`);
    out.push(
      block(
        'resource',
        ['aws_s3_bucket', `${u.tf}_assets`],
        [attr('bucket', str(`${u.svc}-assets-\${var.environment}`)), attr('tags', raw('local.common_tags'))],
      ),
      block(
        'resource',
        ['aws_s3_bucket_versioning', `${u.tf}_assets`],
        [
          attr('bucket', raw(`aws_s3_bucket.${u.tf}_assets.id`)),
          block('versioning_configuration', [], [attr('status', str('Enabled'))]),
        ],
      ),
      block(
        'resource',
        ['aws_s3_bucket_server_side_encryption_configuration', `${u.tf}_assets`],
        [
          attr('bucket', raw(`aws_s3_bucket.${u.tf}_assets.id`)),
          block(
            'rule',
            [],
            [block('apply_server_side_encryption_by_default', [], [attr('sse_algorithm', str('aws:kms'))])],
          ),
        ],
      ),
      block(
        'resource',
        ['aws_s3_bucket_public_access_block', `${u.tf}_assets`],
        attrs([
          ['bucket', raw(`aws_s3_bucket.${u.tf}_assets.id`)],
          ['block_public_acls', true],
          ['block_public_policy', true],
          ['ignore_public_acls', true],
          ['restrict_public_buckets', true],
        ]),
      ),
      block(
        'data',
        ['aws_iam_policy_document', `${u.tf}_assume`],
        [
          block(
            'statement',
            [],
            [
              attr('actions', strList(['sts:AssumeRole'])),
              block(
                'principals',
                [],
                [attr('type', str('Service')), attr('identifiers', strList(['lambda.amazonaws.com']))],
              ),
            ],
          ),
        ],
      ),
      block(
        'resource',
        ['aws_iam_role', `${u.tf}_lambda`],
        [
          attr('name', str(`${u.svc}-lambda-\${var.environment}`)),
          attr('assume_role_policy', raw(`data.aws_iam_policy_document.${u.tf}_assume.json`)),
          attr('tags', raw('local.common_tags')),
        ],
      ),
      block(
        'data',
        ['aws_iam_policy_document', `${u.tf}_access`],
        [
          block(
            'statement',
            [],
            [attr('actions', strList(u.actions)), attr('resources', [str(`\${aws_s3_bucket.${u.tf}_assets.arn}/*`)])],
          ),
          block(
            'statement',
            [],
            [attr('actions', strList(['s3:ListBucket'])), attr('resources', [raw(`aws_s3_bucket.${u.tf}_assets.arn`)])],
          ),
        ],
      ),
      block(
        'resource',
        ['aws_iam_policy', `${u.tf}_access`],
        [
          attr('name', str(`${u.svc}-access-\${var.environment}`)),
          attr('policy', raw(`data.aws_iam_policy_document.${u.tf}_access.json`)),
        ],
      ),
      block(
        'resource',
        ['aws_iam_role_policy_attachment', `${u.tf}_access`],
        [
          attr('role', raw(`aws_iam_role.${u.tf}_lambda.name`)),
          attr('policy_arn', raw(`aws_iam_policy.${u.tf}_access.arn`)),
        ],
      ),
      block(
        'resource',
        ['aws_lambda_function', `${u.tf}_pre_token`],
        [
          ...attrs([
            ['function_name', str(`${u.svc}-pre-token-\${var.environment}`)],
            ['role', raw(`aws_iam_role.${u.tf}_lambda.arn`)],
            ['handler', str('index.handler')],
            ['runtime', str(u.runtime)],
            ['filename', str(`build/${u.svc}.zip`)],
            ['source_code_hash', raw(`filebase64sha256("build/${u.svc}.zip")`)],
            ['memory_size', u.memory],
            ['timeout', u.timeout],
          ]),
          block(
            'environment',
            [],
            [
              attr(
                'variables',
                obj([
                  ['BUCKET', raw(`aws_s3_bucket.${u.tf}_assets.bucket`)],
                  ['STAGE', raw('var.environment')],
                  ['LOG_LEVEL', str('info')],
                ]),
              ),
            ],
          ),
          attr('tags', raw('local.common_tags')),
        ],
      ),
    );
    if (u.pool) {
      out.push(
        block(
          'resource',
          ['aws_cognito_user_pool', u.tf],
          [
            ...attrs([
              ['name', str(`${u.svc}-users-\${var.environment}`)],
              ['username_attributes', strList(['email'])],
              ['auto_verified_attributes', strList(['email'])],
              ['mfa_configuration', str('OPTIONAL')],
              ['deletion_protection', raw('var.environment == "prod" ? "ACTIVE" : "INACTIVE"')],
            ]),
            block('software_token_mfa_configuration', [], [attr('enabled', true)]),
            block(
              'password_policy',
              [],
              attrs([
                ['minimum_length', 12],
                ['require_lowercase', true],
                ['require_uppercase', true],
                ['require_numbers', true],
                ['require_symbols', true],
                ['temporary_password_validity_days', 3],
              ]),
            ),
            block(
              'account_recovery_setting',
              [],
              [block('recovery_mechanism', [], [attr('name', str('verified_email')), attr('priority', 1)])],
            ),
            block(
              'user_attribute_update_settings',
              [],
              [attr('attributes_require_verification_before_update', strList(['email']))],
            ),
            ...POOL_ATTRS.map((a) =>
              block(
                'schema',
                [],
                [
                  attr('name', str(a.name)),
                  attr('attribute_data_type', str(a.type)),
                  attr('mutable', a.mutable),
                  ...(a.type === 'String'
                    ? [block('string_attribute_constraints', [], [attr('min_length', 1), attr('max_length', 64)])]
                    : []),
                ],
              ),
            ),
            block(
              'lambda_config',
              [],
              [attr('pre_token_generation', raw(`aws_lambda_function.${u.tf}_pre_token.arn`))],
            ),
            attr('tags', raw('local.common_tags')),
          ],
        ),
        block(
          'resource',
          ['aws_lambda_permission', `${u.tf}_cognito`],
          attrs([
            ['statement_id', str('AllowCognitoInvoke')],
            ['action', str('lambda:InvokeFunction')],
            ['function_name', raw(`aws_lambda_function.${u.tf}_pre_token.function_name`)],
            ['principal', str('cognito-idp.amazonaws.com')],
            ['source_arn', raw(`aws_cognito_user_pool.${u.tf}.arn`)],
          ]),
        ),
      );
      if (u.domain)
        out.push(
          block(
            'resource',
            ['aws_cognito_user_pool_domain', u.tf],
            [
              attr('domain', str(`${u.svc}-\${var.environment}-auth`)),
              attr('user_pool_id', raw(`aws_cognito_user_pool.${u.tf}.id`)),
            ],
          ),
        );
      if (u.google)
        out.push(
          block(
            'resource',
            ['aws_cognito_identity_provider', `${u.tf}_google`],
            [
              attr('user_pool_id', raw(`aws_cognito_user_pool.${u.tf}.id`)),
              attr('provider_name', str('Google')),
              attr('provider_type', str('Google')),
              attr(
                'provider_details',
                obj([
                  ['client_id', raw('var.google_client_id')],
                  ['client_secret', raw('var.google_client_secret')],
                  ['authorize_scopes', str('openid email profile')],
                ]),
              ),
              attr(
                'attribute_mapping',
                obj([
                  ['email', str('email')],
                  ['username', str('sub')],
                ]),
              ),
            ],
          ),
        );
    }
    if (u.resourceServer)
      out.push(
        block(
          'resource',
          ['aws_cognito_resource_server', u.tf],
          [
            attr('identifier', str(`${u.svc}-api`)),
            attr('name', str(`${u.svc} API`)),
            attr('user_pool_id', raw(`aws_cognito_user_pool.${poolTf}.id`)),
            block('scope', [], [attr('scope_name', str('read')), attr('scope_description', str('Read access'))]),
            block('scope', [], [attr('scope_name', str('write')), attr('scope_description', str('Write access'))]),
          ],
        ),
      );
    for (const c of u.clients) out.push(tfClient(u, c, poolTf, poolUnit.google));
    for (const c of u.clients)
      if (!c.managed)
        out.push(
          block(
            'output',
            [`${u.tf}_${c.suffix}_client_id`],
            [attr('value', raw(`aws_cognito_user_pool_client.${u.tf}_${c.suffix}.id`))],
          ),
        );
  }
  return out;
}

export type Dialect = 'yaml' | 'cfn-json' | 'tf' | 'tf-json';

export const EXT: Record<Dialect, string> = { yaml: '.yaml', 'cfn-json': '.json', tf: '.tf', 'tf-json': '.tf.json' };

/** The text of `count` units in a dialect. */
export function render(dialect: Dialect, seed: number, count: number, opts: { clients?: boolean } = {}): string {
  const units = unitSpecs(seed, count, opts);
  const title = `Platform services (generated for benchmarks, seed ${seed}, ${count} services)`;
  switch (dialect) {
    case 'yaml':
      return cfnYamlOf(units, title);
    case 'cfn-json':
      return cfnJsonOf(units, title);
    case 'tf':
      return hclOf(units, title);
    case 'tf-json':
      return tfJsonOf(units, title);
  }
}

const cfnYamlOf = (u: UnitSpec[], title: string): string => cfnYaml(cfnTemplate(u, title));
const cfnJsonOf = (u: UnitSpec[], title: string): string => cfnJson(cfnTemplate(u, title));
const hclOf = (u: UnitSpec[], title: string): string => hcl(tfBlocks(u, title));
const tfJsonOf = (u: UnitSpec[], title: string): string => tfJson(tfBlocks(u, title));
