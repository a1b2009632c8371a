/**
 * Terraform (HCL native syntax) read in parts: a file is split before each top-level block that starts
 * at column 0 right after a line that is only `}`, each part is parsed on its own by the same parser
 * and kept by its text, so an edit parses again only the block it touched and the others are moved to
 * their new offsets. The result is exactly the whole-file parse's: on CR line ends or a byte order
 * mark, and whenever a part does not parse cleanly on its own (a heredoc, block comment or string that
 * a boundary cuts leaves its first part unclosed), the whole file is parsed instead, so syntax errors
 * always come from the whole-file parse. A property test compares both on random edits of every fixture.
 */
import type { Span } from '../core/text';
import type { WorkMeter } from '../core/work';
import {
  parseHclRange,
  type HclAttribute,
  type HclBlock,
  type HclBody,
  type HclComment,
  type HclExpr,
  type HclFile,
} from './hcl';
import { PARTS } from './part-cache';

/** Below this size the whole-file parse is as cheap as splitting. */
const MIN_CHARS = 4_000;

/** A part's last two placements, the latest first, handed out again as they are (a new one is moved from the latest). */
interface CachedPart {
  placed: Array<{ at: number; part: HclFile }>;
}

/** Top-level blocks of a part handed out at a new place, to the block they were moved from. */
const movedBlocks = new WeakMap<HclBlock, { base: HclBlock; by: number }>();

/**
 * The block `b` is a copy of, moved by `by` (a part whose text did not change, at a new offset), so that
 * what was built from the old block can be moved too; undefined for a block parsed where it stands.
 */
export function blockMovedFrom(b: HclBlock): { base: HclBlock; by: number } | undefined {
  return movedBlocks.get(b);
}

/** Forgets every cached part (the benchmark starts measured runs with nothing parsed). */
export function clearHclParts(): void {
  PARTS.clear('hcl');
}

/** What String.prototype.trim removes at the start of a line that has no line break in it. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 11 ||
    c === 12 ||
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The offsets where a part starts: 0, and each top-level block header right after a `}` line. */
function boundaries(src: string): number[] {
  const out = [0];
  let closed = false;
  let i = 0;
  while (i < src.length) {
    const nl = src.indexOf('\n', i);
    const end = nl < 0 ? src.length : nl;
    const c = src.charCodeAt(i);
    if (closed && i > 0 && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) out.push(i);
    // blank and comment lines keep the state; any other line sets it (read in place: no string per line)
    let p = i;
    while (p < end && isSpace(src.charCodeAt(p))) p++;
    const first = src.charCodeAt(p);
    if (p < end && first !== 35 && !(first === 47 && src.charCodeAt(p + 1) === 47)) closed = end - i === 1 && c === 125;
    if (nl < 0) break;
    i = nl + 1;
  }
  return out;
}

/**
 * The whole file read part by part; undefined when it must be parsed whole (the caller then does so).
 * `minChars`: shorter files are parsed whole (tests lower it to split small fixtures too).
 */
export function parseHclInParts(src: string, meter: WorkMeter, minChars = MIN_CHARS): HclFile | undefined {
  if (src.length < minChars) return undefined;
  // (a heredoc, block comment or string cut by a boundary leaves its first part unclosed: an error, so
  // the whole file is parsed)
  if (src.charCodeAt(0) === 0xfeff || src.includes('\r')) return undefined;
  const starts = boundaries(src);
  if (starts.length < 2) return undefined;
  const body: HclBody = { attributes: [], blocks: [] };
  const comments: HclComment[] = [];
  for (let k = 0; k < starts.length; k++) {
    const at = starts[k] as number;
    const text = src.slice(at, k + 1 < starts.length ? starts[k + 1] : src.length);
    const part = partAt(src, text, at, meter);
    if (!part) return undefined;
    for (const a of part.body.attributes) body.attributes.push(a);
    for (const b of part.body.blocks) body.blocks.push(b);
    for (const c of part.comments) comments.push(c);
  }
  return { body, comments, errors: [] };
}

function partAt(src: string, text: string, at: number, meter: WorkMeter): HclFile | undefined {
  const hit = PARTS.get<CachedPart>('hcl', text);
  if (!hit) {
    // parsed where it stands, and kept there (a later placement is moved from it)
    const part = parseHclRange(src, at, at + text.length, meter);
    if (part.errors.length) return undefined;
    PARTS.set('hcl', text, { placed: [{ at, part }] } satisfies CachedPart);
    return part;
  }
  meter.nodes += 1;
  const same = hit.placed.find((p) => p.at === at);
  if (same) return same.part;
  const base = hit.placed[0] as { at: number; part: HclFile };
  const by = at - base.at;
  const part = fileAt(base.part, by);
  part.body.blocks.forEach((b, i) => {
    const from = base.part.body.blocks[i];
    if (!from) return;
    // recorded against the block first parsed, never a chain of copies (see yaml-chunks.ts)
    const root = movedBlocks.get(from);
    movedBlocks.set(b, root ? { base: root.base, by: root.by + by } : { base: from, by });
  });
  hit.placed.unshift({ at, part });
  if (hit.placed.length > 2) hit.placed.pop();
  return part;
}

function moved(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

function fileAt(f: HclFile, by: number): HclFile {
  return {
    body: bodyAt(f.body, by),
    comments: f.comments.map((c) => ({ span: moved(c.span, by), text: c.text })),
    errors: [],
  };
}

function bodyAt(b: HclBody, by: number): HclBody {
  const out: HclBody = {
    attributes: b.attributes.map((a) => attributeAt(a, by)),
    blocks: b.blocks.map((x) => blockAt(x, by)),
  };
  if (b.members) out.members = b.members.map((m) => moved(m, by));
  return out;
}

function attributeAt(a: HclAttribute, by: number): HclAttribute {
  return { name: a.name, nameSpan: moved(a.nameSpan, by), value: exprAt(a.value, by), span: moved(a.span, by) };
}

function blockAt(b: HclBlock, by: number): HclBlock {
  return {
    type: b.type,
    typeSpan: moved(b.typeSpan, by),
    labels: b.labels.map((l) => ({ value: l.value, span: moved(l.span, by) })),
    body: bodyAt(b.body, by),
    span: moved(b.span, by),
    open: b.open < 0 ? b.open : b.open + by,
    close: b.close < 0 ? b.close : b.close + by,
  };
}

function exprAt(e: HclExpr, by: number): HclExpr {
  switch (e.t) {
    case 'lit':
      return { ...e, span: moved(e.span, by) };
    case 'tmpl':
      return { ...e, span: moved(e.span, by), parts: e.parts.map((p) => (typeof p === 'string' ? p : exprAt(p, by))) };
    case 'tuple':
      return { ...e, span: moved(e.span, by), items: e.items.map((i) => exprAt(i, by)) };
    case 'object':
      return {
        ...e,
        span: moved(e.span, by),
        entries: e.entries.map((x) => ({ key: x.key, keySpan: moved(x.keySpan, by), value: exprAt(x.value, by) })),
      };
    case 'trav':
      return { ...e, span: moved(e.span, by) };
    case 'call':
      return { ...e, span: moved(e.span, by), args: e.args.map((a) => exprAt(a, by)) };
    case 'other':
      return { ...e, span: moved(e.span, by), refs: e.refs.map((r) => exprAt(r, by)) };
  }
}
