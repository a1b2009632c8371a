/**
 * CloudFormation templates (plain, SAM, Serverless Framework `resources`, CDK output) into the
 * dialect-neutral model, with resolution of parameter defaults, `Fn::Sub`, `Fn::If` branches,
 * `Fn::FindInMap` over literal mappings and `AWS::NoValue`.
 */
import { lookup, type Param, type ResourceKind } from '../catalog';
import {
  references,
  type ClientResource,
  type Container,
  type Dialect,
  type Flavor,
  type OtherResource,
  type OutputEntry,
  type PoolResource,
  type Prop,
  type RefAt,
  type Reference,
  type TemplateModel,
  type Value,
} from '../core/model';
import { UNMETERED, type WorkMeter } from '../core/work';
import { entry, parseJson, parseYaml, type CfnDoc, type CfnEntry, type CfnNode } from './cfn';
import { entryMovedFrom, partOrigin } from './yaml-chunks';
import { movedClient, movedCopy, readFromPart } from '../core/moved';
import type { Span } from '../core/text';
import { isStandardAttribute } from '../catalog/attributes';
import { lazyBody, respan } from './terraform';

export const CFN_CLIENT_TYPE = 'AWS::Cognito::UserPoolClient';

/** The innermost `${...}` of a text (one with no `${` inside), as offsets of `$` and after `}`. */
function innermostVariable(s: string): { start: number; end: number } | undefined {
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      open = i;
      i++;
    } else if (s[i] === '}' && open >= 0) return { start: open, end: i + 1 };
  }
  return undefined;
}

/** Splits at commas outside quotes and brackets. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

export interface Detection {
  isTemplate: boolean;
  flavor: Flavor;
  reason: string;
  /** The `Resources` map, wherever it sits (top level, or `resources.Resources` in Serverless). */
  resources?: CfnNode;
  /** The map holding `Parameters`, `Mappings`, `Conditions`, `Outputs`. */
  root?: CfnNode;
  /** A Serverless Framework file's whole document, which `${self:...}` variables read. */
  slsDocument?: CfnNode;
}

function isResourceMap(n: CfnNode | undefined): boolean {
  if (!n || n.t !== 'map') return false;
  return n.entries.some((e) => {
    const t = entry(e.value, 'Type')?.value;
    return (
      t?.t === 'scalar' && typeof t.v === 'string' && /^(AWS|Alexa|Custom)::|^[A-Za-z0-9]+::[A-Za-z0-9]+::/.test(t.v)
    );
  });
}

function transformNames(n: CfnNode | undefined): string[] {
  if (!n) return [];
  if (n.t === 'scalar') return [String(n.v)];
  if (n.t === 'seq') return n.items.flatMap(transformNames);
  return [];
}

