/** textDocument/hover: catalogue docs for keys, meanings for values, from the cached analysis. */
import { MarkupKind, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../engine/hover';
import type { Session } from '../lsp/session';

export function registerHover(
  connection: Connection,
  session: Session,
  documents: TextDocuments<TextDocument>,
  kind: () => MarkupKind,
): void {
  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const a = await session.analysisOf(doc);
    const h = hoverAt(a, doc.offsetAt(params.position));
    if (!h) return null;
    const k = kind();
    return {
      contents: { kind: k, value: k === MarkupKind.Markdown ? h.markdown : h.plaintext },
      range: a.lines.range(h.span),
    };
  });
}
