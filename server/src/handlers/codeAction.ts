/**
 * textDocument/codeAction: a quick fix per diagnostic (the obvious one preferred), "ignore CGxxx for
 * this resource", "fix all in this client", "Show documentation for CGxxx" (when the client can open
 * rule pages) and `source.fixAll.cognitoGuard`. Edits are pinned to the document version they were
 * computed for; `context.only` is honoured.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, safeFix } from '../engine/fixall';
import { FixVerifier } from '../engine/verify';
import type { Fix } from '../core/edits';
import { SOURCE, toTextEdits, wholeEdit, type DiagnosticData } from '../lsp/convert';
import type { Session } from '../lsp/session';
import { uriToPath } from '../lsp/session';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cognitoGuard`;
/** Run by the client (never by the server) with a rule id: opens that rule's page. */
export const SHOW_RULE_DOCS = 'cognitoGuard.showRuleDocs';

function wanted(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export function registerCodeActions(
  connection: Connection,
  session: Session,
  documents: TextDocuments<TextDocument>,
): void {
  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || (await session.tooLarge(doc))) return [];
    const a = await session.analysisOf(doc);
    const only = params.context.only;
    const version = doc.version;
    const text = doc.getText();
    const out: CodeAction[] = [];
    const file = uriToPath(doc.uri) ?? doc.uri;
    const options = await session.optionsFor(doc);
    const verifier = new FixVerifier(text, file, options, a);
    const edit = (edits: ReturnType<typeof toTextEdits>) => ({
      documentChanges: [{ textDocument: { uri: doc.uri, version }, edits }],
    });
    if (wanted(only, CodeActionKind.QuickFix)) {
      const clientsWithFixAll = new Set<string>();
      for (const d of params.context.diagnostics) {
        if (d.source !== SOURCE) continue;
        const data = d.data as DiagnosticData | undefined;
        const f = a.findings.find(
          (x) =>
            x.ruleId === d.code &&
            (data ? x.span.start === data.start && x.span.end === data.end : true) &&
            x.message === d.message,
        );
        if (!f) continue;
        let preferredGiven = false;
        for (const fix of f.fixes.filter((x) => verifier.ok(f, x))) {
          const isPreferred = fix.kind === 'quickfix' && fix.preferred && !preferredGiven;
          if (isPreferred) preferredGiven = true;
          out.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            ...(isPreferred ? { isPreferred: true } : {}),
            edit: edit(toTextEdits(a.lines, fix.edits)),
          });
        }
        if (f.resource) clientsWithFixAll.add(f.resource);
      }
      for (const resource of clientsWithFixAll) {
        const fixable = a.findings.filter((f) => f.resource === resource && safeFix(f));
        if (fixable.length < 2) continue;
        const r = fixAll(text, file, options, (f) => f.resource === resource);
        const e = wholeEdit(a.lines, text, r.text);
        if (!e) continue;
        out.push({
          title: `Fix all safe problems in ${resource} (${r.applied.length})`,
          kind: CodeActionKind.QuickFix,
          edit: edit([e]),
        });
      }
      if (session.canShowRuleDocs) out.push(...docActions(params.context.diagnostics));
    }
    if (wanted(only, FIX_ALL_KIND) && (only || a.findings.some((f) => safeFix(f)))) {
      const r = fixAll(text, file, options);
      const e = wholeEdit(a.lines, text, r.text);
      if (e)
        out.push({
          title: `Fix all safe cognito-guard problems (${r.applied.length})`,
          kind: FIX_ALL_KIND,
          edit: edit([e]),
        });
    }
    return out;
  });
}

/** "Show documentation for CGxxx", once per rule among our diagnostics, after the fixes. */
function docActions(diagnostics: Diagnostic[]): CodeAction[] {
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.source !== SOURCE || typeof d.code !== 'string') continue;
    const list = byRule.get(d.code) ?? [];
    list.push(d);
    byRule.set(d.code, list);
  }
  return [...byRule].map(([id, ds]) => {
    const title = `Show documentation for ${id}`;
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: ds,
      command: { title, command: SHOW_RULE_DOCS, arguments: [id] },
    };
  });
}

export type { Fix };
