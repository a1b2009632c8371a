/**
 * The language server as an editor sees it: the real process over stdio, a real JSON-RPC client.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyLspEdits, fileUri, LspClient, type Diag } from './harness';

const TF = `resource "aws_cognito_user_pool_client" "web" {
  name                          = "web"
  user_pool_id                  = "us-east-1_abc"
  prevent_user_existence_errors = "LEGACY"
  access_token_validity         = 2
  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"]
  enable_token_revocation       = false
}
`;

const YAML = `Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      PreventUserExistanceErrors: ENABLED
      AllowedOAuthFlows: [implicit]
`;

const JSON_TEMPLATE = JSON.stringify(
  {
    Resources: {
      Client: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: { UserPoolId: 'us-east-1_abc', AuthSessionValidity: 99, PreventUserExistenceErrors: 'ENABLED' },
      },
    },
  },
  null,
  2,
);

function codes(d: Diag[]): string[] {
  return [...new Set(d.map((x) => x.code))].sort();
}

describe('language server over stdio', () => {
  let dir = '';
  let client: LspClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lsp-'));
    client = new LspClient();
    client.settings = { debounceMs: 0 };
    const init = await client.initialize({ root: dir });
    const caps = init.capabilities as Record<string, unknown>;
    assert.ok(caps.hoverProvider);
    assert.ok(caps.codeActionProvider);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes fully identified diagnostics for Terraform, with a status notification', async () => {
    const uri = fileUri(dir, 'main.tf');
    const status = client.nextStatus(uri);
    const d = await client.open(uri, 'terraform', TF);
    assert.deepEqual(codes(d), ['CG101', 'CG102', 'CG104', 'CG106', 'CG202', 'CG203', 'CG204']);
    const legacy = d.find((x) => x.code === 'CG101');
    assert.ok(legacy);
    assert.equal(legacy.source, 'cognito-guard');
    assert.equal(legacy.severity, 2);
    assert.deepEqual(legacy.range.start, { line: 3, character: 34 });
    assert.match(legacy.codeDescription?.href ?? '', /docs\/rules\/CG101\.md$/);
    assert.doesNotMatch(legacy.message, /CG101/);
    assert.ok(legacy.data);
    const s = await status;
    assert.equal(s.isTemplate, true);
    assert.equal(s.clients, 1);
  });

  it('reads CloudFormation YAML and JSON', async () => {
    const y = await client.open(fileUri(dir, 'stack.yaml'), 'yaml', YAML);
    assert.ok(codes(y).includes('CG001'));
    assert.ok(codes(y).includes('CG103'));
    const j = await client.open(fileUri(dir, 'stack.json'), 'json', JSON_TEMPLATE);
    assert.deepEqual(
      j.filter((x) => x.severity === 1).map((x) => x.code),
      ['CG004'],
    );
  });

  it('does not treat other YAML as a template, and says why', async () => {
    const uri = fileUri(dir, 'compose.yaml');
    const status = client.nextStatus(uri);
    const d = await client.open(uri, 'yaml', 'services:\n  web:\n    image: nginx\n');
    assert.deepEqual(d, []);
    const s = await status;
    assert.equal(s.isTemplate, false);
    assert.match(String(s.reason), /no AWS::Cognito::UserPoolClient/);
  });

  it('hovers over a parameter, a duration and an enum value', async () => {
    const uri = fileUri(dir, 'main.tf');
    const key = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 3, character: 5 },
    });
    assert.equal(key.contents.kind, 'markdown');
    assert.match(key.contents.value, /\*\*prevent_user_existence_errors\*\*/);
    assert.match(key.contents.value, /`PreventUserExistenceErrors` in CloudFormation/);
    assert.match(key.contents.value, /registry\.terraform\.io/);
    const duration = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 4, character: 35 },
    });
    assert.match(
      duration.contents.value,
      /\*\*2 hours\*\* \(hours is the default unit\)\. Allowed in hours: 1 to 24 hours\./,
    );
    const value = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 5, character: 60 },
    });
    assert.match(value.contents.value, /ALLOW_USER_PASSWORD_AUTH/);
    const none = await client.request<unknown>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 8, character: 0 },
    });
    assert.equal(none, null);
  });

  it('offers quick fixes; applying one clears its diagnostic', async () => {
    const uri = fileUri(dir, 'main.tf');
    const d = client.diagnostics.get(uri)?.diagnostics ?? [];
    const target = d.find((x) => x.code === 'CG101');
    assert.ok(target);
    const actions = await client.request<
      Array<{
        title: string;
        kind: string;
        isPreferred?: boolean;
        edit: {
          documentChanges: Array<{
            textDocument: { version: number };
            edits: Array<{ range: Diag['range']; newText: string }>;
          }>;
        };
      }>
    >('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, actions.map((a) => a.title).join('; '));
    assert.match(fix.title, /ENABLED/);
    assert.ok(actions.some((a) => /^Ignore CG101/.test(a.title)));
    const change = fix.edit.documentChanges[0];
    assert.ok(change);
    assert.equal(change.textDocument.version, 1, 'edits are pinned to the version');
    const after = await client.change(uri, change.edits, (x) => !x.some((y) => y.code === 'CG101'));
    assert.ok(!after.some((x) => x.code === 'CG101'));
    assert.ok(
      after.some((x) => x.code === 'CG102'),
      'other findings stay',
    );
  });

  it('in Terraform JSON, Ignore writes a "//" member that silences the rule', async () => {
    const uri = fileUri(dir, 'ignore.tf.json');
    const text = JSON.stringify(
      {
        resource: {
          aws_cognito_user_pool_client: {
            web: { name: 'web', user_pool_id: 'us-east-1_abc', enable_token_revocation: false },
          },
        },
      },
      null,
      2,
    );
    const d = await client.open(uri, 'json', text);
    const target = d.find((x) => x.code === 'CG102');
    assert.ok(target, JSON.stringify(d));
    const actions = await client.request<
      Array<{
        title: string;
        edit: { documentChanges: Array<{ edits: Array<{ range: Diag['range']; newText: string }> }> };
      }>
    >('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } });
    const ignore = actions.find((a) => a.title === 'Ignore CG102 for web');
    assert.ok(ignore, actions.map((a) => a.title).join('; '));
    const edits = ignore.edit.documentChanges[0]?.edits ?? [];
    assert.deepEqual(
      edits.map((e) => e.newText),
      ['"//": "cognito-guard-ignore CG102",\n        '],
    );
    const after = await client.change(uri, edits, (x) => !x.some((y) => y.code === 'CG102'));
    assert.ok(!after.some((x) => x.code === 'CG102'));
    assert.ok(
      after.some((x) => x.code === 'CG101'),
      'other rules still report',
    );
  });

  it('source.fixAll.cognitoGuard fixes every safe problem and honours context.only', async () => {
    const uri = fileUri(dir, 'fixall.tf');
    const d = await client.open(uri, 'terraform', TF);
    const only = await client.request<
      Array<{
        kind: string;
        edit: { documentChanges: Array<{ edits: Array<{ range: Diag['range']; newText: string }> }> };
      }>
    >('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: d, only: ['source.fixAll'] },
    });
    assert.equal(only.length, 1);
    assert.equal(only[0]?.kind, 'source.fixAll.cognitoGuard');
    const edits = only[0]?.edit.documentChanges[0]?.edits ?? [];
    const fixed = applyLspEdits(TF, edits);
    assert.match(fixed, /prevent_user_existence_errors = "ENABLED"/);
    assert.match(fixed, /enable_token_revocation {7}= true/);
    assert.match(fixed, /ALLOW_USER_PASSWORD_AUTH/, 'fixes that change what apps do are not applied by fix all');
    const quick = await client.request<Array<{ kind: string }>>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.ok(quick.every((a) => a.kind === 'quickfix'));
  });

  it('completes parameter names and allowed values', async () => {
    const uri = fileUri(dir, 'complete.tf');
    const text =
      'resource "aws_cognito_user_pool_client" "c" {\n  name = "c"\n  user_pool_id = "a_b"\n  prevent_user_existence_errors = \n  expl\n}\n';
    await client.open(uri, 'terraform', text);
    const values = await client.request<Array<{ label: string }>>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 3, character: 34 },
    });
    assert.deepEqual(values.map((v) => v.label).sort(), ['ENABLED', 'LEGACY']);
    const names = await client.request<Array<{ label: string; documentation: { value: string } }>>(
      'textDocument/completion',
      {
        textDocument: { uri },
        position: { line: 4, character: 6 },
      },
    );
    const flows = names.find((n) => n.label === 'explicit_auth_flows');
    assert.ok(flows);
    assert.match(flows.documentation.value, /ALLOW_USER_SRP_AUTH/);
    assert.ok(!names.some((n) => n.label === 'name'), 'names already present are not offered');
  });

  it('a settings change re-validates with the new severities', async () => {
    const uri = fileUri(dir, 'main.tf');
    client.settings = { debounceMs: 0, rules: { CG102: 'off', CG104: 'error' } };
    const wait = client.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'CG102'));
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const d = await wait;
    assert.equal(d.find((x) => x.code === 'CG104')?.severity, 1);
    client.settings = { debounceMs: 0 };
  });

  it('reads .cognito-guard.json and reloads it when it changes', async () => {
    const cfg = path.join(dir, '.cognito-guard.json');
    fs.writeFileSync(cfg, '{"rules": {"CG203": "off", "CG204": "off"}}');
    const uri = fileUri(dir, 'main.tf');
    const wait = client.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'CG203'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fileUri(cfg), type: 1 }],
    });
    const d = await wait;
    assert.ok(!d.some((x) => x.code === 'CG204'));
    fs.writeFileSync(cfg, '{"rules": ');
    const broken = client.nextDiagnostics(fileUri(cfg), (x) => x.length === 1);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fileUri(cfg), type: 2 }],
    });
    const problems = await broken;
    assert.match(problems[0]?.message ?? '', /not valid JSON/);
    fs.rmSync(cfg);
  });

  it('clears diagnostics on close', async () => {
    const uri = fileUri(dir, 'stack.yaml');
    const wait = client.nextDiagnostics(uri, (d) => d.length === 0);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual(await wait, []);
  });
});

