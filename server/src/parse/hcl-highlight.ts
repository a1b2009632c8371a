/**
 * Colours for Terraform (HCL) text, from the parser's own lexer: what the language server offers as
 * semantic tokens where the editor has no Terraform grammar of its own (the VS Code extension asks for
 * them only when no other extension contributes one). One pass over the tokens with a stack of what
 * each bracket opened: a block body, an object, or an expression.
 */
import { lexHcl, type HclToken } from './hcl';

/** The token kinds, in the order of the legend (standard LSP semantic token types, so every theme colours them). */
export const HIGHLIGHT_KINDS = [
  'comment',
  'string',
  'number',
  'keyword',
  'type',
  'property',
  'function',
  'variable',
  'operator',
] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

export interface Highlight {
  start: number;
  end: number;
  kind: HighlightKind;
}

const OPERATORS = new Set([
  '=',
  '==',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  '&&',
  '||',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  ':',
  '=>',
  '...',
]);
const CONSTANTS = new Set(['true', 'false', 'null']);
const TEMPLATE_KEYWORDS = new Set(['if', 'else', 'endif', 'for', 'endfor', 'in']);
/** Interpolations inside interpolations deeper than this are left as plain string. */
const MAX_DEPTH = 16;

interface Frame {
  kind: 'body' | 'object' | 'expr';
  /** A `for` expression opened this bracket: `in` and `if` are keywords in it. */
  forExpr?: boolean;
}

/** The highlights of `src[start, end)`, sorted and without overlaps. Never throws. */
export function highlightHcl(src: string, start = 0, end = src.length): Highlight[] {
  const out: Highlight[] = [];
  const { tokens, comments } = lexHcl(src, start, end);
  for (const c of comments) out.push({ start: c.span.start, end: c.span.end, kind: 'comment' });
  walk(src, tokens, 'body', out, 0);
  return out.sort((a, b) => a.start - b.start);
}

function walk(src: string, tokens: HclToken[], outer: Frame['kind'], out: Highlight[], depth: number): void {
  const stack: Frame[] = [{ kind: outer }];
  const top = (): Frame => stack[stack.length - 1] as Frame;
  /** At the start of a statement in a block body. */
  let atStart = outer === 'body';
  /** In a block header (`resource "type" "name"` before its `{`): labels follow. */
  let inHeader = false;
  /** Where an object's key may stand (after `{`, `,` or a line break inside an object). */
  let keyPos = false;
  /** The previous token that is not a line break. */
  let prev: HclToken | undefined;
  const add = (t: { start: number; end: number }, kind: HighlightKind): void => {
    if (t.end > t.start) out.push({ start: t.start, end: t.end, kind });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as HclToken;
    if (t.type === 'eof') break;
    if (t.type === 'nl') {
      if (top().kind === 'body') {
        atStart = true;
        inHeader = false;
      } else if (top().kind === 'object') keyPos = true;
      continue;
    }
    const next = nextSignificant(tokens, i, top().kind === 'body');
    const isKey = keyPos && next?.type === 'punct' && (next.text === '=' || next.text === ':');
    keyPos = false;
    const frame = top();
    if (t.type === 'ident') {
      if (frame.kind === 'body' && atStart) {
        atStart = false;
        if (next?.type === 'punct' && next.text === '=') add(t, 'property');
        else {
          add(t, 'keyword');
          inHeader = true;
        }
      } else if (frame.kind === 'body' && inHeader) add(t, 'type');
      else if (isKey) add(t, 'property');
      else if (CONSTANTS.has(t.text)) add(t, 'keyword');
      else if (t.text === 'for' && prev?.type === 'punct' && (prev.text === '[' || prev.text === '{')) {
        frame.forExpr = true;
        add(t, 'keyword');
      } else if (frame.forExpr && (t.text === 'in' || t.text === 'if')) add(t, 'keyword');
      else if (next?.type === 'punct' && next.text === '(') add(t, 'function');
      else if (prev?.type === 'punct' && prev.text === '.') add(t, 'property');
      else add(t, 'variable');
    } else if (t.type === 'string' || t.type === 'heredoc') {
      if (frame.kind === 'body' && atStart) atStart = false;
      if (frame.kind === 'body' && inHeader) add(t, 'type');
      else if (isKey) add(t, 'property');
      else if (t.type === 'string') quoted(src, t, out, depth);
      else heredoc(src, t, out, depth);
    } else if (t.type === 'number') {
      add(t, 'number');
    } else {
      // punctuation
      if (frame.kind === 'body' && atStart) atStart = false;
      const p = t.text;
      if (p === '{') {
        if (frame.kind === 'body' && inHeader) {
          stack.push({ kind: 'body' });
          inHeader = false;
          atStart = true;
        } else {
          stack.push({ kind: 'object' });
          keyPos = true;
        }
      } else if (p === '[' || p === '(') stack.push({ kind: 'expr' });
      else if (p === '}' || p === ']' || p === ')') {
        if (stack.length > 1) stack.pop();
        inHeader = false;
      } else if (p === ',') {
        if (top().kind === 'object') keyPos = true;
      } else if (OPERATORS.has(p)) add(t, 'operator');
    }
    prev = t;
  }
}