const SLS_VARIABLE = /\$\{(?:self|sls|opt|env|file|ssm|cf|s3|param|aws|strToBool):/;

/** The answer for each part read on its own (yaml-chunks.ts), shared by its copies at other offsets. */
const slsInPart = new WeakMap<object, { depth: number; uses: boolean }>();

/** Does any text value use a Serverless Framework variable (`${self:custom.x}`, `${sls:stage}`, ...)? */
function usesServerlessVariables(n: CfnNode, depth = 0): boolean {
  if (depth > 64) return false;
  const origin = depth <= 3 ? partOrigin(n) : undefined;
  if (origin) {
    // (the answer depends on the depth only through the depth limit above)
    let known = slsInPart.get(origin);
    if (known?.depth !== depth) {
      known = { depth, uses: usesServerlessVariablesIn(n, depth) };
      slsInPart.set(origin, known);
    }
    return known.uses;
  }
  return usesServerlessVariablesIn(n, depth);
}

function usesServerlessVariablesIn(n: CfnNode, depth: number): boolean {
  if (n.t === 'scalar') return typeof n.v === 'string' && n.v.includes('${') && SLS_VARIABLE.test(n.v);
  if (n.t === 'seq') return n.items.some((i) => usesServerlessVariables(i, depth + 1));
  if (n.t === 'map') return n.entries.some((e) => usesServerlessVariables(e.value, depth + 1));
  if (n.t === 'fn') return usesServerlessVariables(n.arg, depth + 1);
  return false;
}

/** Decides, on the parsed document, whether it is a template we read, and which flavour. */
export function detect(root: CfnNode | null): Detection {
  if (!root || root.t !== 'map') {
    return { isTemplate: false, flavor: 'cloudformation', reason: 'the document is not a mapping at the top level' };
  }
  const resources = entry(root, 'Resources')?.value;
  const hasVersion = !!entry(root, 'AWSTemplateFormatVersion');
  const sam = transformNames(entry(root, 'Transform')?.value).some((t) => t.startsWith('AWS::Serverless'));
  if (resources && (isResourceMap(resources) || hasVersion)) {
    const cdk =
      !!entry(entry(root, 'Rules')?.value, 'CheckBootstrapVersion') ||
      (resources.t === 'map' &&
        resources.entries.some((e) => !!entry(entry(e.value, 'Metadata')?.value, 'aws:cdk:path')));
    // a Serverless `resources:` include file (pulled in with ${file(...)}) has no service: of its own,
    // but its values use the framework's variables, which are resolved before CloudFormation sees them
    const slsInclude = !sam && !cdk && usesServerlessVariables(root);
    const flavor: Flavor = sam ? 'sam' : cdk ? 'cdk' : slsInclude ? 'serverless' : 'cloudformation';
    const why = slsInclude
      ? 'Serverless Framework resources file (its values use ${self:...}-style variables)'
      : sam
        ? 'SAM template (Transform AWS::Serverless)'
        : cdk
          ? 'CloudFormation template synthesized by the AWS CDK'
          : hasVersion
            ? 'CloudFormation template (AWSTemplateFormatVersion)'
            : 'CloudFormation template (Resources with AWS resource types)';
    return { isTemplate: true, flavor, reason: why, resources, root };
  }
  const slsResources = entry(root, 'resources')?.value;
  if (entry(root, 'service') && (entry(root, 'provider') || slsResources)) {
    const inner = entry(slsResources, 'Resources')?.value;
    if (inner && inner.t === 'map') {
      return {
        isTemplate: true,
        flavor: 'serverless',
        reason: 'Serverless Framework file with resources.Resources',
        resources: inner,
        root: slsResources,
        slsDocument: root,
      };
    }
    return {
      isTemplate: false,
      flavor: 'serverless',
      reason: 'Serverless Framework file without a resources.Resources section',
    };
  }
  if (hasVersion)
    return {
      isTemplate: true,
      flavor: 'cloudformation',
      reason: 'CloudFormation template (AWSTemplateFormatVersion)',
      root,
    };
  return {
    isTemplate: false,
    flavor: 'cloudformation',
    reason: 'no Resources section with AWS resource types and no AWSTemplateFormatVersion',
  };
}

const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

const MAX_DEPTH = 32;

export class CfnResolver {
  private readonly params = new Map<string, { def?: CfnNode; type?: string }>();
  private readonly resourceTypes = new Map<string, string>();

  constructor(
    private readonly root: CfnNode | undefined,
    resources: CfnNode | undefined,
    private readonly serverless: boolean,
    /** The whole Serverless file (`${self:...}` reads it); absent for an include file. */
    private readonly slsDocument?: CfnNode,
  ) {
    const params = entry(root, 'Parameters')?.value;
    if (params?.t === 'map') {
      for (const e of params.entries) {
        const def = entry(e.value, 'Default')?.value;
        const t = entry(e.value, 'Type')?.value;
        this.params.set(e.key, { ...(def ? { def } : {}), ...(t?.t === 'scalar' ? { type: String(t.v) } : {}) });
      }
    }
    if (resources?.t === 'map') {
      for (const e of resources.entries) {
        const t = entry(e.value, 'Type')?.value;
        this.resourceTypes.set(e.key, t?.t === 'scalar' ? String(t.v) : '');
      }
    }
    this.mappings = entry(root, 'Mappings')?.value;
  }

  private readonly mappings: CfnNode | undefined;
  private key: string | null | undefined;

  /**
   * What resolving a resource's settings reads besides the resource, as a key: what is built from an
   * entry with one key is the same with the same key. The parameters, the mappings (the parts they are
   * read from, which stand where they stood), the resources' types. Undefined when nothing is kept:
   * Serverless variables in the parameters or mappings read the whole file.
   */
  scopeKey(): string | undefined {
    if (this.key !== undefined) return this.key ?? undefined;
    const params = entry(this.root, 'Parameters')?.value;
    if (
      this.serverless &&
      ((params && usesServerlessVariables(params)) || (this.mappings && usesServerlessVariables(this.mappings)))
    ) {
      this.key = null;
      return undefined;
    }
    const parts: string[] = [`${this.serverless}\u0000${!!this.slsDocument}`];
    for (const [name, p] of this.params)
      parts.push(`p\u0000${name}\u0000${p.type ?? ''}\u0000${p.def ? nodeKey(p.def) : ''}`);
    for (const [name, t] of this.resourceTypes) parts.push(`r\u0000${name}\u0000${t}`);
    parts.push(`m\u0000${this.mappings ? nodeKey(this.mappings) : ''}`);
    this.key = parts.join('\u0001');
    return this.key;
  }

  /** Can what is built from this entry be used again (see `scopeKey`)? Not when it reads the whole file. */
  keeps(e: CfnEntry): boolean {
    return !(this.serverless && usesServerlessVariables(e.value));
  }

  resourceType(name: string): string | undefined {
    return this.resourceTypes.get(name);
  }

  resolve(n: CfnNode, depth = 0): Value {
    if (depth > MAX_DEPTH) return { k: 'unknown', span: n.span, why: 'too many levels of indirection' };
    switch (n.t) {
      case 'scalar':
        if (this.serverless && typeof n.v === 'string' && n.v.includes('${')) {
          return this.slsString(n.v, n.span, depth);
        }
        return { k: 'scalar', v: n.v, span: n.span, quoted: n.quoted };
      case 'seq':
        return { k: 'list', items: n.items.map((i) => this.resolve(i, depth + 1)), span: n.span };
      case 'map':
        return {
          k: 'map',
          span: n.span,
          entries: n.entries.map((e) => ({ key: e.key, keySpan: e.keySpan, value: this.resolve(e.value, depth + 1) })),
        };
      case 'opaque':
        return { k: 'unknown', span: n.span, why: n.why };
      case 'fn':
        return this.intrinsic(n, depth);
    }
  }

  /**
   * A text with Serverless Framework variables, resolved as the framework would over this file:
   * `${self:a.b}` (any path of the file), `${sls:stage}` (`provider.stage`, else `dev`), `${opt:x}` (no
   * options are given, so its fallback), fallbacks after commas (`${opt:stage, 'dev'}`), nested variables
   * (innermost first). `${env:...}`, `${ssm:...}`, `${file(...)}` and the other sources are unknown.
   */
  private slsString(text: string, span: Span, depth: number): Value {
    const unknown = (why: string): Value => ({ k: 'unknown', span, why });
    if (depth > MAX_DEPTH) return unknown('too many levels of Serverless variables');
    let s = text;
    for (let round = 0; round < 32; round++) {
      const at = innermostVariable(s);
      if (!at) break;
      const whole = at.start === 0 && at.end === s.length;
      const v = this.slsSources(s.slice(at.start + 2, at.end - 1), span, depth + 1);
      if (v.k === 'unknown') return v;
      if (whole && v.k !== 'scalar') return v; // `${self:custom.flows}` may be a list or a map
      if (v.k !== 'scalar' || v.v === null) return unknown('a Serverless variable that is not text');
      s = s.slice(0, at.start) + String(v.v) + s.slice(at.end);
      if (whole && innermostVariable(s) === undefined)
        return { k: 'scalar', v: v.v, span, quoted: true, from: { text: `\`${text}\`` } };
    }
    if (innermostVariable(s)) return unknown('Serverless variables nested too deeply');
    return { k: 'scalar', v: s, span, quoted: true, from: { text: `\`${text}\`` } };
  }

  /** `a, b, 'c'`: the first source that gives a value; an unknowable source stops the search. */
  private slsSources(expr: string, span: Span, depth: number): Value {
    const unknown = (why: string): Value => ({ k: 'unknown', span, why });
    for (const raw of splitTopLevel(expr)) {
      const src = raw.trim();
      const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(src);
      if (quoted) return { k: 'scalar', v: quoted[1] ?? quoted[2] ?? '', span, quoted: true };
      if (/^-?\d+(\.\d+)?$/.test(src)) return { k: 'scalar', v: Number(src), span, quoted: false };
      if (src === 'true' || src === 'false') return { k: 'scalar', v: src === 'true', span, quoted: false };
      if (src.startsWith('opt:')) continue; // no command-line options: the fallback applies
      if (src === 'sls:stage') {
        const stage = this.slsPath('provider.stage', span, depth);
        if (stage && stage.k !== 'unknown') return stage;
        if (stage?.k === 'unknown') return stage;
        return { k: 'scalar', v: 'dev', span, quoted: true };
      }
      if (src.startsWith('self:')) {
        if (!this.slsDocument) return unknown('a ${self:...} variable of the file this one is included from');
        const v = this.slsPath(src.slice(5), span, depth);
        if (v) return v;
        continue; // not in the file: the fallback applies
      }
      return unknown(`the Serverless variable source \`${src.split(/[:(]/)[0] ?? src}\``);
    }
    return unknown('a Serverless variable with no value this tool can know');
  }

  /** A dotted path of the Serverless file, resolved; undefined when the file has nothing there. */
  private slsPath(p: string, span: Span, depth: number): Value | undefined {
    let n: CfnNode | undefined = this.slsDocument;
    for (const key of p.split('.').filter((k) => k !== '')) {
      if (!n) return undefined;
      if (n.t === 'map') n = entry(n, key)?.value;
      else if (n.t === 'seq' && /^\d+$/.test(key)) n = n.items[Number(key)];
      else return undefined;
    }
    if (!n) return undefined;
    return respan(this.resolve(n, depth + 1), span);
  }

  private intrinsic(n: Extract<CfnNode, { t: 'fn' }>, depth: number): Value {
    const arg = n.arg;
    switch (n.fn) {
      case 'Ref': {
        const name = arg.t === 'scalar' ? String(arg.v ?? '') : '';
        if (name === 'AWS::NoValue') return { k: 'absent', span: n.span };
        if (PSEUDO.has(name)) return { k: 'unknown', span: n.span, why: `the pseudo parameter ${name}` };
        const p = this.params.get(name);
        if (p) {
          if (!p.def) return { k: 'unknown', span: n.span, why: `parameter \`${name}\` has no Default` };
          let v = this.resolve(p.def, depth + 1);
          if (v.k === 'scalar' && typeof v.v === 'string' && /^(CommaDelimitedList|List<)/.test(p.type ?? '')) {
            const text = v.v;
            const s = v.span;
            v = {
              k: 'list',
              span: s,
              items: text.split(',').map((x) => ({ k: 'scalar', v: x.trim(), span: s, quoted: true })),
            };
          }
          return respan(v, n.span, { text: `the Default of parameter \`${name}\`` });
        }
        const type = this.resourceTypes.get(name);
        if (type !== undefined)
          return { k: 'unknown', span: n.span, why: `the id of resource \`${name}\``, ref: { type, name } };
        return { k: 'unknown', span: n.span, why: `\`${name}\`, which is not defined in this template`, ref: { name } };
      }
      case 'Fn::GetAtt': {
        let target = '';
        let attr = '';
        if (arg.t === 'scalar') {
          const s = String(arg.v ?? '');
          const dot = s.indexOf('.');
          target = dot < 0 ? s : s.slice(0, dot);
          attr = dot < 0 ? '' : s.slice(dot + 1);
        } else if (arg.t === 'seq') {
          const [a, b] = arg.items;
          target = a?.t === 'scalar' ? String(a.v ?? '') : '';
          attr = b?.t === 'scalar' ? String(b.v ?? '') : '';
        }
        const type = this.resourceTypes.get(target);
        return {
          k: 'unknown',
          span: n.span,
          why: `an attribute of \`${target}\``,
          ref: { name: target, ...(type !== undefined ? { type } : {}), ...(attr ? { attr } : {}) },
        };
      }
      case 'Fn::If': {
        if (arg.t === 'seq' && arg.items.length === 3) {
          const [, a, b] = arg.items;
          if (a && b)
            return { k: 'alt', span: n.span, options: [this.resolve(a, depth + 1), this.resolve(b, depth + 1)] };
        }
        return { k: 'unknown', span: n.span, why: 'a malformed Fn::If' };
      }
      case 'Fn::Sub':
        return this.sub(n, depth);
      case 'Fn::Join': {
        if (arg.t === 'seq' && arg.items.length === 2) {
          const [d, l] = arg.items;
          const delim = d ? this.resolve(d, depth + 1) : undefined;
          const list = l ? this.resolve(l, depth + 1) : undefined;
          if (delim?.k === 'scalar' && list?.k === 'list' && list.items.every((i) => i.k === 'scalar')) {
            const text = list.items.map((i) => (i.k === 'scalar' ? String(i.v ?? '') : '')).join(String(delim.v ?? ''));
            return { k: 'scalar', v: text, span: n.span, quoted: true };
          }
        }
        const refs = references(this.resolve(arg, depth + 1));
        return { k: 'unknown', span: n.span, why: 'a Fn::Join over unknown values', ...(refs.length ? { refs } : {}) };
      }
      case 'Fn::FindInMap': {
        if (arg.t === 'seq' && arg.items.length >= 3) {
          const keys = arg.items.slice(0, 3).map((i) => this.resolve(i, depth + 1));
          if (keys.every((k) => k.k === 'scalar')) {
            const [m, a, b] = keys.map((k) => (k.k === 'scalar' ? String(k.v) : ''));
            const found = entry(entry(entry(this.mappings, m ?? '')?.value, a ?? '')?.value, b ?? '')?.value;
            if (found) return respan(this.resolve(found, depth + 1), n.span, { text: `mapping \`${m}.${a}.${b}\`` });
          }
        }
        return { k: 'unknown', span: n.span, why: 'a Fn::FindInMap that cannot be looked up' };
      }
      default: {
        const refs = references(this.resolve(arg, depth + 1));
        return { k: 'unknown', span: n.span, why: `the result of ${n.fn}`, ...(refs.length ? { refs } : {}) };
      }
    }
  }

  private sub(n: Extract<CfnNode, { t: 'fn' }>, depth: number): Value {
    const arg = n.arg;
    let text: string | undefined;
    let vars: CfnNode | undefined;
    if (arg.t === 'scalar' && typeof arg.v === 'string') text = arg.v;
    else if (arg.t === 'seq' && arg.items[0]?.t === 'scalar') {
      text = String(arg.items[0].v ?? '');
      vars = arg.items[1];
    }
    if (text === undefined) return { k: 'unknown', span: n.span, why: 'a Fn::Sub over unknown values' };
    const origins: string[] = [];
    let unknown = false;
    const out = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return '${' + name.slice(1) + '}';
      const local = entry(vars, name)?.value;
      let v: Value | undefined;
      if (local) v = this.resolve(local, depth + 1);
      else if (this.params.has(name))
        v = this.resolve(
          {
            t: 'fn',
            fn: 'Ref',
            arg: { t: 'scalar', v: name, raw: name, quoted: false, span: n.span },
            span: n.span,
            short: true,
          },
          depth + 1,
        );
      if (v && v.k === 'scalar' && v.v !== null) {
        if (v.from) origins.push(v.from.text);
        return String(v.v);
      }
      unknown = true;
      return whole;
    });
    if (unknown) {
      const refs: RefAt[] = [];
      for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
        const [name, attr] = (m[1] ?? '').split('.', 2);
        if (!name || entry(vars, name) || this.params.has(name) || name.startsWith('AWS::')) continue;
        const type = this.resourceTypes.get(name);
        refs.push({ ref: { name, ...(type !== undefined ? { type } : {}), ...(attr ? { attr } : {}) }, span: n.span });
      }
      if (vars?.t === 'map') for (const e of vars.entries) refs.push(...references(this.resolve(e.value, depth + 1)));
      return { k: 'unknown', span: n.span, why: 'a Fn::Sub over unknown values', ...(refs.length ? { refs } : {}) };
    }
    return {
      k: 'scalar',
      v: out,
      span: n.span,
      quoted: true,
      ...(origins.length ? { from: { text: origins.join(' and ') } } : {}),
    };
  }
}

