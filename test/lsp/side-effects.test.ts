/**
 * No side effects: the language server runs under a sandbox preload (sandbox-preload.ts, through
 * NODE_OPTIONS=--require) that makes network connections, child processes, worker threads and file
 * reads outside an allow-list throw and records every attempt. The allow-list is the workspace folder
 * this test creates and the repository's own files needed to load the server (node_modules, out/, bin/,
 * package.json). The test opens documents in every dialect (with tfvars beside the Terraform file and a
 * .cognito-guard.json in the workspace), hovers, completes, asks for code actions and fix-all, edits,
 * changes the configuration file, closes; then no attempt may have been recorded and the server must
 * have answered everything. A first test shows that the sandbox does catch each kind of attempt.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, LspClient, ROOT, type Diag } from './harness';

const PRELOAD = path.join(__dirname, 'sandbox-preload.js');

function sandboxEnv(log: string, allow: string[]): NodeJS.ProcessEnv {
  const options = [process.env.NODE_OPTIONS ?? '', `--require ${JSON.stringify(PRELOAD)}`].join(' ').trim();
  return {
    ...process.env,
    NODE_OPTIONS: options,
    CG_SANDBOX_LOG: log,
    CG_SANDBOX_ALLOW: JSON.stringify([...allow, path.join(ROOT, 'dist')]),
  };
}

function attempts(log: string): Array<{ kind: string; detail: { fn: string; path?: string; target?: unknown } }> {
  if (!fs.existsSync(log)) return [];
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { kind: string; detail: { fn: string } });
}

const TF = `resource "aws_cognito_user_pool_client" "web" {
  name                          = "web"
  user_pool_id                  = "us-east-1_abc"
  prevent_user_existence_errors = "LEGACY"
  access_token_validity         = var.hours
  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"]
}

variable "hours" {
  default = 1
}
`;

const YAML = `Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      PreventUserExistenceErrors: LEGACY
      AllowedOAuthFlows: [implicit]
`;

const JSON_TEMPLATE = JSON.stringify(
  {
    Resources: {
      Client: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: { UserPoolId: 'us-east-1_abc', PreventUserExistenceErrors: 'LEGACY', AuthSessionValidity: 99 },
      },
    },
  },
  null,
  2,
);

const TF_JSON = JSON.stringify(
  {
    resource: {
      aws_cognito_user_pool_client: {
        web: { name: 'web', user_pool_id: 'us-east-1_abc', prevent_user_existence_errors: 'LEGACY' },
      },
    },
  },
  null,
  2,
);

const SERVERLESS = `service: app
provider:
  name: aws
resources:
  Resources:
    Client:
      Type: AWS::Cognito::UserPoolClient
      Properties:
        UserPoolId: us-east-1_abc
        PreventUserExistenceErrors: LEGACY
`;

const SAM = `Transform: AWS::Serverless-2016-10-31
Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_abc
      PreventUserExistenceErrors: LEGACY
`;

describe('the sandbox', () => {
  it('records and blocks each kind of attempt', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-sandbox-'));
    try {
      const log = path.join(dir, 'attempts.jsonl');
      const script = `
        const tries = [
          () => require('net').connect(9, '127.0.0.1'),
          () => require('tls').connect(9, '127.0.0.1'),
          () => require('http').get('http://127.0.0.1:9/'),
          () => require('https').request({ host: '127.0.0.1', port: 9 }),
          () => require('dgram').createSocket('udp4'),
          () => require('child_process').spawn('true'),
          () => require('child_process').execSync('true'),
          () => require('child_process').fork('x.js'),
          () => new (require('worker_threads').Worker)('x.js'),
          () => require('fs').readFileSync(${JSON.stringify(path.join(ROOT, 'README.md'))}),
          () => require('fs').readdirSync(${JSON.stringify(os.homedir())}),
          () => require('fs').existsSync('/etc/passwd'),
        ];
        let blocked = 0;
        for (const t of tries) { try { t(); } catch (e) { if (/test sandbox/.test(e.message)) blocked++; } }
        require('fs').readFileSync(${JSON.stringify(path.join(dir, 'allowed.txt'))});
        process.stdout.write(String(blocked));
      `;
      fs.writeFileSync(path.join(dir, 'allowed.txt'), 'ok');
      const r = spawnSync(process.execPath, ['-e', script], { env: sandboxEnv(log, [dir]), encoding: 'utf8' });
      assert.equal(r.stdout, '12', r.stderr);
      assert.deepEqual(
        attempts(log).map((a) => a.kind),
        [
          'net',
          'tls',
          'http',
          'https',
          'dgram',
          'child_process',
          'child_process',
          'child_process',
          'worker_threads',
          'fs',
          'fs',
          'fs',
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server side effects', () => {
  let ws = '';
  let log = '';
  let client: LspClient;
  before(async () => {
    const tmp = fs.realpathSync(os.tmpdir());
    log = path.join(fs.mkdtempSync(path.join(tmp, 'cg-side-log-')), 'attempts.jsonl');
    ws = fs.mkdtempSync(path.join(tmp, 'cg-side-ws-'));
    fs.mkdirSync(path.join(ws, 'infra', 'tf'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'infra', 'tf', 'main.tf'), TF);
    fs.writeFileSync(path.join(ws, 'infra', 'tf', 'terraform.tfvars'), 'hours = 48\n');
    fs.writeFileSync(path.join(ws, 'infra', 'tf', 'extra.auto.tfvars'), 'other = 1\n');
    fs.writeFileSync(path.join(ws, '.cognito-guard.json'), '{"rules": {"CG203": "off"}, "maxAccessTokenMinutes": 30}');
    const allow = [
      ws,
      path.join(ROOT, 'node_modules'),
      path.join(ROOT, 'out'),
      path.join(ROOT, 'bin'),
      path.join(ROOT, 'package.json'),
      path.join(ROOT, 'server', 'node_modules'),
      path.join(ROOT, 'server', 'package.json'),
    ];
    client = new LspClient(sandboxEnv(log, allow));
    client.settings = { debounceMs: 0 };
    await client.initialize({ root: ws });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(path.dirname(log), { recursive: true, force: true });
  });

  it('opens every dialect, hovers, completes, fixes, edits and reloads its configuration without touching anything else', async () => {
    const docs: Array<[string, string, string]> = [
      [path.join(ws, 'infra', 'tf', 'main.tf'), 'terraform', TF],
      [path.join(ws, 'infra', 'main.tf.json'), 'json', TF_JSON],
      [path.join(ws, 'infra', 'stack.yaml'), 'yaml', YAML],
      [path.join(ws, 'infra', 'stack.json'), 'json', JSON_TEMPLATE],
      [path.join(ws, 'serverless.yml'), 'yaml', SERVERLESS],
      [path.join(ws, 'sam', 'template.yaml'), 'yaml', SAM],
      [path.join(ws, 'terraform.tfvars'), 'terraform', 'hours = 2\n'],
    ];
    let requests = 0;
    let answered = 0;
    const ask = async <T>(method: string, params: unknown): Promise<T> => {
      requests++;
      const r = await client.request<T>(method, params);
      answered++;
      return r;
    };
    const opened = new Map<string, Diag[]>();
    for (const [file, languageId, text] of docs) {
      const uri = fileUri(file);
      opened.set(uri, await client.open(uri, languageId, text));
      const lines = text.split('\n').length;
      for (let line = 0; line < lines; line += 2) {
        await ask('textDocument/hover', { textDocument: { uri }, position: { line, character: 8 } });
        await ask('textDocument/completion', { textDocument: { uri }, position: { line, character: 6 } });
      }
      const diagnostics = opened.get(uri) ?? [];
      for (const d of diagnostics) {
        await ask('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      }
      await ask('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics, only: ['source.fixAll'] },
      });
    }
    // an untitled document has no file around it to read
    await client.open('untitled:Untitled-1', 'terraform', TF);
    await ask('textDocument/hover', {
      textDocument: { uri: 'untitled:Untitled-1' },
      position: { line: 3, character: 5 },
    });

    // the files beside the Terraform file and the configuration were read (inside the workspace)
    const tf = opened.get(fileUri(path.join(ws, 'infra', 'tf', 'main.tf'))) ?? [];
    assert.match(tf.find((d) => d.code === 'CG106')?.message ?? '', /48 hours|terraform\.tfvars/);
    assert.ok(!tf.some((d) => d.code === 'CG203'), '.cognito-guard.json turned CG203 off');
    assert.ok((opened.get(fileUri(path.join(ws, 'infra', 'stack.yaml'))) ?? []).some((d) => d.code === 'CG103'));

    // an edit, a changed configuration file, a settings change, a close
    const tfUri = fileUri(path.join(ws, 'infra', 'tf', 'main.tf'));
    await client.change(tfUri, [
      { range: { start: { line: 3, character: 34 }, end: { line: 3, character: 42 } }, newText: '"ENABLED"' },
    ]);
    fs.writeFileSync(path.join(ws, '.cognito-guard.json'), '{"rules": {"CG104": "off"}}');
    const reloaded = client.nextDiagnostics(tfUri, (d) => !d.some((x) => x.code === 'CG104'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fileUri(path.join(ws, '.cognito-guard.json')), type: 2 }],
    });
    await reloaded;
    client.settings = { debounceMs: 0, rules: { CG102: 'off' } };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.nextDiagnostics(tfUri);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: tfUri } });
    await ask('textDocument/hover', { textDocument: { uri: tfUri }, position: { line: 0, character: 0 } });

    assert.equal(answered, requests);
    assert.ok(requests > 40, `${requests} requests`);
    assert.equal(client.proc.exitCode, null, 'the server is alive');
    assert.doesNotMatch(client.stderr, /test sandbox/);
    assert.deepEqual(attempts(log), [], 'no connection, process, thread or read outside the workspace');
  });
});
