/**
 * The parameter catalogue: every argument, block and property of the Cognito user pool client, one
 * entry per concept across Terraform (`aws_cognito_user_pool_client`, `aws_cognito_managed_user_pool_client`)
 * and CloudFormation (`AWS::Cognito::UserPoolClient`).
 *
 * Ids are the lower camelCase form of the Terraform name (`allowed_oauth_flows` -> `allowedOauthFlows`),
 * or of the CloudFormation name when Terraform has no such argument (`ClientId` -> `clientId`). The one
 * exception is `clientName` (TF `name`, CFN `ClientName`), so that the CloudFormation read-only attribute
 * `Name` can keep the id `name`. Children of blocks are `<block id>.<child id>`.
 *
 * Facts come from /work/shared/aws-facts.md (source tags there). The managed-client schema was checked
 * against hashicorp/terraform-provider-aws `internal/service/cognitoidp/managed_user_pool_client.go` and the
 * generated provider typings for 6.x. All prose is our own.
 */
import type { EnumValue, Param, ResourceKind } from '../core/params';

const ALL: ResourceKind[] = ['tf-client', 'tf-managed-client', 'cfn-client'];
const TF: ResourceKind[] = ['tf-client', 'tf-managed-client'];

/** Login-style names: letters, digits, underscore, whitespace and `+ = , . @ -` (TF and API pattern). */
const CLIENT_NAME_PATTERN = '^[\\w\\s+=,.@-]+$';
const CLIENT_NAME_PATTERN_DOC = 'letters, digits, underscores, spaces, tabs and + = , . @ -';

/** Redirect URLs: any Unicode letter, mark, symbol, number or punctuation; no whitespace or control characters. */
const URL_PATTERN = '^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$';
const URL_PATTERN_DOC = 'no spaces or control characters';

/** Loose ARN shape (what the Terraform ARN type parses): `arn:partition:service:region:account:resource`. */
const ARN_PATTERN = '^arn:[^:\\s]+:[^:\\s]+:[^:\\s]*:[^:\\s]*:\\S+$';
const ARN_PATTERN_DOC = 'an ARN of the form arn:partition:service:region:account:resource';
/** The API's shape for the Pinpoint application ARN: the account field is digits. */
const APP_ARN_PATTERN = '^arn:[^:\\s]+:[^:\\s]+:[^:\\s]*:[0-9]+:\\S+$';
const APP_ARN_PATTERN_DOC = 'an ARN of the form arn:partition:mobiletargeting:region:account-id:apps/project-id';

const TIME_UNITS: EnumValue[] = [
  { value: 'seconds', doc: 'The validity number counts seconds.' },
  { value: 'minutes', doc: 'The validity number counts minutes.' },
  {
    value: 'hours',
    doc: 'The validity number counts hours (the default for access and ID tokens).',
  },
  {
    value: 'days',
    doc: 'The validity number counts days (the default for refresh tokens).',
  },
];

const URL_RULES =
  'Each entry must be an absolute URI without a `#fragment`; `https://` is required except for ' +
  '`http://localhost`, `http://127.0.0.1` and `http://[::1]` (any port, for testing), and custom app ' +
  'schemes such as `myapp://callback` are fine for native apps.';