function matchChildren(kind: ResourceKind, parent: Param, v: Value): Prop[] {
  if (v.k !== 'map') return [];
  return v.entries.map((e) => {
    const p = lookup(kind, e.key, parent);
    return {
      key: e.key,
      keySpan: e.keySpan,
      ...(p ? { param: p } : {}),
      value: e.value,
      entrySpan: { start: e.keySpan.start, end: e.value.span.end },
    };
  });
}

/** A map node as a container for the fix writers. */
export function cfnContainer(n: CfnNode | undefined, owner: number): Container | undefined {
  if (!n || n.t !== 'map') return undefined;
  const entries = n.entries.map((e) => ({ start: e.keySpan.start, end: e.value.span.end }));
  if (n.flow) return { open: n.span.start, close: n.span.end - 1, flow: true, entries, owner };
  const first = entries[0];
  const last = entries[entries.length - 1];
  if (!first || !last) return undefined;
  return { open: first.start, close: last.end, flow: false, entries, owner };
}

function dependsOn(n: CfnNode | undefined): Reference[] {
  if (!n) return [];
  const items = n.t === 'seq' ? n.items : [n];
  return items.flatMap((i) => (i.t === 'scalar' && typeof i.v === 'string' ? [{ name: i.v }] : []));
}

/** `Metadata: {"cognito-guard": {"ignore": ["CG101"]}}` (a single id as a string is accepted too). */
function metadataIgnore(n: CfnNode | undefined): Array<{ id: string; span: Span }> {
  const list = entry(n, 'ignore')?.value;
  if (!list) return [];
  const items = list.t === 'seq' ? list.items : [list];
  return items.flatMap((i) => (i.t === 'scalar' && typeof i.v === 'string' ? [{ id: i.v.trim(), span: i.span }] : []));
}

