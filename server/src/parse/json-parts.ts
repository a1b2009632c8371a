/**
 * CloudFormation JSON read in parts, as YAML is (yaml-chunks.ts): a pretty-printed template is split at
 * its top-level keys, and a long section (`Resources`, `Outputs`) at its entries, by the indentation of
 * lines that start with a quoted key. Each part is parsed on its own with the same library and
 * converter and kept by its text, so an edit parses again only the part it touched and the others are
 * moved to their new offsets. The result is exactly the whole-document parse's: the splitter gives up
 * (and the whole document is parsed) on anything but plain pretty-printed JSON (a byte order mark anywhere,
 * tabs, CR line ends, text beside a brace, a missing or extra comma between entries, nesting near the
 * depth limit) and whenever a part does not parse cleanly on its own, so syntax errors always come from
 * the whole-document parse. A property test compares both on random edits of every fixture.
 */
import type { Span } from '../core/text';
import type { WorkMeter } from '../core/work';
import type { CfnComment, CfnDoc, CfnEntry, CfnNode } from './cfn-types';
import { shifted } from './yaml-chunks';
import { PARTS } from './part-cache';

/**
 * Parses one entry (`"Key": value`) given as a one-entry object, `{` + the entry + `}`, its value at
 * `depth` in the document: the entry and the comments in it, with `at` (the document offset of its
 * `{`) added to the offsets in that text; undefined unless the text parses cleanly.
 */
export type JsonEntryParser = (
  wrapped: string,
  depth: number,
  meter: WorkMeter,
  at: number,
) => { entry: CfnEntry; comments: CfnComment[] } | undefined;

/** A section is split into its entries from this many lines on. */
const SPLIT_LINES = 40;
/** Below this size the whole-document parse is as cheap as splitting. */
const MIN_CHARS = 4_000;
/** Near the converter's depth limits, parse whole. */
const MAX_NESTING = 300;

interface Line {
  start: number;
  end: number;
  indent: number;
  blank: boolean;
}

interface Placed {
  entry: CfnEntry;
  comments: CfnComment[];
}
/** A part's placements, the latest first (a new one is moved from the latest: one copy of a part). */
interface CachedPart {
  placed: Array<{ at: number; part: Placed }>;
}

/** Forgets every cached part (the benchmark starts measured runs with nothing parsed). */
export function clearJsonParts(): void {
  PARTS.clear('json');
}

function lines(src: string): Line[] {
  const out: Line[] = [];
  let i = 0;
  while (i <= src.length) {
    const nl = src.indexOf('\n', i);
    const end = nl < 0 ? src.length : nl;
    let p = i;
    while (p < end && src.charCodeAt(p) === 32) p++;
    out.push({ start: i, end, indent: p - i, blank: p === end });
    if (nl < 0) break;
    i = nl + 1;
  }
  return out;
}

/** The offset of the first bracket more than `max` deep (outside strings), or -1. */
export function jsonTooDeep(src: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

const KEY_HEAD = /^"(?:[^"\\\n]|\\.)*"\s*:/;
const CLOSER = /^[}\]],?\s*$/;

interface Ctx {
  src: string;
  ls: Line[];
  parse: JsonEntryParser;
  meter: WorkMeter;
  comments: CfnComment[];
}

/** The template read part by part; undefined when it must be parsed whole (the caller then does so). */
export function parseJsonInParts(
  src: string,
  parse: JsonEntryParser,
  meter: WorkMeter,
  minChars = MIN_CHARS,
): CfnDoc | undefined {
  if (src.length < minChars) return undefined;
  if (src.includes('\ufeff') || src.includes('\t') || src.includes('\r')) return undefined;
  if (jsonTooDeep(src, MAX_NESTING) >= 0) return undefined;
  const ls = lines(src);
  // `{` alone on the first non-blank line, `}` alone on the last
  const first = ls.findIndex((l) => !l.blank);
  let last = ls.length - 1;
  while (last > first && (ls[last] as Line).blank) last--;
  if (first < 0 || last <= first) return undefined;
  const open = ls[first] as Line;
  const close = ls[last] as Line;
  if (src.slice(open.start, open.end).trim() !== '{' || src.slice(close.start, close.end).trim() !== '}')
    return undefined;
  const ctx: Ctx = { src, ls, parse, meter, comments: [] };
  const openAt = open.start + open.indent;
  const closeAt = close.start + close.indent;
  const root = objectOf(ctx, first + 1, last, openAt, closeAt, 0);
  if (!root) return undefined;
  return { format: 'json', root, errors: [], comments: ctx.comments };
}

/**
 * The object whose `{` is at `openAt` (the last character of its line) and `}` at `closeAt` (the first
 * of line `to`), made of the lines [from, to): split at its keys, long entries split again.
 */
