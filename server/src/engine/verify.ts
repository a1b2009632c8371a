/**
 * A fix is offered only when it keeps its promise: applied to the text, the document still parses, the
 * finding it fixes is gone, and no error or warning of a rule that did not fire before on the same client
 * appears (and no more findings of the fixed rule on that client). Checked by analysing the fixed text, so this runs
 * where fixes are offered (code actions, --fix, JSON and SARIF output), not on every keystroke.
 */
import { analyze, type Analysis, type AnalyzeOptions } from './analyze';
import type { Finding } from '../core/rule';
import { SYNTAX_RULE } from '../rules';
import type { Fix } from '../core/edits';
import { applyEdits } from '../fixes/writers';

/** The error and warning rules that fire, per client (and '' for findings outside any client). */
function serious(a: Analysis): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const f of a.findings) {
    if (f.severity === 'info') continue;
    const k = f.resource ?? '';
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(f.ruleId);
  }
  return m;
}

function countOn(a: Analysis, ruleId: string, resource: string | undefined): number {
  return a.findings.filter((f) => f.ruleId === ruleId && f.resource === resource).length;
}

export class FixVerifier {
  private readonly cache = new Map<string, Analysis>();
  private readonly before: Map<string, Set<string>>;

  constructor(
    private readonly text: string,
    private readonly fileName: string,
    private readonly options: AnalyzeOptions,
    private readonly analysis: Analysis,
  ) {
    this.before = serious(analysis);
  }

  private analyse(text: string): Analysis {
    let a = this.cache.get(text);
    if (!a) {
      a = analyze(text, this.fileName, this.options);
      this.cache.set(text, a);
    }
    return a;
  }

  /**
   * The fix as it may be offered: unchanged, not at all (it breaks its promise), or, for a fix that
   * reveals findings the broken setting hid, as a fix that is no longer safe, whose title says what it
   * brings out.
   */
  check(f: Finding, fix: Fix): Fix | undefined {
    const after = this.analyse(applyEdits(this.text, fix.edits));
    if (after.findings.some((x) => x.ruleId === SYNTAX_RULE.id && x.severity === 'error')) return undefined;
    if (countOn(after, f.ruleId, f.resource) >= countOn(this.analysis, f.ruleId, f.resource)) return undefined;
    const added = new Set<string>();
    for (const [resource, ids] of serious(after)) {
      const had = this.before.get(resource);
      for (const id of ids) if (!had?.has(id)) added.add(id);
    }
    if (added.size === 0) return fix;
    if (!fix.reveals) return undefined;
    return { ...fix, safe: false, title: `${fix.title} (then reported by ${[...added].sort().join(', ')})` };
  }

  /** Keeps its promise as it is (fix-all and --fix apply only such fixes). */
  ok(f: Finding, fix: Fix): boolean {
    return this.check(f, fix) === fix;
  }

  /** The findings with only the fixes that keep their promise. */
  findings(): Finding[] {
    return this.analysis.findings.map((f) =>
      f.fixes.length
        ? { ...f, fixes: f.fixes.map((x) => this.check(f, x)).filter((x): x is Fix => x !== undefined) }
        : f,
    );
  }
}

export function verifiedFindings(text: string, fileName: string, options: AnalyzeOptions, a: Analysis): Finding[] {
  return new FixVerifier(text, fileName, options, a).findings();
}
