/**
 * CloudFormation YAML read in parts: a template is split at its top-level keys, and a long section (its
 * `Resources`, a Serverless `resources` and its `Resources`) at its entries; each part is parsed on its
 * own with the same library and kept by its text, so an edit parses again only the part it touched and
 * the others are moved to their new offsets. The result is exactly the whole-document parse's: wherever
 * a boundary could change the meaning (anchors and aliases, tabs, several documents or directives,
 * complex keys, merge keys, CRLF, a part that does not read cleanly on its own), the whole document is
 * parsed instead. A property test compares both on random edits of every fixture.
 */
import type { Span } from '../core/text';
import type { WorkMeter } from '../core/work';
import type { CfnDoc, CfnEntry, CfnNode } from './cfn-types';
import { PARTS } from './part-cache';

/** Parses one part: the entries of the single map it holds (relative offsets), or undefined if unclean. */
export type PartParser = (text: string, meter: WorkMeter) => { entries: CfnEntry[] } | undefined;

/** A section is split into its entries from this many lines on (shorter ones are one part). */
const SPLIT_LINES = 40;
/** Deeper than this the whole-document parse's depth limit could differ: parse it whole. */
const MAX_INDENT = 200;

/** The lines of a text, each as four numbers (one typed array each: a long template has many lines). */
interface Lines {
  length: number;
  start: Int32Array;
  /** The offset just past the line's last character (before `\n`). */
  end: Int32Array;
  indent: Int32Array;
  /** 1 for a blank or comment-only line. */
  blank: Uint8Array;
}

/**
 * Each part by its text: its last two placements, the latest first (typing and deleting moves the parts
 * after the cursor between two offsets), which are handed out again as they are (parse results are never
 * changed after parsing); a new placement is moved from the latest, so a part is kept once or twice.
 */
interface CachedPart {
  /** The content's identity, shared by every placement (facts about the content are kept by it). */
  content: object;
  placed: Array<{ at: number; entry: CfnEntry }>;
}

/** A part's value at its place in the document, to its part's content identity. */
const origins = new WeakMap<CfnNode, object>();

/**
 * The content identity of a part's value placed in a document (moved copies of one part share it), for
 * facts about the content that do not depend on where it stands; undefined for any other node.
 */
export function partOrigin(n: CfnNode): object | undefined {
  return origins.get(n);
}

/** Entries of parts handed out at a new place, to the entry they were moved from. */
const movedEntries = new WeakMap<CfnEntry, { base: CfnEntry; by: number }>();

/**
 * The entry `e` is a copy of, moved by `by` (a part whose text did not change, at a new offset), so that
 * what was built from the old entry can be moved too; undefined for an entry parsed where it stands.
 */
export function entryMovedFrom(e: CfnEntry): { base: CfnEntry; by: number } | undefined {
  return movedEntries.get(e);
}

/** Forgets every cached part (the benchmark starts measured runs with nothing parsed). */
export function clearYamlParts(): void {
  PARTS.clear('yaml');
}

/** A plain key at the start of a line (`Key:` with a value or nothing after it), else undefined. */
const KEY_LINE = /^([A-Za-z0-9_][A-Za-z0-9_.:/-]*?)[ ]*:(?:[ ]|$)/;

function lines(src: string): Lines {
  let n = 1;
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) n++;
  const out: Lines = {
    length: n,
    start: new Int32Array(n),
    end: new Int32Array(n),
    indent: new Int32Array(n),
    blank: new Uint8Array(n),
  };
  let i = 0;
  for (let k = 0; k < n; k++) {
    const nl = src.indexOf('\n', i);
    const end = nl < 0 ? src.length : nl;
    let p = i;
    while (p < end && src.charCodeAt(p) === 32) p++;
    out.start[k] = i;
    out.end[k] = end;
    out.indent[k] = p - i;
    out.blank[k] = p === end || src.charCodeAt(p) === 35 ? 1 : 0;
    i = nl + 1;
  }
  return out;
}

