/**
 * The dialect-neutral model. Parsers build it; rules read only this, never HCL, YAML or JSON.
 */
import type * as jsonc from 'jsonc-parser';
import type { Param, ResourceKind } from './params';
import type { Range, Span } from './text';

export type Dialect = 'terraform' | 'terraform-json' | 'cloudformation-yaml' | 'cloudformation-json';

/** What kind of file this template is, beyond its syntax. */
export type Flavor = 'terraform' | 'cloudformation' | 'sam' | 'serverless' | 'cdk';

/**
 * A value used at `span` whose text is written elsewhere: a variable's default or a local (this file or
 * another of its folder) or a tfvars file. Findings at `span` name that place as related information.
 */
export interface PlacedValue {
  span: Span;
  fileName: string;
  range: Range;
  /** What the place is ("the default of `var.days` in variables.tf"). */
  origin: string;
}

/** Where a resolved value came from, for messages ("from the default of `var.days`"). */
export interface Origin {
  text: string;
  /**
   * The value is written as it stands in the file of a module's caller (a module argument): a fix may
   * edit it there, for that call only.
   */
  caller?: true;
}

/** A value whose text a fix may edit where it stands: written right there, or a caller's module argument. */
export function editableOrigin(v: object | undefined): boolean {
  const from = (v as { from?: Origin } | undefined)?.from;
  return !from || from.caller === true;
}

/** A reference the resolver could not turn into a value but that names something in the file. */
export interface Reference {
  /** Terraform resource type or CloudFormation logical id's type when known. */
  type?: string;
  /** Terraform resource name or CloudFormation logical id. */
  name: string;
  /** Attribute read from it (`id`, `client_secret`, `ClientSecret`, `Arn`), if any. */
  attr?: string;
}

export type Value =
  | { k: 'scalar'; v: string | number | boolean | null; span: Span; quoted: boolean; from?: Origin }
  | { k: 'list'; items: Value[]; span: Span; from?: Origin }
  | { k: 'map'; entries: MapEntry[]; span: Span; from?: Origin }
  /** Not knowable at lint time: never the basis of a finding. */
  | {
      k: 'unknown';
      span: Span;
      why: string;
      ref?: Reference;
      refs?: RefAt[];
      /** Terraform would fail to compute it (a missing key, a wrong type), which `try` moves past. */
      failed?: true;
    }
  /** One of several values (CloudFormation `Fn::If`): each option is checked on its own. */
  | { k: 'alt'; options: Value[]; span: Span }
  /** Explicitly absent (`!Ref AWS::NoValue`). */
  | { k: 'absent'; span: Span };

/** A reference inside an expression, with the span of the part that makes it. */
export interface RefAt {
  ref: Reference;
  span: Span;
}

export type ScalarValue = Extract<Value, { k: 'scalar' }>;
export type ListValue = Extract<Value, { k: 'list' }>;
export type MapValue = Extract<Value, { k: 'map' }>;

export interface MapEntry {
  key: string;
  keySpan: Span;
  value: Value;
}

/**
 * Where properties live and where a new one goes. Read only by the fix writers (never by rules).
 */
export interface Container {
  /** HCL, JSON and YAML flow maps: the offset of `{`; YAML block maps: the start of the first entry. */
  open: number;
  /** HCL, JSON and YAML flow maps: the offset of `}`; YAML block maps: the end of the last entry. */
  close: number;
  /** JSON or a YAML flow map (`{...}`), where entries are separated by commas. */
  flow: boolean;
  /** The existing entries, key start to value end, in source order. */
  entries: Span[];
  /** The offset of the owner's key or header (its line's indentation guides a new body's). */
  owner: number;
}

