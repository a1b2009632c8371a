/**
 * Per-client rule results kept between analyses of the same file, so that a keystroke re-runs the rules
 * only of the clients it changed. A rule's result for a client is kept when the rule read nothing but
 * the client and the settings (it never touched the file's model: no pools, outputs or other
 * resources). It is used again when the client, in the next text, is the same as before apart from
 * where it stands: every field equal, every offset moved by the same amount. The findings are then the
 * same ones moved by that amount; their fixes are made, when asked for, by running the rule again.
 *
 * A rule that reads the model says which parts of it (`Rule.reads`): its result is kept too, and used
 * again while, besides the client, those parts have the same text as before (each moved at most) and
 * the model's scope is the same. Its findings in a part move with the part.
 */
import type { ClientResource } from '../core/model';
import type { Span } from '../core/text';
import type { Rule, Severity } from '../core/rule';
import type { TemplateModel } from '../core/model';
import { OFFSET_FIELDS, partRead, sameLineage } from '../core/moved';

/** What one rule reported on one client, offsets relative to the client's start. */
export interface KeptReport {
  severity: Severity | undefined;
  start: number;
  end: number;
  message: string;
  absence: boolean;
  /** Offsets relative to this part of what the rule reads (its index in `Rule.reads`); the client when -1. */
  anchor: number;
}

/** A rule's reports on a client, and the check that made them (kept only while it is the same check). */
export interface KeptRule {
  check: unknown;
  reports: KeptReport[];
  /** It read the model: used again only while what it read is as it was (`ClientResults.parts`). */
  readModel?: true;
}

/**
 * The parts of the model one rule reads, in one analysis: where they stand, the parser's parts they were
 * read from (when known), and whether they are as in the last analysis.
 */
export interface ReadParts {
  spans: readonly Span[];
  from: ReadonlyArray<{ part: object; at: number } | undefined>;
  same: boolean;
}

/** The text of a model and what its model-reading rules read in it. */
interface KeptModel {
  text: string;
  scope: string;
  /** By rule id. */
  parts: Map<string, ReadParts>;
}

interface KeptClient {
  client: ClientResource;
  base: number;
  /** By rule id; a rule that read the model (or threw) has no entry. */
  rules: Map<string, KeptRule>;
}

interface KeptFile {
  settings: string;
  clients: Map<string, KeptClient>;
  /** Absent when the results of the model-reading rules were not kept. */
  model?: KeptModel;
}

/** Files whose results are kept (the most recently analysed last). */
const MAX_FILES = 8;
const files = new Map<string, KeptFile>();

/** Forgets every kept result (the benchmark measures cold analyses). */
export function clearClientCache(): void {
  files.clear();
}

/** A client's identity within a file: the same resource in the next text. */
function identity(c: ClientResource): string {
  return `${c.type}\u0000${c.name}\u0000${c.instance ?? ''}`;
}

/**
 * The results of one analysis of a file being built, and those of the previous one to take from.
 * `settings` is everything besides the clients that rules read (the configuration), as a string.
 */
export class ClientResults {
  private readonly previous: KeptFile | undefined;
  private readonly next: KeptFile;
  private readonly seen = new Set<string>();
  private readonly read = new Map<string, ReadParts>();

  /**
   * `text` and `model`: this analysis's. The results of rules that read the model are kept only when the
   * model's scope is known and the file has no syntax error (where the parser's recovery may read a
   * part differently from its text alone).
   */
  constructor(
    private readonly fileName: string,
    settings: string,
    text: string,
    private readonly model: TemplateModel,
  ) {
    const old = files.get(fileName);
    this.previous = old && old.settings === settings ? old : undefined;
    const scope = model.syntaxErrors.length === 0 ? model.scope : undefined;
    this.next = {
      settings,
      clients: new Map(),
      ...(scope !== undefined ? { model: { text, scope, parts: new Map() } } : {}),
    };
  }

  /** Can what a rule that reads the model reported be kept? */
  get keepsModel(): boolean {
    return this.next.model !== undefined;
  }

  /**
   * The parts of the model `rule` reads (`Rule.reads`), and whether each has the same text as in the
   * last analysis, under the same scope (then what the rule reported is the same, moved with them).
   * Worked out once per rule and analysis.
   */
  parts(rule: Rule): ReadParts | undefined {
    const now = this.next.model;
    if (!now || !rule.reads) return undefined;
    let r = this.read.get(rule.id);
    if (r) return r;
    const read = rule.reads(this.model);
    r = { spans: read.map((p) => p.span), from: read.map((p) => partRead(p)), same: false };
    const before = this.previous?.model;
    const old = before && before.scope === now.scope ? before.parts.get(rule.id) : undefined;
    r.same = !!old && sameParts(before?.text ?? '', old, now.text, r);
    this.read.set(rule.id, r);
    now.parts.set(rule.id, r);
    return r;
  }

