/**
 * Terraform modules seen from their callers. Each client of a called module is checked with the values
 * the caller passes in; a finding on a value the caller wrote is reported in the caller's file, at that
 * value, with the module's client as related information, and its fix edits the caller. Calls nest (a
 * module calling a module): the workspace hands over the nested sources, bounded and without cycles,
 * and a finding climbs one level per call until it reaches the file that wrote the value.
 *
 * Offsets say whose text a value is in: a caller's values are moved up by `CALLER_BASE` per level when
 * they enter a module's analysis, so level 0 is the module's own text, level 1 its caller's, and so on.
 */
import type { Dialect, ModuleCall, TemplateModel, Value } from '../core/model';
import type { Container } from '../core/model';
import type { NeutralEdit } from '../core/edits';
import type { Finding, RelatedLocation } from '../core/rule';
import * as path from 'node:path';
import { lineIndexOf, type LineIndex, type Span } from '../core/text';
import type { WorkMeter } from '../core/work';
import type { BoundVariable, ModuleFile, SiblingFile } from '../parse/terraform';
import { terraformDeclarations, terraformModel } from '../parse/terraform';

/** The files of one called module (its folder's `.tf` and `.tf.json`), read by the caller's workspace. */
export interface ModuleSource {
  dir: string;
  files: SiblingFile[];
  /** The modules each of these files calls in turn (by file name, then by module block name). */
  calls?: Readonly<Record<string, Readonly<Record<string, ModuleSource>>>>;
}

/** A file that calls the analysed file's folder as a module, with what reading its values needs. */
export interface CallerFile {
  fileName: string;
  text: string;
  /** The names of its module blocks that call the folder. */
  callNames: string[];
  tfvars: SiblingFile[];
  moduleFiles: ModuleFile[];
}

/** The text of a file that calls a module, for rendering fixes of its values. Innermost caller first. */
export interface CallerText {
  text: string;
  dialect: Dialect;
}

/**
 * How far one level of calling moves offsets: past the length of any file a module analysis reads (a
 * longer caller's module calls are not followed). Small enough that every level's offsets (eight nested
 * calls at most) stay small integers for the JavaScript engine, which keeps span objects fast.
 */
export const CALLER_BASE = 2 ** 27;

/** Which file an offset is in: 0 the analysed file, 1 its caller, 2 the caller's caller... */
export function levelOf(offset: number): number {
  return Math.floor(offset / CALLER_BASE);
}

export interface ModuleAnalysis {
  findings: Finding[];
  model: TemplateModel | undefined;
  lines: LineIndex;
}

export type AnalyzeModuleFile = (
  text: string,
  fileName: string,
  extra: {
    moduleFiles: ModuleFile[];
    bound: ReadonlyMap<string, BoundVariable>;
    modules?: Readonly<Record<string, ModuleSource>>;
    callers: CallerText[];
  },
  /** The call's label (`module.auth["x"]`), naming the run for `ModuleRuns`. */
  label: string,
) => ModuleAnalysis;

/**
 * A module file checked with one call's values is the same analysis seen from the caller (its findings
 * at the caller's values) and from the module file (what the values bring out there): a run that checks
 * both files keeps it here between the two, so each call is analysed once. An entry is taken out when
 * the other side uses it; the oldest go first past the bound.
 */
export class ModuleRuns {
  /** By module text, then caller text (the same string objects across calls, so hashed once), then the rest. */
  private readonly runs = new Map<string, Map<string, Map<string, ModuleAnalysis>>>();
  private size = 0;
  private static readonly MAX = 2000;
  /** Each configuration object's settings as text: the same settings are the same key. */
  private readonly settings = new WeakMap<object, string>();

  private readonly models = new Map<string, Map<string, TemplateModel>>();

  /** A caller's model, built once per text in a run (each module it calls reads the same values). */
  callerModel(fileName: string, text: string, make: () => TemplateModel): TemplateModel {
    let byFile = this.models.get(text);
    if (!byFile) this.models.set(text, (byFile = new Map()));
    let m = byFile.get(fileName);
    if (!m) {
      if (this.models.size > ModuleRuns.MAX) this.models.clear();
      byFile.set(fileName, (m = make()));
      this.models.set(text, byFile);
    }
    return m;
  }

