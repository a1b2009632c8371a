/**
 * A tolerant parser for HCL native syntax (Terraform `.tf` and `.tfvars`).
 *
 * It builds the body/block/attribute structure with exact offsets and a small expression tree that
 * keeps what the rules can use (literals, templates, tuples, objects, traversals such as `var.x`) and
 * marks everything else as an opaque expression. It never throws: syntax errors are collected with
 * their spans and parsing resumes at the next line that looks like a body item, so findings elsewhere
 * in a half-typed file still appear. See docs/design/parsers.md for why this is hand-written.
 */
import { UNMETERED, type WorkMeter } from '../core/work';
import type { Span } from '../core/text';

export type HclExpr =
  | { t: 'lit'; v: string | number | boolean | null; span: Span }
  | { t: 'tmpl'; parts: Array<string | HclExpr>; span: Span; directive: boolean }
  | { t: 'tuple'; items: HclExpr[]; span: Span }
  | { t: 'object'; entries: HclObjectEntry[]; span: Span }
  | { t: 'trav'; root: string; steps: Array<string | number>; span: Span }
  | { t: 'call'; name: string; args: HclExpr[]; span: Span }
  | { t: 'other'; span: Span; refs: HclExpr[]; op?: HclOp };

/**
 * What an `other` expression computes, for the evaluator; its operands are its `refs`, in order. An
 * expression without `op` (a parse error, a skipped one) is never evaluated.
 */
export type HclOp =
  /** `test ? a : b`: refs [test, a, b] */
  | { k: 'cond' }
  /** a binary operator: refs [left, right] */
  | { k: 'bin'; op: string }
  /** `!x` or `-x`: refs [x] */
  | { k: 'not' }
  | { k: 'neg' }
  /** `(x)`: refs [x] */
  | { k: 'paren' }
  /** `x[i]` or `x.name` on something that is not a plain traversal: refs [x, i] */
  | { k: 'index' }
  /** `x[*].a.b` or `x.*.a`: refs [x]; the steps after the splat apply to each element */
  | { k: 'splat'; steps: Array<string | number> }
  /**
   * `[for k, v in coll : val if cond]` and `{for k, v in coll : key => val... if cond}`:
   * refs [coll, val, key?, cond?] (key only in the object form; `grouped` for `...`).
   */
  | { k: 'for'; keyVar: string | null; valVar: string; object: boolean; grouped: boolean; hasCond: boolean };

export interface HclObjectEntry {
  key: string | null;
  keySpan: Span;
  value: HclExpr;
}

export interface HclAttribute {
  name: string;
  nameSpan: Span;
  value: HclExpr;
  span: Span;
}

export interface HclLabel {
  value: string;
  span: Span;
}

export interface HclBlock {
  type: string;
  typeSpan: Span;
  labels: HclLabel[];
  body: HclBody;
  span: Span;
  /** Offset of `{` and of `}` (or -1 when the block was never closed). */
  open: number;
  close: number;
}

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
  /** Terraform JSON only: each member, key to the end of its value (a block list ends at its `]`). */
  members?: Span[];
}

export interface HclComment {
  span: Span;
  /** The comment text without its markers. */
  text: string;
}

export interface HclSyntaxError {
  message: string;
  span: Span;
}

export interface HclFile {
  body: HclBody;
  comments: HclComment[];
  errors: HclSyntaxError[];
}

export type TokType = 'ident' | 'number' | 'string' | 'heredoc' | 'nl' | 'punct' | 'eof';

export interface TemplatePart {
  lit?: string;
  /** Span of an interpolation's inner expression (between `${` and `}`). */
  interp?: Span;
  directive?: boolean;
}

/** One token of HCL text: what the parser reads, and what the highlighter (hcl-highlight.ts) colours. */
export interface HclToken {
  type: TokType;
  start: number;
  end: number;
  text: string;
  parts?: TemplatePart[];
  closed?: boolean;
}

const PUNCT3 = ['...'];
/** Deepest expression nesting parsed; real configurations stay far below it. */
const MAX_NESTING = 200;
const PUNCT2 = ['==', '!=', '<=', '>=', '&&', '||', '=>'];
const PUNCT1 = '{}[]()=,.:?!+-*/%<>';

/** Top-level Terraform keywords; one at column 0 inside an open block closes that block. */
const TOP_KEYWORDS = new Set([
  'resource',
  'data',
  'variable',
  'locals',
  'output',
  'module',
  'provider',
  'terraform',
  'moved',
  'import',
  'check',
  'removed',
]);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

class Lexer {
  readonly tokens: HclToken[] = [];
  readonly comments: HclComment[] = [];
  readonly errors: HclSyntaxError[] = [];

  constructor(
    private readonly src: string,
    private pos: number,
    private readonly end: number,
    private readonly meter: WorkMeter,
  ) {}