function objectOf(
  ctx: Ctx,
  from: number,
  to: number,
  openAt: number,
  closeAt: number,
  depth: number,
): (CfnNode & { t: 'map' }) | undefined {
  const { src, ls } = ctx;
  const heads: number[] = [];
  let indent = -1;
  for (let i = from; i < to; i++) {
    const l = ls[i] as Line;
    if (l.blank) continue;
    if (indent < 0) indent = l.indent;
    if (l.indent < indent) return undefined;
    if (l.indent === indent) {
      const text = src.slice(l.start + indent, l.end);
      // the closing bracket of the entry above (its value spans lines)
      if (CLOSER.test(text) && heads.length > 0) continue;
      if (!KEY_HEAD.test(text)) return undefined;
      heads.push(i);
    }
  }
  if (heads.length === 0) return undefined;
  const entries: CfnEntry[] = [];
  for (let k = 0; k < heads.length; k++) {
    const head = heads[k] as number;
    const next = k + 1 < heads.length ? (heads[k + 1] as number) : to;
    const got = entryOf(
      ctx,
      head,
      next,
      indent,
      depth + 1,
      k + 1 === heads.length,
      k + 1 < heads.length ? undefined : closeAt,
    );
    if (!got) return undefined;
    entries.push(got);
  }
  // one entry named like an intrinsic function is that function, not a map: the whole parse decides
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only && (only.key === 'Ref' || only.key === 'Condition' || only.key.startsWith('Fn::'))) return undefined;
  return { t: 'map', entries, span: { start: openAt, end: closeAt + 1 }, flow: true };
}

/**
 * The entry of lines [from, to) at `indent`, its value at `depth`: the entry ends with `,` unless it is
 * the last, and the last one's text runs to the object's `}` (at `end`).
 */
function entryOf(
  ctx: Ctx,
  from: number,
  to: number,
  indent: number,
  depth: number,
  isLast: boolean,
  end: number | undefined,
): CfnEntry | undefined {
  const { src, ls } = ctx;
  const head = ls[from] as Line;
  const start = head.start;
  const stop = end ?? (ls[to] as Line).start;
  const text = src.slice(start, stop);
  const trimmed = text.trimEnd();
  if (trimmed.endsWith(',') === isLast) return undefined;
  const body = isLast ? text : `${trimmed.slice(0, -1)} ${text.slice(trimmed.length)}`;
  // a long object value below its key: its entries one by one
  const headText = src.slice(head.start + indent, head.end);
  let lastLine = to - 1;
  while (lastLine > from && (ls[lastLine] as Line).blank) lastLine--;
  if (depth < 2 && to - from >= SPLIT_LINES && /:\s*\{$/.test(headText) && lastLine > from) {
    const tail = ls[lastLine] as Line;
    const tailText = src.slice(tail.start, tail.end).trim();
    if (tail.indent === indent && tailText === (isLast ? '}' : '},')) {
      const quoted = /^"(?:[^"\\\n]|\\.)*"/.exec(headText)?.[0] ?? '';
      const key = jsonString(quoted);
      const keyLength = quoted.length;
      const inner = objectOf(ctx, from + 1, lastLine, head.end - 1, tail.start + tail.indent, depth);
      if (inner && key !== undefined) {
        const keyStart = head.start + indent;
        return { key, keySpan: { start: keyStart, end: keyStart + keyLength }, value: inner };
      }
    }
  }
  const part = partOf(ctx, `${depth}\u0000${body}`, `{${body}}`, depth, start - 1);
  if (!part) return undefined;
  for (const c of part.comments) ctx.comments.push(c);
  return part.entry;
}

/** One part, parsed or from the cache, at `at` (the document offset of its wrapped text's `{`). */
function partOf(ctx: Ctx, key: string, wrapped: string, depth: number, at: number): Placed | undefined {
  const hit = PARTS.get<CachedPart>('json', key);
  if (!hit) {
    // converted where it stands, and kept there (a later placement is moved from it)
    const part = ctx.parse(wrapped, depth, ctx.meter, at);
    if (!part) return undefined;
    PARTS.set('json', key, { placed: [{ at, part }] } satisfies CachedPart);
    return part;
  }
  ctx.meter.nodes += 1;
  const same = hit.placed.find((p) => p.at === at);
  if (same) return same.part;
  const base = hit.placed[0] as { at: number; part: Placed };
  const part = placedMoved(base.part, at - base.at);
  hit.placed.unshift({ at, part });
  if (hit.placed.length > 2) hit.placed.pop();
  return part;
}

function placedMoved({ entry, comments }: Placed, by: number): Placed {
  return {
    entry: { key: entry.key, keySpan: moved(entry.keySpan, by), value: shifted(entry.value, by) },
    comments: comments.map((c) => ({ span: moved(c.span, by), text: c.text })),
  };
}

/** A quoted key's value; undefined for an escape JSON does not have (the whole parse reports it). */
function jsonString(quoted: string): string | undefined {
  try {
    const v: unknown = JSON.parse(quoted);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

function moved(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}
