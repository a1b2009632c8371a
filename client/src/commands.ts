/**
 * The commands a user finds in the palette, the context menu and the quick-fix menu: fix all safe
 * problems in the file (through the server's `cognitoGuard.applyFixAll`), and show a rule's page. Rule
 * pages ship inside the extension (docs/rules) and open in the Markdown preview, so they work offline.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, State, type LanguageClient } from 'vscode-languageclient/node';

export const FIX_ALL_COMMAND = 'cognitoGuard.fixAll';
export const SHOW_RULE_DOCS_COMMAND = 'cognitoGuard.showRuleDocs';
/** Declared by the server (server/src/handlers/commands.ts). */
const APPLY_FIX_ALL = 'cognitoGuard.applyFixAll';
/** The rule pages inside the extension. */
const RULE_PAGES = 'docs/rules';
const RULE_ID = /^CG\d{3}$/;

export function registerCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  output: vscode.LogOutputChannel,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(FIX_ALL_COMMAND, () => fixAll(client, output)),
    vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (id?: unknown) =>
      showRuleDocs(context.extensionUri, typeof id === 'string' ? id : undefined),
    ),
  ];
}

async function fixAll(client: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage('Cognito Guard: open a template to fix its problems.');
    return;
  }
  if (client.state !== State.Running) {
    void vscode.window.showWarningMessage('Cognito Guard: the language server is not running; see the output.');
    return;
  }
  const args = { uri: client.code2ProtocolConverter.asUri(doc.uri), version: doc.version };
  try {
    const answer = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: APPLY_FIX_ALL,
      arguments: [args],
    })) as { applied?: number; reason?: string } | null;
    const applied = answer?.applied ?? 0;
    const name = vscode.workspace.asRelativePath(doc.uri);
    if (applied > 0) {
      output.info(`${name}: applied ${applied} safe ${applied === 1 ? 'fix' : 'fixes'}.`);
      vscode.window.setStatusBarMessage(`Cognito Guard: applied ${applied} ${applied === 1 ? 'fix' : 'fixes'}`, 5000);
    } else {
      void vscode.window.showInformationMessage(
        `Cognito Guard: nothing fixed in ${name}: ${answer?.reason ?? 'no answer'}.`,
      );
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.error(`Fix all failed: ${message}`);
    void vscode.window.showErrorMessage(`Cognito Guard could not fix the file: ${message}`);
  }
}

interface RulePage {
  id: string;
  title: string;
  uri: vscode.Uri;
}

/** The bundled rule pages, with the title of each ("CG103: implicit-grant"). */
async function rulePages(root: vscode.Uri): Promise<RulePage[]> {
  const dir = vscode.Uri.joinPath(root, RULE_PAGES);
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const pages: RulePage[] = [];
  for (const [name] of entries) {
    const id = name.replace(/\.md$/, '');
    if (!RULE_ID.test(id)) continue;
    const uri = vscode.Uri.joinPath(dir, name);
    const head = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).split('\n', 1)[0];
    pages.push({ id, title: head.replace(/^#\s*/, '') || id, uri });
  }
  return pages.sort((a, b) => a.id.localeCompare(b.id));
}

async function showRuleDocs(root: vscode.Uri, id: string | undefined): Promise<void> {
  let pages: RulePage[];
  try {
    pages = await rulePages(root);
  } catch {
    void vscode.window.showErrorMessage('Cognito Guard: the rule pages are missing from this installation.');
    return;
  }
  let page = id === undefined ? undefined : pages.find((p) => p.id === id.toUpperCase());
  if (id !== undefined && !page) {
    void vscode.window.showWarningMessage(`Cognito Guard has no rule ${id}.`);
    return;
  }
  if (!page) {
    const picked = await vscode.window.showQuickPick(
      pages.map((p) => ({ label: p.id, description: p.title.replace(/^CG\d{3}:\s*/, ''), page: p })),
      { placeHolder: 'Show the documentation of a rule', matchOnDescription: true },
    );
    page = picked?.page;
  }
  if (page) await vscode.commands.executeCommand('markdown.showPreview', page.uri);
}