export const PARAMS: readonly Param[] = [
  // ---------------------------------------------------------------------------------------------
  // Identity of the client
  // ---------------------------------------------------------------------------------------------
  {
    id: 'clientName',
    tf: 'name',
    cfn: 'ClientName',
    type: 'string',
    appliesTo: ALL,
    requiredOn: ['tf-client'],
    readOnlyOn: ['tf-managed-client'],
    defaultDoc: 'Terraform requires it; CloudFormation supplies a name itself when `ClientName` is omitted',
    constraints: {
      minLength: 1,
      maxLength: 128,
      pattern: CLIENT_NAME_PATTERN,
      patternDoc: CLIENT_NAME_PATTERN_DOC,
    },
    doc: {
      summary: 'Display name of the app client inside its user pool.',
      details:
        'A human-readable label shown in the console and returned by the API; it is not the client ID and ' +
        'need not be unique in the pool. Terraform requires `name`, whereas CloudFormation lets you leave ' +
        '`ClientName` out and then picks a name for you. Renaming is an in-place update: the client ID does ' +
        'not change. On `aws_cognito_managed_user_pool_client` the name is read-only (the AWS service that ' +
        'created the client chose it); select the client with `name_prefix` or `name_pattern` instead.',
    },
  },
  {
    id: 'namePrefix',
    tf: 'name_prefix',
    type: 'string',
    appliesTo: ['tf-managed-client'],
    constraints: {
      minLength: 1,
      maxLength: 128,
      pattern: CLIENT_NAME_PATTERN,
      patternDoc: CLIENT_NAME_PATTERN_DOC,
    },
    doc: {
      summary: 'Adopts the service-created client whose name starts with this text.',
      details:
        '`aws_cognito_managed_user_pool_client` never creates a client: it takes over one that another AWS ' +
        'service (for example OpenSearch Service) created in the pool, and this prefix finds it by the start ' +
        'of its name (plain, case-sensitive comparison). Set exactly one of `name_prefix` and `name_pattern`; ' +
        'the apply fails unless exactly one client in the pool matches. Destroying the resource leaves the ' +
        'client in place, since its lifecycle belongs to the service that made it.',
    },
  },
  {
    id: 'namePattern',
    tf: 'name_pattern',
    type: 'string',
    appliesTo: ['tf-managed-client'],
    constraints: { minLength: 1, maxLength: 128 },
    doc: {
      summary: 'Adopts the service-created client whose name matches this regular expression.',
      details:
        'A Go (RE2) regular expression tested against every client name in the pool; it is not anchored, so ' +
        'add `^` and `$` to match the whole name. Exactly one client must match, and exactly one of ' +
        '`name_pattern` and `name_prefix` must be set. In HCL strings, backslashes must be doubled ' +
        '(`"^Service-(\\\\w+)$"`).',
    },
  },
  {
    id: 'userPoolId',
    tf: 'user_pool_id',
    cfn: 'UserPoolId',
    type: 'string',
    appliesTo: ALL,
    requiredOn: ALL,
    createOnly: true,
    constraints: {
      minLength: 1,
      maxLength: 55,
      pattern: '^[\\w-]+_[0-9a-zA-Z]+$',
      patternDoc: 'a Region name, an underscore, then letters and digits (for example eu-west-1_AbC123xyz)',
    },
    doc: {
      summary: 'ID of the user pool the client belongs to.',
      details:
        'Has the form `<region>_<suffix>`; normally you reference the pool resource rather than writing the ' +
        'ID out. It cannot change in place: pointing the client at another pool deletes it and creates a new ' +
        'one with a new client ID, which breaks every app still configured with the old ID. On the managed ' +
        'client resource it is the pool searched for the service-created client.',
    },
  },
  {
    id: 'generateSecret',
    tf: 'generate_secret',
    cfn: 'GenerateSecret',
    type: 'boolean',
    appliesTo: ['tf-client', 'cfn-client'],
    createOnly: true,
    defaultDoc: '`false`: a public client without a secret',
    default: false,
    doc: {
      summary: 'Whether Cognito generates a client secret, making this a confidential client.',
      details:
        'With `true`, every token request and user-pool API call from the client must prove it knows the ' +
        'secret (a `SECRET_HASH` parameter, or HTTP Basic authentication at the token endpoint). Omitted ' +
        'means `false`, which is what browser and mobile apps need. The choice is fixed at creation: changing ' +
        'it replaces the client and issues a new client ID. A secret is required for the `client_credentials` ' +
        'flow and for `enable_propagate_additional_user_context_data`; the managed client resource has no such ' +
        'argument and keeps what the creating service chose.',
      secure:
        'Generate a secret only for clients whose code runs on servers you control; a secret shipped in a ' +
        'browser bundle or mobile app is not secret.',
    },
  },
  {
    id: 'clientSecret',
    tf: 'client_secret',
    cfn: 'ClientSecret',
    type: 'string',
    appliesTo: ALL,
    readOnlyOn: ALL,
    defaultDoc: 'generated only when `generate_secret` / `GenerateSecret` is `true`',
    doc: {
      summary: 'The generated client secret (read-only).',
      details:
        'Cognito creates it when the client is created with a secret; neither Terraform nor CloudFormation ' +
        'lets you supply your own (the API option for that is not exposed). Terraform offers it as the ' +
        'sensitive attribute `client_secret`, which is still stored in clear text in the state file; ' +
        'CloudFormation offers it as `!GetAtt <Client>.ClientSecret`. Writing it as an argument or property ' +
        'is an error.',
      secure:
        'Hand it to consumers through Secrets Manager or an SSM `SecureString`, never through outputs, exports ' +
        'or plain environment variables, and protect the Terraform state.',
    },
  },
  {
    id: 'clientId',
    cfn: 'ClientId',
    type: 'string',
    appliesTo: ['cfn-client'],
    readOnlyOn: ['cfn-client'],
    doc: {
      summary: 'The app client ID (read-only CloudFormation attribute).',
      details:
        'Cognito assigns it at creation; read it with `!Ref <Client>` or `!GetAtt <Client>.ClientId`. It is ' +
        'not a settable property, so `ClientId` under `Properties` is an error. It only changes when the ' +
        'client is replaced, for example after a change to `UserPoolId` or `GenerateSecret`.',
    },
  },
  {
    id: 'name',
    cfn: 'Name',
    type: 'string',
    appliesTo: ['cfn-client'],
    readOnlyOn: ['cfn-client'],
    doc: {
      summary: "The client's name as a read-only CloudFormation attribute.",
      details:
        'Read it with `!GetAtt <Client>.Name`; it returns the name Cognito stores for the client. It is not ' +
        'a property: to set the name, use `ClientName`.',
    },
  },

  // ---------------------------------------------------------------------------------------------
  // Authentication through the user-pool API
  // ---------------------------------------------------------------------------------------------
  {
    id: 'explicitAuthFlows',
    tf: 'explicit_auth_flows',
    cfn: 'ExplicitAuthFlows',
    type: 'stringList',
    appliesTo: ALL,
    defaultDoc: '`ALLOW_REFRESH_TOKEN_AUTH`, `ALLOW_USER_SRP_AUTH` and `ALLOW_CUSTOM_AUTH`',
    default: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'],
    constraints: {
      enum: [
        {
          value: 'ALLOW_USER_SRP_AUTH',
          doc: 'Password sign-in with the Secure Remote Password protocol: the app proves it knows the password without sending it.',
          advice: 'Preferred way to sign in with a password.',
        },
        {
          value: 'ALLOW_USER_AUTH',
          doc: 'Choice-based sign-in (`USER_AUTH`): the user can sign in with a password, SRP, a one-time code by email or SMS, or a passkey, as the pool allows. Needs the Essentials feature plan or higher and does not cover custom challenges.',
          advice: 'A good modern choice, including for passwordless sign-in.',
        },
        {
          value: 'ALLOW_REFRESH_TOKEN_AUTH',
          doc: 'Lets the app trade a refresh token for new tokens with `InitiateAuth` / `AdminInitiateAuth` (`REFRESH_TOKEN_AUTH`).',
          advice:
            'Remove it when refresh token rotation is enabled: rotating clients must refresh through `GetTokensFromRefreshToken`.',
        },
        {
          value: 'ALLOW_CUSTOM_AUTH',
          doc: "Custom challenge flows driven by the pool's Define/Create/Verify Auth Challenge Lambda triggers.",
          advice: 'Keep it only if the pool has custom auth triggers; it is part of the default set.',
        },
        {
          value: 'ALLOW_USER_PASSWORD_AUTH',
          doc: 'Password sign-in where the app sends the password itself to Cognito (over TLS) instead of using SRP.',
          advice:
            'Avoid: use `ALLOW_USER_SRP_AUTH`. Keep it only while a user migration trigger needs the plain password.',
        },
        {
          value: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
          doc: 'Server-side password sign-in with `AdminInitiateAuth`, called with AWS credentials; replaces `ADMIN_NO_SRP_AUTH`.',
          advice: 'Only on server-side clients with a secret; prefer SRP where possible.',
        },
        {
          value: 'ALLOW_CLIENT_TOKEN_AUTH',
          doc: 'Machine-to-machine access tokens through the `GetClientToken` API. The client needs a secret and this must be its only flow.',
          emerging: true,
          rejectedOn: {
            kinds: ['tf-client', 'tf-managed-client'],
            why:
              '`terraform plan` refuses it, because the AWS provider checks `explicit_auth_flows` against the ' +
              "AWS SDK for Go's list of flows, which does not include it yet. Leave it out until the provider " +
              'accepts it',
          },
          advice:
            'Announced by AWS but not yet in the SDK enum: Terraform rejects it; CloudFormation passes it to the service.',
        },
        {
          value: 'ADMIN_NO_SRP_AUTH',
          doc: 'Legacy name of the server-side admin password flow.',
          legacy: true,
          advice: 'Replace with `ALLOW_ADMIN_USER_PASSWORD_AUTH`; legacy and `ALLOW_` names cannot share a list.',
        },
        {
          value: 'CUSTOM_AUTH_FLOW_ONLY',
          doc: 'Legacy setting that restricts the client to custom challenge flows.',
          legacy: true,
          advice: 'Replace with `ALLOW_CUSTOM_AUTH`; legacy and `ALLOW_` names cannot share a list.',
        },
        {
          value: 'USER_PASSWORD_AUTH',
          doc: 'Legacy name of the flow that sends the password to Cognito instead of using SRP.',
          legacy: true,
          advice: 'Avoid: use `ALLOW_USER_SRP_AUTH` (at worst `ALLOW_USER_PASSWORD_AUTH`).',
        },
      ],
    },
    doc: {
      summary: 'Sign-in flows the client may start through the user-pool API (not OAuth).',
      details:
        'Governs which `InitiateAuth` / `AdminInitiateAuth` flows the client can use; the OAuth grants of ' +
        'managed login are configured separately. Omitted on creation, Cognito enables `ALLOW_USER_SRP_AUTH`, ' +
        '`ALLOW_REFRESH_TOKEN_AUTH` and `ALLOW_CUSTOM_AUTH`. The three legacy names without the `ALLOW_` ' +
        'prefix cannot be mixed with `ALLOW_` names. Deleting the argument in Terraform keeps the list that ' +
        'is live in AWS, while a CloudFormation update without it is expected to restore the default set.',
      secure:
        'List only what the app calls, usually `ALLOW_USER_SRP_AUTH` (or `ALLOW_USER_AUTH`) plus ' +
        '`ALLOW_REFRESH_TOKEN_AUTH` unless rotation is on; avoid the password flows.',
    },
  },

  // ---------------------------------------------------------------------------------------------
  // OAuth 2.0 / managed login
  // ---------------------------------------------------------------------------------------------
  {
    id: 'allowedOauthFlowsUserPoolClient',
    tf: 'allowed_oauth_flows_user_pool_client',
    cfn: 'AllowedOAuthFlowsUserPoolClient',
    type: 'boolean',
    appliesTo: ALL,
    defaultDoc: '`false`: OAuth is off and only API (SDK) sign-in works',
    default: false,
    doc: {
      summary: 'Turns on OAuth 2.0 / OpenID Connect (managed login and the token endpoint) for the client.',
      details:
        'Cognito expects this to be `true` whenever OAuth flows, scopes, callback or sign-out URLs are set; ' +
        'while it is `false`, users of the client can only sign in through the user-pool API flows. Omitted ' +
        'means `false` for clients created through the API, SDKs or CloudFormation. Deleting the argument in ' +
        'Terraform keeps the value that is live in AWS.',
    },
  },
  {
    id: 'allowedOauthFlows',
    tf: 'allowed_oauth_flows',
    cfn: 'AllowedOAuthFlows',
    type: 'stringList',
    appliesTo: ALL,
    defaultDoc: 'none: no OAuth grant is allowed',
    constraints: {
      maxItems: 3,
      enum: [
        {
          value: 'code',
          doc: 'Authorization code grant: the browser receives a short-lived code that the app exchanges at the token endpoint for ID, access and refresh tokens.',
          advice: 'Recommended; use it with PKCE in browser and mobile apps.',
        },
        {
          value: 'implicit',
          doc: 'Implicit grant: tokens are returned directly in the redirect URL fragment, visible to the browser and its history; no refresh token.',
          advice: 'Avoid (legacy, and RFC 9700 says clients should not use it): use `code` with PKCE.',
        },
        {
          value: 'client_credentials',
          doc: 'Client credentials grant for machine-to-machine calls: the client authenticates with its own secret and receives an access token with custom scopes, without a user.',
          advice: 'Only on a client with a secret and with no other grant; these token requests are billed separately.',
        },
      ],
    },
    doc: {
      summary: 'OAuth 2.0 grant types the client may use.',
      details:
        'Up to three of `code`, `implicit` and `client_credentials`. `client_credentials` cannot be combined ' +
        'with the other two and needs a client secret. The list only takes effect when ' +
        '`allowed_oauth_flows_user_pool_client` is `true`; the interactive grants also need callback URLs and ' +
        'at least one supported identity provider.',
      secure: 'Use `code` (with PKCE for public clients) and never `implicit`.',
    },
  },
  {
    id: 'allowedOauthScopes',
    tf: 'allowed_oauth_scopes',
    cfn: 'AllowedOAuthScopes',
    type: 'stringList',
    appliesTo: ALL,
    defaultDoc: 'none',
    constraints: {
      maxItems: 50,
      itemMinLength: 1,
      itemMaxLength: 256,
      itemPattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$',
      itemPatternDoc: 'printable ASCII without spaces, double quotes or backslashes',
    },
    doc: {
      summary: 'OAuth scopes the client may request.',
      details:
        'May contain the OpenID Connect scopes `openid`, `email`, `phone` and `profile`, the Cognito scope ' +
        '`aws.cognito.signin.user.admin`, and custom scopes `<resource-server-identifier>/<scope>` from a ' +
        'resource server in the pool. At most 50 scopes of 1-256 characters each. A custom scope must exist ' +
        'before the client names it, otherwise the call fails with `ScopeDoesNotExistException`.',
      secure:
        'Grant `aws.cognito.signin.user.admin` only to clients that call the user self-service APIs with the ' +
        'access token, and keep custom scopes to the minimum.',
    },
  },
  {
    id: 'callbackUrls',
    tf: 'callback_urls',
    cfn: 'CallbackURLs',
    type: 'stringList',
    appliesTo: ALL,
    defaultDoc: 'none',
    constraints: {
      maxItems: 100,
      itemMinLength: 1,
      itemMaxLength: 1024,
      itemPattern: URL_PATTERN,
      itemPatternDoc: URL_PATTERN_DOC,
    },
    doc: {
      summary: 'Redirect URIs allowed after sign-in (compared by exact match).',
      details:
        'Cognito redirects only to a `redirect_uri` equal to one of these entries. ' +
        URL_RULES +
        ' At most 100 entries of 1-1024 characters; requires `allowed_oauth_flows_user_pool_client = true`.',
      secure: 'Register exact HTTPS URLs you control, and keep loopback and test URLs out of production clients.',
    },
  },
  {
    id: 'logoutUrls',
    tf: 'logout_urls',
    cfn: 'LogoutURLs',
    type: 'stringList',
    appliesTo: ALL,
    defaultDoc: 'none',
    constraints: {
      maxItems: 100,
      itemMinLength: 1,
      itemMaxLength: 1024,
      itemPattern: URL_PATTERN,
      itemPatternDoc: URL_PATTERN_DOC,
    },
    doc: {
      summary: 'Sign-out redirect URIs accepted by the logout endpoint.',
      details:
        'After a call to `/logout`, Cognito sends the browser only to a `logout_uri` that appears in this ' +
        'list. ' +
        URL_RULES +
        ' At most 100 entries of 1-1024 characters.',
      secure:
        'List only exact sign-out pages; a broad or attacker-reachable URL turns the logout endpoint into an ' +
        'open redirect.',
    },
  },
  {
    id: 'defaultRedirectUri',
    tf: 'default_redirect_uri',
    cfn: 'DefaultRedirectURI',
    type: 'string',
    appliesTo: ALL,
    defaultDoc: 'none',
    constraints: {
      minLength: 1,
      maxLength: 1024,
      pattern: URL_PATTERN,
      patternDoc: URL_PATTERN_DOC,
    },
    doc: {
      summary: 'Redirect URI used when an authorization request does not name one.',
      details:
        'Must also be listed in the callback URLs. With a single identity provider on the client, it can ' +
        'stand in for the `redirect_uri` request parameter. ' +
        URL_RULES,
    },
  },
  {
    id: 'supportedIdentityProviders',
    tf: 'supported_identity_providers',
    cfn: 'SupportedIdentityProviders',
    type: 'stringList',
    appliesTo: ALL,
    defaultDoc: 'none: managed login offers no sign-in option',
    constraints: {
      itemMinLength: 1,
      itemMaxLength: 32,
      itemPattern: '^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\p{Z}]+$',
      itemPatternDoc: 'letters, digits, punctuation, symbols and spaces',
    },
    doc: {
      summary: 'Identity providers offered to users of this client in managed login.',
      details:
        "`COGNITO` stands for the pool's own users; `Facebook`, `Google`, `SignInWithApple` and " +
        '`LoginWithAmazon` for social providers; any other entry is the name of a SAML or OIDC provider ' +
        'configured in the pool (1-32 characters). The provider must exist before the client refers to it: ' +
        'reference `aws_cognito_identity_provider.<x>.provider_name` or add `depends_on` / `DependsOn`. ' +
        'Leaving `COGNITO` out hides local sign-in from managed login but does not stop SDK sign-in for ' +
        'local users.',
    },
  },

  // ---------------------------------------------------------------------------------------------
  // Token lifetimes
  // ---------------------------------------------------------------------------------------------
  {
    id: 'accessTokenValidity',
    tf: 'access_token_validity',
    cfn: 'AccessTokenValidity',
    type: 'integer',
    appliesTo: ALL,
    defaultDoc: '1 hour',
    default: 1,
    durationUnit: {
      unitParam: 'tokenValidityUnits.accessToken',
      defaultUnit: 'hours',
      minSeconds: 300,
      maxSeconds: 86400,
    },
    constraints: { min: 1, max: 86400 },
    tfSince: '3.32.0',
    doc: {
      summary: 'Lifetime of access tokens, counted in the unit from `token_validity_units`.',
      details:
        'The number is read in the unit of `token_validity_units.access_token` / ' +
        '`TokenValidityUnits.AccessToken`, hours unless set, so `60` without a unit means 60 hours and is ' +
        'rejected. The resulting duration must be between 5 minutes and 1 day; omitted, tokens last 1 hour. ' +
        'Deleting the argument in Terraform keeps the value that is live in AWS.',
      secure:
        'Keep access tokens short-lived (1 hour or less): resource servers that only check the JWT signature ' +
        'accept them until they expire, even after revocation.',
    },
  },
  {
    id: 'idTokenValidity',
    tf: 'id_token_validity',
    cfn: 'IdTokenValidity',
    type: 'integer',
    appliesTo: ALL,
    defaultDoc: '1 hour',
    default: 1,
    durationUnit: {
      unitParam: 'tokenValidityUnits.idToken',
      defaultUnit: 'hours',
      minSeconds: 300,
      maxSeconds: 86400,
    },
    constraints: { min: 1, max: 86400 },
    tfSince: '3.32.0',
    doc: {
      summary: 'Lifetime of ID tokens, counted in the unit from `token_validity_units`.',
      details:
        'The number is read in the unit of `token_validity_units.id_token` / `TokenValidityUnits.IdToken`, ' +
        'hours unless set, so `60` without a unit means 60 hours and is rejected. The resulting duration ' +
        'must be between 5 minutes and 1 day; omitted, tokens last 1 hour. Deleting the argument in ' +
        'Terraform keeps the value that is live in AWS.',
      secure: 'Keep ID tokens short-lived (1 hour or less), since apps often forward them as bearer credentials.',
    },
  },
  {
    id: 'refreshTokenValidity',
    tf: 'refresh_token_validity',
    cfn: 'RefreshTokenValidity',
    type: 'integer',
    appliesTo: ALL,
    defaultDoc: '30 days',
    default: 30,
    durationUnit: {
      unitParam: 'tokenValidityUnits.refreshToken',
      defaultUnit: 'days',
      minSeconds: 3600,
      maxSeconds: 315360000,
    },
    constraints: { min: 0, max: 315360000 },
    doc: {
      summary: 'Lifetime of refresh tokens, counted in the unit from `token_validity_units`.',
      details:
        'The number is read in the unit of `token_validity_units.refresh_token` / ' +
        '`TokenValidityUnits.RefreshToken`, days unless set. The resulting duration must be between 60 ' +
        'minutes and 10 years; omitted, it is 30 days. Only the raw API takes `0` (Cognito then applies ' +
        'the 30-day default): the current Terraform provider refuses anything under 60 minutes when it plans, ' +
        'and the CloudFormation schema requires at least `1`. Deleting the argument in Terraform keeps the ' +
        'value that is live in AWS.',
      secure: 'Use the shortest lifetime your users accept, and combine it with refresh token rotation.',
    },
  },
  {
    id: 'tokenValidityUnits',
    tf: 'token_validity_units',
    cfn: 'TokenValidityUnits',
    type: 'block',
    appliesTo: ALL,
    defaultDoc: 'hours for access and ID tokens, days for refresh tokens',
    tfSince: '3.32.0',
    doc: {
      summary: 'Units in which the three token validity numbers are counted.',
      details:
        'Chooses seconds, minutes, hours or days separately for `access_token_validity`, ' +
        '`id_token_validity` and `refresh_token_validity`. A unit left out falls back to hours (access, ID) ' +
        'or days (refresh). When the whole block is removed, Terraform sends those default units ' +
        'explicitly, so the numbers are reinterpreted: `60` minutes silently becomes `60` hours. Check the ' +
        'validity numbers whenever you change or drop a unit.',
    },
    children: [
      {
        id: 'tokenValidityUnits.accessToken',
        tf: 'access_token',
        cfn: 'AccessToken',
        type: 'string',
        appliesTo: ALL,
        defaultDoc: 'hours',
        default: 'hours',
        constraints: { enum: TIME_UNITS },
        tfSince: '3.32.0',
        doc: {
          summary: 'Unit of the access token validity number.',
          details:
            'One of `seconds`, `minutes`, `hours` or `days`; `hours` when omitted. Changing the unit without ' +
            'changing the number changes the lifetime.',
        },
      },
      {
        id: 'tokenValidityUnits.idToken',
        tf: 'id_token',
        cfn: 'IdToken',
        type: 'string',
        appliesTo: ALL,
        defaultDoc: 'hours',
        default: 'hours',
        constraints: { enum: TIME_UNITS },
        tfSince: '3.32.0',
        doc: {
          summary: 'Unit of the ID token validity number.',
          details:
            'One of `seconds`, `minutes`, `hours` or `days`; `hours` when omitted. Changing the unit without ' +
            'changing the number changes the lifetime.',
        },
      },
      {
        id: 'tokenValidityUnits.refreshToken',
        tf: 'refresh_token',
        cfn: 'RefreshToken',
        type: 'string',
        appliesTo: ALL,
        defaultDoc: 'days',
        default: 'days',
        constraints: { enum: TIME_UNITS },
        tfSince: '3.32.0',
        doc: {
          summary: 'Unit of the refresh token validity number.',
          details:
            'One of `seconds`, `minutes`, `hours` or `days`; `days` when omitted. Changing the unit without ' +
            'changing the number changes the lifetime.',
        },
      },
    ],
  },
  {
    id: 'authSessionValidity',
    tf: 'auth_session_validity',
    cfn: 'AuthSessionValidity',
    type: 'integer',
    appliesTo: ALL,
    defaultDoc: '3 minutes',
    default: 3,
    constraints: { min: 3, max: 15 },
    tfSince: '4.38.0',
    doc: {
      summary: 'Minutes a sign-in session token stays valid between authentication steps.',
      details:
        'Multi-step sign-ins (MFA codes, custom challenges, a forced new password) give the app a session ' +
        'token that must be answered before it expires. The value is in minutes, from 3 to 15; omitted, it ' +
        'is 3. Before September 2022 it was fixed at 3 minutes and could not be configured.',
      secure: 'Keep it at the 3-minute default unless users need longer to finish MFA.',
    },
  },

  // ---------------------------------------------------------------------------------------------
  // Security behaviour
  // ---------------------------------------------------------------------------------------------
  {
    id: 'preventUserExistenceErrors',
    tf: 'prevent_user_existence_errors',
    cfn: 'PreventUserExistenceErrors',
    type: 'string',
    appliesTo: ALL,
    defaultDoc: '`LEGACY` through the API, SDKs and CloudFormation (the console preselects `ENABLED`)',
    default: 'LEGACY',
    constraints: {
      enum: [
        {
          value: 'ENABLED',
          doc: 'Sign-in, confirmation and password-recovery calls answer the same way whether or not the user exists: a generic error, or a reply as if a code had been sent.',
          advice: 'Recommended.',
        },
        {
          value: 'LEGACY',
          doc: 'Calls about an unknown user fail with `UserNotFoundException`, so anyone can test which usernames exist.',
          advice: 'Avoid: use `ENABLED`.',
        },
      ],
    },
    doc: {
      summary: 'Whether sign-in and account-recovery errors reveal that a user exists.',
      details:
        '`ENABLED` hides the difference between unknown and existing users in authentication, confirmation ' +
        'and password-recovery responses; `LEGACY` reports unknown users with `UserNotFoundException`. When ' +
        'omitted, clients created through the API, SDKs or CloudFormation get `LEGACY`, even though the ' +
        'console preselects `ENABLED`. Deleting the argument in Terraform keeps the value that is live in AWS.',
      secure: 'Set `ENABLED` to stop user enumeration.',
    },
  },
  {
    id: 'enableTokenRevocation',
    tf: 'enable_token_revocation',
    cfn: 'EnableTokenRevocation',
    type: 'boolean',
    appliesTo: ALL,
    defaultDoc: '`true` for new clients',
    default: true,
    tfSince: '3.50.0',
    doc: {
      summary: 'Allows refresh tokens, and the tokens issued from them, to be revoked.',
      details:
        'When on, `RevokeToken`, the `/oauth2/revoke` endpoint and global sign-out invalidate refresh tokens ' +
        'and the access tokens derived from them, and tokens carry `jti` and `origin_jti` claims. New clients ' +
        "have it on when the setting is omitted. Only Cognito's own endpoints honour revocation: a resource " +
        'server that just checks the JWT signature and expiry still accepts a revoked access token.',
      secure: 'Keep it `true`.',
    },
  },
  {
    id: 'enablePropagateAdditionalUserContextData',
    tf: 'enable_propagate_additional_user_context_data',
    cfn: 'EnablePropagateAdditionalUserContextData',
    type: 'boolean',
    appliesTo: ALL,
    defaultDoc: '`false`',
    default: false,
    tfSince: '4.18.0',
    doc: {
      summary: "Lets a server-side app pass the end user's context (such as the IP address) to threat protection.",
      details:
        "With it on, the app may send `UserContextData` (the user's source IP and encoded device data) with " +
        'unauthenticated API calls, so threat protection judges the real user rather than your server. ' +
        'Cognito accepts it only on clients that have a client secret. Off when omitted.',
      secure:
        'Turn it on for server-side clients with a secret that sit between users and Cognito, so risk ' +
        'scoring sees the real client IP.',
    },
  },

  // ---------------------------------------------------------------------------------------------
  // Attribute permissions
  // ---------------------------------------------------------------------------------------------
  {
    id: 'readAttributes',
    tf: 'read_attributes',
    cfn: 'ReadAttributes',
    type: 'stringList',
    appliesTo: ALL,
    defaultDoc: 'every standard attribute plus `email_verified` and `phone_number_verified`; no custom attribute',
    constraints: { itemMinLength: 1, itemMaxLength: 2048 },
    doc: {
      summary: 'User attributes the client may read (ID token claims, `GetUser`).',
      details:
        'Names the attributes the client can see, including `custom:` attributes and the two verification ' +
        'flags. Unset, the client reads every standard attribute and both verification flags, but no custom ' +
        'attribute; Cognito then returns no list when the client is described. ID tokens only contain ' +
        'attributes the client may read. Each name is 1-2048 characters.',
      secure: 'List only the attributes the app needs.',
    },
  },
  {
    id: 'writeAttributes',
    tf: 'write_attributes',
    cfn: 'WriteAttributes',
    type: 'stringList',
    appliesTo: ALL,
    defaultDoc: 'every standard attribute; not the verification flags, no custom attribute',
    constraints: { itemMinLength: 1, itemMaxLength: 2048 },
    doc: {
      summary: 'User attributes the client may set or change (sign-up, `UpdateUserAttributes`).',
      details:
        'Unset, the client may write every standard attribute, but neither verification flag nor any custom ' +
        'attribute. The list must contain every attribute mapped from a federated identity provider, ' +
        'otherwise sign-in through that provider fails when Cognito updates the attribute. Writing an ' +
        'attribute outside the list fails with `NotAuthorizedException`. Each name is 1-2048 characters.',
      secure:
        'Never make `email_verified`, `phone_number_verified` or authorization-relevant custom attributes ' +
        '(role, group, tenant, plan) writable.',
    },
  },

  // ---------------------------------------------------------------------------------------------
  // Analytics
  // ---------------------------------------------------------------------------------------------
  {
    id: 'analyticsConfiguration',
    tf: 'analytics_configuration',
    cfn: 'AnalyticsConfiguration',
    type: 'block',
    appliesTo: ALL,
    defaultDoc: 'none: no analytics events',
    doc: {
      summary: 'Publishes sign-up and sign-in events to an Amazon Pinpoint (AWS End User Messaging) project.',
      details:
        'Name the project either with `application_arn` alone, or with `application_id` plus `external_id` ' +
        'and `role_arn`; exactly one of the two styles. Where the Region has no Pinpoint, a project in ' +
        'us-east-1 can be used. `user_data_shared` decides whether user data travels with the events. ' +
        'Omitted, nothing is published.',
    },
    children: [
      {
        id: 'analyticsConfiguration.applicationArn',
        tf: 'application_arn',
        cfn: 'ApplicationArn',
        type: 'string',
        appliesTo: ALL,
        constraints: {
          minLength: 20,
          maxLength: 2048,
          pattern: APP_ARN_PATTERN,
          patternDoc: APP_ARN_PATTERN_DOC,
        },
        tfSince: '3.29.0',
        doc: {
          summary: 'ARN of the Pinpoint project that receives the events.',
          details:
            'Identifies the project on its own: when it is set, leave out `application_id`, `external_id` ' +
            'and `role_arn`. The ARN is 20-2048 characters long.',
        },
      },
      {
        id: 'analyticsConfiguration.applicationId',
        tf: 'application_id',
        cfn: 'ApplicationId',
        type: 'string',
        appliesTo: ALL,
        constraints: {
          pattern: '^[0-9a-fA-F]+$',
          patternDoc: 'hexadecimal digits',
        },
        doc: {
          summary: 'ID of the Pinpoint project that receives the events.',
          details:
            'The alternative to `application_arn`; it also needs `external_id` and `role_arn`. The ID is a ' +
            'hexadecimal string.',
        },
      },
      {
        id: 'analyticsConfiguration.externalId',
        tf: 'external_id',
        cfn: 'ExternalId',
        type: 'string',
        appliesTo: ALL,
        constraints: { maxLength: 131072 },
        doc: {
          summary: 'External ID Cognito presents when it assumes `role_arn`.',
          details:
            "Goes with `application_id` and must match the condition in the role's trust policy; leave it " +
            'out when `application_arn` is set. It may be up to 131,072 characters long.',
        },
      },
      {
        id: 'analyticsConfiguration.roleArn',
        tf: 'role_arn',
        cfn: 'RoleArn',
        type: 'string',
        appliesTo: ALL,
        constraints: {
          minLength: 20,
          maxLength: 2048,
          pattern: ARN_PATTERN,
          patternDoc: ARN_PATTERN_DOC,
        },
        doc: {
          summary: 'IAM role Cognito assumes to publish events to Pinpoint.',
          details:
            'Required with `application_id`, not allowed with `application_arn`. CloudFormation expects an ' +
            'IAM role ARN (`arn:<partition>:iam::<account>:role/...`).',
        },
      },
      {
        id: 'analyticsConfiguration.userDataShared',
        tf: 'user_data_shared',
        cfn: 'UserDataShared',
        type: 'boolean',
        appliesTo: ALL,
        defaultDoc: '`false`',
        default: false,
        doc: {
          summary: 'Whether user data is included in the analytics events.',
          details:
            'When `true`, Cognito adds user data (endpoint and attribute information) to the events it sends ' +
            'to Pinpoint. Off when omitted.',
          secure: 'Leave it `false` unless the analytics use case needs per-user data.',
        },
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // Refresh token rotation
  // ---------------------------------------------------------------------------------------------
  {
    id: 'refreshTokenRotation',
    tf: 'refresh_token_rotation',
    cfn: 'RefreshTokenRotation',
    type: 'block',
    appliesTo: ALL,
    defaultDoc: 'rotation disabled',
    tfSince: '5.98.0',
    doc: {
      summary: 'Issues a new refresh token at every refresh and retires the one presented.',
      details:
        'With `feature = ENABLED`, each refresh returns new ID, access and refresh tokens, and the refresh ' +
        'token that was used stops working after the grace period. Apps must then refresh with ' +
        "`GetTokensFromRefreshToken` or the token endpoint's `refresh_token` grant; `REFRESH_TOKEN_AUTH` is " +
        'refused, so drop `ALLOW_REFRESH_TOKEN_AUTH`. Omitted, rotation is off. Some provider versions fail ' +
        'with an inconsistent-result error when the block is removed or switched to `DISABLED`.',
      secure:
        'Enable rotation, above all for public clients (RFC 9700 requires rotated or sender-constrained ' +
        'refresh tokens there).',
    },
    children: [
      {
        id: 'refreshTokenRotation.feature',
        tf: 'feature',
        cfn: 'Feature',
        type: 'string',
        appliesTo: ALL,
        requiredOn: ALL,
        constraints: {
          enum: [
            {
              value: 'ENABLED',
              doc: 'Every refresh returns a new refresh token and invalidates the old one once the grace period ends.',
              advice: 'Recommended; remove `ALLOW_REFRESH_TOKEN_AUTH` from the auth flows.',
            },
            {
              value: 'DISABLED',
              doc: 'The same refresh token is reused until it expires.',
            },
          ],
        },
        tfSince: '5.98.0',
        doc: {
          summary: 'Switches refresh token rotation on or off.',
          details:
            '`ENABLED` or `DISABLED`. The API needs it whenever the rotation block is present, although the ' +
            'CloudFormation schema marks it optional.',
        },
      },
      {
        id: 'refreshTokenRotation.retryGracePeriodSeconds',
        tf: 'retry_grace_period_seconds',
        cfn: 'RetryGracePeriodSeconds',
        type: 'integer',
        appliesTo: ALL,
        defaultDoc: 'not documented by AWS; plan for no grace period',
        constraints: { min: 0, max: 60 },
        tfSince: '5.98.0',
        doc: {
          summary: 'Seconds the previous refresh token keeps working after it was rotated.',
          details:
            'Lets a client retry a refresh whose response was lost without being signed out. `0` invalidates ' +
            'the old token immediately; the maximum is 60 seconds.',
          secure: 'Keep it short: a few seconds covers network retries.',
        },
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // Terraform-only plumbing
  // ---------------------------------------------------------------------------------------------
  {
    id: 'region',
    tf: 'region',
    type: 'string',
    appliesTo: TF,
    defaultDoc: 'the Region of the provider configuration',
    tfSince: '6.0.0',
    doc: {
      summary: 'Region in which Terraform manages this client.',
      details:
        "Overrides the provider's Region for this one resource. Omitted, the provider configuration's Region " +
        'applies. Added in provider 6.0.0; older providers reject the argument.',
    },
  },
];
