/** Open, change, save and close: diagnostics pushed on open and on change (debounced), cleared on close. */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Session } from '../lsp/session';

export function registerDiagnostics(session: Session, documents: TextDocuments<TextDocument>): void {
  documents.onDidOpen((e) => {
    void session.validate(e.document);
  });
  documents.onDidChangeContent((e) => {
    void session.settingsFor(e.document.uri).then((s) => {
      if (s.run === 'onType') session.schedule(e.document, s.debounceMs);
    });
  });
  documents.onDidSave((e) => {
    void session.validate(e.document);
  });
  documents.onDidClose((e) => {
    session.clear(e.document.uri);
  });
}