function containers(e: CfnEntry, r: CfnResolver): Partial<ClientResource> {
  const out: Partial<ClientResource> = {};
  const propsEntry = entry(e.value, 'Properties');
  const body = cfnContainer(propsEntry?.value, propsEntry?.keySpan.start ?? e.keySpan.start);
  if (body) out.body = body;
  const resourceBody = cfnContainer(e.value, e.keySpan.start);
  if (resourceBody) out.resourceBody = resourceBody;
  const meta = entry(e.value, 'Metadata');
  const metaBody = cfnContainer(meta?.value, meta?.keySpan.start ?? 0);
  if (meta && metaBody) {
    const list = entry(entry(meta.value, 'cognito-guard')?.value, 'ignore')?.value;
    out.metadata = { keySpan: meta.keySpan, body: metaBody, ...(list ? { ignoreList: r.resolve(list) } : {}) };
  }
  const deps = entry(e.value, 'DependsOn');
  if (deps) out.dependsOnValue = r.resolve(deps.value);
  return out;
}

function buildClient(e: CfnEntry, dialect: Dialect, r: CfnResolver): ClientResource {
  const kind: ResourceKind = 'cfn-client';
  const propsNode = entry(e.value, 'Properties')?.value;
  const props: Prop[] = [];
  let opaque = false;
  if (propsNode?.t === 'map') {
    for (const pe of propsNode.entries) {
      const p = lookup(kind, pe.key);
      const value = r.resolve(pe.value);
      const body = cfnContainer(pe.value, pe.keySpan.start);
      const prop: Prop = {
        key: pe.key,
        keySpan: pe.keySpan,
        ...(p ? { param: p } : {}),
        value,
        entrySpan: { start: pe.keySpan.start, end: pe.value.span.end },
        ...(body ? { body } : {}),
      };
      if (p?.type === 'block') {
        if (value.k === 'map') prop.children = matchChildren(kind, p, value);
        else {
          prop.opaque = true;
          if (value.k === 'alt') prop.branches = value.options.map((o) => matchChildren(kind, p, o));
        }
      }
      props.push(prop);
    }
  } else if (propsNode && !(propsNode.t === 'scalar' && propsNode.v === null)) {
    opaque = true;
  }
  return {
    kind,
    dialect,
    type: CFN_CLIENT_TYPE,
    name: e.key,
    nameSpan: e.keySpan,
    ...(entry(e.value, 'Type') ? { typeSpan: (entry(e.value, 'Type') as CfnEntry).value.span } : {}),
    span: { start: e.keySpan.start, end: e.value.span.end },
    props,
    opaque,
    repeated: false,
    dependsOn: dependsOn(entry(e.value, 'DependsOn')?.value),
    metadataIgnore: metadataIgnore(entry(entry(e.value, 'Metadata')?.value, 'cognito-guard')?.value),
    ...containers(e, r),
  };
}

