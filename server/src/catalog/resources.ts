/**
 * The other resources the rules read besides the client (its user pool, identity providers, resource
 * servers, SSM parameters, functions), and the client's own attributes and meta-arguments that other
 * resources refer to. Each entry gives the Terraform and CloudFormation spelling, so that rules ask for
 * a setting by a neutral id (`neighbourField(r, 'userPool.autoVerifiedAttributes')`), the way they ask
 * for the client's parameters (`prop(c, 'explicitAuthFlows')`), and never spell a dialect's name.
 */
import { field, type OtherResource, type TemplateModel, type Value } from '../core/model';
import type { ResourceKind } from '../core/params';

export type NeighbourKind = 'userPool' | 'identityProvider' | 'resourceServer' | 'ssmParameter' | 'function';

/** One resource type as a dialect writes it, and where its settings are. */
export interface NeighbourType {
  kind: NeighbourKind;
  /** The type as written (`aws_cognito_user_pool`, `AWS::Cognito::UserPool`). */
  type: string;
  terraform: boolean;
  /** Neutral field id (without the kind prefix) -> the path of keys inside the resource's settings. */
  fields: Record<string, readonly string[]>;
}

const POOL_FIELDS_TF = {
  userAttributeUpdateSettings: ['user_attribute_update_settings'],
  attributesRequireVerificationBeforeUpdate: ['attributes_require_verification_before_update'],
  autoVerifiedAttributes: ['auto_verified_attributes'],
};
const POOL_FIELDS_CFN = {
  userAttributeUpdateSettings: ['UserAttributeUpdateSettings'],
  attributesRequireVerificationBeforeUpdate: ['AttributesRequireVerificationBeforeUpdate'],
  autoVerifiedAttributes: ['AutoVerifiedAttributes'],
};

/**
 * Every neighbour type we read. `attributesRequireVerificationBeforeUpdate` is relative to
 * `userAttributeUpdateSettings`. An SSM parameter's `type` exists only where the template can make the
 * parameter a SecureString (Terraform); CloudFormation cannot create one.
 */
export const NEIGHBOURS: readonly NeighbourType[] = [
  { kind: 'userPool', type: 'aws_cognito_user_pool', terraform: true, fields: POOL_FIELDS_TF },
  { kind: 'userPool', type: 'AWS::Cognito::UserPool', terraform: false, fields: POOL_FIELDS_CFN },
  {
    kind: 'identityProvider',
    type: 'aws_cognito_identity_provider',
    terraform: true,
    fields: { providerName: ['provider_name'] },
  },
  {
    kind: 'identityProvider',
    type: 'AWS::Cognito::UserPoolIdentityProvider',
    terraform: false,
    fields: { providerName: ['ProviderName'] },
  },
  {
    kind: 'resourceServer',
    type: 'aws_cognito_resource_server',
    terraform: true,
    fields: { identifier: ['identifier'] },
  },
  {
    kind: 'resourceServer',
    type: 'AWS::Cognito::UserPoolResourceServer',
    terraform: false,
    fields: { identifier: ['Identifier'] },
  },
  { kind: 'ssmParameter', type: 'aws_ssm_parameter', terraform: true, fields: { value: ['value'], type: ['type'] } },
  { kind: 'ssmParameter', type: 'AWS::SSM::Parameter', terraform: false, fields: { value: ['Value'] } },
  {
    kind: 'function',
    type: 'aws_lambda_function',
    terraform: true,
    fields: { environmentVariables: ['environment', 'variables'] },
  },
  {
    kind: 'function',
    type: 'AWS::Lambda::Function',
    terraform: false,
    fields: { environmentVariables: ['Environment', 'Variables'] },
  },
  {
    kind: 'function',
    type: 'AWS::Serverless::Function',
    terraform: false,
    fields: { environmentVariables: ['Environment', 'Variables'] },
  },
];

/** The SSM parameter type that keeps its value encrypted. */
export const SECURE_STRING = 'SecureString';

