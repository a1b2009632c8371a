/**
 * The extension tests, run inside VS Code by suite/index.ts: activation, diagnostics on a Terraform
 * file, a hover, and a quick fix applied through `vscode.executeCodeActionProvider`. They run in order
 * on one scratch workspace (a copy of test/e2e/vscode/workspace/).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { param } from '../../../../server/src/catalog';

export interface Test {
  name: string;
  fn: () => Promise<void>;
}
export const tests: Test[] = [];
function test(name: string, fn: () => Promise<void>): void {
  tests.push({ name, fn });
}

const EXTENSION_ID = 'cognito-guard.cognito-guard';
const SOURCE = 'cognito-guard';
const TIMEOUT_MS = 60_000;

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code was started without the scratch workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Polls `get` until `ok` accepts its value; fails with the last value after the timeout. */
async function waitFor<T>(what: string, get: () => T, ok: (value: T) => boolean, timeoutMs = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}
function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}
/** Position of the first occurrence of `needle` in the document. */
function positionOf(doc: vscode.TextDocument, needle: string): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not found in ${doc.uri.fsPath}`);
  return doc.positionAt(at);
}

const MAIN_TF = 'main.tf';
const PUE = param('preventUserExistenceErrors');
const LEGACY_LINE = `${PUE.tf ?? ''} = "LEGACY"`;

test('the extension activates when a Terraform file is opened', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const doc = await vscode.workspace.openTextDocument(workspaceFile(MAIN_TF));
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'terraform');
  await waitFor('activation', () => extension.isActive, Boolean);
});

test('diagnostics appear on main.tf at the right lines and severities', async () => {
  const uri = workspaceFile(MAIN_TF);
  const doc = await vscode.workspace.openTextDocument(uri);
  const diagnostics = await waitFor(
    'a CG101 diagnostic',
    () => ours(uri),
    (ds) => ds.some((d) => codeOf(d) === 'CG101'),
  );
  const cg101 = diagnostics.find((d) => codeOf(d) === 'CG101');
  assert.ok(cg101);
  assert.equal(cg101.range.start.line, positionOf(doc, LEGACY_LINE).line);
  assert.equal(cg101.severity, vscode.DiagnosticSeverity.Warning);
  const cg005 = diagnostics.find((d) => codeOf(d) === 'CG005');
  assert.ok(cg005, `no CG005 among ${diagnostics.map(codeOf).join(', ')}`);
  assert.equal(cg005.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(cg005.range.start.line, positionOf(doc, 'access_token_validity = 48').line);
});

test('hovering a parameter name explains it and names the CloudFormation property', async () => {
  const uri = workspaceFile(MAIN_TF);
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = positionOf(doc, LEGACY_LINE).translate(0, 3);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
  const text = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
  assert.ok(text.includes(PUE.doc.summary), `hover lacks the summary: ${text}`);
  assert.ok(text.includes(`${PUE.cfn ?? ''}\` in CloudFormation`), `hover lacks the CloudFormation name: ${text}`);
});

test('the CG101 quick fix from vscode.executeCodeActionProvider sets ENABLED', async () => {
  const uri = workspaceFile(MAIN_TF);
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = positionOf(doc, LEGACY_LINE).line;
  const cg101 = ours(uri).find((d) => codeOf(d) === 'CG101');
  assert.ok(cg101, 'no CG101 diagnostic');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    cg101.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const titles = actions.map((a) => a.title);
  // The command's results do not carry their diagnostics: the preferred action at the CG101 range is its fix.
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, `no preferred fix among: ${titles.join(' | ')}`);
  assert.match(fix.title, new RegExp(`${PUE.tf ?? ''}.*ENABLED`));
  assert.ok(
    titles.some((t) => /^Ignore CG101 for web\b/.test(t)),
    `no ignore action: ${titles.join(' | ')}`,
  );
  assert.ok(fix.edit, `the fix "${fix.title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit refused the fix');
  assert.match(doc.lineAt(line).text, new RegExp(`${PUE.tf ?? ''}\\s*=\\s*"ENABLED"`));
  await waitFor(
    'the CG101 diagnostic to go',
    () => ours(uri).map(codeOf),
    (codes) => !codes.includes('CG101'),
  );
});