function buildPool(e: CfnEntry, r: CfnResolver): PoolResource {
  const schema = entry(entry(e.value, 'Properties')?.value, 'Schema')?.value;
  let custom: Set<string> | null = new Set();
  if (schema) {
    const v = r.resolve(schema);
    if (v.k !== 'list') custom = null;
    else {
      for (const item of v.items) {
        const name = item.k === 'map' ? item.entries.find((x) => x.key === 'Name')?.value : undefined;
        if (!name || name.k !== 'scalar' || typeof name.v !== 'string') {
          custom = null;
          break;
        }
        if (!isStandardAttribute(name.v)) custom.add(name.v);
      }
    }
  }
  return { type: 'AWS::Cognito::UserPool', name: e.key, nameSpan: e.keySpan, customAttributes: custom };
}

function typeOf(n: CfnNode): string | undefined {
  const t = entry(n, 'Type')?.value;
  return t?.t === 'scalar' && typeof t.v === 'string' ? t.v : undefined;
}

/** A number for a node, to key what depends on it by the node itself. */
const nodeIds = new WeakMap<object, number>();
let nextNodeId = 0;

/**
 * A node as a key: a part the parser hands out again (the same object while its text and place are the
 * same) by its identity, a map made of parts by its entries' keys; any other node by its identity.
 */
