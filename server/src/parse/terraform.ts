/**
 * Terraform (`.tf` native syntax and `.tf.json`) into the dialect-neutral model: the clients, the pools
 * they point at, and value resolution of `var.*` (defaults and tfvars beside the file) and `local.*`.
 */
import type * as jsonc from 'jsonc-parser';
import { lookup, type Param, type ResourceKind } from '../catalog';
import { isStandardAttribute } from '../catalog/attributes';
import type {
  ClientResource,
  Comment,
  Container,
  MapEntry,
  ModuleCall,
  Origin,
  OtherResource,
  OutputEntry,
  PoolResource,
  Prop,
  RefAt,
  Reference,
  SyntaxProblem,
  TemplateModel,
  Value,
} from '../core/model';
import { editableOrigin, type PlacedValue } from '../core/model';
import { parseJsonTree } from './cfn';
import {
  parseHcl,
  parseQuotedTemplate,
  type HclAttribute,
  type HclBlock,
  type HclBody,
  type HclExpr,
  type HclSyntaxError,
} from './hcl';
import { LineIndex, lineIndexOf, type Span } from '../core/text';
import { movedClient, movedCopy, readFromPart } from '../core/moved';
import {
  binaryOp,
  callFunction,
  failed,
  forPairs,
  indexValue,
  isFailed,
  KNOWN_FUNCTIONS,
  splatValue,
  unaryOp,
  unknown,
} from './tf-functions';
import type { HclOp } from './hcl';
import { blockMovedFrom, clearHclParts, parseHclInParts } from './hcl-parts';
import { UNMETERED, WorkMeter } from '../core/work';

export const TF_CLIENT_TYPES: Record<string, ResourceKind> = {
  aws_cognito_user_pool_client: 'tf-client',
  aws_cognito_managed_user_pool_client: 'tf-managed-client',
};

/** Meta-arguments and meta-blocks every Terraform resource accepts. */
const META_ARGS = new Set(['count', 'for_each', 'provider', 'depends_on']);
const META_BLOCKS = new Set(['lifecycle', 'timeouts', 'provisioner', 'connection']);

/** A sibling file the caller read for us (tfvars beside the template). */
export interface SiblingFile {
  fileName: string;
  text: string;
  /**
   * Named on the command line (`--var-file`, `--var`): applied after the variable files Terraform finds
   * itself, in the order given, as Terraform does.
   */
  explicit?: boolean;
}

/**
 * What one Terraform file declares for the other files of its folder (one module): its `variable` and
 * `locals` blocks. Values in a file may use the variables and locals of any file of the folder.
 */
export interface ModuleFile {
  fileName: string;
  blocks: HclBlock[];
  /** Its text, to say where in it a value is set. */
  text?: string;
}

/** A module variable set by the caller: its value as computed there, and how to say where it was set. */
export interface BoundVariable {
  value: Value;
  origin: string;
}

/** The name and literal `source` of each `module` block of a Terraform file (for the workspace to find them). */
export function terraformModuleSources(
  text: string,
  fileName: string,
  meter: WorkMeter = UNMETERED,
): Array<{ name: string; source: string }> {
  const json = /\.json$/i.test(fileName);
  if (json) {
    const { tree } = parseJsonTree(text);
    const out: Array<{ name: string; source: string }> = [];
    for (const root of objects(tree))
      for (const [k, v] of props(root))
        if (String(k.value) === 'module')
          for (const group of objects(v))
            for (const [nk, call] of props(group))
              for (const o of objects(call))
                for (const [ak, av] of props(o))
                  if (String(ak.value) === 'source' && av?.type === 'string')
                    out.push({ name: String(nk.value), source: String(av.value) });
    return out;
  }
  return parseTerraformCached(text, false, meter)
    .body.blocks.filter((b) => b.type === 'module')
    .flatMap((b) => {
      const e = b.body.attributes.find((a) => a.name === 'source')?.value;
      const name = b.labels[0]?.value;
      return name && e?.t === 'lit' && typeof e.v === 'string' ? [{ name, source: e.v }] : [];
    });
}

/** Reads a Terraform file's declarations (for the other files of its folder). Never throws. */
export function terraformDeclarations(text: string, fileName: string, meter: WorkMeter = UNMETERED): ModuleFile {
  const src = parseTerraformCached(text, /\.json$/i.test(fileName), meter);
  return { fileName, text, blocks: src.body.blocks.filter((b) => b.type === 'variable' || b.type === 'locals') };
}

export interface TerraformSource {
  body: HclBody;
  comments: Comment[];
  errors: SyntaxProblem[];
}

// ---------------------------------------------------------------------------------------------
// Terraform JSON syntax into the same body structure as native syntax

/** Nested block names of the resources we read; in JSON, other object keys are arguments. */
const JSON_BLOCK_NAMES = new Set([
  'token_validity_units',
  'analytics_configuration',
  'refresh_token_rotation',
  'schema',
  'lifecycle',
  'timeouts',
  'string_attribute_constraints',
  'number_attribute_constraints',
]);

function jsonExpr(src: string, n: jsonc.Node, errors: HclSyntaxError[], meter: WorkMeter): HclExpr {
  const span = { start: n.offset, end: n.offset + n.length };
  switch (n.type) {
    case 'string':
      return parseQuotedTemplate(src, span.start, span.end, errors, meter);
    case 'number':
    case 'boolean':
    case 'null':
      return { t: 'lit', v: n.value as number | boolean | null, span };
    case 'array':
      return { t: 'tuple', items: (n.children ?? []).map((c) => jsonExpr(src, c, errors, meter)), span };
    case 'object':
      return {
        t: 'object',
        entries: props(n).map(([k, v]) => ({
          key: String(k.value),
          keySpan: { start: k.offset, end: k.offset + k.length },
          value: v ? jsonExpr(src, v, errors, meter) : { t: 'other', span, refs: [] },
        })),
        span,
      };
    default:
      return { t: 'other', span, refs: [] };
  }
}

function props(n: jsonc.Node | undefined): Array<[jsonc.Node, jsonc.Node | undefined]> {
  if (!n || n.type !== 'object') return [];
  const out: Array<[jsonc.Node, jsonc.Node | undefined]> = [];
  for (const p of n.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && k.value !== '//') out.push([k, v]);
  }
  return out;
}

/** Objects of a JSON value that may be one object or an array of them. */
function objects(n: jsonc.Node | undefined): jsonc.Node[] {
  if (!n) return [];
  if (n.type === 'object') return [n];
  if (n.type === 'array') return (n.children ?? []).filter((c) => c.type === 'object');
  return [];
}