/** One property (argument, nested block, CloudFormation property) of a client, as written. */
export interface Prop {
  /** The name as written. */
  key: string;
  keySpan: Span;
  /** The catalogue entry it matched, or undefined for an unknown name. */
  param?: Param;
  value: Value;
  /** Terraform: written as a nested block (`x { ... }`) rather than an argument (`x = ...`). */
  block?: boolean;
  /** Terraform: a `dynamic "x"` block whose content is not known. */
  dynamic?: boolean;
  /** Matched properties inside a block or object value. */
  children?: Prop[];
  /** Children could not be read as one object (the object is an expression or an `Fn::If`). */
  opaque?: boolean;
  /** For an `Fn::If` between objects: the matched children of each branch, checked on their own. */
  branches?: Prop[][];
  /** The whole entry, key start to value end (for removing it). */
  entrySpan: Span;
  /** A block or object value's own container (for adding a child). */
  body?: Container;
}

export interface ClientResource {
  kind: ResourceKind;
  dialect: Dialect;
  /** Resource type as written (`aws_cognito_user_pool_client`, `AWS::Cognito::UserPoolClient`). */
  type: string;
  /** Terraform resource name or CloudFormation logical id. */
  name: string;
  nameSpan: Span;
  /** The resource type as written (Terraform's first label, CloudFormation's `Type` value). */
  typeSpan?: Span;
  /** The whole resource, header to closing brace (Terraform) or logical id entry (CloudFormation). */
  span: Span;
  props: Prop[];
  /** The properties as a whole could not be read (CloudFormation `Properties: !If ...`). */
  opaque: boolean;
  /** Terraform `count` / `for_each` present. */
  repeated: boolean;
  /**
   * One instance of a Terraform resource with a knowable `for_each` or `count`: its key as in its address
   * (`["mobile"]`, `[0]`). The rules check every instance; findings at one place are reported once.
   */
  instance?: string;
  /** Resources this one depends on explicitly (`depends_on`, `DependsOn`). */
  dependsOn: Reference[];
  /** Rule ids silenced by CloudFormation `Metadata: {"cognito-guard": {"ignore": [...]}}`, with their spans. */
  metadataIgnore: Array<{ id: string; span: Span }>;
  /** Where the client's properties are (Terraform block body, CloudFormation `Properties`). */
  body?: Container;
  /** CloudFormation: the resource's own map (Type, Properties, DependsOn, Metadata); Terraform: the body. */
  resourceBody?: Container;
  /** CloudFormation: the `Metadata` map of the resource, if any. */
  metadata?: { keySpan: Span; body: Container; ignoreList?: Value };
  /** Terraform: the `depends_on` argument, if any. */
  dependsOnValue?: Value;
  /** A client read from a Terraform plan (`terraform show -json`): what maps it to the configuration. */
  planned?: PlannedClient;
}

/** One step of a planned resource's module path: the call's name and, from the configuration, its source. */
export interface PlanModuleStep {
  name: string;
  source?: string;
  /** The call's argument expressions in the calling module's configuration (`module_calls.x.expressions`). */
  expressions?: jsonc.Node;
}

/** What a client read from a plan keeps of it, to point a finding at the configuration line. */
export interface PlannedClient {
  /** Its full address (`module.auth.aws_cognito_user_pool_client.c["mobile"]`). */
  address: string;
  /** The module calls it sits in, outermost first (none in the root module). */
  modules: PlanModuleStep[];
  /** The resource in the plan's configuration section (its `expressions`), when the plan has one. */
  config?: jsonc.Node;
}

/** A user pool in the same file, as far as the rules need it. */
export interface PoolResource {
  type: string;
  name: string;
  nameSpan: Span;
  /** Custom attribute names (without `custom:`) when the schema is fully literal; otherwise null. */
  customAttributes: Set<string> | null;
}

/**
 * Any other resource in the file (identity providers, resource servers, SSM parameters, functions and
 * their environment variables...): its settings as one resolved map, for cross-resource rules.
 */
export interface OtherResource {
  type: string;
  name: string;
  nameSpan: Span;
  span: Span;
  /** For fixes on this resource (the pool of CG110, the parameter of CG111). */
  container?: Container;
  /** Terraform: attributes and nested blocks (a block is a map, repeated blocks a list); CloudFormation: Properties. */
  body: Value;
  dependsOn: Reference[];
}