  /** The analysis of `moduleFile` with the values of call `label` in `callerFile` (both texts as given). */
  run(
    parts: { moduleFile: string; moduleText: string; callerFile: string; callerText: string; label: string },
    config: object,
    make: () => ModuleAnalysis,
  ): ModuleAnalysis {
    // the same settings, however they were built (each file's configuration is its own object)
    let settings = this.settings.get(config);
    if (settings === undefined) this.settings.set(config, (settings = JSON.stringify(config)));
    const key = `${parts.moduleFile}\u0000${parts.callerFile}\u0000${parts.label}\u0000${settings}`;
    let byCaller = this.runs.get(parts.moduleText);
    if (!byCaller) this.runs.set(parts.moduleText, (byCaller = new Map()));
    let byKey = byCaller.get(parts.callerText);
    if (!byKey) byCaller.set(parts.callerText, (byKey = new Map()));
    const hit = byKey.get(key);
    if (hit) {
      byKey.delete(key);
      this.size--;
      return hit;
    }
    const made = make();
    if (this.size >= ModuleRuns.MAX) {
      this.runs.clear(); // a run that never comes back for them: start again rather than grow
      this.size = 0;
      byKey = new Map();
      const fresh = new Map([[parts.callerText, byKey]]);
      this.runs.set(parts.moduleText, fresh);
    }
    byKey.set(key, made);
    this.size++;
    return made;
  }
}

/** What a finding that climbed out of a module keeps, so the next level up can name the whole path. */
interface Origin {
  message: string;
  /** The client's addresses inside the module it was found in (`aws_cognito_user_pool_client.c`). */
  addresses: string[];
  client?: { fileName: string; range: RelatedLocation['range'] };
}
/**
 * A fact the engine keeps on a finding for its own use, under a symbol: invisible to JSON and to the
 * protocol, and far cheaper than a WeakMap for the thousands of findings of a module run.
 */
function findingNote<T>(name: string): { get(f: Finding): T | undefined; set(f: Finding, v: T): void } {
  const key = Symbol(name);
  return {
    get: (f) => (f as unknown as Record<symbol, T | undefined>)[key],
    set: (f, v) => {
      (f as unknown as Record<symbol, T>)[key] = v;
    },
  };
}

const origins = findingNote<Origin>('origin');

/**
 * Findings made on several instances of one repeated client and merged into one: their message before the
 * instances were named, and the instances (so a caller names them inside its own addresses).
 */
export const instanceNames = findingNote<{ message: string; names: string[] }>('instances');

/** Instances named in one message; past it "and N more". */
const MAX_NAMED = 4;

/** Findings in the caller's file from every module call whose files the caller was given. */
export function moduleCallFindings(
  calls: readonly ModuleCall[],
  sources: Readonly<Record<string, ModuleSource>>,
  callerLines: LineIndex,
  analyzeFile: AnalyzeModuleFile,
  callers: CallerText[],
): Finding[] {
  const out: Finding[] = [];
  for (const call of calls) {
    const src = Object.prototype.hasOwnProperty.call(sources, call.name) ? sources[call.name] : undefined;
    if (!src) continue;
    const runs = call.instances ?? [{ key: '', args: call.args }];
    const decls = src.files.map((f) => terraformDeclarations(f.text, f.fileName));
    /** One finding per rule, place and problem, with every instance of the call it applies to. */
    const merged = new Map<string, { first: Finding; origin: Origin; addresses: string[] }>();
    for (const run of runs) {
      const bound = new Map<string, BoundVariable>();
      const label = `module.${call.name}${run.key}`;
      for (const a of run.args)
        bound.set(a.name, { value: shift(a.value, CALLER_BASE), origin: `\`${a.name}\` of ${label}` });
      for (const [i, f] of src.files.entries()) {
        const moduleFiles = decls.filter((_, j) => j !== i);
        const nested = src.calls?.[f.fileName];
        const sub = analyzeFile(
          f.text,
          f.fileName,
          {
            moduleFiles,
            bound,
            ...(nested ? { modules: nested } : {}),
            callers,
          },
          label,
        );
        for (const sf of sub.findings) {
          if (sf.span.start < CALLER_BASE) continue; // the module's own text: reported where it is checked
          const inner = origins.get(sf);
          const client = inner ? undefined : sub.model?.clients.find((c) => c.name === sf.resource);
          const each = instanceNames.get(sf);
          const origin: Origin = inner ?? {
            message: each ? each.message : sf.message,
            addresses: each ? each.names : client ? [`${client.type}.${client.name}`] : [],
            ...(client ? { client: { fileName: f.fileName, range: sub.lines.range(client.nameSpan) } } : {}),
          };
          const here = origin.addresses.length ? origin.addresses.map((a) => `${label}.${a}`) : [label];
          const key = `${sf.ruleId}\u0000${sf.span.start}\u0000${sf.span.end}\u0000${origin.message}`;
          const seen = merged.get(key);
          if (!seen) merged.set(key, { first: sf, origin, addresses: here });
          else for (const a of here) if (!seen.addresses.includes(a)) seen.addresses.push(a);
        }
      }
    }
    for (const { first, origin, addresses } of merged.values()) {
      const span = { start: first.span.start - CALLER_BASE, end: first.span.end - CALLER_BASE };
      const f = restated(
        first,
        {
          message: `${origin.message} (in ${named(addresses)})`,
          span,
          range: callerLines.range(span),
          related: origin.client
            ? [{ ...origin.client, message: `${addresses[0]}, the client this value is passed to` }]
            : [],
        },
        // rendered in the file that wrote the value (analyze's `render` at the finding's level)
        () => first.fixes,
      );
      origins.set(f, { ...origin, addresses });
      out.push(f);
    }
  }
  return out;
}

