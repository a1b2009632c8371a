/** textDocument/completion: parameter names and allowed values for the dialect of the document. */
import { CompletionItemKind, MarkupKind, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt } from '../engine/complete';
import { plain } from '../engine/hover';
import type { Session } from '../lsp/session';

export function registerCompletion(
  connection: Connection,
  session: Session,
  documents: TextDocuments<TextDocument>,
  kind: () => MarkupKind,
): void {
  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const a = await session.analysisOf(doc);
    const offset = doc.offsetAt(params.position);
    const k = kind();
    return completionsAt(a, doc.getText(), offset).map((c) => ({
      label: c.label,
      kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
      detail: c.detail,
      documentation: { kind: k, value: k === MarkupKind.Markdown ? c.documentation : plain(c.documentation) },
      textEdit: { range: { start: doc.positionAt(c.replaceFrom), end: params.position }, newText: c.insertText },
    }));
  });
}
