/**
 * CloudFormation documents (YAML and JSON) parsed into one small position-aware tree.
 *
 * YAML goes through the `yaml` library with every intrinsic short tag registered so that the tagged
 * nodes (and their children's ranges) are kept; JSON goes through `jsonc-parser`, which recovers from
 * errors. Both become `CfnNode`s in which intrinsic functions, short or long form, are `fn` nodes.
 */
import * as jsonc from 'jsonc-parser';
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Node as YamlNode,
  type Tags,
} from 'yaml';
import { UNMETERED, type WorkMeter } from '../core/work';
import { parseYamlInParts } from './yaml-chunks';
import { jsonTooDeep, parseJsonInParts } from './json-parts';
import type { Span } from '../core/text';

export type { CfnComment, CfnDoc, CfnEntry, CfnNode, CfnSyntaxError } from './cfn-types';
import type { CfnComment, CfnDoc, CfnEntry, CfnNode, CfnSyntaxError } from './cfn-types';

/** Every CloudFormation intrinsic that has a YAML short form, with its long-form key. */
export const INTRINSICS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  FindInMap: 'Fn::FindInMap',
  GetAtt: 'Fn::GetAtt',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  Sub: 'Fn::Sub',
  Transform: 'Fn::Transform',
  And: 'Fn::And',
  Equals: 'Fn::Equals',
  If: 'Fn::If',
  Not: 'Fn::Not',
  Or: 'Fn::Or',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
  ForEach: 'Fn::ForEach',
};

const SHORT_TO_LONG = new Map(Object.entries(INTRINSICS).map(([k, v]) => ['!' + k, v]));

/** Tags that keep the node as it is: the tag name stays on `node.tag` for the converter. */
function intrinsicTags(): Tags {
  const tags: Tags = [];
  for (const name of Object.keys(INTRINSICS)) {
    const tag = '!' + name;
    tags.push({ tag, resolve: (s: string) => s });
    tags.push({ tag, collection: 'seq', nodeClass: YAMLSeq, resolve: (n: YAMLSeq) => n } as never);
    tags.push({ tag, collection: 'map', nodeClass: YAMLMap, resolve: (n: YAMLMap) => n } as never);
  }
  return tags;
}

const CUSTOM_TAGS = intrinsicTags();

/** Limits that keep hostile documents cheap. */
const MAX_DEPTH = 400;
const MAX_ALIAS_NODES = 20000;

function isLongIntrinsicKey(k: string): boolean {
  return k === 'Ref' || k === 'Condition' || k.startsWith('Fn::');
}

/** Converts the `yaml` library's nodes into `CfnNode`s. */
class YamlConverter {
  private aliasBudget = MAX_ALIAS_NODES;
  readonly errors: CfnSyntaxError[] = [];

  constructor(
    private readonly src: string,
    private readonly doc: Document,
    private readonly meter: WorkMeter,
  ) {}

  /** The tag sits before the node's range (`!Ref X`, or `!Sub` alone on the line above its list): include it. */
  private tagStart(start: number, tag: string): number {
    let p = start;
    while (p > 0 && /[ \t\r\n]/.test(this.src[p - 1] ?? '')) p--;
    if (this.src.slice(p - tag.length, p) === tag) return p - tag.length;
    return start;
  }

  convert(node: unknown, depth: number, viaAlias: boolean): CfnNode {
    this.meter.nodes++;
    if (depth > MAX_DEPTH) {
      const s = this.spanOf(node);
      return { t: 'opaque', span: s, why: 'the document is nested too deeply to analyse' };
    }
    if (viaAlias && --this.aliasBudget < 0) {
      if (this.aliasBudget === -1) {
        this.errors.push({
          message: `This document expands aliases more than ${MAX_ALIAS_NODES} times; what lies behind them is not analysed.`,
          span: this.spanOf(node),
        });
      }
      return { t: 'opaque', span: this.spanOf(node), why: 'too many aliases' };
    }
    if (isAlias(node)) {
      const target = (node as Alias).resolve(this.doc);
      const s = this.spanOf(node);
      if (!target) {
        this.errors.push({ message: `The alias *${(node as Alias).source} refers to no anchor.`, span: s });
        return { t: 'opaque', span: s, why: 'unresolved alias' };
      }
      // Values reached through an alias are reported where the alias is used.
      return this.respan(this.convert(target, depth + 1, true), s);
    }
    const yn = node as YamlNode | null;
    const tag = yn && typeof (yn as { tag?: unknown }).tag === 'string' ? (yn as { tag: string }).tag : undefined;
    const fnName = tag ? SHORT_TO_LONG.get(tag) : undefined;
    const inner = this.convertPlain(node, depth, viaAlias);
    if (fnName && tag) {
      const s = { start: this.tagStart(inner.span.start, tag), end: inner.span.end };
      return { t: 'fn', fn: fnName, arg: inner, span: s, short: true };
    }
    return inner;
  }