/** A Terraform `output` block or a CloudFormation `Outputs` entry. */
export interface OutputEntry {
  name: string;
  nameSpan: Span;
  span: Span;
  /** The map of all outputs (for removing one). */
  container?: Container;
  value: Value;
  /** CloudFormation `Export`, when present. */
  exported: boolean;
}

export interface SyntaxProblem {
  message: string;
  span: Span;
}

export interface Comment {
  span: Span;
  text: string;
  /**
   * What the comment covers, when its place says so rather than its line: Terraform JSON's `"//"`
   * members (a resource, an output, a nested block or one argument).
   */
  target?: Span;
}

/**
 * A Terraform `module` block with a literal `source`: its arguments as the caller computes them. The
 * engine checks the module's clients with these values when the caller gave it the module's files.
 */
export interface ModuleCall {
  name: string;
  nameSpan: Span;
  source: string;
  span: Span;
  /** Every argument but the meta-arguments (`source`, `version`, `count`, `for_each`, `providers`, `depends_on`). */
  args: Array<{ name: string; value: Value }>;
  /** `count` or `for_each`: `args` are then read with `each` / `count` unknown. */
  repeated: boolean;
  /**
   * The instances of a repeated call whose collection is known, each with its arguments read with
   * `each.key` / `each.value` or `count.index` bound (none for `count = 0`).
   */
  instances?: Array<{ key: string; args: Array<{ name: string; value: Value }> }>;
}

export interface TemplateModel {
  dialect: Dialect;
  flavor: Flavor;
  /** Is this a file we analyse, and why (or why not). */
  isTemplate: boolean;
  reason: string;
  clients: ClientResource[];
  pools: PoolResource[];
  /** Every other resource, pools included, in source order. */
  resources: OtherResource[];
  outputs: OutputEntry[];
  syntaxErrors: SyntaxProblem[];
  comments: Comment[];
  /** Terraform module calls with a literal source. */
  moduleCalls?: ModuleCall[];
  /** Values read from variables and locals, with where their text is written (Terraform). */
  placed?: PlacedValue[];
  /**
   * What the values of a resource or output read besides its own text (parameters, mappings, variables,
   * locals, resource types), as a key: in two models of one file with the same key, a part written with
   * the same text has the same values, moved with it. Absent when that cannot be told (a part reads the
   * whole file, a module's file checked with a caller's values).
   */
  scope?: string;
}

// ---------------------------------------------------------------------------------------------
// Helpers for rules

export function prop(c: { props: Prop[] } | Prop, id: string): Prop | undefined {
  const list = 'props' in c ? c.props : (c.children ?? []);
  return list.find((p) => p.param?.id === id);
}

/** Every known scalar a value can take (options of `Fn::If` included); unknowns are skipped. */
export function scalars(v: Value | undefined): ScalarValue[] {
  if (!v) return [];
  if (v.k === 'scalar') return [v];
  if (v.k === 'alt') return v.options.flatMap(scalars);
  return [];
}

/** The lists a value can be (one per `Fn::If` branch); items that are themselves unknown stay as they are. */
export function lists(v: Value | undefined): ListValue[] {
  if (!v) return [];
  if (v.k === 'list') return [v];
  if (v.k === 'alt') return v.options.flatMap(lists);
  return [];
}

/** Every known scalar item of a list value, across branches. */
export function listItems(v: Value | undefined): ScalarValue[] {
  const out: ScalarValue[] = [];
  for (const l of lists(v)) {
    for (const i of l.items) {
      if (i.k === 'scalar') out.push(i);
      else if (i.k === 'alt') out.push(...scalars(i));
    }
  }
  return out;
}

/** A list whose every item is known (no unknown item, no branch): rules that need the whole list use this. */
export function completeList(v: Value | undefined): ScalarValue[] | undefined {
  if (!v || v.k !== 'list') return undefined;
  const out: ScalarValue[] = [];
  for (const i of v.items) {
    if (i.k !== 'scalar') return undefined;
    out.push(i);
  }
  return out;
}