/**
 * What the callers' values bring out in a module's own file: the file is checked once per call (and per
 * instance of a repeated call) with that call's arguments bound, and a finding in its own text that the
 * file checked alone does not have is reported, naming the call, with the call as related information.
 * Values a caller takes from its own caller stay unknown (one level up is followed from this side).
 */
export function asCalledFindings(
  callers: readonly CallerFile[],
  own: readonly Finding[],
  lines: LineIndex,
  meter: WorkMeter,
  analyzeAs: (
    bound: () => ReadonlyMap<string, BoundVariable>,
    callers: CallerText[],
    call: { callerFile: string; callerText: string; label: string },
  ) => ModuleAnalysis,
  runs?: ModuleRuns,
): Finding[] {
  const have = new Set(own.map((f) => `${f.ruleId}\u0000${f.span.start}\u0000${f.span.end}`));
  const merged = new Map<string, { first: Finding; calls: string[]; related: RelatedLocation[] }>();
  for (const c of callers) {
    if (c.text.length >= CALLER_BASE) continue; // its offsets would not fit a level
    const build = (): TemplateModel => terraformModel(c.text, c.fileName, c.tfvars, meter, c.moduleFiles);
    const model = runs ? runs.callerModel(c.fileName, c.text, build) : build();
    const callerLines = lineIndexOf(c.text);
    for (const call of model.moduleCalls ?? []) {
      if (!c.callNames.includes(call.name)) continue;
      for (const run of call.instances ?? [{ key: '', args: call.args }]) {
        const label = `module.${call.name}${run.key}`;
        const bound = (): Map<string, BoundVariable> => {
          const b = new Map<string, BoundVariable>();
          for (const a of run.args)
            b.set(a.name, { value: shift(a.value, CALLER_BASE), origin: `\`${a.name}\` of ${label}` });
          return b;
        };
        const sub = analyzeAs(bound, [{ text: c.text, dialect: model.dialect }], {
          callerFile: c.fileName,
          callerText: c.text,
          label,
        });
        for (const sf of sub.findings) {
          if (levelOf(sf.span.start) !== 0) continue; // at the caller's value: reported in the caller
          const key = `${sf.ruleId}\u0000${sf.span.start}\u0000${sf.span.end}`;
          if (have.has(key)) continue; // the file alone says it already
          const where = `${label} in ${path.basename(c.fileName)}`;
          const seen = merged.get(key);
          if (seen) {
            if (!seen.calls.includes(where)) seen.calls.push(where);
            continue;
          }
          merged.set(key, {
            first: sf,
            calls: [where],
            related: [
              {
                fileName: c.fileName,
                range: callerLines.range(call.nameSpan),
                message: `${label}, the call whose values bring this out`,
              },
            ],
          });
        }
      }
    }
  }
  const out: Finding[] = [];
  for (const { first, calls, related } of merged.values()) {
    out.push(
      restated(
        first,
        {
          message: `${first.message} (with the values of ${named(calls)})`,
          span: first.span,
          range: lines.range(first.span),
          related,
        },
        // a fix here edits this file for every caller: offered one by one, never applied unasked
        () => first.fixes.map((x) => ({ ...x, safe: false })),
      ),
    );
  }
  return out;
}