  private respan(n: CfnNode, s: Span): CfnNode {
    switch (n.t) {
      case 'scalar':
      case 'opaque':
        return { ...n, span: s };
      case 'seq':
        return { ...n, span: s, items: n.items.map((i) => this.respan(i, s)) };
      case 'map':
        return { ...n, span: s, entries: n.entries.map((e) => ({ ...e, keySpan: s, value: this.respan(e.value, s) })) };
      case 'fn':
        return { ...n, span: s, arg: this.respan(n.arg, s) };
    }
  }

  private spanOf(node: unknown): Span {
    const r = (node as { range?: [number, number, number] } | null)?.range;
    if (!r) return { start: 0, end: 0 };
    return { start: r[0], end: r[1] };
  }

  private convertPlain(node: unknown, depth: number, viaAlias: boolean): CfnNode {
    if (isScalar(node)) {
      const s = this.spanOf(node);
      const sc = node as Scalar;
      const quoted = sc.type === Scalar.QUOTE_DOUBLE || sc.type === Scalar.QUOTE_SINGLE;
      const block = sc.type === Scalar.BLOCK_FOLDED || sc.type === Scalar.BLOCK_LITERAL;
      let v = sc.value as unknown;
      const raw = quoted || block ? String(v ?? '') : this.src.slice(s.start, s.end);
      if (v !== null && typeof v === 'object') v = raw; // timestamps, binary: keep the text
      if (typeof v === 'bigint') v = Number(v);
      return { t: 'scalar', v: v as string | number | boolean | null, raw, quoted, span: s };
    }
    if (isSeq(node)) {
      const seq = node as YAMLSeq;
      const items = seq.items.map((i) => this.convert(i, depth + 1, viaAlias));
      return { t: 'seq', items, span: this.spanOf(node), flow: !!seq.flow };
    }
    if (isMap(node)) {
      const map = node as YAMLMap;
      const entries: CfnEntry[] = [];
      for (const pair of map.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as unknown;
        const keySpan = this.spanOf(k);
        const key = isScalar(k) ? String((k as Scalar).value ?? '') : '';
        const value: CfnNode = pair.value
          ? this.convert(pair.value, depth + 1, viaAlias)
          : { t: 'scalar', v: null, raw: '', quoted: false, span: { start: keySpan.end, end: keySpan.end } };
        if (key === '<<' && isScalar(k) && !(k as Scalar).type?.startsWith('QUOTE')) {
          // YAML merge key: bring the merged map's entries in, keeping the explicit ones.
          const merged =
            value.t === 'map' ? [value] : value.t === 'seq' ? value.items.filter((i) => i.t === 'map') : [];
          for (const m of merged) {
            if (m.t !== 'map') continue;
            for (const e of m.entries) if (!entries.some((x) => x.key === e.key)) entries.push(e);
          }
          continue;
        }
        entries.push({ key, keySpan, value });
      }
      const s = this.spanOf(node);
      // Long-form intrinsic written as a YAML map (`Ref: X`, `Fn::GetAtt: [A, B]`).
      const only = entries[0];
      if (entries.length === 1 && only && isLongIntrinsicKey(only.key)) {
        return { t: 'fn', fn: only.key, arg: only.value, span: s, short: false };
      }
      return { t: 'map', entries, span: s, flow: !!map.flow };
    }
    const s = this.spanOf(node);
    return { t: 'scalar', v: null, raw: '', quoted: false, span: s };
  }
}

/** Trims a block collection's range so it ends at its last character rather than the next line. */
function trimEnd(src: string, s: Span): Span {
  let e = s.end;
  while (e > s.start && /\s/.test(src[e - 1] ?? '')) e--;
  return { start: s.start, end: e };
}