/** True when the value is definitely known (a scalar, list or map without unknown parts at the top). */
export function isKnown(v: Value | undefined): boolean {
  return !!v && (v.k === 'scalar' || v.k === 'list' || v.k === 'map');
}

/** Is the property definitely set (not absent, not only-sometimes absent)? Unknown counts as set. */
export function isSet(p: Prop | undefined): boolean {
  if (!p) return false;
  const v = p.value;
  if (v.k === 'absent') return false;
  if (v.k === 'scalar' && v.v === null) return false;
  return true;
}

/** Might the property be absent (missing, `AWS::NoValue`, or a branch that is)? */
export function maybeAbsent(p: Prop | undefined): 'absent' | 'present' | 'unknown' {
  if (!p) return 'absent';
  const v = p.value;
  if (v.k === 'absent' || (v.k === 'scalar' && v.v === null)) return 'absent';
  if (v.k === 'alt') return v.options.some((o) => o.k === 'absent') ? 'unknown' : 'present';
  return 'present';
}

/** Interprets a scalar as a boolean the way both dialects coerce it; undefined when it is not one. */
export function asBool(s: ScalarValue): boolean | undefined {
  if (typeof s.v === 'boolean') return s.v;
  if (typeof s.v === 'string') {
    const t = s.v.toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return undefined;
}

const YAML11_BOOLS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * Does the file's reader take this text as a boolean although it is not `true` or `false`? CloudFormation
 * reads YAML 1.1 booleans (`yes`, `off`...) when they are not quoted.
 */
export function readsAsBoolean(owner: { dialect: Dialect }, s: ScalarValue): boolean {
  return owner.dialect === 'cloudformation-yaml' && !s.quoted && typeof s.v === 'string' && YAML11_BOOLS.test(s.v);
}

/** The single known boolean of a property, or undefined when missing, unknown or branching. */
export function boolOf(p: Prop | undefined): boolean | undefined {
  if (!p || p.value.k !== 'scalar') return undefined;
  return asBool(p.value);
}

/** Interprets a scalar as a number ("30" counts); undefined when it is not one. */
export function asNumber(s: ScalarValue): number | undefined {
  if (typeof s.v === 'number') return s.v;
  if (typeof s.v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(s.v)) return Number(s.v);
  return undefined;
}

/** A scalar's text as the service would receive it. */
export function asString(s: ScalarValue): string | undefined {
  if (s.v === null) return undefined;
  return String(s.v);
}

/**
 * A setting inside another resource's settings (`field(body, 'environment', 'variables')`). A list of
 * one map is looked into, since Terraform blocks may be written either way.
 */
export function field(v: Value | undefined, ...keys: string[]): Value | undefined {
  let cur = v;
  for (const k of keys) {
    if (cur?.k === 'list' && cur.items.length === 1) cur = cur.items[0];
    if (!cur || cur.k !== 'map') return undefined;
    cur = cur.entries.find((e) => e.key === k)?.value;
  }
  return cur;
}

/** Every reference a value makes (a whole-value reference, or one inside an expression), with its span. */
export function references(
  v: Value | undefined,
  out: Array<{ ref: Reference; span: Span }> = [],
): Array<{ ref: Reference; span: Span }> {
  if (!v) return out;
  switch (v.k) {
    case 'unknown':
      if (v.ref) out.push({ ref: v.ref, span: v.span });
      for (const r of v.refs ?? []) out.push(r);
      break;
    case 'list':
      v.items.forEach((i) => references(i, out));
      break;
    case 'map':
      v.entries.forEach((e) => references(e.value, out));
      break;
    case 'alt':
      v.options.forEach((o) => references(o, out));
      break;
    default:
      break;
  }
  return out;
}

/** " (value from ...)" suffix for messages about resolved values. */
export function fromSuffix(v: { from?: Origin } | undefined): string {
  return v?.from ? ` (value from ${v.from.text})` : '';
}