  run(): HclToken[] {
    const { src } = this;
    while (this.pos < this.end) {
      const c = src.charCodeAt(this.pos);
      const start = this.pos;
      if (c === 10 || c === 13) {
        this.pos += c === 13 && src.charCodeAt(this.pos + 1) === 10 ? 2 : 1;
        this.push('nl', start);
      } else if (c === 32 || c === 9 || c === 0xfeff || c === 11 || c === 12) {
        this.pos++;
      } else if (c === 35 || (c === 47 && src.charCodeAt(this.pos + 1) === 47)) {
        const markerLen = c === 35 ? 1 : 2;
        let e = this.pos;
        while (e < this.end && src.charCodeAt(e) !== 10 && src.charCodeAt(e) !== 13) e++;
        this.comments.push({ span: { start, end: e }, text: src.slice(start + markerLen, e) });
        this.pos = e;
      } else if (c === 47 && src.charCodeAt(this.pos + 1) === 42) {
        const close = src.indexOf('*/', this.pos + 2);
        const e = close < 0 || close + 2 > this.end ? this.end : close + 2;
        if (close < 0)
          this.errors.push({ message: 'This comment is never closed with */.', span: { start, end: start + 2 } });
        this.comments.push({ span: { start, end: e }, text: src.slice(start + 2, close < 0 ? e : close) });
        this.pos = e;
      } else if (isIdentStart(c)) {
        while (this.pos < this.end && isIdentPart(src.charCodeAt(this.pos))) this.pos++;
        this.push('ident', start);
      } else if (isDigit(c)) {
        this.lexNumber();
      } else if (c === 34) {
        this.lexString();
      } else if (c === 60 && src.charCodeAt(this.pos + 1) === 60 && this.heredocAhead()) {
        this.lexHeredoc();
      } else {
        const three = src.slice(this.pos, this.pos + 3);
        const two = src.slice(this.pos, this.pos + 2);
        if (PUNCT3.includes(three)) this.pos += 3;
        else if (PUNCT2.includes(two)) this.pos += 2;
        else if (PUNCT1.includes(src[this.pos] ?? '')) this.pos += 1;
        else {
          this.pos += 1;
          this.errors.push({
            message: `Unexpected character ${JSON.stringify(src[start])}.`,
            span: { start, end: this.pos },
          });
          continue;
        }
        this.push('punct', start);
      }
    }
    this.tokens.push({ type: 'eof', start: this.end, end: this.end, text: '' });
    return this.tokens;
  }

  private push(type: TokType, start: number, extra?: Partial<HclToken>): void {
    this.meter.nodes++;
    this.tokens.push({ type, start, end: this.pos, text: this.src.slice(start, this.pos), ...extra });
  }

  private lexNumber(): void {
    const { src } = this;
    const start = this.pos;
    while (this.pos < this.end && isDigit(src.charCodeAt(this.pos))) this.pos++;
    if (src[this.pos] === '.' && isDigit(src.charCodeAt(this.pos + 1))) {
      this.pos++;
      while (this.pos < this.end && isDigit(src.charCodeAt(this.pos))) this.pos++;
    }
    if (src[this.pos] === 'e' || src[this.pos] === 'E') {
      let p = this.pos + 1;
      if (src[p] === '+' || src[p] === '-') p++;
      if (isDigit(src.charCodeAt(p))) {
        this.pos = p;
        while (this.pos < this.end && isDigit(src.charCodeAt(this.pos))) this.pos++;
      }
    }
    this.push('number', start);
  }

  /** Skips a `${ ... }` or `%{ ... }` body starting after the opening brace; returns the offset of `}`. */
  /** How deep `${"${...}"}` nests while skipping; past MAX_NESTING the string is reported and skipped. */
  private interpolationDepth = 0;
  tooDeep = false;

  /** Does a quoted string resumed at `from` end with `"` before the end of its line? */
  private closesOnItsLine(from: number): boolean {
    const { src } = this;
    for (let p = from; p < this.end; p++) {
      const c = src.charCodeAt(p);
      if (c === 10 || c === 13) return false;
      if (c === 92) p++;
      else if (c === 34) return true;
    }
    return false;
  }

  private skipInterpolation(from: number, lineBound: boolean): number {
    if (this.interpolationDepth >= MAX_NESTING) {
      this.tooDeep = true;
      return -1;
    }
    this.interpolationDepth++;
    try {
      return this.skipInterpolationInner(from, lineBound);
    } finally {
      this.interpolationDepth--;
    }
  }

  private skipInterpolationInner(from: number, lineBound: boolean): number {
    const { src } = this;
    let depth = 0;
    let p = from;
    while (p < this.end) {
      const c = src.charCodeAt(p);
      if (lineBound && (c === 10 || c === 13)) return -1;
      if (c === 34) {
        // nested quoted string inside the interpolation
        p++;
        while (p < this.end && src.charCodeAt(p) !== 34) {
          const d = src.charCodeAt(p);
          if (d === 10 || d === 13) return -1;
          if (d === 92) p++;
          else if ((d === 36 || d === 37) && src.charCodeAt(p + 1) === 123) {
            const inner = this.skipInterpolation(p + 2, true);
            if (inner < 0) return -1;
            p = inner;
          }
          p++;
        }
        p++;
        continue;
      }
      if (c === 123 || c === 40 || c === 91) depth++;
      else if (c === 41 || c === 93) depth--;
      else if (c === 125) {
        if (depth === 0) return p;
        depth--;
      }
      p++;
    }
    return -1;
  }

