/** `--format sarif`: SARIF 2.1.0 with every rule, results with UTF-16 columns, and fixes. */
import type { Severity } from '../../core/rule';
import { ruleDocUrl } from '../../core/rule';
import { RULES, SYNTAX_RULE } from '../../rules';
import { displayPath } from '../util';
import { version } from '../../workspace/version';
import { oneBased, type Report } from './report';

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(report: Report): string {
  const ruleList = [SYNTAX_RULE, ...RULES];
  const results = report.results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleList.findIndex((x) => x.id === f.ruleId),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      ...(f.fixes.some((x) => x.kind === 'quickfix')
        ? {
            fixes: f.fixes
              .filter((x) => x.kind === 'quickfix')
              .map((x) => ({
                description: { text: x.title },
                artifactChanges: [
                  {
                    artifactLocation: { uri: encodeURI(displayPath(r.fileName, report.cwd)) },
                    replacements: x.edits.map((e) => {
                      const g = oneBased(r, e.span);
                      return {
                        deletedRegion: {
                          startLine: g.start.line,
                          startColumn: g.start.column,
                          endLine: g.end.line,
                          endColumn: g.end.column,
                        },
                        insertedContent: { text: e.newText },
                      };
                    }),
                  },
                ],
              })),
          }
        : {}),
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(displayPath(r.fileName, report.cwd)) },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
      ...(f.related?.length
        ? {
            relatedLocations: f.related.map((x, id) => ({
              id,
              physicalLocation: {
                artifactLocation: { uri: encodeURI(displayPath(x.fileName, report.cwd)) },
                region: {
                  startLine: x.range.start.line + 1,
                  startColumn: x.range.start.character + 1,
                  endLine: x.range.end.line + 1,
                  endColumn: x.range.end.character + 1,
                },
              },
              message: { text: x.message },
            })),
          }
        : {}),
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cognito-guard',
            version: version(),
            informationUri: 'https://github.com/cognito-guard/cognito-guard',
            rules: ruleList.map((x) => ({
              id: x.id,
              name: x.name,
              shortDescription: { text: x.summary },
              helpUri: ruleDocUrl(x.id),
              defaultConfiguration: { level: SARIF_LEVEL[x.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