function trimSpans(src: string, n: CfnNode): void {
  if (n.t === 'seq' || n.t === 'map' || n.t === 'fn') {
    n.span = trimEnd(src, n.span);
    if (n.t === 'seq') n.items.forEach((i) => trimSpans(src, i));
    else if (n.t === 'map') n.entries.forEach((e) => trimSpans(src, e.value));
    else trimSpans(src, n.arg);
  }
}

type YamlDoc = ReturnType<typeof parseDocument>;

function parseYamlText(src: string): YamlDoc {
  return parseDocument(src, {
    customTags: CUSTOM_TAGS,
    lineCounter: new LineCounter(),
    uniqueKeys: false,
    keepSourceTokens: false,
    prettyErrors: false,
    strict: false,
  });
}

/**
 * One part of a document read on its own (see yaml-chunks.ts): the entries of the single map it holds,
 * with offsets in the part; undefined unless it reads cleanly, as the whole document would.
 */
function yamlPart(text: string, meter: WorkMeter): { entries: CfnEntry[] } | undefined {
  const doc = parseYamlText(text);
  if (doc.errors.length || doc.warnings.length || !doc.contents) return undefined;
  const conv = new YamlConverter(text, doc, meter);
  let root: CfnNode;
  try {
    root = conv.convert(doc.contents, 0, false);
  } catch {
    return undefined;
  }
  if (conv.errors.length || root.t !== 'map' || root.flow) return undefined;
  trimSpans(text, root);
  return { entries: root.entries };
}

/**
 * Reads CloudFormation YAML. Read in parts when the document allows it (an edit then parses again only
 * the part it touched), else whole; both give the same result.
 */
export function parseYaml(src: string, meter: WorkMeter = UNMETERED): CfnDoc {
  const parts = parseYamlInParts(src, yamlPart, meter);
  if (parts) {
    parts.comments = yamlComments(src);
    return parts;
  }
  return parseYamlWhole(src, meter);
}

/** Reads CloudFormation YAML as one document. */
export function parseYamlWhole(src: string, meter: WorkMeter = UNMETERED): CfnDoc {
  let doc = parseYamlText(src);
  // CloudFormation reads flow collections whose lines (or closing bracket) sit further left than strict
  // YAML allows, as deployed AWS samples have them: read them the same way, on text with the same offsets.
  if (doc.errors.length) {
    const lenient = joinUnderIndentedFlowLines(src);
    if (lenient !== src) {
      const retry = parseYamlText(lenient);
      if (retry.errors.length < doc.errors.length) doc = retry;
    }
  }
  const errors = yamlErrors(src, doc);
  const conv = new YamlConverter(src, doc, meter);
  let root: CfnNode | null = null;
  try {
    root = doc.contents ? conv.convert(doc.contents, 0, false) : null;
  } catch (err) {
    errors.push({ message: `The YAML could not be read: ${(err as Error).message}`, span: { start: 0, end: 0 } });
  }
  if (root) trimSpans(src, root);
  errors.push(...conv.errors);
  return { format: 'yaml', root, errors, comments: yamlComments(src) };
}

/**
 * The text with the line breaks inside an open flow collection (`[`, `{`) replaced by spaces wherever
 * the next line is not indented deeper than the line the collection started on. Offsets do not move,
 * and a flow collection means the same on one line as on several. A line break after a comment is kept
 * (joining would comment out the rest).
 */