function nodeKey(n: CfnNode, depth = 0): string {
  if (n.t === 'map' && depth < 3 && !partOrigin(n))
    return `{${n.entries.map((e) => `${e.key}=${nodeKey(e.value, depth + 1)}`).join(',')}}`;
  let id = nodeIds.get(n);
  if (id === undefined) nodeIds.set(n, (id = ++nextNodeId));
  return `#${id}`;
}

/** Clients built from a resource entry, kept while the parser keeps the entry's part. */
const clientsFrom = new WeakMap<CfnEntry, { key: string; dialect: Dialect; client: ClientResource; at?: number }>();
/** Other resources' settings, kept the same way. */
const bodiesFrom = new WeakMap<CfnEntry, { key: string; body: Value; at?: number }>();

/**
 * What was kept for entry `e`, or for the entry it was moved from (moved the same way), or undefined.
 * Moved entries are recorded against the entry first parsed; what is kept there may have been built
 * from a copy of it, `at` from it.
 */
function reused<T extends { key: string; at?: number }>(
  kept: WeakMap<CfnEntry, T>,
  e: CfnEntry,
  key: string,
  move: (old: T, by: number, within: Span) => T | undefined,
): T | undefined {
  const hit = kept.get(e);
  if (hit && hit.key === key && !hit.at) return hit;
  const m = entryMovedFrom(e);
  const base = m?.base ?? e;
  const old = kept.get(base);
  if (!old || old.key !== key) return undefined;
  const from = old.at ?? 0;
  const by = (m?.by ?? 0) - from;
  if (by === 0) return old;
  const moved = move(old, by, { start: base.keySpan.start + from, end: base.value.span.end + from });
  if (moved) kept.set(e, moved);
  return moved;
}