function keySpan(k: jsonc.Node): Span {
  return { start: k.offset, end: k.offset + k.length };
}

/**
 * Terraform's `"//"` comment members of a body object that hold a `cognito-guard-ignore` directive,
 * each with what it covers: before the body's first argument, or after its last, the body's owner (the
 * resource, output or nested block); between arguments, the argument after it.
 */
function commentMembers(n: jsonc.Node, owner: Span, out: Comment[]): void {
  const members = n.children ?? [];
  for (let i = 0; i < members.length; i++) {
    const [k, v] = members[i]?.children ?? [];
    if (!k || k.value !== '//' || !v) continue;
    const texts =
      v.type === 'string' ? [v] : v.type === 'array' ? (v.children ?? []).filter((x) => x.type === 'string') : [];
    const before = members.slice(0, i).some((m) => m.children?.[0]?.value !== '//');
    const next = members.slice(i + 1).find((m) => m.children?.[0]?.value !== '//');
    const [nk, nv] = next?.children ?? [];
    const target = before && nk && nv ? { start: nk.offset, end: nv.offset + nv.length } : owner;
    for (const t of texts) {
      if (typeof t.value !== 'string' || !t.value.includes('cognito-guard-ignore')) continue;
      out.push({ span: { start: t.offset, end: t.offset + t.length }, text: t.value, target });
    }
  }
}

interface JsonCtx {
  src: string;
  errors: HclSyntaxError[];
  meter: WorkMeter;
  /** Where `"//"` directives go; omitted where none are read (variable files). */
  comments?: Comment[];
}

function jsonBody(cx: JsonCtx, n: jsonc.Node, owner: Span, topLevel = false): HclBody {
  const { src, errors, meter } = cx;
  const body: HclBody = { attributes: [], blocks: [], members: [] };
  if (cx.comments) commentMembers(n, owner, cx.comments);
  // every member, comments too: an edit's commas depend on all of its neighbours
  for (const m of n.children ?? []) {
    const [k, v] = m.children ?? [];
    if (k?.value === '//' && v) body.members?.push({ start: k.offset, end: v.offset + v.length });
  }
  for (const [k, v] of props(n)) {
    const name = String(k.value);
    if (!v) continue;
    body.members?.push({ start: k.offset, end: v.offset + v.length });
    if (name === 'dynamic' && !topLevel) {
      for (const [dk, dv] of props(v)) {
        for (const o of objects(dv)) {
          body.blocks.push(
            block(
              'dynamic',
              k,
              [{ value: String(dk.value), span: keySpan(dk) }],
              jsonBody(cx, o, { start: k.offset, end: o.offset + o.length }),
              o,
            ),
          );
        }
      }
      continue;
    }
    if (JSON_BLOCK_NAMES.has(name) && (v.type === 'object' || v.type === 'array') && objects(v).length > 0) {
      for (const o of objects(v))
        body.blocks.push(block(name, k, [], jsonBody(cx, o, { start: k.offset, end: o.offset + o.length }), o));
      continue;
    }
    body.attributes.push({
      name,
      nameSpan: keySpan(k),
      value: jsonExpr(src, v, errors, meter),
      span: { start: k.offset, end: v.offset + v.length },
    });
  }
  body.members?.sort((a, b) => a.start - b.start);
  return body;
}

/**
 * A block read from JSON. `k` is the key that names its type (its indentation places new members);
 * the block starts at `head`, the key of its innermost label (`"my_client": {`), or at `k`.
 */
function block(
  type: string,
  k: jsonc.Node,
  labels: HclBlock['labels'],
  body: HclBody,
  o: jsonc.Node,
  head: jsonc.Node = k,
): HclBlock {
  return {
    type,
    typeSpan: keySpan(k),
    labels,
    body,
    span: blockSpan(head, o),
    open: o.offset,
    close: o.offset + o.length - 1,
  };
}

function blockSpan(head: jsonc.Node, o: jsonc.Node): Span {
  return { start: head.offset, end: o.offset + o.length };
}

/** Reads a `.tf.json` document into the native body structure. */
export function parseTerraformJson(src: string, meter: WorkMeter = UNMETERED): TerraformSource {
  const { tree, errors: jsonErrors, comments } = parseJsonTree(src);
  const errors: HclSyntaxError[] = [...jsonErrors];
  const cx: JsonCtx = { src, errors, meter, comments };
  const body: HclBody = { attributes: [], blocks: [] };
  for (const root of objects(tree)) {
    for (const [k, v] of props(root)) {
      const kind = String(k.value);
      if (kind === 'resource' || kind === 'data') {
        for (const group of objects(v)) {
          for (const [tk, tv] of props(group)) {
            for (const named of objects(tv)) {
              for (const [nk, nv] of props(named)) {
                for (const o of objects(nv)) {
                  const labels = [
                    { value: String(tk.value), span: keySpan(tk) },
                    { value: String(nk.value), span: keySpan(nk) },
                  ];
                  body.blocks.push(block(kind, k, labels, jsonBody(cx, o, blockSpan(nk, o)), o, nk));
                }
              }
            }
          }
        }
      } else if (kind === 'variable' || kind === 'output') {
        for (const group of objects(v)) {
          for (const [nk, nv] of props(group)) {
            for (const o of objects(nv)) {
              const labels = [{ value: String(nk.value), span: keySpan(nk) }];
              body.blocks.push(block(kind, k, labels, jsonBody(cx, o, blockSpan(nk, o)), o, nk));
            }
          }
        }
      } else if (kind === 'locals') {
        for (const o of objects(v)) body.blocks.push(block(kind, k, [], jsonBody(cx, o, blockSpan(k, o), true), o));
      }
    }
  }
  comments.sort((a, b) => a.span.start - b.span.start);
  return { body, comments, errors };
}

/** Parsed Terraform texts, most recent last: a module's file is read once for all the calls that use it. */
/** Keyed by the text itself (no key is built: a long string's hash is computed once per string). */
const PARSED = { native: new Map<string, Parsed>(), json: new Map<string, Parsed>() };
interface Parsed {
  src: TerraformSource;
  nodes: number;
}
/** Texts kept, all together, in characters (their trees are some tens of times larger). */
const PARSED_MAX_CHARS = 200_000;
/** A longer text is parsed each time (a big file is rarely a module called many times). */
const PARSED_MAX_TEXT = 64_000;
let parsedChars = 0;

/**
 * The parse of a Terraform text (native or JSON syntax), shared by every analysis of the same text: a
 * module called 200 times is parsed once. The trees are never changed after parsing. The meter counts
 * the nodes as if the text had been parsed again.
 */