/** A list of names for a message: the first few, then how many more. */
function named(names: readonly string[]): string {
  return names.length > MAX_NAMED
    ? `${names.slice(0, MAX_NAMED).join(', ')} and ${names.length - MAX_NAMED} more`
    : names.join(', ');
}

/** A finding of a module's analysis said again in another file or context; its fixes stay lazy. */
function restated(
  first: Finding,
  at: Pick<Finding, 'message' | 'span' | 'range' | 'related'>,
  fixes: () => Finding['fixes'],
): Finding {
  return {
    ruleId: first.ruleId,
    severity: first.severity,
    ...at,
    ...(first.resource ? { resource: first.resource } : {}),
    get fixes(): Finding['fixes'] {
      return fixes();
    },
  };
}

/**
 * The edits of a fix moved into the file they belong to: all at `level` (the finding's), shifted down to
 * that file's offsets. Undefined when an edit touches another file (a fix for a caller's value that would
 * edit the module, or the reverse) or cannot be moved.
 */
export function editsAtLevel(edits: NeutralEdit[], level: number): NeutralEdit[] | undefined {
  const by = -level * CALLER_BASE;
  const out: NeutralEdit[] = [];
  const spans: Span[] = [];
  const s = (x: Span): Span => {
    spans.push(x);
    return shiftSpan(x, by);
  };
  const c = (x: Container): Container => {
    spans.push({ start: x.open, end: x.close });
    return {
      ...x,
      open: x.open + by,
      close: x.close + by,
      owner: x.owner + by,
      entries: x.entries.map((e) => shiftSpan(e, by)),
    };
  };
  for (const e of edits) {
    switch (e.op) {
      case 'replace':
        out.push({ ...e, target: s(e.target) });
        break;
      case 'replaceValue':
        spans.push({ start: e.indentOf, end: e.indentOf });
        out.push({ ...e, target: s(e.target), indentOf: e.indentOf + by });
        break;
      case 'removeItem':
        out.push({ ...e, list: s(e.list), item: s(e.item), items: e.items.map(s) });
        break;
      case 'addItem':
        out.push({ ...e, list: s(e.list), items: e.items.map(s) });
        break;
      case 'renameKey':
        out.push({ ...e, key: s(e.key) });
        break;
      case 'removeEntry':
        out.push({ ...e, entry: s(e.entry), ...(e.container ? { container: c(e.container) } : {}) });
        break;
      case 'addProp':
        out.push({ ...e, container: c(e.container) });
        break;
      case 'addDependency':
        if (level !== 0) return undefined; // names a resource of the module's own file
        out.push(e);
        break;
    }
  }
  return spans.every((x) => levelOf(x.start) === level && levelOf(x.end) === level) ? out : undefined;
}

function shiftSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

/** A copy of a value with every offset moved by `by`. */
export function shift(v: Value, by: number, depth = 0): Value {
  if (depth > 64) return { k: 'unknown', span: shiftSpan(v.span, by), why: 'a value nested too deeply' };
  switch (v.k) {
    case 'scalar':
      return { ...v, span: shiftSpan(v.span, by) };
    case 'list':
      return { ...v, span: shiftSpan(v.span, by), items: v.items.map((i) => shift(i, by, depth + 1)) };
    case 'map':
      return {
        ...v,
        span: shiftSpan(v.span, by),
        entries: v.entries.map((e) => ({
          key: e.key,
          keySpan: shiftSpan(e.keySpan, by),
          value: shift(e.value, by, depth + 1),
        })),
      };
    case 'alt':
      return { ...v, span: shiftSpan(v.span, by), options: v.options.map((o) => shift(o, by, depth + 1)) };
    case 'unknown': {
      const { refs, ...rest } = v;
      // references to the caller's resources mean nothing inside the module
      void refs;
      const { ref, ...plain } = rest;
      void ref;
      return { ...plain, span: shiftSpan(v.span, by) };
    }
    case 'absent':
      return { ...v, span: shiftSpan(v.span, by) };
  }
}