/** Keeps what was built from entry `e`; for a moved copy, also where its next copies are moved from. */
function keep<T extends { key: string; at?: number }>(kept: WeakMap<CfnEntry, T>, e: CfnEntry, value: T): void {
  kept.set(e, value);
  const m = entryMovedFrom(e);
  if (m) kept.set(m.base, { ...value, at: m.by });
}

/**
 * The client of a resource entry: the one built before when the parser handed out the entry again and
 * the template's parameters, mappings and resource types are as they were; moved when the entry was
 * moved (core/moved.ts). Either way what building it gives.
 */
function clientOf(e: CfnEntry, dialect: Dialect, r: CfnResolver): ClientResource {
  const key = r.keeps(e) ? r.scopeKey() : undefined;
  if (key === undefined) return buildClient(e, dialect, r);
  const hit = reused(clientsFrom, e, key, (old, by, within) => {
    if (old.dialect !== dialect) return undefined;
    const client = movedClient(old.client, by, within);
    return client && { key, dialect, client };
  });
  if (hit && hit.dialect === dialect) return hit.client;
  const client = buildClient(e, dialect, r);
  keep(clientsFrom, e, { key, dialect, client });
  return client;
}

/** Other resources as the rules see them, kept while the parser hands out the same entry. */
const resourcesFrom = new WeakMap<CfnEntry, { key: string; resource: OtherResource; with: { r: CfnResolver } }>();

/**
 * Another resource (not a client): the one made before when the parser handed out the same entry and
 * what building it reads is as it was; else made now, its settings read when a rule asks for them.
 */