  /**
   * What can be used again for this client: rule id to its reports (relative offsets), or undefined.
   * Also starts keeping this client's results for the next analysis.
   */
  begin(client: ClientResource): { reuse: Map<string, KeptRule> | undefined; keep: Map<string, KeptRule> } {
    const id = identity(client);
    const keep = new Map<string, KeptRule>();
    // two clients with the same identity (a duplicated key): keep nothing for either
    if (this.seen.has(id)) {
      this.next.clients.delete(id);
      return { reuse: undefined, keep };
    }
    this.seen.add(id);
    const old = this.previous?.clients.get(id);
    const reuse = old && unchanged(old, client) ? old.rules : undefined;
    this.next.clients.set(id, { client, base: client.span.start, rules: keep });
    return { reuse, keep };
  }

  /** Keeps this analysis's results for the next one. */
  finish(): void {
    files.delete(this.fileName);
    files.set(this.fileName, this.next);
    for (const k of files.keys()) {
      if (files.size <= MAX_FILES) break;
      files.delete(k);
    }
  }
}

/**
 * Is `client` the kept one, moved at most? The same object, or a copy of the same object the parser's
 * model made (core/moved.ts) moved by the distance between them, is known to be; any other is compared
 * field by field.
 */
function unchanged(old: KeptClient, client: ClientResource): boolean {
  if (sameLineage(old.client, client, client.span.start - old.base)) return true;
  return sameMoved(old.client, client, old.base, client.span.start);
}

/** A report kept relative to the start of what it stands in (the client, or part `anchor` of what the rule read). */
export function keptReport(
  span: Span,
  base: number,
  message: string,
  severity: Severity | undefined,
  absence: boolean,
  anchor = -1,
): KeptReport {
  return { severity, start: span.start - base, end: span.end - base, message, absence, anchor };
}

function lineStart(text: string, at: number): number {
  return at <= 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
}

/**
 * Do the parts `now` in `text` have the texts of those `old` in `oldText`, one for one? Read from the
 * same part of the parser, moved as far as they stand apart, they do; else their texts are compared,
 * each from the start of its first line (in YAML where a key stands on its line matters too).
 */
function sameParts(oldText: string, old: ReadParts, text: string, now: ReadParts): boolean {
  if (old.spans.length !== now.spans.length) return false;
  for (let i = 0; i < now.spans.length; i++) {
    const a = old.spans[i] as Span;
    const b = now.spans[i] as Span;
    const pa = old.from[i];
    const pb = now.from[i];
    if (pa && pb && pa.part === pb.part && pb.at - pa.at === b.start - a.start && b.end - a.end === b.start - a.start)
      continue;
    const la = lineStart(oldText, a.start);
    const lb = lineStart(text, b.start);
    if (a.end - la !== b.end - lb || a.start - la !== b.start - lb) return false;
    if (!text.startsWith(oldText.slice(la, a.end), lb)) return false;
  }
  return true;
}

const MAX_DEPTH = 40;

/**
 * Is `b` (standing at `baseB`) the same as `a` (at `baseA`) in everything but its place: the same
 * fields and values, offsets moved by `baseB - baseA`? Catalogue entries and other shared objects are
 * the same object; anything this cannot compare (a function, a cycle, very deep nesting) counts as
 * different.
 */
export function sameMoved(a: unknown, b: unknown, baseA: number, baseB: number): boolean {
  return same(a, b, baseA, baseB, 0, false);
}

function same(a: unknown, b: unknown, baseA: number, baseB: number, depth: number, offset: boolean): boolean {
  if (offset && typeof a === 'number') return typeof b === 'number' && a - baseA === b - baseB;
  // one object in both: equal where nothing moved (else its offsets are compared like any other)
  if (a === b && (baseA === baseB || typeof a !== 'object' || a === null)) return true;
  if (typeof a !== typeof b || typeof a !== 'object' || a === null || b === null) return false;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i], baseA, baseB, depth + 1, false)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // plain objects only (checked above): for-in sees their own keys, and allocates nothing
  let n = 0;
  for (const k in ra) {
    n++;
    if (!Object.hasOwn(rb, k)) return false;
    // the catalogue entry a property matched is shared: the same object or different
    if (k === 'param') {
      if (ra[k] !== rb[k]) return false;
      continue;
    }
    if (!same(ra[k], rb[k], baseA, baseB, depth + 1, OFFSET_FIELDS.has(k))) return false;
  }
  for (const k in rb) {
    void k;
    n--;
  }
  return n === 0;
}