  private lexString(): void {
    const { src } = this;
    const start = this.pos;
    this.pos++;
    const parts: TemplatePart[] = [];
    let lit = '';
    let closed = false;
    while (this.pos < this.end) {
      const c = src.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        closed = true;
        break;
      }
      if (c === 10 || c === 13) break;
      if (c === 92) {
        const n = src[this.pos + 1] ?? '';
        if (n === 'u' || n === 'U') {
          const len = n === 'u' ? 4 : 8;
          const hex = src.slice(this.pos + 2, this.pos + 2 + len);
          if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
            lit += String.fromCodePoint(parseInt(hex, 16));
            this.pos += 2 + len;
            continue;
          }
        }
        lit += ESCAPES[n] ?? n;
        this.pos = Math.min(this.pos + 2, this.end); // a backslash at the very end escapes nothing
        continue;
      }
      if ((c === 36 || c === 37) && src.charCodeAt(this.pos + 1) === 123) {
        if (src.charCodeAt(this.pos - 1) === c && src.charCodeAt(this.pos - 2) !== c) {
          // `$${` and `%%{` are escapes for a literal `${` / `%{`; the first `$` was already added.
          lit += '{';
          this.pos += 2;
          continue;
        }
        let close = this.skipInterpolation(this.pos + 2, true);
        if (close < 0 && !this.tooDeep) {
          // an interpolation may span lines (HCL allows line breaks inside `${ }`); take the far `}` only
          // when the string then closes on that line, so a half-typed `${` does not swallow the file
          const far = this.skipInterpolation(this.pos + 2, false);
          if (far >= 0 && this.closesOnItsLine(far + 1)) close = far;
        }
        if (close < 0) {
          // an unclosed `${`: the rest of the line is part of this broken string
          this.errors.push({
            message: this.tooDeep
              ? `These interpolations are nested more than ${MAX_NESTING} levels deep; they are not analysed.`
              : 'This interpolation is never closed: add "}".',
            span: { start: this.pos, end: this.pos + 2 },
          });
          this.tooDeep = false;
          while (this.pos < this.end && src.charCodeAt(this.pos) !== 10 && src.charCodeAt(this.pos) !== 13) this.pos++;
          parts.push({ directive: true });
          this.push('string', start, { parts, closed: true });
          return;
        }
        if (lit) parts.push({ lit });
        lit = '';
        parts.push({ interp: { start: this.pos + 2, end: close }, directive: c === 37 });
        this.pos = close + 1;
        continue;
      }
      lit += src[this.pos];
      this.pos++;
    }
    if (lit) parts.push({ lit });
    if (!closed) {
      this.errors.push({
        message: 'This string is never closed: add the closing quote.',
        span: { start, end: this.pos },
      });
    }
    this.push('string', start, { parts, closed });
  }

  private heredocAhead(): boolean {
    return /^<<-?[A-Za-z_][A-Za-z0-9_-]*[ \t]*(\r?\n|\r)/.test(this.src.slice(this.pos, this.pos + 200));
  }

  private lexHeredoc(): void {
    const { src } = this;
    const start = this.pos;
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*(\r?\n|\r)/.exec(src.slice(this.pos, this.pos + 200));
    if (!m) return;
    const marker = m[2] ?? '';
    let p = this.pos + m[0].length;
    const bodyStart = p;
    let bodyEnd = -1;
    while (p < this.end) {
      let e = p;
      while (e < this.end && src.charCodeAt(e) !== 10 && src.charCodeAt(e) !== 13) e++;
      if (src.slice(p, e).trim() === marker) {
        bodyEnd = p;
        p = e;
        break;
      }
      p = e;
      if (src.charCodeAt(p) === 13 && src.charCodeAt(p + 1) === 10) p += 2;
      else if (p < this.end) p++;
    }
    if (bodyEnd < 0) {
      this.errors.push({
        message: `This heredoc is never closed: add a line with ${marker} alone.`,
        span: { start, end: start + m[0].trimEnd().length },
      });
      bodyEnd = this.end;
      p = this.end;
    }
    const body = src.slice(bodyStart, bodyEnd);
    const parts: TemplatePart[] = /[$%]\{/.test(body.replace(/[$%]{2}\{/g, ''))
      ? [{ directive: true }]
      : [{ lit: body }];
    this.pos = p;
    this.push('heredoc', start, { parts, closed: true });
  }
}

/** Parses HCL text (or an expression inside it). */
class Parser {
  private i = 0;
  /** > 0 inside brackets, where newlines do not end an attribute. */
  private nlSkip = 0;
  readonly errors: HclSyntaxError[];

  constructor(
    private readonly src: string,
    private readonly toks: HclToken[],
    errors: HclSyntaxError[],
    private readonly meter: WorkMeter,
  ) {
    this.errors = errors;
  }

  private peekRaw(k = 0): HclToken {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)] as HclToken;
  }

  private peek(): HclToken {
    if (this.nlSkip > 0) while (this.peekRaw().type === 'nl') this.i++;
    return this.peekRaw();
  }

  private next(): HclToken {
    const t = this.peek();
    if (t.type !== 'eof') this.i++;
    return t;
  }

  private is(text: string): boolean {
    const t = this.peek();
    return t.type === 'punct' && t.text === text;
  }

  /** After a too-deep skip, the rest of that item would only produce follow-on errors. */
  private quiet = false;

  private error(message: string, s: Span): void {
    if (this.quiet) return;
    const last = this.errors[this.errors.length - 1];
    if (last && last.span.start === s.start) return;
    this.errors.push({ message, span: s });
  }

  /** Column of an offset (in code units), for the recovery heuristics. */
  private column(offset: number): number {
    let p = offset;
    while (p > 0 && this.src.charCodeAt(p - 1) !== 10 && this.src.charCodeAt(p - 1) !== 13) p--;
    // a byte order mark does not indent the first line
    return offset - p - (p === 0 && this.src.charCodeAt(0) === 0xfeff && offset > 0 ? 1 : 0);
  }

  private atLineStart(k: number): boolean {
    const prev = this.toks[k - 1];
    return !prev || prev.type === 'nl';
  }

  /** Does the token at index k start a block header (`x {`, `x "label" {`)? */
  private looksLikeBlockHeader(k: number): boolean {
    for (let j = k + 1; j < k + 5; j++) {
      const x = this.toks[j];
      if (!x) return false;
      if (x.type === 'punct' && x.text === '{') return true;
      if (x.type !== 'string' && x.type !== 'ident') return false;
    }
    return false;
  }

  /** Does the token at index k start something that looks like a body item (`x =`, `x {`, `x "l" {`)? */
  private looksLikeItem(k: number): boolean {
    const t = this.toks[k];
    if (!t || t.type !== 'ident') return false;
    const n = this.toks[k + 1];
    if (!n) return false;
    if (n.type === 'punct' && (n.text === '=' || n.text === '{'))
      return n.text === '{' || this.toks[k + 2]?.text !== '=';
    if (n.type === 'string' || n.type === 'ident') {
      // block header: labels then `{`
      for (let j = k + 1; j < k + 5; j++) {
        const x = this.toks[j];
        if (!x) return false;
        if (x.type === 'punct' && x.text === '{') return true;
        if (x.type !== 'string' && x.type !== 'ident') return false;
      }
    }
    return false;
  }

  parseBody(closeAtBrace: boolean, blockColumn: number): { body: HclBody; close: number } {
    const body: HclBody = { attributes: [], blocks: [] };
    for (;;) {
      this.quiet = false;
      const t = this.peekRaw();
      if (t.type === 'nl') {
        this.i++;
        continue;
      }
      if (t.type === 'eof') {
        return { body, close: -1 };
      }
      if (t.type === 'punct' && t.text === '}') {
        if (closeAtBrace && blockColumn > 0 && this.column(t.start) < blockColumn && this.atLineStart(this.i)) {
          // `}` further left than this block's header belongs to an outer block: this one was not closed
          return { body, close: -1 };
        }
        if (closeAtBrace) {
          this.i++;
          return { body, close: t.start };
        }
        this.error('This closing brace has no matching opening brace.', { start: t.start, end: t.end });
        this.i++;
        continue;
      }
      if (
        closeAtBrace &&
        t.type === 'ident' &&
        TOP_KEYWORDS.has(t.text) &&
        this.column(t.start) <= blockColumn &&
        this.looksLikeBlockHeader(this.i)
      ) {
        // a new top-level block starts: the current block was not closed
        return { body, close: -1 };
      }
      if (t.type !== 'ident') {
        this.error('Expected an argument name or a block here.', { start: t.start, end: t.end });
        this.skipLine();
        continue;
      }
      const n = this.peekRaw(1);
      if (n.type === 'punct' && n.text === '=') {
        this.i += 2;
        const value = this.parseAttrValue(t);
        body.attributes.push({
          name: t.text,
          nameSpan: { start: t.start, end: t.end },
          value,
          span: { start: t.start, end: value.span.end },
        });
        this.endOfItem();
        continue;
      }
      if (n.type === 'punct' && n.text === '{' && this.blockDepth >= MAX_NESTING) {
        this.skipDeepBlock(t);
        continue;
      }
      if (n.type === 'punct' && n.text === '{') {
        body.blocks.push(this.parseBlock(t));
        continue;
      }
      if (n.type === 'string' || n.type === 'ident') {
        let k = 1;
        while (this.peekRaw(k).type === 'string' || this.peekRaw(k).type === 'ident') k++;
        const after = this.peekRaw(k);
        if (after.type === 'punct' && after.text === '{') {
          body.blocks.push(this.parseBlock(t));
          continue;
        }
      }
      if (n.type === 'punct' && n.text === ':') {
        this.error('Use "=" to assign an argument; ":" is only for object keys.', { start: n.start, end: n.end });
        this.i += 2;
        const value = this.parseAttrValue(t);
        body.attributes.push({
          name: t.text,
          nameSpan: { start: t.start, end: t.end },
          value,
          span: { start: t.start, end: value.span.end },
        });
        this.endOfItem();
        continue;
      }
      this.error(`Expected "=" after the argument name "${t.text}", or a block body.`, { start: t.start, end: t.end });
      this.skipLine();
    }
  }

  private parseAttrValue(name: HclToken): HclExpr {
    const t = this.peekRaw();
    if (t.type === 'nl' || t.type === 'eof' || (t.type === 'punct' && t.text === '}')) {
      this.error(`The argument "${name.text}" has no value.`, {
        start: name.start,
        end: t.type === 'nl' ? t.start : t.end,
      });
      return { t: 'other', span: { start: t.start, end: t.start }, refs: [] };
    }
    this.itemColumn = this.column(name.start);
    return this.parseExpr();
  }

  /** Column of the attribute being parsed; an unclosed bracket closes at a line starting at or left of it. */
  private itemColumn = 0;

  private endOfItem(): void {
    const t = this.peekRaw();
    if (t.type === 'nl' || t.type === 'eof' || (t.type === 'punct' && t.text === '}')) return;
    // A bracket closed by recovery has already consumed the line break.
    if (this.toks[this.i - 1]?.type === 'nl') return;
    this.error('Expected a new line after this argument.', { start: t.start, end: t.end });
    this.skipLine();
  }

  private skipLine(): void {
    let depth = 0;
    for (;;) {
      const t = this.peekRaw();
      if (t.type === 'eof') return;
      if (t.type === 'nl' && depth <= 0) {
        this.i++;
        return;
      }
      if (t.type === 'punct') {
        if (t.text === '{' || t.text === '[' || t.text === '(') depth++;
        else if (t.text === ']' || t.text === ')') depth--;
        else if (t.text === '}') {
          if (depth <= 0) return;
          depth--;
        }
      }
      // Stop at a line that clearly starts a new item even inside an unclosed bracket.
      if (
        depth > 0 &&
        t.type === 'nl' &&
        this.looksLikeItem(this.i + 1) &&
        this.column(this.toks[this.i + 1]?.start ?? 0) <= this.itemColumn
      ) {
        this.i++;
        return;
      }
      this.i++;
    }
  }

  private blockDepth = 0;

  /** Skips a block nested deeper than MAX_NESTING by counting braces, without recursion. */
  private skipDeepBlock(t: HclToken): void {
    this.error(`This block is nested more than ${MAX_NESTING} levels deep; it is not analysed.`, {
      start: t.start,
      end: t.end,
    });
    let depth = 0;
    for (;;) {
      const x = this.peekRaw();
      if (x.type === 'eof') return;
      this.i++;
      if (x.type === 'punct' && x.text === '{') depth++;
      else if (x.type === 'punct' && x.text === '}' && --depth <= 0) return;
    }
  }

  private parseBlock(typeTok: HclToken): HclBlock {
    this.blockDepth++;
    try {
      return this.parseBlockInner(typeTok);
    } finally {
      this.blockDepth--;
    }
  }

  private parseBlockInner(typeTok: HclToken): HclBlock {
    this.i++;
    const labels: HclLabel[] = [];
    for (;;) {
      const t = this.peekRaw();
      if (t.type === 'string') {
        labels.push({ value: (t.parts ?? []).map((p) => p.lit ?? '').join(''), span: { start: t.start, end: t.end } });
        this.i++;
      } else if (t.type === 'ident') {
        labels.push({ value: t.text, span: { start: t.start, end: t.end } });
        this.i++;
      } else break;
    }
    const open = this.peekRaw();
    this.i++;
    const saved = this.nlSkip;
    this.nlSkip = 0;
    const { body, close } = this.parseBody(true, this.column(typeTok.start));
    this.nlSkip = saved;
    if (close < 0) {
      this.error(`The block "${[typeTok.text, ...labels.map((l) => l.value)].join(' ')}" is never closed: add "}".`, {
        start: open.start,
        end: open.end,
      });
    }
    const endTok = this.toks[this.i - 1] ?? open;
    return {
      type: typeTok.text,
      typeSpan: { start: typeTok.start, end: typeTok.end },
      labels,
      body,
      span: { start: typeTok.start, end: close >= 0 ? close + 1 : endTok.end },
      open: open.start,
      close,
    };
  }

  /** Expression nesting depth; beyond MAX_NESTING the rest of the bracket is skipped without recursion. */
  private depth = 0;

  parseExpr(): HclExpr {
    if (this.depth >= MAX_NESTING) return this.skipDeep();
    this.depth++;
    try {
      return this.parseExprInner();
    } finally {
      this.depth--;
    }
  }

  /** Skips a too-deeply nested expression by counting brackets, and reports it once. */
  private skipDeep(): HclExpr {
    const first = this.peek();
    this.error(`This expression is nested more than ${MAX_NESTING} levels deep; it is not analysed.`, {
      start: first.start,
      end: first.end,
    });
    this.quiet = true;
    let depth = 0;
    let end = first.start;
    for (;;) {
      const t = this.peek();
      if (t.type === 'eof') break;
      if (t.type === 'punct' && '([{'.includes(t.text)) depth++;
      else if (t.type === 'punct' && ')]}'.includes(t.text)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (t.type === 'nl' || (t.type === 'punct' && t.text === ','))) break;
      this.next();
      end = t.end;
    }
    return { t: 'other', span: { start: first.start, end }, refs: [] };
  }

  private parseExprInner(): HclExpr {
    const cond = this.parseBinary();
    if (this.is('?')) {
      this.next();
      const a = this.parseExpr();
      if (this.is(':')) this.next();
      else
        this.error('Expected ":" in this conditional expression.', { start: this.peek().start, end: this.peek().end });
      const b = this.parseExpr();
      return { t: 'other', span: { start: cond.span.start, end: b.span.end }, refs: [cond, a, b], op: { k: 'cond' } };
    }
    return cond;
  }

  /** Binary operators by precedence, as in the HCL specification (higher binds tighter). */
  private static readonly PRECEDENCE: Record<string, number> = {
    '||': 1,
    '&&': 2,
    '==': 3,
    '!=': 3,
    '<': 4,
    '>': 4,
    '<=': 4,
    '>=': 4,
    '+': 5,
    '-': 5,
    '*': 6,
    '/': 6,
    '%': 6,
  };

  private parseBinary(minPrec = 1): HclExpr {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      const prec = t.type === 'punct' ? Parser.PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec < minPrec) break;
      this.next();
      const right = prec < 6 ? this.parseBinary(prec + 1) : this.parseUnary();
      left = {
        t: 'other',
        span: { start: left.span.start, end: right.span.end },
        refs: [left, right],
        op: { k: 'bin', op: t.text },
      };
    }
    return left;
  }

  private parseUnary(): HclExpr {
    const t = this.peek();
    if (t.type === 'punct' && (t.text === '-' || t.text === '!')) {
      if (this.depth >= MAX_NESTING) return this.skipDeep();
      this.next();
      this.depth++;
      let operand: HclExpr;
      try {
        operand = this.parseUnary();
      } finally {
        this.depth--;
      }
      if (t.text === '-' && operand.t === 'lit' && typeof operand.v === 'number') {
        return { t: 'lit', v: -operand.v, span: { start: t.start, end: operand.span.end } };
      }
      return {
        t: 'other',
        span: { start: t.start, end: operand.span.end },
        refs: [operand],
        op: { k: t.text === '!' ? 'not' : 'neg' },
      };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(base: HclExpr): HclExpr {
    let e = base;
    for (;;) {
      const t = this.peekRaw();
      if (t.type === 'punct' && t.text === '.') {
        const n = this.peekRaw(1);
        if (n.type === 'ident' || n.type === 'number') {
          this.i += 2;
          e = this.step(e, n.type === 'number' ? Number(n.text) : n.text, n.end);
          continue;
        }
        if (n.type === 'punct' && n.text === '*') {
          this.i += 2;
          e = { t: 'other', span: { start: e.span.start, end: n.end }, refs: [e], op: { k: 'splat', steps: [] } };
          continue;
        }
        this.error('Expected an attribute name after ".".', { start: t.start, end: t.end });
        this.i++;
        e = { t: 'other', span: { start: e.span.start, end: t.end }, refs: [e] };
        break;
      }
      if (t.type === 'punct' && t.text === '[') {
        this.i++;
        this.nlSkip++;
        let idx: HclExpr | undefined;
        if (this.is('*')) this.next();
        else idx = this.parseExpr();
        const close = this.expectClose(']');
        this.nlSkip--;
        const end = close;
        if (idx && idx.t === 'lit' && (typeof idx.v === 'number' || typeof idx.v === 'string'))
          e = this.step(e, idx.v, end);
        else if (idx) e = { t: 'other', span: { start: e.span.start, end }, refs: [e, idx], op: { k: 'index' } };
        else e = { t: 'other', span: { start: e.span.start, end }, refs: [e], op: { k: 'splat', steps: [] } };
        continue;
      }
      return e;
    }
    return e;
  }

  private step(e: HclExpr, s: string | number, end: number): HclExpr {
    if (e.t === 'trav') {
      // the traversal was made by this parser and is not shared: extend it in place (linear, not quadratic)
      e.steps.push(s);
      e.span.end = end;
      return e;
    }
    if (e.t === 'other' && e.op?.k === 'splat') {
      e.op.steps.push(s);
      e.span.end = end;
      return e;
    }
    const key: HclExpr = { t: 'lit', v: s, span: { start: end, end } };
    return { t: 'other', span: { start: e.span.start, end }, refs: [e, key], op: { k: 'index' } };
  }

  /** Consumes a closing bracket and returns the offset after it; on a missing bracket, reports it. */
  private expectClose(close: string): number {
    const t = this.peek();
    if (t.type === 'punct' && t.text === close) {
      this.next();
      return t.end;
    }
    this.error(`Expected "${close}" here.`, { start: t.start, end: t.end });
    return this.toks[this.i - 1]?.end ?? t.start;
  }

  /** Should a bracketed list stop because the next line starts a new body item? */
  private bracketRecovery(): boolean {
    const t = this.peekRaw();
    if (t.type === 'nl') {
      let k = this.i;
      while (this.toks[k]?.type === 'nl') k++;
      const first = this.toks[k];
      if (!first) return false;
      if (first.type === 'eof') return true;
      if (this.looksLikeItem(k) && this.column(first.start) <= this.itemColumn) return true;
      if (first.type === 'punct' && first.text === '}' && this.column(first.start) < this.itemColumn) return true;
    }
    return t.type === 'eof';
  }

  private parsePrimary(): HclExpr {
    const t = this.peek();
    switch (t.type) {
      case 'number':
        this.next();
        return { t: 'lit', v: Number(t.text), span: { start: t.start, end: t.end } };
      case 'string':
      case 'heredoc':
        this.next();
        return this.template(t);
      case 'ident': {
        this.next();
        if (t.text === 'true' || t.text === 'false')
          return { t: 'lit', v: t.text === 'true', span: { start: t.start, end: t.end } };
        if (t.text === 'null') return { t: 'lit', v: null, span: { start: t.start, end: t.end } };
        const n = this.peekRaw();
        if (n.type === 'punct' && n.text === '(') {
          this.next();
          this.nlSkip++;
          const args: HclExpr[] = [];
          let abandoned = false;
          while (!this.is(')') && this.peek().type !== 'eof') {
            if (this.bracketRecoveryAt()) {
              abandoned = true;
              break;
            }
            args.push(this.parseExpr());
            if (this.is(',')) this.next();
            else if (this.is('...')) this.next();
            else break;
          }
          if (!abandoned && this.bracketRecoveryAt() && !this.is(')')) abandoned = true;
          let end: number;
          if (abandoned) {
            this.error(`This call of ${t.text}() is never closed: add ")".`, { start: n.start, end: n.end });
            end = args[args.length - 1]?.span.end ?? n.end;
          } else end = this.expectClose(')');
          this.nlSkip--;
          return { t: 'call', name: t.text, args, span: { start: t.start, end } };
        }
        return { t: 'trav', root: t.text, steps: [], span: { start: t.start, end: t.end } };
      }
      case 'punct':
        if (t.text === '[') return this.parseTuple();
        if (t.text === '{') return this.parseObject();
        if (t.text === '(') {
          this.next();
          this.nlSkip++;
          const inner = this.parseExpr();
          const end = this.expectClose(')');
          this.nlSkip--;
          return { t: 'other', span: { start: t.start, end }, refs: [inner], op: { k: 'paren' } };
        }
        break;
      default:
        break;
    }
    this.error('Expected a value here.', { start: t.start, end: t.end });
    if (t.type !== 'eof' && t.type !== 'nl' && !(t.type === 'punct' && '}])'.includes(t.text))) this.next();
    return { t: 'other', span: { start: t.start, end: t.type === 'eof' ? t.start : t.end }, refs: [] };
  }

  /** Inside brackets (newlines skipped), check the raw token stream for a recovery point. */
  private bracketRecoveryAt(): boolean {
    let k = this.i - 1;
    while (k >= 0 && this.toks[k]?.type === 'nl') k--;
    // If the previous significant token ended a line, look at what starts the next line.
    const j = k + 1;
    if (this.toks[j]?.type !== 'nl') return false;
    const save = this.i;
    this.i = j;
    const r = this.bracketRecovery();
    this.i = save;
    return r;
  }

  /**
   * `[for v in coll : val if cond]`, `[for k, v in coll : val]`, `{for k, v in coll : key => val}` (and
   * `val...` to group). A shape this does not follow is skipped to its bracket, as before, unevaluated.
   */
  private parseFor(open: HclToken, close: string): HclExpr {
    const save = this.i;
    const errorsBefore = this.errors.length;
    const quietBefore = this.quiet;
    const fallback = (): HclExpr => {
      if (this.errors.length !== errorsBefore) return broken();
      this.i = save;
      this.quiet = quietBefore;
      return this.skipFor(open, close);
    };
    // an error inside a part is reported where it is; the expression is then not evaluated
    const broken = (): HclExpr => {
      const end = this.is(close) ? this.next().end : (this.toks[this.i - 1]?.end ?? open.end);
      return { t: 'other', span: { start: open.start, end }, refs: [] };
    };
    this.next(); // for
    const first = this.peek();
    if (first.type !== 'ident') return fallback();
    this.next();
    let keyVar: string | null = null;
    let valVar = first.text;
    if (this.is(',')) {
      this.next();
      const second = this.peek();
      if (second.type !== 'ident') return fallback();
      this.next();
      keyVar = first.text;
      valVar = second.text;
    }
    const inTok = this.peek();
    if (inTok.type !== 'ident' || inTok.text !== 'in') return fallback();
    this.next();
    const coll = this.parseExpr();
    if (!this.is(':')) return fallback();
    this.next();
    const object = close === '}';
    let keyExpr: HclExpr | undefined;
    let val = this.parseExpr();
    if (object) {
      if (!this.is('=>')) return fallback();
      this.next();
      keyExpr = val;
      val = this.parseExpr();
    }
    let grouped = false;
    if (object && this.is('...')) {
      this.next();
      grouped = true;
    }
    let cond: HclExpr | undefined;
    const ifTok = this.peek();
    if (ifTok.type === 'ident' && ifTok.text === 'if') {
      this.next();
      cond = this.parseExpr();
    }
    const end = this.peek();
    if (this.errors.length !== errorsBefore) return broken();
    if (!(end.type === 'punct' && end.text === close)) return fallback();
    this.next();
    const refs = [coll, val, ...(keyExpr ? [keyExpr] : []), ...(cond ? [cond] : [])];
    return {
      t: 'other',
      span: { start: open.start, end: end.end },
      refs,
      op: { k: 'for', keyVar, valVar, object, grouped, hasCond: cond !== undefined },
    };
  }

  private skipFor(open: HclToken, close: string): HclExpr {
    // `[for x in y : z]` and `{for k, v in m : k => v}`: skip to the matching bracket.
    let depth = 0;
    let reported = false;
    for (;;) {
      if (depth === 0 && this.bracketRecoveryAt()) break;
      const t = this.next();
      if (t.type === 'eof') break;
      if (t.type === 'punct' && (t.text === '[' || t.text === '{' || t.text === '(')) {
        depth++;
        if (depth + this.depth > MAX_NESTING && !reported) {
          reported = true;
          this.error(`This expression is nested more than ${MAX_NESTING} levels deep; it is not analysed.`, {
            start: t.start,
            end: t.end,
          });
          this.quiet = true;
        }
      }
      if (t.type === 'punct' && (t.text === ']' || t.text === '}' || t.text === ')')) {
        if (depth === 0) {
          if (t.text !== close) this.error(`Expected "${close}" here.`, { start: t.start, end: t.end });
          return { t: 'other', span: { start: open.start, end: t.end }, refs: [] };
        }
        depth--;
      }
    }
    this.error(`Expected "${close}" to close this expression.`, { start: open.start, end: open.end });
    return { t: 'other', span: { start: open.start, end: this.toks[this.i - 1]?.end ?? open.end }, refs: [] };
  }

  private parseTuple(): HclExpr {
    const open = this.next();
    this.nlSkip++;
    if (this.peek().type === 'ident' && this.peek().text === 'for') {
      const r = this.parseFor(open, ']');
      this.nlSkip--;
      return r;
    }
    const items: HclExpr[] = [];
    let end = -1;
    for (;;) {
      if (this.bracketRecoveryAt()) break;
      const t = this.peek();
      if (t.type === 'punct' && t.text === ']') {
        this.next();
        end = t.end;
        break;
      }
      if (t.type === 'eof' || (t.type === 'punct' && t.text === '}')) break;
      const before = this.i;
      items.push(this.parseExpr());
      if (this.is(',')) {
        this.next();
        continue;
      }
      if (this.is(']')) continue;
      if (this.i === before) break;
      if (this.bracketRecoveryAt()) break;
      const bad = this.peek();
      this.error('Expected "," or "]" in this list.', { start: bad.start, end: bad.end });
      if (bad.type === 'eof') break;
    }
    this.nlSkip--;
    if (end < 0) {
      this.error('This list is never closed: add "]".', { start: open.start, end: open.end });
      const last = items[items.length - 1];
      end = last ? last.span.end : open.end;
    }
    return { t: 'tuple', items, span: { start: open.start, end } };
  }

  private parseObject(): HclExpr {
    const open = this.next();
    this.nlSkip++;
    if (this.peek().type === 'ident' && this.peek().text === 'for') {
      const r = this.parseFor(open, '}');
      this.nlSkip--;
      return r;
    }
    const entries: HclObjectEntry[] = [];
    let end = -1;
    for (;;) {
      if (this.bracketRecoveryAt()) break;
      const t = this.peek();
      if (t.type === 'punct' && t.text === '}') {
        this.next();
        end = t.end;
        break;
      }
      if (t.type === 'eof') break;
      const keyExpr = this.parseExpr();
      let key: string | null = null;
      if (keyExpr.t === 'trav' && keyExpr.steps.length === 0) key = keyExpr.root;
      else if (keyExpr.t === 'lit' && typeof keyExpr.v === 'string') key = keyExpr.v;
      if (this.is('=') || this.is(':')) this.next();
      else {
        const bad = this.peek();
        this.error('Expected "=" after this object key.', { start: bad.start, end: bad.end });
        if (bad.type === 'eof') break;
        if (!(bad.type === 'punct' && bad.text === '}')) this.next();
        continue;
      }
      const value = this.parseExpr();
      entries.push({ key, keySpan: keyExpr.span, value });
      if (this.is(',')) this.next();
    }
    this.nlSkip--;
    if (end < 0) {
      this.error('This object is never closed: add "}".', { start: open.start, end: open.end });
      end = this.peekRaw().start;
    }
    return { t: 'object', entries, span: { start: open.start, end } };
  }

  templateOf(t: HclToken): HclExpr {
    return this.template(t);
  }

  private template(t: HclToken): HclExpr {
    const s = { start: t.start, end: t.end };
    const parts = t.parts ?? [];
    if (parts.some((p) => p.directive)) return { t: 'tmpl', parts: [], span: s, directive: true };
    if (parts.every((p) => p.lit !== undefined)) {
      return { t: 'lit', v: parts.map((p) => p.lit).join(''), span: s };
    }
    const out: Array<string | HclExpr> = [];
    for (const p of parts) {
      if (p.lit !== undefined) out.push(p.lit);
      else if (p.interp) out.push(parseExpressionAt(this.src, p.interp, this.errors, this.meter));
    }
    return { t: 'tmpl', parts: out, span: s, directive: false };
  }
}

/** Parses the expression in `src[range]` (an interpolation's content, a `.tf.json` string's `${...}`). */
/** How deep interpolations nest (`"${"${...}"}"`); past the limit the template is opaque. */
let templateDepth = 0;

export function parseExpressionAt(
  src: string,
  range: Span,
  errors: HclSyntaxError[] = [],
  meter: WorkMeter = UNMETERED,
): HclExpr {
  if (templateDepth >= 64) {
    errors.push({ message: 'These interpolations are nested too deeply to analyse.', span: range });
    return { t: 'other', span: range, refs: [] };
  }
  templateDepth++;
  try {
    return parseExpressionAtInner(src, range, errors, meter);
  } finally {
    templateDepth--;
  }
}

function parseExpressionAtInner(src: string, range: Span, errors: HclSyntaxError[], meter: WorkMeter): HclExpr {
  // `${~ x ~}` strips whitespace around the interpolation; the markers are not part of the expression.
  let { start, end } = range;
  if (src[start] === '~') start++;
  if (src[end - 1] === '~') end--;
  const lexer = new Lexer(src, start, end, meter);
  const toks = lexer.run().filter((t) => t.type !== 'nl');
  errors.push(...lexer.errors);
  return new Parser(src, toks, errors, meter).parseExpr();
}

/** Reads the quoted string starting at `start` (HCL or JSON syntax) as an HCL template expression. */
export function parseQuotedTemplate(
  src: string,
  start: number,
  end: number,
  errors: HclSyntaxError[] = [],
  meter: WorkMeter = UNMETERED,
): HclExpr {
  const lexer = new Lexer(src, start, end, meter);
  const toks = lexer.run();
  const first = toks[0];
  if (!first || first.type !== 'string') return { t: 'other', span: { start, end }, refs: [] };
  return new Parser(src, toks, errors, meter).templateOf(first);
}

/** The tokens and comments of `src[start, end)`, lexed as the parser sees them (errors are dropped). */
export function lexHcl(src: string, start = 0, end = src.length): { tokens: HclToken[]; comments: HclComment[] } {
  const lexer = new Lexer(src, start, end, UNMETERED);
  const tokens = lexer.run();
  return { tokens, comments: lexer.comments };
}

/** Parses a whole HCL file. Never throws. */
export function parseHcl(src: string, meter: WorkMeter = UNMETERED): HclFile {
  return parseHclRange(src, 0, src.length, meter);
}

/**
 * Parses the HCL between `start` and `end` of `src` (whole lines), with the offsets of `src`: one part
 * of a file read in parts (hcl-parts.ts). Never throws.
 */
export function parseHclRange(src: string, start: number, end: number, meter: WorkMeter = UNMETERED): HclFile {
  const lexer = new Lexer(src, start, end, meter);
  const toks = lexer.run();
  const errors: HclSyntaxError[] = [...lexer.errors];
  const parser = new Parser(src, toks, errors, meter);
  const { body } = parser.parseBody(false, 0);
  errors.sort((a, b) => a.span.start - b.span.start);
  return { body, comments: lexer.comments, errors };
}