/** The next token after `i` on the same statement (line breaks end it in a block body). */
function nextSignificant(tokens: HclToken[], i: number, stopAtLine: boolean): HclToken | undefined {
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j] as HclToken;
    if (t.type === 'nl') {
      if (stopAtLine) return undefined;
      continue;
    }
    return t.type === 'eof' ? undefined : t;
  }
  return undefined;
}

/** A quoted string: its literal text as string, each `${ }` / `%{ }` as keyword delimiters around an expression. */
function quoted(src: string, t: HclToken, out: Highlight[], depth: number): void {
  let at = t.start;
  for (const part of t.parts ?? []) {
    if (!part.interp) continue;
    const open = part.interp.start - 2;
    if (open > at) out.push({ start: at, end: open, kind: 'string' });
    interpolation(src, open, part.interp.start, part.interp.end, !!part.directive, out, depth);
    at = Math.min(part.interp.end + 1, t.end);
  }
  if (t.end > at) out.push({ start: at, end: t.end, kind: 'string' });
}

/** `open` is the `$`/`%` of `${`/`%{`, `inner` and `close` bound the expression (`close` is the `}`). */
function interpolation(
  src: string,
  open: number,
  inner: number,
  close: number,
  directive: boolean,
  out: Highlight[],
  depth: number,
): void {
  out.push({ start: open, end: inner, kind: 'keyword' });
  if (depth < MAX_DEPTH) {
    const from = out.length;
    const { tokens } = lexHcl(src, inner, close);
    walk(src, tokens, 'expr', out, depth + 1);
    if (directive) {
      // `%{ if x }`, `%{ for a in b }`, `%{ endif }`: the words of the directive are keywords
      for (let k = from; k < out.length; k++) {
        const h = out[k] as Highlight;
        if (h.kind === 'variable' && TEMPLATE_KEYWORDS.has(src.slice(h.start, h.end))) h.kind = 'keyword';
      }
    }
  }
  out.push({ start: close, end: close + 1, kind: 'keyword' });
}

/** A heredoc: the `<<EOT` line and the closing marker as keywords, the body as string with its interpolations. */
function heredoc(src: string, t: HclToken, out: Highlight[], depth: number): void {
  const headEnd = lineEnd(src, t.start, t.end);
  out.push({ start: t.start, end: headEnd, kind: 'keyword' });
  let bodyStart = headEnd;
  if (src[bodyStart] === '\r') bodyStart++;
  if (src[bodyStart] === '\n') bodyStart++;
  // the closing marker is the last line of the token (when the heredoc is closed)
  let markerStart = t.end;
  while (markerStart > bodyStart && src[markerStart - 1] !== '\n' && src[markerStart - 1] !== '\r') markerStart--;
  const marker = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)/.exec(src.slice(t.start, headEnd))?.[1];
  const closed = markerStart >= bodyStart && src.slice(markerStart, t.end).trim() === marker;
  const bodyEnd = closed ? markerStart : t.end;
  let at = bodyStart;
  for (let p = bodyStart; p < bodyEnd - 1; p++) {
    const c = src[p];
    if ((c !== '$' && c !== '%') || src[p + 1] !== '{') continue;
    if (src[p - 1] === c) continue; // `$${` is a literal `${`
    const close = matchingBrace(src, p + 2, bodyEnd);
    if (close < 0) break;
    if (p > at) out.push({ start: at, end: p, kind: 'string' });
    interpolation(src, p, p + 2, close, c === '%', out, depth);
    at = close + 1;
    p = close;
  }
  if (bodyEnd > at) out.push({ start: at, end: bodyEnd, kind: 'string' });
  if (closed) {
    // `<<-` allows the closing marker to be indented: colour the word, not the indentation
    let word = markerStart;
    while (src[word] === ' ' || src[word] === '\t') word++;
    out.push({ start: word, end: t.end, kind: 'keyword' });
  }
}

function lineEnd(src: string, from: number, limit: number): number {
  let e = from;
  while (e < limit && src[e] !== '\n' && src[e] !== '\r') e++;
  return e;
}

/** The `}` closing a `${` whose body starts at `from`, skipping nested brackets and quoted strings; -1 if none. */
function matchingBrace(src: string, from: number, limit: number): number {
  let depth = 0;
  for (let p = from; p < limit; p++) {
    const c = src[p];
    if (c === '"') {
      p++;
      while (p < limit && src[p] !== '"' && src[p] !== '\n') p += src[p] === '\\' ? 2 : 1;
    } else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '}') {
      if (depth === 0) return p;
      depth--;
    }
  }
  return -1;
}