export function joinUnderIndentedFlowLines(src: string): string {
  let out: string[] | undefined;
  let depth = 0;
  let startIndent = 0;
  let quote: string | null = null;
  let lineStart = 0;
  let comment = false;
  const indentAt = (o: number): number => {
    let p = o;
    while (src[p] === ' ') p++;
    return p - o;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\n') {
      if (depth > 0 && !comment && !quote) {
        const next = i + 1;
        const nl = src.indexOf('\n', next);
        const text = src.slice(next, nl < 0 ? src.length : nl).trim();
        if (text !== '' && indentAt(next) <= startIndent) {
          out ??= src.split('');
          out[i] = ' ';
          if (src[i - 1] === '\r') out[i - 1] = ' ';
        }
      }
      lineStart = i + 1;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (quote === "'" && c === "'" && src[i + 1] === "'") i++;
      else if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    const prev = i > lineStart ? src[i - 1] : ' ';
    if (c === '#' && (prev === ' ' || prev === '\t' || i === lineStart)) {
      comment = true;
      continue;
    }
    if (depth > 0) {
      if (c === '"' || c === "'") {
        if (/[\s,[{:]/.test(prev ?? ' ')) quote = c;
      } else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') depth--;
      continue;
    }
    // outside a flow collection, one starts only where a value starts
    const before = src.slice(lineStart, i);
    if ((c === '[' || c === '{') && /^(?:[ \t]*(?:-[ \t]+)*|.*?:[ \t]+(?:![^ \t]*[ \t]+)?)$/.test(before)) {
      depth = 1;
      startIndent = indentAt(lineStart);
    } else if ((c === '"' || c === "'") && /(?:^|[\s:-])$/.test(before)) quote = c;
  }
  return out ? out.join('') : src;
}

/** The library's errors as one message per site, in our words, with what to do. */
function yamlErrors(src: string, doc: YamlDoc): CfnSyntaxError[] {
  const errors: CfnSyntaxError[] = [];
  let cascading = false;
  for (const e of doc.errors) {
    const start = Math.min(e.pos[0], src.length);
    const span = { start, end: Math.min(Math.max(e.pos[1], start), src.length) };
    // the tokens after a broken spot are reported one by one: they are the same problem
    if (e.code === 'UNEXPECTED_TOKEN' && cascading) continue;
    cascading = true;
    const message = yamlMessage(e.code, e.message);
    const open = e.code === 'BAD_INDENT' && /^Flow (sequence|mapping)/.test(e.message) ? openBracket(src, start) : -1;
    const at = open >= 0 ? { start: open, end: open + 1 } : span;
    if (errors.some((x) => x.message === message && (message.includes('too deeply') || spansTouch(x.span, at))))
      continue;
    errors.push({ message, span: at });
  }
  return errors;
}

function spansTouch(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The unmatched `[` or `{` before an offset, or -1. */
function openBracket(src: string, before: number): number {
  let depth = 0;
  for (let i = Math.min(before, src.length) - 1; i >= 0; i--) {
    const c = src[i];
    if (c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function yamlMessage(code: string, m: string): string {
  if (/Maximum call stack/.test(m)) return 'This document is nested too deeply to analyse.';
  // The library's messages end with a source excerpt after a line break; keep the first line.
  const first = (m.split('\n')[0] ?? m).replace(/ at line \d+, column \d+:?$/, '').trim();
  if (/^Flow sequence/.test(first))
    return 'This list is not closed: add "]" after its last item (and keep its lines indented under the key).';
  if (/^Flow mapping/.test(first))
    return 'This map is not closed: add "}" after its last entry (and keep its lines indented under the key).';
  if (/Missing closing/.test(first)) return 'This string is never closed: add the closing quote.';
  if (code === 'TAB_AS_INDENT') return 'YAML cannot be indented with tabs: indent this line with spaces.';
  if (code === 'MULTILINE_IMPLICIT_KEY')
    return 'This key runs over more than one line: is a ":" missing after a key, or a quote left open above?';
  if (/Implicit map keys need to be followed by map values/.test(first))
    return 'This line has a key without ":": add ": value", or remove the line.';
  if (code === 'BAD_SCALAR_START')
    return 'A plain value cannot start with this character (@, ` or another reserved one): put the value in quotes.';
  if (code === 'BAD_INDENT')
    return 'This line is not indented as YAML expects here: line it up with the other keys of its map.';
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'UNEXPECTED_TOKEN')
    return 'YAML cannot read this here: check the indentation and punctuation of this line and the one above.';
  if (code === 'DUPLICATE_KEY') return 'This key appears twice in the same map: keep one.';
  return `This YAML cannot be read here (${first.replace(/\.$/, '')}): check the indentation and punctuation.`;
}

/** Finds `#` comments in YAML text (outside quoted scalars). Used for suppression comments. */
function yamlComments(src: string): CfnComment[] {
  const out: CfnComment[] = [];
  // only lines with a `#` can hold a comment: jump from one to the next
  let hash = src.indexOf('#');
  while (hash >= 0) {
    const i = src.lastIndexOf('\n', hash - 1) + 1;
    const nl = src.indexOf('\n', hash);
    const lineEnd = nl < 0 ? src.length : nl;
    let quote: string | null = null;
    for (let p = i; p < lineEnd; p++) {
      const c = src[p];
      if (quote) {
        if (c === quote) quote = null;
        else if (c === '\\' && quote === '"') p++;
      } else if (c === '"' || c === "'") {
        const prev = p > i ? src[p - 1] : ' ';
        if (
          prev === ' ' ||
          prev === '\t' ||
          prev === ':' ||
          prev === '[' ||
          prev === '{' ||
          prev === ',' ||
          prev === '-'
        )
          quote = c;
      } else if (c === '#' && (p === i || src[p - 1] === ' ' || src[p - 1] === '\t')) {
        let e = lineEnd;
        if (src[e - 1] === '\r') e--;
        out.push({ span: { start: p, end: e }, text: src.slice(p + 1, e) });
        break;
      }
    }
    if (nl < 0) break;
    hash = src.indexOf('#', nl + 1);
  }
  return out;
}

const JSON_ERRORS: Record<number, string> = {
  [jsonc.ParseErrorCode.InvalidSymbol]: 'Unexpected character.',
  [jsonc.ParseErrorCode.InvalidNumberFormat]: 'This number is not valid JSON.',
  [jsonc.ParseErrorCode.PropertyNameExpected]: 'Expected a property name in double quotes.',
  [jsonc.ParseErrorCode.ValueExpected]: 'Expected a value.',
  [jsonc.ParseErrorCode.ColonExpected]: 'Expected ":" after the property name.',
  [jsonc.ParseErrorCode.CommaExpected]: 'Expected "," between items: add a comma after the previous one.',
  [jsonc.ParseErrorCode.CloseBraceExpected]: 'This object is not closed: add "}" after its last entry.',
  [jsonc.ParseErrorCode.CloseBracketExpected]: 'This list is not closed: add "]" after its last item.',
  [jsonc.ParseErrorCode.EndOfFileExpected]: 'Unexpected text after the end of the JSON document.',
  [jsonc.ParseErrorCode.InvalidCommentToken]: 'This comment is not closed.',
  [jsonc.ParseErrorCode.UnexpectedEndOfComment]: 'This comment is not closed.',
  [jsonc.ParseErrorCode.UnexpectedEndOfString]: 'This string is never closed: add the closing quote.',
  [jsonc.ParseErrorCode.UnexpectedEndOfNumber]: 'This number is incomplete.',
  [jsonc.ParseErrorCode.InvalidUnicode]: 'Invalid \\u escape in this string.',
  [jsonc.ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape character in this string.',
  [jsonc.ParseErrorCode.InvalidCharacter]: 'Invalid character in this string.',
};

/** `by` is added to every offset (an entry of a template read in parts, parsed on its own). */
export function convertJson(src: string, node: jsonc.Node, depth = 0, meter: WorkMeter = UNMETERED, by = 0): CfnNode {
  meter.nodes++;
  const s = { start: node.offset + by, end: node.offset + node.length + by };
  if (depth > MAX_DEPTH) return { t: 'opaque', span: s, why: 'the document is nested too deeply to analyse' };
  switch (node.type) {
    case 'object': {
      const entries: CfnEntry[] = [];
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k) continue;
        const keySpan = { start: k.offset + by, end: k.offset + k.length + by };
        const value: CfnNode = v
          ? convertJson(src, v, depth + 1, meter, by)
          : { t: 'scalar', v: null, raw: '', quoted: false, span: { start: keySpan.end, end: keySpan.end } };
        entries.push({ key: String(k.value), keySpan, value });
      }
      const only = entries[0];
      if (entries.length === 1 && only && isLongIntrinsicKey(only.key)) {
        return { t: 'fn', fn: only.key, arg: only.value, span: s, short: false };
      }
      return { t: 'map', entries, span: s, flow: true };
    }
    case 'array':
      return {
        t: 'seq',
        items: (node.children ?? []).map((c) => convertJson(src, c, depth + 1, meter, by)),
        span: s,
        flow: true,
      };
    case 'string':
      return { t: 'scalar', v: String(node.value), raw: String(node.value), quoted: true, span: s };
    case 'number':
    case 'boolean':
    case 'null':
      return {
        t: 'scalar',
        v: node.value as number | boolean | null,
        raw: src.slice(node.offset, node.offset + node.length),
        quoted: false,
        span: s,
      };
    default:
      return { t: 'opaque', span: s, why: 'unreadable JSON' };
  }
}

export interface JsonParse {
  tree: jsonc.Node | undefined;
  errors: CfnSyntaxError[];
  comments: CfnComment[];
}

/** The deepest JSON nesting parsed; deeper documents would overflow the parser's recursion. */
const MAX_JSON_NESTING = 1000;

/** Parses JSON tolerantly (comments and trailing commas are reported but do not stop the parse). */
export function parseJsonTree(text: string): JsonParse {
  // a byte order mark is not JSON: read it as a space so offsets stay the same
  const src = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const deep = jsonTooDeep(src, MAX_JSON_NESTING);
  if (deep >= 0) {
    return {
      tree: undefined,
      errors: [
        {
          message: `This document is nested more than ${MAX_JSON_NESTING} levels deep; it is not analysed.`,
          span: { start: deep, end: deep + 1 },
        },
      ],
      comments: [],
    };
  }
  const errs: jsonc.ParseError[] = [];
  const comments: CfnComment[] = [];
  const tree = jsonc.parseTree(src, errs, {
    allowTrailingComma: false,
    disallowComments: false,
    allowEmptyContent: true,
  });
  // jsonc-parser accepts comments silently; templates do not allow them but we only read them for suppression.
  const scanner = jsonc.createScanner(src, false);
  for (let k = scanner.scan(); k !== jsonc.SyntaxKind.EOF; k = scanner.scan()) {
    if (k === jsonc.SyntaxKind.LineCommentTrivia || k === jsonc.SyntaxKind.BlockCommentTrivia) {
      const start = scanner.getTokenOffset();
      const text = src.slice(start, start + scanner.getTokenLength());
      comments.push({ span: { start, end: start + text.length }, text: text.replace(/^\/\/|^\/\*|\*\/$/g, '') });
    }
  }
  // the parser reports one broken spot several times (a missing comma, then the value it expected):
  // one message per spot, the first, which names the cause
  const errors: CfnSyntaxError[] = [];
  for (const e of errs) {
    const start = Math.min(e.offset, src.length);
    if (errors.some((x) => x.span.start === start)) continue;
    errors.push({
      message: JSON_ERRORS[e.error] ?? 'This JSON is not valid.',
      span: { start, end: Math.min(e.offset + Math.max(e.length, 1), src.length) },
    });
  }
  return { tree, errors, comments };
}

/**
 * One entry of a template read in parts (json-parts.ts), given as a one-entry object: undefined unless it
 * reads cleanly and without comments (a comment could hide the comma the splitter relies on).
 */
export function jsonEntry(
  wrapped: string,
  depth: number,
  meter: WorkMeter,
  at = 0,
): { entry: CfnEntry; comments: [] } | undefined {
  const { tree, errors, comments } = parseJsonTree(wrapped);
  if (errors.length || comments.length || !tree || tree.type !== 'object' || tree.children?.length !== 1)
    return undefined;
  const root = convertJson(wrapped, tree, depth - 1, meter, at);
  const only = root.t === 'map' && root.entries.length === 1 ? root.entries[0] : undefined;
  return only ? { entry: only, comments: [] } : undefined;
}

/** Reads CloudFormation JSON: in parts where the text allows it, else whole; both give the same result. */
export function parseJson(src: string, meter: WorkMeter = UNMETERED): CfnDoc {
  const parts = parseJsonInParts(src, jsonEntry, meter);
  if (parts) return parts;
  return parseJsonWhole(src, meter);
}

/** Reads CloudFormation JSON as one document. */
export function parseJsonWhole(src: string, meter: WorkMeter = UNMETERED): CfnDoc {
  const { tree, errors, comments } = parseJsonTree(src);
  return { format: 'json', root: tree ? convertJson(src, tree, 0, meter) : null, errors, comments };
}

/** Finds an entry of a map node by key. */
export function entry(n: CfnNode | null | undefined, key: string): CfnEntry | undefined {
  if (!n || n.t !== 'map') return undefined;
  return n.entries.find((e) => e.key === key);
}
