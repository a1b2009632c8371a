/**
 * Fix all: every safe fix of a file (or of one client), composed without overlapping edits, repeated
 * until nothing is left to fix, so that applying it twice gives the same text as applying it once.
 */
import { analyze, type AnalyzeOptions } from './analyze';
import type { Finding } from '../core/rule';
import { SYNTAX_RULE } from '../rules';
import type { Span } from '../core/text';
import type { Fix, TextEdit } from '../core/edits';
import { applyEdits } from '../fixes/writers';
import { FixVerifier } from './verify';

export interface AppliedFix {
  ruleId: string;
  title: string;
  /** 1-based line of the finding, in the text the fix was applied to. */
  line: number;
  resource?: string;
}

export interface FixAllResult {
  text: string;
  applied: AppliedFix[];
  /** Why nothing was done, when nothing could be (a syntax error). */
  refused?: string;
}

/** The fix `--fix` and "fix all" apply for a finding: its first safe quick fix. */
export function safeFix(f: Finding): Fix | undefined {
  return f.fixes.find((x) => x.kind === 'quickfix' && x.safe);
}

function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start; // two inserts at one point
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** Picks fixes whose edits do not touch each other, in document order. */
export function compose(
  findings: Finding[],
  pick: (f: Finding) => Fix | undefined,
): { edits: TextEdit[]; chosen: Array<[Finding, Fix]> } {
  const edits: TextEdit[] = [];
  const chosen: Array<[Finding, Fix]> = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const fix = pick(f);
    if (!fix) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue; // the same fix offered by two findings
    if (fix.edits.some((e) => edits.some((x) => overlaps(e.span, x.span)))) continue;
    seen.add(key);
    edits.push(...fix.edits);
    chosen.push([f, fix]);
  }
  return { edits, chosen };
}

const MAX_ROUNDS = 8;

export function fixAll(
  text: string,
  fileName: string,
  options: AnalyzeOptions = {},
  filter: (f: Finding) => boolean = () => true,
  pick: (f: Finding) => Fix | undefined = safeFix,
): FixAllResult {
  let current = text;
  const applied: AppliedFix[] = [];
  const first = analyze(text, fileName, options);
  if (first.findings.some((f) => f.ruleId === SYNTAX_RULE.id && f.severity === 'error')) {
    return { text, applied, refused: 'the file has a syntax error' };
  }
  const allowed = new Set(first.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId));
  let a = first;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const verifier = new FixVerifier(current, fileName, options, a);
    const choose = (f: Finding): Fix | undefined => {
      const fix = pick(f);
      return fix && verifier.ok(f, fix) ? fix : undefined;
    };
    const { edits, chosen } = compose(a.findings.filter(filter), choose);
    if (chosen.length === 0) break;
    let next = applyEdits(current, edits);
    let nextAnalysis = analyze(next, fileName, options);
    let batch = chosen;
    const broken = (x: typeof nextAnalysis): boolean =>
      x.findings.some(
        (f) =>
          (f.ruleId === SYNTAX_RULE.id && f.severity === 'error') || (f.severity !== 'info' && !allowed.has(f.ruleId)),
      );
    if (broken(nextAnalysis) && chosen.length > 1) {
      // fixes that are fine alone can clash together: take one at a time
      const one = chosen[0];
      if (!one) break;
      batch = [one];
      next = applyEdits(current, one[1].edits);
      nextAnalysis = analyze(next, fileName, options);
    }
    if (broken(nextAnalysis)) break;
    for (const [f, fix] of batch) {
      applied.push({
        ruleId: f.ruleId,
        title: fix.title,
        line: f.range.start.line + 1,
        ...(f.resource ? { resource: f.resource } : {}),
      });
    }
    current = next;
    a = nextAnalysis;
  }
  return { text: current, applied };
}
