/**
 * Local Terraform modules seen from their caller: each client of a called module is checked with the
 * values the caller passes in, and a finding on a value the caller wrote is reported in the caller's file,
 * at that value, with the module's client as related information. What the module's own files decide is
 * reported when they are checked themselves, so no finding is reported twice.
 */
import type { ModuleCall, TemplateModel, Value } from '../core/model';
import type { Finding } from '../core/rule';
import type { LineIndex, Span } from '../core/text';
import type { BoundVariable, ModuleFile, SiblingFile } from '../parse/terraform';
import { terraformDeclarations } from '../parse/terraform';

/** The files of one called module (its folder's `.tf` and `.tf.json`), read by the caller's workspace. */
export interface ModuleSource {
  dir: string;
  files: SiblingFile[];
}

/**
 * Offsets of the caller's values inside the module's analysis are moved past any file's length, so a
 * finding's span says whose text it is in.
 */
const CALLER_BASE = 2 ** 40;

export interface ModuleAnalysis {
  findings: Finding[];
  model: TemplateModel | undefined;
  lines: LineIndex;
}

export type AnalyzeModuleFile = (
  text: string,
  fileName: string,
  extra: { moduleFiles: ModuleFile[]; bound: ReadonlyMap<string, BoundVariable> },
) => ModuleAnalysis;

/** Findings in the caller's file from every local module call whose files the caller was given. */
export function moduleCallFindings(
  calls: readonly ModuleCall[],
  sources: Readonly<Record<string, ModuleSource>>,
  callerLines: LineIndex,
  analyzeFile: AnalyzeModuleFile,
): Finding[] {
  const out: Finding[] = [];
  for (const call of calls) {
    const src = Object.prototype.hasOwnProperty.call(sources, call.name) ? sources[call.name] : undefined;
    if (!src) continue;
    const bound = new Map<string, BoundVariable>();
    for (const a of call.args)
      bound.set(a.name, { value: shift(a.value, CALLER_BASE), origin: `\`${a.name}\` of module.${call.name}` });
    const decls = src.files.map((f) => terraformDeclarations(f.text, f.fileName));
    for (const [i, f] of src.files.entries()) {
      const moduleFiles = decls.filter((_, j) => j !== i);
      const sub = analyzeFile(f.text, f.fileName, { moduleFiles, bound });
      for (const sf of sub.findings) {
        if (sf.span.start < CALLER_BASE) continue; // the module's own text: reported where it is checked
        const span = { start: sf.span.start - CALLER_BASE, end: sf.span.end - CALLER_BASE };
        const client = sub.model?.clients.find((c) => c.name === sf.resource);
        const address = client ? `module.${call.name}.${client.type}.${client.name}` : `module.${call.name}`;
        out.push(
          Object.defineProperty(
            {
              ruleId: sf.ruleId,
              severity: sf.severity,
              message: `${sf.message} (in ${address})`,
              span,
              range: callerLines.range(span),
              ...(sf.resource ? { resource: sf.resource } : {}),
              related: client
                ? [
                    {
                      fileName: f.fileName,
                      range: sub.lines.range(client.nameSpan),
                      message: `${address}, the client this value is passed to`,
                    },
                  ]
                : [],
            },
            // a fix would edit the module for one caller; the caller's own value is changed by hand for now
            'fixes',
            { value: [], enumerable: true, writable: true, configurable: true },
          ) as Finding,
        );
      }
    }
  }
  return out;
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
