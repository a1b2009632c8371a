/** Shared test helpers. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis } from '../../server/src/engine/analyze';

/** The repository root, from the compiled test's location (out/test/unit). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

export function fixturePath(...parts: string[]): string {
  return path.join(ROOT, 'test', 'fixtures', ...parts);
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(fixturePath(...parts), 'utf8');
}

/** `CG005 12:5` lines (1-based line and UTF-16 column) for a rule's findings. */
export function locations(a: Analysis, ruleId?: string): string[] {
  return a.findings
    .filter((f) => !ruleId || f.ruleId === ruleId)
    .map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1}`);
}

/**
 * Analyses text with caret markers: every `|` marks where a finding must start (the markers are removed
 * before analysis). Returns the analysis and the 0-based offsets of the markers.
 */
export function withCarets(marked: string): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  for (let i = 0; i < marked.length; i++) {
    if (marked[i] === '|' && marked[i + 1] === '|') {
      text += '|';
      i++;
    } else if (marked[i] === '|') offsets.push(text.length);
    else text += marked[i];
  }
  return { text, offsets };
}

export function run(text: string, fileName: string): Analysis {
  return analyze(text, fileName);
}

/** Every `.tf` and `.tfvars` file under `dir`, sorted. */
export function tfFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tfFiles(p));
    else if (/\.(tf|tfvars)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Everything an analysis reports, fixes rendered: what two analyses that must agree are compared by. */
export function reported(a: Analysis): unknown {
  return {
    internal: a.internalErrors,
    findings: a.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      span: f.span,
      range: f.range,
      resource: f.resource,
      related: f.related,
      fixes: f.fixes.map((x) => ({
        title: x.title,
        edits: x.edits,
        safe: x.safe,
        preferred: x.preferred,
        kind: x.kind,
      })),
    })),
  };
}
