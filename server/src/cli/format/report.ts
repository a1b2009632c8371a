/** What every output format reports on, and the helpers they share. */
import type { Analysis } from '../../engine/analyze';
import type { Finding, Severity } from '../../core/rule';
import type { Span } from '../../core/text';
import { RULES, SYNTAX_RULE } from '../../rules';

/** The analyses of one run, and the folder their paths are shown relative to. */
export interface Report {
  results: Analysis[];
  cwd: string;
}

export function counts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function ruleMeta(id: string): { id: string; name: string; summary: string; defaultSeverity: Severity } {
  const r = id === SYNTAX_RULE.id ? SYNTAX_RULE : RULES.find((x) => x.id === id);
  return r ?? { id, name: id, summary: '', defaultSeverity: 'warning' };
}

/** A 1-based line/column range (columns in UTF-16 code units). */
export function oneBased(
  a: Analysis,
  s: Span,
): { start: { line: number; column: number }; end: { line: number; column: number } } {
  const r = a.lines.range(s);
  return {
    start: { line: r.start.line + 1, column: r.start.character + 1 },
    end: { line: r.end.line + 1, column: r.end.character + 1 },
  };
}
