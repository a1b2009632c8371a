/**
 * What every writer needs to know about the text it edits: its line breaks and indentation unit, line
 * and column arithmetic, and the removal of one element of a comma-separated sequence (JSON, HCL tuples,
 * YAML flow collections). Nothing here knows a dialect.
 */
import type { Span } from '../../core/text';
import type { TextEdit } from '../../core/edits';

export class Text {
  private eolCache: string | undefined;
  private unitCache: string | undefined;

  constructor(readonly src: string) {}

  /** The file's line break. */
  get eol(): string {
    this.eolCache ??= this.src.includes('\r\n') ? '\r\n' : '\n';
    return this.eolCache;
  }

  /** The file's indentation unit: a tab, four spaces or two spaces. */
  get unit(): string {
    const src = this.src;
    this.unitCache ??=
      /^(\t)/m.test(src) && !/^ {2}/m.test(src) ? '\t' : /^ {4}\S/m.test(src) && !/^ {2}\S/m.test(src) ? '    ' : '  ';
    return this.unitCache;
  }

  lineStart(o: number): number {
    let p = o;
    while (p > 0 && this.src[p - 1] !== '\n' && this.src[p - 1] !== '\r') p--;
    return p;
  }

  /** End of the line's content (before its line break). */
  lineEnd(o: number): number {
    let p = o;
    while (p < this.src.length && this.src[p] !== '\n' && this.src[p] !== '\r') p++;
    return p;
  }

  /** Start of the next line (after the line break), or the end of the text. */
  nextLine(o: number): number {
    const e = this.lineEnd(o);
    if (this.src[e] === '\r' && this.src[e + 1] === '\n') return e + 2;
    return e < this.src.length ? e + 1 : e;
  }

  indentAt(o: number): string {
    const s = this.lineStart(o);
    return /^[ \t]*/.exec(this.src.slice(s, o))?.[0] ?? '';
  }

  /** Column of `o` within its line, in code units. */
  column(o: number): number {
    return o - this.lineStart(o);
  }

  /** Only white space between the line start and `o`? */
  aloneBefore(o: number): boolean {
    return this.src.slice(this.lineStart(o), o).trim() === '';
  }

  /** Skips spaces and tabs (and comments, in HCL) forward on the same line. */
  skipSpace(o: number): number {
    let p = o;
    while (p < this.src.length && (this.src[p] === ' ' || this.src[p] === '\t')) p++;
    return p;
  }

  /** The next character that is not white space or a line break, with its offset. */
  nextSignificant(o: number, comments: boolean): number {
    let p = o;
    for (;;) {
      while (p < this.src.length && /\s/.test(this.src[p] ?? '')) p++;
      if (comments && (this.src[p] === '#' || (this.src[p] === '/' && this.src[p + 1] === '/'))) {
        p = this.lineEnd(p);
        continue;
      }
      return p;
    }
  }

  /** The previous character that is not white space, with its offset (comments are not skipped). */
  prevSignificant(o: number): number {
    let p = o - 1;
    while (p >= 0 && /\s/.test(this.src[p] ?? '')) p--;
    return p;
  }

  /** Is the rest of the line after `o` only white space or a comment? */
  restIsEmpty(o: number): boolean {
    const rest = this.src.slice(o, this.lineEnd(o)).trim();
    return rest === '' || rest.startsWith('#') || rest.startsWith('//');
  }
}

let lastText: Text | undefined;

/** One Text per source (the fixes of one analysis share it). */
export function textOf(src: string): Text {
  if (lastText?.src !== src) lastText = new Text(src);
  return lastText;
}

/**
 * Removes one element of a comma-separated sequence (JSON, HCL tuples, YAML flow collections), with the
 * comma that belongs to it. `comments`: `#` and `//` comments may sit between the elements (HCL).
 */
export function removeSeparated(t: Text, item: Span, others: Span[], comments: boolean): TextEdit {
  const after = t.nextSignificant(item.end, comments);
  const hasCommaAfter = t.src[after] === ',';
  const isLast = !others.some((o) => o.start > item.start);
  const isFirst = !others.some((o) => o.start < item.start);
  if (t.aloneBefore(item.start)) {
    // The item starts its own line: remove whole lines, and the comma that belonged to it.
    if (hasCommaAfter && t.restIsEmpty(after + 1)) {
      return { span: { start: t.lineStart(item.start), end: t.nextLine(after) }, newText: '' };
    }
    if (!hasCommaAfter && t.restIsEmpty(item.end) && !isFirst) {
      // the last item without a trailing comma: drop the previous item's comma too
      const prevComma = t.prevSignificant(t.lineStart(item.start));
      if (t.src[prevComma] === ',') {
        return { span: { start: prevComma, end: t.lineEnd(item.end) }, newText: '' };
      }
    }
    if (!hasCommaAfter && t.restIsEmpty(item.end)) {
      return { span: { start: t.lineStart(item.start), end: t.nextLine(item.end) }, newText: '' };
    }
  }
  if (hasCommaAfter && !isLast) {
    return { span: { start: item.start, end: t.skipSpace(after + 1) }, newText: '' };
  }
  if (!isFirst) {
    const prevComma = t.prevSignificant(item.start);
    if (t.src[prevComma] === ',')
      return { span: { start: prevComma, end: hasCommaAfter ? after : item.end }, newText: '' };
  }
  // the only item
  return { span: { start: item.start, end: hasCommaAfter ? after + 1 : item.end }, newText: '' };
}

/**
 * Appends an item to a bracketed, comma-separated list as it is laid out: on a line of its own with the
 * same indentation and comma style in a multi-line list, after a comma and a space otherwise.
 */
export function appendSeparated(t: Text, list: Span, items: Span[], text: string, comments: boolean): TextEdit[] {
  const src = t.src;
  const last = items[items.length - 1];
  if (!last) {
    const close = src.lastIndexOf(']', list.end);
    return [{ span: { start: close, end: close }, newText: text }];
  }
  const after = t.nextSignificant(last.end, comments);
  const trailingComma = src[after] === ',';
  if (t.aloneBefore(last.start)) {
    const indent = t.indentAt(last.start);
    if (trailingComma) {
      return [{ span: { start: t.lineEnd(after), end: t.lineEnd(after) }, newText: `${t.eol}${indent}${text},` }];
    }
    return [{ span: { start: last.end, end: last.end }, newText: `,${t.eol}${indent}${text}` }];
  }
  if (trailingComma) return [{ span: { start: after + 1, end: after + 1 }, newText: ` ${text},` }];
  return [{ span: { start: last.end, end: last.end }, newText: `, ${text}` }];
}

/** Removes an entry that has lines of its own (HCL arguments and blocks, YAML block entries). */
export function removeLines(t: Text, entry: Span): TextEdit[] {
  const start = t.aloneBefore(entry.start) ? t.lineStart(entry.start) : entry.start;
  const end = t.restIsEmpty(entry.end) ? t.nextLine(entry.end) : entry.end;
  return [{ span: { start, end }, newText: '' }];
}

/** Renames a key, keeping its quotes. */
export function renameQuoted(t: Text, key: Span, name: string): TextEdit[] {
  const old = t.src.slice(key.start, key.end);
  const q = old.startsWith('"') ? '"' : old.startsWith("'") ? "'" : '';
  return [{ span: key, newText: `${q}${name}${q}` }];
}
