/**
 * The shape of the parameter catalogue: one entry per parameter of the Cognito user pool client,
 * shared by Terraform (`aws_cognito_user_pool_client`, `aws_cognito_managed_user_pool_client`) and
 * CloudFormation (`AWS::Cognito::UserPoolClient`). Validation, hover, completion and fixes all read it.
 */

/** Which resource kinds a parameter exists on. */
export type ResourceKind = 'tf-client' | 'tf-managed-client' | 'cfn-client';

/** The value shape of a parameter. `block` is a nested object (a Terraform block, a CloudFormation object). */
export type ParamType = 'string' | 'boolean' | 'integer' | 'stringList' | 'block';

export interface EnumValue {
  value: string;
  /** What this value allows or means, in one or two plain sentences (our own words). */
  doc: string;
  /** Legacy value kept for old clients (explicit auth flows without the ALLOW_ prefix). */
  legacy?: boolean;
  /** Announced by the service but not yet in the SDK enum: a warning, not an error. */
  emerging?: boolean;
  /** Resource kinds whose tooling refuses the value (an SDK enum it validates against), and why. */
  rejectedOn?: { kinds: ResourceKind[]; why: string };
  /** The secure recommendation for this value, if it has one ("avoid", "prefer"). */
  advice?: string;
}

export interface Constraints {
  /** Inclusive length bounds for strings (and for each list item when `itemMinLength` etc. are absent). */
  minLength?: number;
  maxLength?: number;
  /** JavaScript regular expression source (unicode flag) that the whole string must match. */
  pattern?: string;
  /** Plain description of the pattern for messages ("letters, digits, spaces and + = , . @ -"). */
  patternDoc?: string;
  /** Inclusive numeric bounds of the raw value. */
  min?: number;
  max?: number;
  /** List limits. */
  maxItems?: number;
  itemMinLength?: number;
  itemMaxLength?: number;
  itemPattern?: string;
  itemPatternDoc?: string;
  /** Closed set of values (for a list: of its items). */
  enum?: EnumValue[];
  /** Enum comparison is case-sensitive in the service (all of ours are). */
}

export interface ParamDoc {
  /** One-line summary (our own words), used in completion details and hover titles. */
  summary: string;
  /** A few sentences of explanation in Markdown (our own words). */
  details: string;
  /** The secure recommendation in one sentence, if any. */
  secure?: string;
}

export interface Param {
  /** Canonical id, camelCase, stable: `explicitAuthFlows`, `tokenValidityUnits.accessToken`. */
  id: string;
  /** Terraform argument or block name (`explicit_auth_flows`), absent when Terraform has no such argument. */
  tf?: string;
  /** CloudFormation property name (`ExplicitAuthFlows`), absent when CloudFormation has no such property. */
  cfn?: string;
  type: ParamType;
  /** Resource kinds that accept this parameter. */
  appliesTo: ResourceKind[];
  /** Required on these resource kinds. */
  requiredOn?: ResourceKind[];
  /** What the service (or provider) uses when the parameter is omitted, in words ("1 hour", "LEGACY"). */
  defaultDoc?: string;
  /** Machine-readable default when there is a simple one. */
  default?: string | number | boolean | string[];
  constraints?: Constraints;
  /** Changing it replaces the client (Terraform ForceNew, CloudFormation createOnly). */
  createOnly?: boolean;
  /** Read-only: computed by the service; setting it in a template is an error (CloudFormation `ClientId`...). */
  readOnlyOn?: ResourceKind[];
  /** For token validity values: which unit field governs it and its default unit. */
  durationUnit?: {
    unitParam: string;
    defaultUnit: 'seconds' | 'minutes' | 'hours' | 'days';
    /** The shortest and longest lifetime the service accepts, in seconds, whatever the unit. */
    minSeconds: number;
    maxSeconds: number;
  };
  doc: ParamDoc;
  /** Child parameters of a block, with ids prefixed by this id and a dot. */
  children?: Param[];
  /** Provider version that introduced the Terraform argument, when known ("4.38.0"). */
  tfSince?: string;
}

export const TF_CLIENT_DOC_URL =
  'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_user_pool_client';
export const TF_MANAGED_CLIENT_DOC_URL =
  'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_managed_user_pool_client';
export const CFN_CLIENT_DOC_URL =
  'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html';