export function parseTerraformCached(text: string, json: boolean, meter: WorkMeter = UNMETERED): TerraformSource {
  const cache = json ? PARSED.json : PARSED.native;
  const hit = cache.get(text);
  if (hit) {
    meter.nodes += hit.nodes;
    return hit.src;
  }
  // read in parts, it is its parts that are kept (a whole tree per keystroke would only be garbage later)
  const parts = json ? undefined : parseHclInParts(text, meter);
  if (parts) return { body: parts.body, comments: parts.comments, errors: parts.errors };
  if (text.length > PARSED_MAX_TEXT) return json ? parseTerraformJson(text, meter) : parseTerraformNative(text, meter);
  const own = new WorkMeter();
  const src = json ? parseTerraformJson(text, own) : parseTerraformNative(text, own);
  meter.nodes += own.nodes;
  cache.set(text, { src, nodes: own.nodes });
  parsedChars += text.length;
  // the oldest go first
  for (const c of [PARSED.native, PARSED.json]) {
    for (const k of c.keys()) {
      if (parsedChars <= PARSED_MAX_CHARS) break;
      c.delete(k);
      parsedChars -= k.length;
    }
  }
  return src;
}

/** Forgets every shared parse (the benchmark starts each measured run as a fresh process would). */
export function clearParseCache(): void {
  clearHclParts();
  PARSED.native.clear();
  PARSED.json.clear();
  parsedChars = 0;
}

/** Reads a `.tf` file: in parts where it allows (an edit then parses again only its block), else whole. */
export function parseTerraformNative(src: string, meter: WorkMeter = UNMETERED): TerraformSource {
  const f = parseHclInParts(src, meter) ?? parseHcl(src, meter);
  return { body: f.body, comments: f.comments, errors: f.errors };
}

// ---------------------------------------------------------------------------------------------
// Value resolution

interface Binding {
  expr: HclExpr;
  origin: string;
  /** The file the expression is written in (to point at it). */
  file?: { fileName: string; text: string };
}

/** A value used at `span` read from `var.name` or `local.name` (see `TerraformResolver.place`). */
interface PlacedFrom {
  span: Span;
  table: 'var' | 'local';
  name: string;
}

/** A number for an object without text to compare (a declaration read from another file's tree). */
const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;
function objectId(o: object): number {
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = ++nextObjectId));
  return id;
}

const MAX_RESOLVE_DEPTH = 16;
/** Elements all `for` expressions of one file may produce together; past it they are unknown. */
const MAX_FOR_ELEMENTS = 20_000;

export class TerraformResolver {
  private readonly variables = new Map<string, Binding>();
  private readonly locals = new Map<string, Binding>();
  private readonly active = new Set<string>();
  private readonly declared = new Set<string>();
  /** Names bound by `for` expressions and by `each` / `count` of the resource being read, innermost last. */
  private readonly scopes: Array<Map<string, Value>> = [];
  private forElements = 0;
  /** Where the values read from variables and locals are written (see `PlacedValue`). */
  readonly placed: PlacedValue[] = [];
  private readonly lineIndexes = new Map<string, LineIndex>();
  /** What each entry of `placed` was made from, to make it again (see `place`). */
  private readonly placedFrom: PlacedFrom[] = [];
  private key: string | undefined;

  constructor(
    body: HclBody,
    tfvars: SiblingFile[],
    meter: WorkMeter = UNMETERED,
    siblings: ModuleFile[] = [],
    private readonly bound: ReadonlyMap<string, BoundVariable> = new Map(),
    private readonly self?: { fileName: string; text: string },
  ) {
    const declare = (blocks: HclBlock[], where: string, file?: { fileName: string; text: string }): void => {
      for (const b of blocks) {
        if (b.type === 'variable' && b.labels[0]) {
          const name = b.labels[0].value;
          const d = b.body.attributes.find((a) => a.name === 'default');
          // a name declared twice is an error Terraform reports; the first one read is kept
          if (d && !this.declared.has(`var.${name}`))
            this.variables.set(name, { expr: d.value, origin: `the default of \`var.${name}\`${where}`, file });
          this.declared.add(`var.${name}`);
        } else if (b.type === 'locals') {
          for (const a of b.body.attributes) {
            if (this.declared.has(`local.${a.name}`)) continue;
            this.declared.add(`local.${a.name}`);
            this.locals.set(a.name, { expr: a.value, origin: `\`local.${a.name}\`${where}`, file });
          }
        }
      }
    };
    declare(body.blocks, '', self);
    for (const f of siblings)
      declare(
        f.blocks,
        ` in ${f.fileName.split(/[\\/]/).pop() ?? f.fileName}`,
        f.text === undefined ? undefined : { fileName: f.fileName, text: f.text },
      );
    // terraform.tfvars first, then *.auto.tfvars in name order: later files win, as in Terraform.
    const rank = (f: SiblingFile): number => (f.explicit ? 2 : tfvarsRank(f.fileName));
    const ordered = [...tfvars].sort(
      (a, b) => rank(a) - rank(b) || (a.explicit && b.explicit ? 0 : cmp(a.fileName, b.fileName)),
    );
    for (const f of ordered) {
      const parsed = f.fileName.endsWith('.json')
        ? parseTfvarsJson(f.text, meter)
        : parseHcl(f.text, meter).body.attributes;
      const base = f.fileName.split(/[\\/]/).pop() ?? f.fileName;
      for (const a of parsed)
        this.variables.set(a.name, { expr: a.value, origin: `\`var.${a.name}\` in ${base}`, file: f });
    }
  }

  /** Records that the value used at `span` is written in the declaration of `var.name` or `local.name`. */
  place(span: Span, table: 'var' | 'local', name: string): void {
    const b = (table === 'var' ? this.variables : this.locals).get(name);
    if (!b?.file) return;
    let lines = this.lineIndexes.get(b.file.fileName);
    if (!lines) {
      // this file's own text is new with each edit: not worth keeping in the shared index
      lines = b.file.text === this.self?.text ? new LineIndex(b.file.text) : lineIndexOf(b.file.text);
      this.lineIndexes.set(b.file.fileName, lines);
    }
    this.placed.push({ span, fileName: b.file.fileName, range: lines.range(b.expr.span), origin: b.origin });
    this.placedFrom.push({ span, table, name });
  }

