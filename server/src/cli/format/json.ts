/** `--format json`: files, clients and findings with 1-based ranges and their fixes (README, "JSON"). */
import { ruleDocUrl } from '../../core/rule';
import { displayPath } from '../util';
import { version } from '../../workspace/version';
import { counts, oneBased, ruleMeta, type Report } from './report';

export function formatJson(report: Report): string {
  const files = report.results
    .filter((r) => r.isTemplate || r.findings.length)
    .map((r) => ({
      path: displayPath(r.fileName, report.cwd),
      dialect: r.model?.dialect ?? null,
      flavor: r.model?.flavor ?? null,
      reason: r.reason,
      clients: (r.model?.clients ?? []).map((c) => ({
        type: c.type,
        name: c.name,
        ...(c.instance !== undefined ? { instance: c.instance } : {}),
        ...(c.planned ? { address: c.planned.address } : {}),
      })),
      findings: r.findings.map((f) => ({
        ruleId: f.ruleId,
        ruleName: ruleMeta(f.ruleId).name,
        severity: f.severity,
        message: f.message,
        resource: f.resource ?? null,
        range: {
          start: { line: f.range.start.line + 1, column: f.range.start.character + 1 },
          end: { line: f.range.end.line + 1, column: f.range.end.character + 1 },
        },
        helpUri: ruleDocUrl(f.ruleId),
        ...(f.related?.length
          ? {
              related: f.related.map((x) => ({
                path: displayPath(x.fileName, report.cwd),
                range: {
                  start: { line: x.range.start.line + 1, column: x.range.start.character + 1 },
                  end: { line: x.range.end.line + 1, column: x.range.end.character + 1 },
                },
                message: x.message,
              })),
            }
          : {}),
        fixes: f.fixes
          .filter((x) => x.kind === 'quickfix')
          .map((x) => ({
            title: x.title,
            safe: x.safe,
            preferred: x.preferred,
            edits: x.edits.map((e) => ({ range: oneBased(r, e.span), newText: e.newText })),
          })),
      })),
    }));
  const all = report.results.flatMap((r) => r.findings);
  const c = counts(all);
  return (
    JSON.stringify(
      {
        version: 1,
        tool: { name: 'cognito-guard', version: version() },
        files,
        summary: {
          filesRead: report.results.filter((r) => !r.derived).length,
          templates: report.results.filter((r) => r.isTemplate).length,
          clients: report.results.reduce((n, r) => n + (r.model?.clients.length ?? 0), 0),
          errors: c.error,
          warnings: c.warning,
          info: c.info,
        },
      },
      null,
      2,
    ) + '\n'
  );
}
