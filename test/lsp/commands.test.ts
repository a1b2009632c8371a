/**
 * Commands through the protocol: `cognitoGuard.applyFixAll` applies every safe fix with
 * workspace/applyEdit, and "Show documentation for CGxxx" code actions for a client that can open
 * rule pages.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, LspClient, type Diag } from './harness';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Web:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [implicit]
      AllowedOAuthScopes: [openid]
      CallbackURLs: [https://example.com/cb]
      SupportedIdentityProviders: [COGNITO]
      ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
`;

interface Action {
  title: string;
  kind?: string;
  diagnostics?: Diag[];
  command?: { command: string; arguments?: unknown[] };
  edit?: unknown;
}
interface Edit {
  documentChanges: Array<{ textDocument: { uri: string; version: number }; edits: TextEdit[] }>;
}
interface TextEdit {
  range: Diag['range'];
  newText: string;
}

describe('commands', () => {
  let dir = '';
  let client: LspClient;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lsp-commands-'));
    client = new LspClient();
    client.settings = { debounceMs: 0 };
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const actions = (uri: string, diagnostics: Diag[]) =>
    client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
      context: { diagnostics },
    });

  it('declares cognitoGuard.applyFixAll, which applies the safe fixes and says how many', async () => {
    const init = (await client.initialize({ root: dir })) as {
      capabilities: { executeCommandProvider?: { commands: string[] } };
    };
    assert.deepEqual(init.capabilities.executeCommandProvider?.commands, ['cognitoGuard.applyFixAll']);
    const uri = fileUri(dir, 'template.yaml');
    const before = await client.open(uri, 'yaml', TEMPLATE);
    const ids = before.map((d) => d.code);
    assert.ok(ids.includes('CG101') && ids.includes('CG103'), ids.join(' '));

    const answer = await client.request<{ applied: number }>('workspace/executeCommand', {
      command: 'cognitoGuard.applyFixAll',
      arguments: [{ uri, version: 1 }],
    });
    assert.equal(answer.applied, 1, JSON.stringify(answer));
    assert.equal(client.applyEdits.length, 1);
    const edit = client.applyEdits[0].edit as Edit;
    assert.equal(edit.documentChanges[0].textDocument.uri, uri);
    assert.equal(edit.documentChanges[0].textDocument.version, 1, 'pinned to the version it was computed for');

    // the editor applies it: the safe fix (CG101) is in, the rest of the file is kept as it was
    const doc = TextDocument.create(uri, 'yaml', 1, TEMPLATE);
    const fixed = TextDocument.applyEdits(doc, edit.documentChanges[0].edits);
    assert.ok(fixed.includes('      PreventUserExistenceErrors: ENABLED'), fixed);
    assert.ok(fixed.startsWith(TEMPLATE.trimEnd()), 'nothing else was touched');
    const after = await client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } }, newText: fixed },
    ]);
    const left = after.map((d) => d.code);
    assert.ok(!left.includes('CG101'), left.join(' '));
    assert.ok(left.includes('CG103'), 'a fix that changes how the app signs in is left to the user');
  });

  it('changes nothing for a stale version, an unknown file, or an edit the editor refuses', async () => {
    await client.initialize({ root: dir });
    const uri = fileUri(dir, 'template.yaml');
    await client.open(uri, 'yaml', TEMPLATE);
    const run = (args: unknown[]) =>
      client.request<{ applied: number; reason?: string }>('workspace/executeCommand', {
        command: 'cognitoGuard.applyFixAll',
        arguments: args,
      });
    const stale = await run([{ uri, version: 7 }]);
    assert.equal(stale.applied, 0);
    assert.match(stale.reason ?? '', /changed/);
    const unknown = await run([{ uri: fileUri(dir, 'other.yaml') }]);
    assert.equal(unknown.applied, 0);
    assert.match(unknown.reason ?? '', /not open/);
    const none = await run([]);
    assert.match(none.reason ?? '', /no document/);
    assert.equal(client.applyEdits.length, 0, 'no edit was sent');

    client.applyEditAnswer = () => ({ applied: false, failureReason: 'read-only file' });
    const refused = await run([uri]);
    assert.equal(client.applyEdits.length, 1);
    assert.deepEqual(refused, { applied: 0, reason: 'read-only file' });
  });

  it('says why when nothing can be fixed', async () => {
    await client.initialize({ root: dir });
    const uri = fileUri(dir, 'clean.yaml');
    await client.open(uri, 'yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
    const r = await client.request<{ applied: number; reason?: string }>('workspace/executeCommand', {
      command: 'cognitoGuard.applyFixAll',
      arguments: [{ uri }],
    });
    assert.equal(r.applied, 0);
    assert.match(r.reason ?? '', /nothing in this file has a safe fix/);
    assert.equal(client.applyEdits.length, 0);
  });

  it('offers "Show documentation for CGxxx" once per rule, after the fixes, when the client opens rule pages', async () => {
    await client.initialize({ root: dir, initializationOptions: { showRuleDocs: true } });
    const uri = fileUri(dir, 'template.yaml');
    const diags = await client.open(uri, 'yaml', TEMPLATE);
    const list = await actions(uri, diags);
    const docs = list.filter((a) => a.title.startsWith('Show documentation for '));
    const rules = [...new Set(diags.map((d) => String(d.code)))].sort();
    assert.deepEqual(docs.map((a) => a.title.slice('Show documentation for '.length)).sort(), rules);
    for (const a of docs) {
      const id = a.title.slice(-5);
      assert.deepEqual(a.command, { title: a.title, command: 'cognitoGuard.showRuleDocs', arguments: [id] });
      assert.equal(a.kind, 'quickfix');
      assert.ok(a.diagnostics?.length && a.diagnostics.every((d) => d.code === id));
      assert.equal(a.edit, undefined);
    }
    const firstDoc = list.findIndex((a) => a.command);
    assert.ok(firstDoc > 0 && list.slice(0, firstDoc).every((a) => a.edit), 'the fixes come first');
    // asked for source actions only, there is none
    const only = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diags[0].range,
      context: { diagnostics: diags, only: ['source.fixAll'] },
    });
    assert.ok(!only.some((a) => a.command), JSON.stringify(only));
  });

  it('offers no documentation action to a client that did not ask for them', async () => {
    await client.initialize({ root: dir });
    const uri = fileUri(dir, 'template.yaml');
    const diags = await client.open(uri, 'yaml', TEMPLATE);
    const list = await actions(uri, diags);
    assert.ok(list.length > 0);
    assert.ok(!list.some((a) => a.command || a.title.startsWith('Show documentation')), JSON.stringify(list));
  });
});