  /**
   * What the values of this file's names depend on, as a key: what is built from a block with one key
   * is the same with the same key (undefined when it is not kept: a module's file checked with a
   * caller's values). The names' texts and places, and the files they are written in.
   */
  scopeKey(): string | undefined {
    if (this.bound.size > 0) return undefined;
    if (this.key !== undefined) return this.key;
    const parts: string[] = [];
    const add = (table: string, name: string, b: Binding): void => {
      const text = b.file?.text.slice(b.expr.span.start, b.expr.span.end) ?? `#${objectId(b.expr)}`;
      parts.push(
        `${table}\u0000${name}\u0000${b.origin}\u0000${b.file?.fileName ?? ''}\u0000${b.expr.span.start}\u0000${text}`,
      );
    };
    for (const [name, b] of this.variables) add('var', name, b);
    for (const [name, b] of this.locals) add('local', name, b);
    this.key = parts.join('\u0001');
    return this.key;
  }

  /** Where things stand before building from one block (see `since`). */
  mark(): { placed: number; forElements: number } {
    return { placed: this.placedFrom.length, forElements: this.forElements };
  }

  /**
   * What building from one block since `mark` recorded, to do again when it is used again; undefined
   * when it cannot be used again (a `for` expression counted elements against the file's budget).
   */
  since(m: { placed: number; forElements: number }): PlacedFrom[] | undefined {
    if (this.forElements !== m.forElements) return undefined;
    return this.placedFrom.slice(m.placed);
  }

  /** Resolves `e` with the names of `scope` bound (`each`, `count`, a `for` expression's variables). */
  withScope<T>(scope: Map<string, Value>, f: () => T): T {
    this.scopes.push(scope);
    try {
      return f();
    } finally {
      this.scopes.pop();
    }
  }

  resolve(e: HclExpr, depth = 0): Value {
    if (depth > MAX_RESOLVE_DEPTH) return { k: 'unknown', span: e.span, why: 'too many levels of indirection' };
    switch (e.t) {
      case 'lit':
        return { k: 'scalar', v: e.v, span: e.span, quoted: typeof e.v === 'string' };
      case 'tuple':
        return { k: 'list', items: e.items.map((i) => this.resolve(i, depth + 1)), span: e.span };
      case 'object':
        return {
          k: 'map',
          span: e.span,
          entries: e.entries
            .filter((x) => x.key !== null)
            .map((x): MapEntry => ({ key: x.key ?? '', keySpan: x.keySpan, value: this.resolve(x.value, depth + 1) })),
        };
      case 'tmpl': {
        if (e.directive) return { k: 'unknown', span: e.span, why: 'a template with directives' };
        const only = e.parts[0];
        if (e.parts.length === 1 && only !== undefined && typeof only !== 'string') {
          // "${x}" is the same as x
          return respan(this.resolve(only, depth + 1), e.span);
        }
        let text = '';
        const origins: string[] = [];
        for (const p of e.parts) {
          if (typeof p === 'string') {
            text += p;
            continue;
          }
          const v = this.resolve(p, depth + 1);
          if (v.k !== 'scalar' || v.v === null)
            return { k: 'unknown', span: e.span, why: 'an interpolation of an unknown value', ...innerRefs(e) };
          text += String(v.v);
          if (v.from) origins.push(v.from.text);
        }
        return {
          k: 'scalar',
          v: text,
          span: e.span,
          quoted: true,
          ...(origins.length ? { from: { text: origins.join(' and ') } } : {}),
        };
      }
      case 'trav':
        return this.traversal(e, depth);
      case 'call': {
        const passThrough = ['toset', 'tolist', 'tostring', 'tonumber', 'tobool', 'sort', 'distinct'];
        const arg = e.args[0];
        if (passThrough.includes(e.name) && e.args.length === 1 && arg) {
          const v = this.resolve(arg, depth + 1);
          if (e.name === 'tonumber' && v.k === 'scalar' && typeof v.v === 'string' && /^-?\d+(\.\d+)?$/.test(v.v)) {
            return { ...v, v: Number(v.v), span: e.span };
          }
          // a set or a sorted list: the same elements, reported where the call is written
          const computed =
            (['toset', 'sort', 'distinct'].includes(e.name) && v.k === 'list') ||
            (e.name === 'tostring' && v.k === 'scalar');
          return respan(computed ? callFunction(e.name, [v], e.span) : v, e.span);
        }
        if (e.name === 'try') {
          for (const a of e.args) {
            const v = this.resolve(a, depth + 1);
            if (!isFailed(v)) return v;
          }
          return failed(e.span, 'try() with no argument Terraform could compute');
        }
        if (e.name === 'can' && e.args.length === 1 && arg) {
          const v = this.resolve(arg, depth + 1);
          if (isFailed(v)) return { k: 'scalar', v: false, span: e.span, quoted: false, from: { text: 'can()' } };
          if (v.k === 'unknown' || v.k === 'alt')
            return { k: 'unknown', span: e.span, why: 'can() of a value that is not known' };
          return { k: 'scalar', v: true, span: e.span, quoted: false, from: { text: 'can()' } };
        }
        if (KNOWN_FUNCTIONS.has(e.name)) {
          return withRefs(
            callFunction(
              e.name,
              e.args.map((a) => this.resolve(a, depth + 1)),
              e.span,
            ),
            e,
          );
        }
        return { k: 'unknown', span: e.span, why: `the result of ${e.name}()`, ...innerRefs(e) };
      }
      case 'other':
        if (e.op) return withRefs(this.operation(e, e.op, depth), e);
        return { k: 'unknown', span: e.span, why: 'an expression', ...innerRefs(e) };
    }
  }

