/** Offsets, positions and ranges. Offsets are indices into the JavaScript string (UTF-16 code units). */

/** A half-open offset range `[start, end)` into the document text. */
export interface Span {
  start: number;
  end: number;
}

/** A zero-based line and UTF-16 character, as the Language Server Protocol counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Line indexes of recent short texts: a module's file checked for each of its calls is indexed once. */
const INDEXES = new Map<string, LineIndex>();
const INDEXES_MAX = 64;
const INDEXED_MAX_TEXT = 64_000;

/** The line index of a text, shared with the other analyses of the same (short) text. */
export function lineIndexOf(text: string): LineIndex {
  if (text.length > INDEXED_MAX_TEXT) return new LineIndex(text);
  let hit = INDEXES.get(text);
  if (hit) return hit;
  hit = new LineIndex(text);
  INDEXES.set(text, hit);
  if (INDEXES.size > INDEXES_MAX) INDEXES.delete(INDEXES.keys().next().value as string);
  return hit;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/**
 * Maps offsets to positions. Lines end at `\n`, `\r\n` or a lone `\r` (as LSP defines them), so CRLF
 * files and a leading BOM do not shift columns: a BOM is simply the first code unit of line 0.
 */
export class LineIndex {
  /** Where each line starts (a typed array: a long document has many lines, one per keystroke). */
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    // the usual file has no \r: the native search for \n is several times faster than a loop over code units
    if (text.indexOf('\r') === -1) {
      let n = 1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
      const starts = new Int32Array(n);
      let k = 1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
      this.starts = starts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = Int32Array.from(starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))] ?? 0;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (this.starts[lo] ?? 0) };
  }

  offset(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(pos.line);
    const next = pos.line + 1 < this.starts.length ? (this.starts[pos.line + 1] ?? this.text.length) : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }

  range(s: Span): Range {
    return { start: this.position(s.start), end: this.position(s.end) };
  }
}