describe('language server for editors that push their settings', () => {
  it('takes settings from didChangeConfiguration when it cannot ask for them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lsp-push-'));
    const client = new LspClient();
    try {
      await client.initialize({ root: dir, configuration: false });
      const uri = fileUri(dir, 'main.tf');
      const first = await client.open(uri, 'terraform', TF);
      assert.ok(first.some((x) => x.code === 'CG101'));
      const wait = client.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'CG101'));
      await client.conn.sendNotification('workspace/didChangeConfiguration', {
        settings: { cognitoGuard: { rules: { CG101: 'off' } } },
      });
      const d = await wait;
      assert.ok(d.some((x) => x.code === 'CG102'));
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server for plain-text editors', () => {
  it('answers hovers in plain text when the editor does not take markdown', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lsp-plain-'));
    const client = new LspClient();
    try {
      client.settings = { debounceMs: 0 };
      await client.initialize({ markdown: false, root: dir });
      const uri = fileUri(dir, 'main.tf');
      await client.open(uri, 'terraform', TF);
      const h = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 3, character: 5 },
      });
      assert.equal(h.contents.kind, 'plaintext');
      assert.doesNotMatch(h.contents.value, /\*\*|`/);
      assert.match(h.contents.value, /prevent_user_existence_errors/);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