  private operation(e: Extract<HclExpr, { t: 'other' }>, op: HclOp, depth: number): Value {
    const [a, b, c, d] = e.refs;
    const r = (x: HclExpr | undefined): Value =>
      x ? this.resolve(x, depth + 1) : unknown(e.span, 'a missing operand');
    switch (op.k) {
      case 'paren':
        return r(a);
      case 'cond': {
        const test = r(a);
        if (test.k === 'scalar' && typeof test.v === 'boolean') return r(test.v ? b : c);
        if (test.k === 'unknown' && test.failed) return test;
        // the condition is not known: either branch may be what is deployed
        return { k: 'alt', options: [r(b), r(c)], span: e.span };
      }
      case 'bin':
        return binaryOp(op.op, r(a), r(b), e.span);
      case 'not':
      case 'neg':
        return unaryOp(op.k, r(a), e.span);
      case 'index':
        return indexValue(r(a), r(b), e.span);
      case 'splat':
        return splatValue(r(a), op.steps, e.span);
      case 'for': {
        const pairs = forPairs(r(a));
        if (!pairs) return unknown(e.span, 'a for expression over a value that is not known');
        const keyExpr = op.object ? c : undefined;
        const condExpr = op.hasCond ? (op.object ? d : c) : undefined;
        const items: Value[] = [];
        const entries: MapEntry[] = [];
        const groups = new Map<string, { keySpan: Span; items: Value[] }>();
        for (const [k, v] of pairs) {
          if (++this.forElements > MAX_FOR_ELEMENTS) return unknown(e.span, 'a for expression too large to follow');
          const scope = new Map<string, Value>();
          if (op.keyVar !== null) scope.set(op.keyVar, k);
          scope.set(op.valVar, v);
          const out = this.withScope(scope, () => {
            if (condExpr) {
              const t = this.resolve(condExpr, depth + 1);
              if (!(t.k === 'scalar' && typeof t.v === 'boolean')) return 'unknown' as const;
              if (!t.v) return 'skip' as const;
            }
            const value = this.resolve(b ?? e, depth + 1);
            if (!keyExpr) return { value };
            const key = this.resolve(keyExpr, depth + 1);
            if (key.k !== 'scalar' || key.v === null || typeof key.v === 'boolean') return 'unknown' as const;
            return { value, key: String(key.v), keySpan: key.span };
          });
          if (out === 'unknown') return unknown(e.span, 'a for expression with parts that are not known');
          if (out === 'skip') continue;
          if (out.key === undefined) items.push(out.value);
          else if (op.grouped) {
            const g = groups.get(out.key) ?? { keySpan: out.keySpan, items: [] };
            g.items.push(out.value);
            groups.set(out.key, g);
          } else {
            const at = entries.findIndex((x) => x.key === out.key);
            if (at >= 0) return failed(e.span, `two elements with the key "${out.key}"`);
            entries.push({ key: out.key, keySpan: out.keySpan, value: out.value });
          }
        }
        const from = { text: 'a for expression' };
        if (!op.object) return { k: 'list', items, span: e.span, from };
        if (op.grouped)
          for (const [key, g] of groups)
            entries.push({ key, keySpan: g.keySpan, value: { k: 'list', items: g.items, span: e.span, from } });
        return { k: 'map', entries, span: e.span, from };
      }
    }
  }

  private traversal(e: Extract<HclExpr, { t: 'trav' }>, depth: number): Value {
    const [first, ...rest] = e.steps;
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const bound = this.scopes[i]?.get(e.root);
      if (!bound) continue;
      let v = bound;
      for (const step of e.steps) v = indexValue(v, { k: 'scalar', v: step, span: e.span, quoted: false }, e.span);
      return v;
    }
    const set = e.root === 'var' && typeof first === 'string' ? this.bound.get(first) : undefined;
    if (set) {
      // a caller's value keeps its own place (in the caller's file), so a finding can point there
      let v: Value =
        set.value.k === 'scalar' || set.value.k === 'list' || set.value.k === 'map'
          ? {
              ...set.value,
              from: { text: set.origin, ...(editableOrigin(set.value) ? { caller: true as const } : {}) },
            }
          : set.value;
      for (const step of rest) v = indexValue(v, { k: 'scalar', v: step, span: e.span, quoted: false }, v.span);
      return v;
    }
    if ((e.root === 'var' || e.root === 'local') && typeof first === 'string') {
      const table = e.root === 'var' ? this.variables : this.locals;
      const key = `${e.root}.${first}`;
      const b = table.get(first);
      if (!b) return { k: 'unknown', span: e.span, why: `\`${key}\` has no value this tool can see` };
      if (this.active.has(key)) return { k: 'unknown', span: e.span, why: `\`${key}\` refers to itself` };
      this.active.add(key);
      let v = this.resolve(b.expr, depth + 1);
      this.active.delete(key);
      for (const step of rest) v = indexValue(v, { k: 'scalar', v: step, span: e.span, quoted: false }, v.span);
      // the text of the value, when the declaration holds it as written (not from another name)
      if (b.file && (v.k === 'scalar' || v.k === 'list' || v.k === 'map') && !v.from) this.place(e.span, e.root, first);
      return respan(v, e.span, { text: b.origin });
    }
    if (e.root.startsWith('aws_') && typeof first === 'string') {
      const attr = typeof rest[0] === 'string' ? rest[0] : undefined;
      return {
        k: 'unknown',
        span: e.span,
        why: `an attribute of \`${e.root}.${first}\``,
        ref: { type: e.root, name: first, ...(attr ? { attr } : {}) },
      };
    }
    return { k: 'unknown', span: e.span, why: `\`${[e.root, ...e.steps].join('.')}\`` };
  }
}

/** An unknown result keeps the resource references inside the expression (for the cross-resource rules). */
function withRefs(v: Value, e: HclExpr): Value {
  if (v.k !== 'unknown' || v.failed || v.ref || v.refs) return v;
  return { ...v, ...innerRefs(e) };
}

/** Resource references anywhere inside an expression (`aws_x.y.attr` inside calls, templates, operators). */
function innerRefs(e: HclExpr): { refs?: RefAt[] } {
  const out: RefAt[] = [];
  const walk = (x: HclExpr, depth: number): void => {
    if (depth > 64) return;
    switch (x.t) {
      case 'trav':
        if (x.root.startsWith('aws_') && typeof x.steps[0] === 'string') {
          const attr = typeof x.steps[1] === 'string' ? x.steps[1] : undefined;
          out.push({ ref: { type: x.root, name: x.steps[0], ...(attr ? { attr } : {}) }, span: x.span });
        }
        break;
      case 'tmpl':
        x.parts.forEach((p) => typeof p !== 'string' && walk(p, depth + 1));
        break;
      case 'tuple':
        x.items.forEach((i) => walk(i, depth + 1));
        break;
      case 'object':
        x.entries.forEach((en) => walk(en.value, depth + 1));
        break;
      case 'call':
        x.args.forEach((a) => walk(a, depth + 1));
        break;
      case 'other':
        x.refs.forEach((r) => walk(r, depth + 1));
        break;
      case 'lit':
        break;
    }
  };
  walk(e, 0);
  return out.length ? { refs: out } : {};
}