const byType = new Map(NEIGHBOURS.map((n) => [n.type, n]));

/** The catalogue entry of a resource type, when it is one the rules read. */
export function neighbourType(type: string): NeighbourType | undefined {
  return byType.get(type);
}

/** Is this resource of that kind (`isNeighbour(r, 'userPool')`)? */
export function isNeighbour(r: { type: string }, kind: NeighbourKind): boolean {
  return byType.get(r.type)?.kind === kind;
}

/** The resources of the file of one kind, in source order (indexed once per file: rules ask per client). */
export function neighbours(model: TemplateModel, kind: NeighbourKind): readonly OtherResource[] {
  let byKind = neighbourIndex.get(model.resources);
  if (!byKind) {
    byKind = new Map();
    for (const r of model.resources) {
      const k = byType.get(r.type)?.kind;
      if (k === undefined) continue;
      const list = byKind.get(k);
      if (list) list.push(r);
      else byKind.set(k, [r]);
    }
    neighbourIndex.set(model.resources, byKind);
  }
  return byKind.get(kind) ?? NONE;
}
const neighbourIndex = new WeakMap<readonly OtherResource[], Map<NeighbourKind, OtherResource[]>>();
const NONE: readonly OtherResource[] = Object.freeze([]);

/** The key path of a field in this resource's dialect; undefined when the dialect has no such field. */
export function neighbourPath(r: { type: string }, fieldId: string): readonly string[] | undefined {
  return byType.get(r.type)?.fields[fieldId];
}

/** The last key of a field's path as the user writes it (for messages and fixes). */
export function neighbourKey(r: { type: string }, fieldId: string): string {
  const path = neighbourPath(r, fieldId);
  const last = path?.[path.length - 1];
  if (!last) throw new Error(`${r.type} has no catalogue field ${fieldId}`);
  return last;
}

/**
 * A field's value inside a resource's settings, or inside a value read from them (`within`), by id.
 * Undefined when it is not set or the dialect has no such field.
 */
export function neighbourField(
  r: OtherResource,
  fieldId: string,
  within: Value | undefined = r.body,
): Value | undefined {
  const path = neighbourPath(r, fieldId);
  return path ? field(within, ...path) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The client's own attributes and meta-arguments, as other resources and the fixes name them

/** Attributes of the client that other resources read (`aws_cognito_user_pool_client.x.client_secret`). */
const CLIENT_ATTRIBUTES = {
  clientSecret: { tf: 'client_secret', cfn: 'ClientSecret' },
} as const;

export type ClientAttribute = keyof typeof CLIENT_ATTRIBUTES;

/** The attribute's name as a reference to a client of this kind reads it. */
export function clientAttribute(kind: ResourceKind, id: ClientAttribute): string {
  const a = CLIENT_ATTRIBUTES[id];
  return kind === 'cfn-client' ? a.cfn : a.tf;
}

/** Is `attr` that attribute in either dialect (for indexes built before the client is known)? */
export function isClientAttribute(attr: string | undefined, id: ClientAttribute): boolean {
  const a = CLIENT_ATTRIBUTES[id];
  return attr === a.tf || attr === a.cfn;
}

/**
 * How to read an attribute of the client elsewhere in the template, for advice in messages; undefined
 * where the dialect reads attributes by plain reference (Terraform: `type.name.attribute`).
 */
export function attributeReadHint(kind: ResourceKind, resource: string, attribute: string): string | undefined {
  return kind === 'cfn-client' ? `\`!GetAtt ${resource}.${attribute}\`` : undefined;
}

/** Resource-level settings outside the properties: the explicit dependency list and the outputs. */
const META = {
  dependsOn: { tf: 'depends_on', cfn: 'DependsOn' },
  output: { tf: 'output', cfn: 'Output' },
} as const;

/** The name of a resource-level setting in the dialect of this kind (`depends_on`, `DependsOn`). */
export function metaName(kind: ResourceKind, id: keyof typeof META): string {
  return kind === 'cfn-client' ? META[id].cfn : META[id].tf;
}