function resourceOf(e: CfnEntry, type: string | undefined, r: CfnResolver): OtherResource {
  const key = r.keeps(e) ? r.scopeKey() : undefined;
  const hit = key === undefined ? undefined : resourcesFrom.get(e);
  if (hit && hit.key === key) {
    // settings not read yet are read with this analysis's resolver (the same scope), not an old one's
    hit.with.r = r;
    return hit.resource;
  }
  const props = entry(e.value, 'Properties')?.value;
  const container = cfnContainer(props, e.keySpan.start);
  const current = { r };
  const resource = lazyBody(
    {
      type: type ?? '',
      name: e.key,
      nameSpan: e.keySpan,
      span: { start: e.keySpan.start, end: e.value.span.end },
      ...(container ? { container } : {}),
      dependsOn: dependsOn(entry(e.value, 'DependsOn')?.value),
    },
    () => bodyOf(e, props, current.r),
  );
  if (key !== undefined) resourcesFrom.set(e, { key, resource, with: current });
  fromEntry(resource, e);
  return resource;
}

/** Records the entry `x` is read from (core/moved.ts): the one first parsed, and how far this one stands from it. */
function fromEntry(x: object, e: CfnEntry): void {
  const m = entryMovedFrom(e);
  readFromPart(x, m?.base ?? e, m?.by ?? 0);
}

/** Another resource's settings (kept like `clientOf`'s clients). */
function bodyOf(e: CfnEntry, props: CfnNode | undefined, r: CfnResolver): Value {
  const make = (): Value => (props ? r.resolve(props) : { k: 'map', entries: [], span: e.value.span });
  const key = r.keeps(e) ? r.scopeKey() : undefined;
  if (key === undefined) return make();
  const hit = reused(bodiesFrom, e, key, (old, by, within) => {
    const body = movedCopy(old.body, by, within);
    return body && { key, body };
  });
  if (hit) return hit.body;
  const body = make();
  keep(bodiesFrom, e, { key, body });
  return body;
}

export function cloudFormationModel(doc: CfnDoc): TemplateModel {
  const dialect: Dialect = doc.format === 'yaml' ? 'cloudformation-yaml' : 'cloudformation-json';
  // A file that names a client type but cannot be read at all still gets its syntax errors reported.
  const d: Detection =
    !doc.root && doc.errors.length
      ? {
          isTemplate: true,
          flavor: 'cloudformation',
          reason: 'a template that could not be read because of a syntax error',
        }
      : detect(doc.root);
  const model: TemplateModel = {
    dialect,
    flavor: d.flavor,
    isTemplate: d.isTemplate,
    reason: d.reason,
    clients: [],
    pools: [],
    resources: [],
    outputs: [],
    syntaxErrors: doc.errors,
    comments: doc.comments,
  };
  if (!d.isTemplate || !d.resources || d.resources.t !== 'map') return model;
  const r = new CfnResolver(d.root, d.resources, d.flavor === 'serverless', d.slsDocument);
  // what every part's values read besides its text (none known when one reads the whole file)
  let scope = r.scopeKey();
  for (const e of d.resources.entries) {
    if (scope !== undefined && !r.keeps(e)) scope = undefined;
    const type = typeOf(e.value);
    if (type === CFN_CLIENT_TYPE) {
      model.clients.push(clientOf(e, dialect, r));
      continue;
    }
    if (type === 'AWS::Cognito::UserPool') model.pools.push(buildPool(e, r));
    model.resources.push(resourceOf(e, type, r));
  }
  const outputs = entry(d.root, 'Outputs')?.value;
  if (outputs?.t === 'map') {
    // the section every output is written in (one for all of them)
    const container = cfnContainer(outputs, 0);
    for (const o of outputs.entries) {
      if (scope !== undefined && !r.keeps(o)) scope = undefined;
      const v = entry(o.value, 'Value')?.value;
      if (!v) continue;
      const out: OutputEntry = {
        name: o.key,
        nameSpan: o.keySpan,
        span: { start: o.keySpan.start, end: o.value.span.end },
        ...(container ? { container } : {}),
        value: r.resolve(v),
        exported: !!entry(o.value, 'Export'),
      };
      fromEntry(out, o);
      model.outputs.push(out);
    }
  }
  if (scope !== undefined) model.scope = `${d.flavor}\u0003${scope}`;
  return model;
}

export function parseCloudFormation(text: string, format: 'yaml' | 'json', meter: WorkMeter = UNMETERED): CfnDoc {
  return format === 'yaml' ? parseYaml(text, meter) : parseJson(text, meter);
}

export type { Span };
