/** Open, change, save and close: diagnostics pushed on open and on change (debounced), cleared on close. */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Session } from '../lsp/session';

export function registerDiagnostics(session: Session, documents: TextDocuments<TextDocument>): void {
  // TextDocuments reports an open as a content change too: the first version is checked at once,
  // later ones as the user types (debounced) or on save, as the settings say.
  documents.onDidChangeContent((e) => {
    const first = !session.opened.has(e.document.uri);
    session.opened.add(e.document.uri);
    void session.settingsFor(e.document.uri).then((s) => {
      if (first) void session.validate(e.document);
      else if (s.run === 'onType') session.schedule(e.document, s.debounceMs);
      if (!first && s.run === 'onType') session.siblingsChanged(e.document.uri, s.debounceMs);
    });
  });
  documents.onDidSave((e) => {
    void session.settingsFor(e.document.uri).then((s) => {
      if (s.run === 'onSave') {
        void session.validate(e.document);
        session.siblingsChanged(e.document.uri, 0);
      }
    });
  });
  documents.onDidClose((e) => {
    session.clear(e.document.uri);
    session.siblingsChanged(e.document.uri, 0); // the disk's text of it applies again
  });
}