/** What can change meaning across a boundary, anywhere in the text. */
function unsafe(src: string): boolean {
  if (src.charCodeAt(0) === 0xfeff || src.includes('\t') || src.includes('\r')) return true;
  // anchors and aliases, documents and directives, complex and merge keys (each test only where its
  // characters occur at all: most templates have none of them)
  if ((src.includes('&') || src.includes('*')) && /(^|[\s,[{])[&*][^\s]/m.test(src)) return true;
  if ((src.includes('---') || src.includes('...') || src.includes('%')) && /^(---|\.\.\.|%)/m.test(src)) return true;
  if (src.includes('?') && /^[ ]*\?[ ]/m.test(src)) return true;
  if (src.includes('<<') && /<<[ ]*:/.test(src)) return true;
  // flow collections nested deep enough to meet the converter's depth limit
  let depth = 0;
  const brackets = /[[\]{}]/g;
  // (test, not exec: no match object per bracket)
  while (brackets.test(src)) {
    const c = src.charCodeAt(brackets.lastIndex - 1);
    if (c === 91 || c === 123) {
      if (++depth > 100) return true;
    } else depth = Math.max(0, depth - 1);
  }
  return false;
}

interface Part {
  /** The lines of this part: [from, to). */
  from: number;
  to: number;
}

/**
 * The CloudFormation YAML document, read part by part; undefined when it must be read whole (the caller
 * then does so). `parsePart` reads one part's text as the whole-document parser would.
 */
export function parseYamlInParts(src: string, parsePart: PartParser, meter: WorkMeter): CfnDoc | undefined {
  if (unsafe(src)) return undefined;
  const ls = lines(src);
  for (let k = 0; k < ls.length; k++) if (!ls.blank[k] && (ls.indent[k] as number) > MAX_INDENT) return undefined;
  const root = mapOf(src, ls, { from: 0, to: ls.length }, 0, parsePart, meter, 0);
  if (!root) return undefined;
  const doc: CfnDoc = { format: 'yaml', root, errors: [], comments: [] };
  return doc;
}

/**
 * The block map at `indent` made of lines [from, to): split at its keys, a long entry's value split again
 * (when it is itself a block map), each short entry parsed as one part. Undefined when a line does not
 * fit that shape.
 */
function mapOf(
  src: string,
  ls: Lines,
  range: Part,
  indent: number,
  parsePart: PartParser,
  meter: WorkMeter,
  depth: number,
): (CfnNode & { t: 'map' }) | undefined {
  // the entries: a non-blank line at `indent` starts one; deeper lines belong to it
  const starts: number[] = [];
  for (let i = range.from; i < range.to; i++) {
    if (ls.blank[i]) continue;
    const at = ls.indent[i] as number;
    if (at < indent) return undefined;
    if (at > indent && starts.length === 0) return undefined; // deeper text before the first key
    if (at === indent) {
      if (!KEY_LINE.test(src.slice((ls.start[i] as number) + indent, ls.end[i]))) return undefined;
      starts.push(i);
    }
  }
  if (starts.length < 2) return undefined;
  const entries: CfnEntry[] = [];
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k] as number;
    const to = k + 1 < starts.length ? (starts[k + 1] as number) : range.to;
    const got = entryOf(src, ls, { from, to }, indent, parsePart, meter, depth);
    if (!got) return undefined;
    entries.push(got);
  }
  const first = entries[0] as CfnEntry;
  const last = entries[entries.length - 1] as CfnEntry;
  return { t: 'map', entries, span: { start: first.keySpan.start, end: last.value.span.end }, flow: false };
}

function entryOf(
  src: string,
  ls: Lines,
  part: Part,
  indent: number,
  parsePart: PartParser,
  meter: WorkMeter,
  depth: number,
): CfnEntry | undefined {
  const headStart = ls.start[part.from] as number;
  const headEnd = ls.end[part.from] as number;
  const m = KEY_LINE.exec(src.slice(headStart + indent, headEnd));
  if (!m || m[1] === undefined) return undefined;
  const key = m[1];
  const keyStart = headStart + indent;
  const rest = src.slice(keyStart + m[0].length, headEnd).trim();
  // a long section whose value is a block map below its key: its entries one by one
  if (depth < 2 && part.to - part.from >= SPLIT_LINES && (rest === '' || rest.startsWith('#'))) {
    let body = part.from + 1;
    while (body < part.to && ls.blank[body]) body++;
    const bodyIndent = body < part.to ? (ls.indent[body] as number) : -1;
    if (bodyIndent > indent) {
      const inner = mapOf(src, ls, { from: part.from + 1, to: part.to }, bodyIndent, parsePart, meter, depth + 1);
      if (inner && !inner.entries.some((e) => e.key === 'Ref' || e.key.startsWith('Fn::') || e.key === 'Condition'))
        return { key, keySpan: { start: keyStart, end: keyStart + key.length }, value: inner };
    }
  }
  const start = headStart;
  const end = Math.min((ls.end[part.to - 1] as number) + 1, src.length);
  const text = src.slice(start, end);
  const hit = PARTS.get<CachedPart>('yaml', text);
  if (!hit) {
    const rel = parsePart(text, meter)?.entries;
    if (!rel || rel.length !== 1 || rel[0]?.key !== key) return undefined;
    // kept only where it stands (a later placement is moved from it): one copy of a part, not two
    const e = rel[0] as CfnEntry;
    const entry = start === 0 ? e : entryMoved(e, start);
    const content = {};
    origins.set(entry.value, content);
    PARTS.set('yaml', text, { content, placed: [{ at: start, entry }] } satisfies CachedPart);
    return entry;
  }
  meter.nodes += 1;
  const same = hit.placed.find((p) => p.at === start);
  if (same) return same.entry;
  const base = hit.placed[0] as { at: number; entry: CfnEntry };
  const entry = entryMoved(base.entry, start - base.at);
  origins.set(entry.value, hit.content);
  // recorded against the entry first parsed, never a chain of copies (typing on moves the parts below
  // by one more each time: a chain would keep every earlier copy alive)
  const root = movedEntries.get(base.entry);
  movedEntries.set(
    entry,
    root ? { base: root.base, by: root.by + start - base.at } : { base: base.entry, by: start - base.at },
  );
  hit.placed.unshift({ at: start, entry });
  if (hit.placed.length > 2) hit.placed.pop();
  return entry;
}

function entryMoved(e: CfnEntry, by: number): CfnEntry {
  return { key: e.key, keySpan: moved(e.keySpan, by), value: shifted(e.value, by) };
}

function moved(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

/** A copy of a part's node at its place in the document. */
export function shifted(n: CfnNode, by: number): CfnNode {
  switch (n.t) {
    case 'scalar':
    case 'opaque':
      return { ...n, span: moved(n.span, by) };
    case 'seq':
      return { ...n, span: moved(n.span, by), items: n.items.map((i) => shifted(i, by)) };
    case 'map':
      return {
        ...n,
        span: moved(n.span, by),
        entries: n.entries.map((e) => ({ key: e.key, keySpan: moved(e.keySpan, by), value: shifted(e.value, by) })),
      };
    case 'fn':
      return { ...n, span: moved(n.span, by), arg: shifted(n.arg, by) };
  }
}
