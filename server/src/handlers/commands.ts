/**
 * workspace/executeCommand: `cognitoGuard.applyFixAll { uri, version? }` applies every safe fix in a
 * document through workspace/applyEdit (the edit "fix all" would make), so that an editor can bind it to a
 * command of its own. The answer says how many fixes went in, or why none did.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll } from '../engine/fixall';
import { wholeEdit } from '../lsp/convert';
import type { Session } from '../lsp/session';
import { uriToPath } from '../lsp/session';

export const APPLY_FIX_ALL = 'cognitoGuard.applyFixAll';

/** What `cognitoGuard.applyFixAll` answers. */
export interface FixAllAnswer {
  /** Fixes applied (0 when nothing was changed). */
  applied: number;
  /** Why nothing was changed, in words, when `applied` is 0. */
  reason?: string;
}

function target(args: unknown[] | undefined): { uri: string; version?: number } | undefined {
  const a = args?.[0];
  if (typeof a === 'string') return { uri: a };
  if (!a || typeof a !== 'object') return undefined;
  const { uri, version } = a as { uri?: unknown; version?: unknown };
  if (typeof uri !== 'string') return undefined;
  return typeof version === 'number' ? { uri, version } : { uri };
}

export function registerCommands(
  connection: Connection,
  session: Session,
  documents: TextDocuments<TextDocument>,
): void {
  connection.onExecuteCommand(async (params): Promise<FixAllAnswer | undefined> => {
    if (params.command !== APPLY_FIX_ALL) return undefined;
    const t = target(params.arguments);
    if (!t) return { applied: 0, reason: 'no document was named (expected { uri, version })' };
    const doc = documents.get(t.uri);
    if (!doc) return { applied: 0, reason: 'the document is not open' };
    if (t.version !== undefined && t.version !== doc.version) {
      return { applied: 0, reason: 'the document changed before the fixes could be applied; try again' };
    }
    if (!(await session.settingsFor(doc.uri)).enable)
      return { applied: 0, reason: 'Cognito Guard is turned off for this file' };
    if (await session.tooLarge(doc)) return { applied: 0, reason: 'the file is too large to be checked' };
    const a = await session.analysisOf(doc);
    const version = doc.version;
    const text = doc.getText();
    const r = fixAll(text, uriToPath(doc.uri) ?? doc.uri, await session.optionsFor(doc));
    const e = wholeEdit(a.lines, text, r.text);
    if (!e || r.applied.length === 0) {
      return { applied: 0, reason: r.refused ?? 'nothing in this file has a safe fix' };
    }
    const result = await connection.workspace.applyEdit({
      label: `Fix all safe Cognito Guard problems (${r.applied.length})`,
      edit: { documentChanges: [{ textDocument: { uri: doc.uri, version }, edits: [e] }] },
    });
    if (!result.applied) {
      return { applied: 0, reason: result.failureReason ?? 'the editor did not apply the edit' };
    }
    return { applied: r.applied.length };
  });
}