function tfvarsRank(name: string): number {
  return /(^|[\\/])terraform\.tfvars(\.json)?$/.test(name) ? 0 : 1;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseTfvarsJson(text: string, meter: WorkMeter): HclAttribute[] {
  return parseTerraformJsonAttributes(text, meter);
}

function parseTerraformJsonAttributes(src: string, meter: WorkMeter): HclAttribute[] {
  const { tree } = parseJsonTree(src);
  if (!tree) return [];
  return jsonBody({ src, errors: [], meter }, tree, { start: tree.offset, end: tree.offset + tree.length }, true)
    .attributes;
}

/**
 * A resolved value is reported where it is used: every span inside becomes the usage span, and the
 * origin is recorded (the outermost name first: "`local.days` (from the default of `var.days`)").
 */
export function respan(v: Value, s: Span, origin?: Origin): Value {
  const from = (inner: Origin | undefined): Origin | undefined =>
    origin
      ? { text: inner && inner.text !== origin.text ? `${origin.text} (set from ${inner.text})` : origin.text }
      : inner;
  switch (v.k) {
    case 'scalar': {
      const f = from(v.from);
      return { ...v, span: s, ...(f ? { from: f } : {}) };
    }
    case 'list': {
      const f = from(v.from);
      return { k: 'list', span: s, items: v.items.map((i) => respan(i, s, origin)), ...(f ? { from: f } : {}) };
    }
    case 'map': {
      const f = from(v.from);
      return {
        k: 'map',
        span: s,
        entries: v.entries.map((e) => ({ key: e.key, keySpan: s, value: respan(e.value, s, origin) })),
        ...(f ? { from: f } : {}),
      };
    }
    case 'alt':
      return { k: 'alt', span: s, options: v.options.map((o) => respan(o, s, origin)) };
    case 'unknown':
    case 'absent':
      return { ...v, span: s };
  }
}

// ---------------------------------------------------------------------------------------------
// The model

function matchChildren(
  kind: ResourceKind,
  parent: Param,
  value: Value,
  body: HclBody | undefined,
  r: TerraformResolver,
): Prop[] {
  const out: Prop[] = [];
  if (body) {
    for (const a of body.attributes) {
      const p = lookup(kind, a.name, parent);
      out.push({
        key: a.name,
        keySpan: a.nameSpan,
        ...(p ? { param: p } : {}),
        value: r.resolve(a.value),
        entrySpan: a.span,
      });
    }
    for (const b of body.blocks) {
      out.push({
        key: b.type,
        keySpan: b.typeSpan,
        value: { k: 'unknown', span: b.span, why: 'a nested block' },
        block: true,
        entrySpan: b.span,
      });
    }
    return out;
  }
  if (value.k === 'map') {
    for (const e of value.entries) {
      const p = lookup(kind, e.key, parent);
      out.push({
        key: e.key,
        keySpan: e.keySpan,
        ...(p ? { param: p } : {}),
        value: e.value,
        entrySpan: { start: e.keySpan.start, end: e.value.span.end },
      });
    }
  }
  return out;
}

/** The body of a block, for the fix writers; undefined when the block was never closed. */
export function hclContainer(b: HclBlock, json: boolean): Container | undefined {
  if (b.close < 0) return undefined;
  const entries =
    b.body.members ??
    [...b.body.attributes.map((a) => a.span), ...b.body.blocks.map((x) => x.span)].sort((x, y) => x.start - y.start);
  return { open: b.open, close: b.close, flow: json, entries, owner: b.typeSpan.start };
}

function blockValue(b: HclBlock, r: TerraformResolver): Value {
  return {
    k: 'map',
    span: b.span,
    entries: b.body.attributes.map((a) => ({ key: a.name, keySpan: a.nameSpan, value: r.resolve(a.value) })),
  };
}

function references(e: HclExpr | undefined): Reference[] {
  if (!e) return [];
  const items = e.t === 'tuple' ? e.items : [e];
  const out: Reference[] = [];
  for (const i of items) {
    if (i.t === 'trav' && typeof i.steps[0] === 'string') out.push({ type: i.root, name: i.steps[0] });
    // Terraform JSON writes dependencies as plain strings: "aws_x.name"
    const m = i.t === 'lit' && typeof i.v === 'string' ? /^([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)$/.exec(i.v) : null;
    if (m?.[1] && m[2]) out.push({ type: m[1], name: m[2] });
  }
  return out;
}

export function buildClient(
  b: HclBlock,
  kind: ResourceKind,
  dialect: 'terraform' | 'terraform-json',
  r: TerraformResolver,
): ClientResource {
  const json = dialect === 'terraform-json';
  const props: Prop[] = [];
  const nameLabel = b.labels[1] ?? b.labels[0];
  for (const a of b.body.attributes) {
    if (META_ARGS.has(a.name)) continue;
    const p = lookup(kind, a.name);
    const value = r.resolve(a.value);
    const prop: Prop = { key: a.name, keySpan: a.nameSpan, ...(p ? { param: p } : {}), value, entrySpan: a.span };
    if (p?.type === 'block') prop.children = matchChildren(kind, p, value, undefined, r);
    props.push(prop);
  }
  for (const blk of b.body.blocks) {
    if (META_BLOCKS.has(blk.type)) continue;
    if (blk.type === 'dynamic') {
      const label = blk.labels[0];
      if (!label) continue;
      const p = lookup(kind, label.value);
      props.push({
        key: label.value,
        keySpan: label.span,
        ...(p ? { param: p } : {}),
        value: { k: 'unknown', span: blk.span, why: 'a dynamic block' },
        block: true,
        dynamic: true,
        opaque: true,
        entrySpan: blk.span,
      });
      continue;
    }
    const p = lookup(kind, blk.type);
    const value = blockValue(blk, r);
    props.push({
      key: blk.type,
      keySpan: blk.typeSpan,
      ...(p ? { param: p } : {}),
      value,
      block: true,
      entrySpan: blk.span,
      ...(hclContainer(blk, json) ? { body: hclContainer(blk, json) } : {}),
      ...(p?.type === 'block' ? { children: matchChildren(kind, p, value, blk.body, r) } : {}),
    });
  }
  const repeated = b.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each');
  const dependsOnAttr = b.body.attributes.find((a) => a.name === 'depends_on');
  const dependsOn = references(dependsOnAttr?.value);
  const body = hclContainer(b, json);
  return {
    kind,
    dialect,
    type: b.labels[0]?.value ?? '',
    name: nameLabel?.value ?? '',
    nameSpan: nameLabel?.span ?? b.typeSpan,
    ...(b.labels[0] ? { typeSpan: b.labels[0].span } : {}),
    span: b.span,
    props,
    opaque: false,
    repeated,
    dependsOn,
    metadataIgnore: [],
    ...(body ? { body, resourceBody: body } : {}),
    ...(dependsOnAttr ? { dependsOnValue: r.resolve(dependsOnAttr.value) } : {}),
  };
}

export function buildPool(b: HclBlock, r: TerraformResolver): PoolResource {
  const nameLabel = b.labels[1] ?? b.labels[0];
  let custom: Set<string> | null = new Set();
  if (b.body.blocks.some((x) => x.type === 'dynamic' && x.labels[0]?.value === 'schema')) custom = null;
  if (b.body.attributes.some((a) => a.name === 'schema')) custom = null;
  for (const s of b.body.blocks.filter((x) => x.type === 'schema')) {
    const n = s.body.attributes.find((a) => a.name === 'name');
    const v = n ? r.resolve(n.value) : undefined;
    if (!v || v.k !== 'scalar' || typeof v.v !== 'string') {
      custom = null;
      break;
    }
    if (custom && !isStandardAttribute(v.v)) custom.add(v.v);
  }
  return {
    type: b.labels[0]?.value ?? '',
    name: nameLabel?.value ?? '',
    nameSpan: nameLabel?.span ?? b.typeSpan,
    customAttributes: custom,
  };
}

/** A block body as one value: attributes, and nested blocks as maps (repeated ones as lists). */
function bodyValue(b: HclBlock, r: TerraformResolver): Value {
  const entries: MapEntry[] = b.body.attributes.map((a) => ({
    key: a.name,
    keySpan: a.nameSpan,
    value: r.resolve(a.value),
  }));
  const groups = new Map<string, HclBlock[]>();
  for (const nb of b.body.blocks) {
    const key = nb.type === 'dynamic' ? (nb.labels[0]?.value ?? 'dynamic') : nb.type;
    groups.set(key, [...(groups.get(key) ?? []), nb]);
  }
  for (const [key, blocks] of groups) {
    const first = blocks[0];
    if (!first) continue;
    const values = blocks.map((x): Value =>
      x.type === 'dynamic' ? { k: 'unknown', span: x.span, why: 'a dynamic block' } : bodyValue(x, r),
    );
    entries.push({
      key,
      keySpan: first.type === 'dynamic' ? (first.labels[0]?.span ?? first.typeSpan) : first.typeSpan,
      value: values.length === 1 && values[0] ? values[0] : { k: 'list', items: values, span: first.span },
    });
  }
  return { k: 'map', entries, span: b.span };
}

/**
 * Other resources' settings are resolved only when a rule reads them (most files have many more
 * resources than clients, and only the cross-resource rules look at them).
 */
export function lazyBody(r: Omit<OtherResource, 'body'>, make: () => Value): OtherResource {
  let body: Value | undefined;
  return Object.defineProperty(r, 'body', {
    enumerable: true,
    get: () => (body ??= make()),
  }) as OtherResource;
}

/** Places recorded while building from a block, moved with it (those outside it, in a local's text, stay). */
function placedMoved(placed: PlacedFrom[], by: number, within: Span): PlacedFrom[] {
  return placed.map((p) =>
    p.span.start >= within.start && p.span.end <= within.end
      ? { ...p, span: { start: p.span.start + by, end: p.span.end + by } }
      : p,
  );
}

/** What was built from one block, kept for the next analyses while the block's part is kept. */
interface Kept<T> {
  key: string;
  value: T;
  placed: PlacedFrom[];
  /** Kept by the block first parsed: how far from it the block this was built from stands. */
  at?: number;
}

/**
 * What `build` makes from block `b`, made once while the block stands. A block the parser handed out
 * again (a part whose text did not change: hcl-parts.ts) gives what was built from it before, when
 * `key` (what else building it reads) is the same; one it moved gives that, moved by `move` (offsets
 * within the old block). Either way the result is what building it would give. No key: built each time.
 */
function builtOnce<T>(
  kept: WeakMap<HclBlock, Kept<T>>,
  b: HclBlock,
  key: string | undefined,
  r: TerraformResolver,
  build: () => T,
  move: (old: T, by: number, within: Span) => T | undefined,
): T {
  const m = key === undefined ? undefined : blockMovedFrom(b);
  if (key !== undefined) {
    let hit = kept.get(b);
    if (!hit || hit.key !== key || hit.at) {
      // moved copies are recorded against the block first parsed; what is kept there may have been
      // built from a copy of it (`at` from it)
      const base = m?.base ?? b;
      const old = kept.get(base);
      hit = undefined;
      if (old?.key === key) {
        const from = old.at ?? 0;
        const by = (m?.by ?? 0) - from;
        const within = { start: base.span.start + from, end: base.span.end + from };
        const value = by === 0 ? old.value : move(old.value, by, within);
        if (value !== undefined)
          hit = { key, value, placed: by === 0 ? old.placed : placedMoved(old.placed, by, within) };
      }
      if (hit) kept.set(b, hit);
    }
    if (hit) {
      for (const p of hit.placed) r.place(p.span, p.table, p.name);
      return hit.value;
    }
  }
  const mark = r.mark();
  const value = build();
  const placed = key === undefined ? undefined : r.since(mark);
  if (key !== undefined && placed) {
    kept.set(b, { key, value, placed });
    // the next copies of this block are moved from what was built now
    if (m) kept.set(m.base, { key, value, placed, at: m.by });
  }
  return value;
}

const clientsFrom = new WeakMap<HclBlock, Kept<ClientResource[]>>();
/** The settings read from another resource's block (what the cross-resource rules read). */
const bodiesFrom = new WeakMap<HclBlock, Kept<Value>>();

/** The clients of a client resource block (one per instance when its `count` or `for_each` is known). */
function clientsOf(
  b: HclBlock,
  kind: ResourceKind,
  dialect: 'terraform' | 'terraform-json',
  r: TerraformResolver,
): ClientResource[] {
  const scope = r.scopeKey();
  const build = (): ClientResource[] => {
    const each = instances(b, r);
    if (!each) return [buildClient(b, kind, dialect, r)];
    return each.map((i) => ({ ...r.withScope(i.scope, () => buildClient(b, kind, dialect, r)), instance: i.key }));
  };
  return builtOnce(
    clientsFrom,
    b,
    scope === undefined ? undefined : `${dialect}\u0002${scope}`,
    r,
    build,
    (old, by, within) => {
      const clients: ClientResource[] = [];
      for (const c of old) {
        const moved = movedClient(c, by, within);
        if (!moved) return undefined;
        clients.push(moved);
      }
      return clients;
    },
  );
}

/** Where a block's members are written, and what it depends on: read from the block alone, so kept with it. */
const layouts = new WeakMap<HclBlock, { json: boolean; container: Container | undefined; dependsOn: Reference[] }>();

function layoutOf(b: HclBlock, json: boolean): { container: Container | undefined; dependsOn: Reference[] } {
  const hit = layouts.get(b);
  if (hit && hit.json === json) return hit;
  const made = {
    json,
    container: hclContainer(b, json),
    dependsOn: references(b.body.attributes.find((a) => a.name === 'depends_on')?.value),
  };
  layouts.set(b, made);
  return made;
}

/** Another resource's settings. */
function bodyOf(b: HclBlock, r: TerraformResolver): Value {
  return builtOnce(bodiesFrom, b, r.scopeKey(), r, () => bodyValue(b, r), movedCopy);
}

/** Records the block `x` is read from (core/moved.ts): the one first parsed, and how far this one stands from it. */
function fromBlock(x: object, b: HclBlock): void {
  const m = blockMovedFrom(b);
  readFromPart(x, m?.base ?? b, m?.by ?? 0);
}

/** Builds the model of a Terraform file. `tfvars` are the variable files beside it. */
export function terraformModel(
  text: string,
  fileName: string,
  tfvars: SiblingFile[],
  meter: WorkMeter = UNMETERED,
  siblings: ModuleFile[] = [],
  bound: ReadonlyMap<string, BoundVariable> = new Map(),
): TemplateModel {
  const json = /\.tf\.json$/i.test(fileName) || /\.json$/i.test(fileName);
  const src = parseTerraformCached(text, json, meter);
  const dialect = json ? 'terraform-json' : 'terraform';
  const r = new TerraformResolver(src.body, tfvars, meter, siblings, bound, { fileName, text });
  const clients: ClientResource[] = [];
  const moduleCalls: ModuleCall[] = [];
  const pools: PoolResource[] = [];
  const resources: OtherResource[] = [];
  const outputs: OutputEntry[] = [];
  for (const b of src.body.blocks) {
    if (b.type === 'output' && b.labels[0]) {
      const v = b.body.attributes.find((a) => a.name === 'value');
      if (v) {
        const o: OutputEntry = {
          name: b.labels[0].value,
          nameSpan: b.labels[0].span,
          span: b.span,
          value: r.resolve(v.value),
          exported: false,
        };
        fromBlock(o, b);
        outputs.push(o);
      }
      continue;
    }
    if (b.type === 'module' && b.labels[0]) {
      const call = moduleCall(b, r);
      if (call) moduleCalls.push(call);
      continue;
    }
    if (b.type !== 'resource') continue;
    const type = b.labels[0]?.value ?? '';
    const kind = TF_CLIENT_TYPES[type];
    if (kind) {
      for (const c of clientsOf(b, kind, dialect, r)) clients.push(c);
      continue;
    }
    if (type === 'aws_cognito_user_pool') pools.push(buildPool(b, r));
    const { container, dependsOn } = layoutOf(b, json);
    const nameLabel = b.labels[1] ?? b.labels[0];
    const resource = lazyBody(
      {
        type,
        name: nameLabel?.value ?? '',
        nameSpan: nameLabel?.span ?? b.typeSpan,
        span: b.span,
        ...(container ? { container } : {}),
        dependsOn,
      },
      () => bodyOf(b, r),
    );
    fromBlock(resource, b);
    resources.push(resource);
  }
  const scope = r.scopeKey();
  return {
    dialect,
    flavor: 'terraform',
    isTemplate: true,
    reason: json ? 'Terraform JSON configuration' : 'Terraform configuration',
    clients,
    pools,
    resources,
    outputs,
    syntaxErrors: src.errors,
    comments: src.comments,
    ...(moduleCalls.length ? { moduleCalls } : {}),
    ...(r.placed.length ? { placed: r.placed } : {}),
    ...(scope !== undefined ? { scope: `${dialect}\u0003${scope}` } : {}),
  };
}

/** Instances checked per resource; past it the resource is checked once, with `each` unknown. */
const MAX_INSTANCES = 1000;

/**
 * The instances of a resource whose `for_each` (a map, or a set of strings) or `count` is known, each
 * with the names it binds (`each.key` and `each.value`, or `count.index`); undefined when the resource
 * has neither or its collection cannot be known.
 */
function instances(b: HclBlock, r: TerraformResolver): Array<{ key: string; scope: Map<string, Value> }> | undefined {
  const forEach = b.body.attributes.find((a) => a.name === 'for_each');
  const count = b.body.attributes.find((a) => a.name === 'count');
  const obj = (span: Span, entries: Array<[string, Value]>): Value => ({
    k: 'map',
    span,
    entries: entries.map(([key, value]) => ({ key, keySpan: span, value })),
  });
  if (forEach) {
    const v = r.resolve(forEach.value);
    const span = forEach.value.span;
    let pairs: Array<[string, Value]> | undefined;
    if (v.k === 'map') pairs = v.entries.map((e) => [e.key, e.value]);
    else if (v.k === 'list' && v.items.every((i) => i.k === 'scalar' && typeof i.v === 'string'))
      pairs = v.items.map((i) => [String((i as { v: string }).v), i]);
    if (!pairs || pairs.length > MAX_INSTANCES) return undefined;
    return pairs.map(([key, value]) => ({
      key: `[${JSON.stringify(key)}]`,
      scope: new Map([
        [
          'each',
          obj(span, [
            ['key', { k: 'scalar', v: key, span, quoted: true }],
            ['value', value],
          ]),
        ],
      ]),
    }));
  }
  if (count) {
    const v = r.resolve(count.value);
    if (v.k !== 'scalar' || typeof v.v !== 'number' || !Number.isInteger(v.v) || v.v < 0 || v.v > MAX_INSTANCES)
      return undefined;
    const span = count.value.span;
    return Array.from({ length: v.v }, (_, i) => ({
      key: `[${i}]`,
      scope: new Map([['count', obj(span, [['index', { k: 'scalar', v: i, span, quoted: false }]])]]),
    }));
  }
  return undefined;
}

const MODULE_META_ARGS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

function moduleCall(b: HclBlock, r: TerraformResolver): ModuleCall | undefined {
  const label = b.labels[0];
  const source = b.body.attributes.find((a) => a.name === 'source')?.value;
  if (!label || source?.t !== 'lit' || typeof source.v !== 'string') return undefined;
  const args = (): ModuleCall['args'] =>
    b.body.attributes
      .filter((a) => !MODULE_META_ARGS.has(a.name))
      .map((a) => ({ name: a.name, value: r.resolve(a.value) }));
  const each = instances(b, r);
  return {
    name: label.value,
    nameSpan: label.span,
    source: source.v,
    span: b.span,
    args: args(),
    repeated: b.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each'),
    ...(each ? { instances: each.map((i) => ({ key: i.key, args: r.withScope(i.scope, args) })) } : {}),
  };
}
