/**
 * textDocument/semanticTokens/full for Terraform: colours from the HCL lexer (parse/hcl-highlight.ts).
 * Offered only to a client that asks for it at initialize (`highlightTerraform`): the VS Code extension
 * asks when no other extension brings a Terraform grammar, so it never competes with one.
 */
import { SemanticTokensBuilder, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { HIGHLIGHT_KINDS, highlightHcl } from '../parse/hcl-highlight';

export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...HIGHLIGHT_KINDS], tokenModifiers: [] as string[] };

/** The language ids that get colours, as the client names them in `initializationOptions.highlightTerraform`. */
export const HIGHLIGHT_LANGUAGES = ['terraform', 'terraform-vars'];

/** Past this size a document gets no colours (lexing it would hold up the server). */
const MAX_CHARS = 8 * 1024 * 1024;

/** The tokens of `text` in the protocol's encoding: one token per line piece, since VS Code wants no multi-line tokens. */
export function semanticTokensOf(doc: TextDocument): number[] {
  const text = doc.getText();
  if (text.length > MAX_CHARS) return [];
  const builder = new SemanticTokensBuilder();
  for (const h of highlightHcl(text)) {
    const type = HIGHLIGHT_KINDS.indexOf(h.kind);
    let at = h.start;
    while (at < h.end) {
      let e = at;
      while (e < h.end && text[e] !== '\n' && text[e] !== '\r') e++;
      if (e > at) {
        const p = doc.positionAt(at);
        builder.push(p.line, p.character, e - at, type, 0);
      }
      at = e;
      while (at < h.end && (text[at] === '\n' || text[at] === '\r')) at++;
    }
  }
  return builder.build().data;
}

export function registerSemanticTokens(connection: Connection, documents: TextDocuments<TextDocument>): void {
  connection.languages.semanticTokens.on((params) => {
    const doc = documents.get(params.textDocument.uri);
    return { data: doc ? semanticTokensOf(doc) : [] };
  });
}
