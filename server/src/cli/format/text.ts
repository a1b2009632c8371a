/** `--format text` (the default): `path:line:col severity message [id]` grouped by file, then a summary. */
import type { Finding, Severity } from '../../core/rule';
import { displayPath, plural } from '../util';
import { counts, type Report } from './report';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export function formatText(report: Report, color: boolean): string {
  const paint = (code: string, s: string): string => (color ? code + s + RESET : s);
  const out: string[] = [];
  const all: Finding[] = [];
  let templates = 0;
  let clients = 0;
  let read = 0;
  for (const r of report.results) {
    if (!r.derived) read++;
    if (r.isTemplate) templates++;
    clients += r.model?.clients.length ?? 0;
    if (!r.findings.length) continue;
    all.push(...r.findings);
    const p = displayPath(r.fileName, report.cwd);
    for (const f of r.findings) {
      const loc = `${p}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      out.push(
        `${paint(BOLD, loc)} ${paint(COLORS[f.severity], f.severity)} ${f.message} ${paint(DIM, `[${f.ruleId}]`)}`,
      );
    }
    out.push('');
  }
  const c = counts(all);
  const summary =
    all.length === 0
      ? `No problems found in ${plural(clients, 'client')} (${plural(templates, 'template')} checked, ${plural(read, 'file')} read).`
      : `${plural(all.length, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info) in ${plural(clients, 'client')} (${plural(templates, 'template')} checked, ${plural(read, 'file')} read).`;
  out.push(all.length ? paint(BOLD, summary) : summary);
  return out.join('\n') + '\n';
}
