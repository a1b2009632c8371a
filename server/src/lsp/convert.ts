/** Our types to protocol types, with the client's capabilities in mind. */
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  MarkupKind,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Finding, Severity } from '../core/rule';
import { ruleDocUrl } from '../core/rule';
import type { TextEdit } from '../core/edits';
import type { LineIndex, Span } from '../core/text';

export const SOURCE = 'cognito-guard';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface DiagnosticData {
  ruleId: string;
  resource?: string;
  /** Offsets of the finding, to find it again in the analysis of the same version. */
  start: number;
  end: number;
}

export function toDiagnostic(f: Finding): Diagnostic {
  const data: DiagnosticData = {
    ruleId: f.ruleId,
    start: f.span.start,
    end: f.span.end,
    ...(f.resource ? { resource: f.resource } : {}),
  };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    message: f.message,
    ...(f.related?.length
      ? {
          relatedInformation: f.related.map((r) => ({
            location: { uri: pathToFileURL(r.fileName).toString(), range: r.range },
            message: r.message,
          })),
        }
      : {}),
    data,
  };
}

export function toRange(lines: LineIndex, s: Span): Range {
  return lines.range(s);
}

export function toTextEdits(lines: LineIndex, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: lines.range(e.span), newText: e.newText }));
}

/** The smallest single edit that turns `before` into `after` (for fix-all). */
export function wholeEdit(lines: LineIndex, before: string, after: string): LspTextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return { range: lines.range({ start, end: endB }), newText: after.slice(start, endA) };
}

export function markupKind(formats: string[] | undefined): MarkupKind {
  return formats && formats.length > 0 && formats[0] === MarkupKind.PlainText
    ? MarkupKind.PlainText
    : formats?.includes(MarkupKind.Markdown) || !formats
      ? MarkupKind.Markdown
      : MarkupKind.PlainText;
}
