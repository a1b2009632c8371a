/**
 * Hostile inputs for the language server: a 20 MB document (one info diagnostic saying it was skipped
 * because of cognitoGuard.maxFileSizeKb, and no request may analyse it anyway, fix-all included), a .cognito-guard.json
 * with wrong types or that is a directory, and FIFOs where the server reads files (terraform.tfvars
 * beside a Terraform file, .cognito-guard.json): it must never hang or crash.
 *
 * Bugs found are listed in KNOWN: such a case is a todo while it fails, and fails once it passes.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { fileUri, LspClient, type Diag } from './harness';

const KNOWN: Record<string, string> = {};

function knownOrFail(t: TestContext, id: string, problem: string | undefined): void {
  const reason = KNOWN[id];
  if (problem && reason) {
    t.todo(reason);
    assert.fail(problem);
  }
  if (problem) assert.fail(problem);
  if (reason) assert.fail(`known bug "${id}" no longer reproduces: remove it from KNOWN in test/lsp/hostile.test.ts`);
}

const TF = `resource "aws_cognito_user_pool_client" "web" {
  name                          = "web"
  user_pool_id                  = "us-east-1_abc"
  prevent_user_existence_errors = "LEGACY"
}
`;

describe('language server: hostile inputs', () => {
  let dir = '';
  let client: LspClient;
  const logs: string[] = [];
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lsp-hostile-'));
    client = new LspClient();
    client.settings = { debounceMs: 0 };
    client.conn.onNotification('window/logMessage', (p: { message: string }) => {
      logs.push(p.message);
    });
    await client.initialize({ root: dir });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a 20 MB document gets one info diagnostic naming cognitoGuard.maxFileSizeKb; hover, completion and quick fixes have nothing', async () => {
    const parts = [TF];
    let size = TF.length;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const v = `variable "v${i}" {\n  default = "${'x'.repeat(40)}"\n}\n`;
      parts.push(v);
      size += v.length;
    }
    const text = parts.join('');
    const uri = fileUri(dir, 'huge.tf');
    const status = client.nextStatus(uri, 30000);
    const d = await client.open(uri, 'terraform', text);
    assert.match(String((await status).reason), /larger than the 2048 KB limit/);
    assert.equal(d.length, 1, JSON.stringify(d));
    const info = d[0] as Diag;
    assert.equal(info.severity, 3, 'information');
    assert.match(info.message, /skipped/);
    assert.match(info.message, /cognitoGuard\.maxFileSizeKb/);
    assert.match(info.message, /2048 KB/);
    assert.ok(
      logs.some((l) => /huge\.tf: not checked: the file is larger than/.test(l)),
      logs.join('\n'),
    );
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri },
      position: { line: 3, character: 5 },
    });
    assert.equal(hover, null);
    const completion = await client.request<unknown[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 4, character: 2 },
    });
    assert.deepEqual(completion, []);
    const quick = await client.request<unknown[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: info.range,
      context: { diagnostics: [info] },
    });
    assert.deepEqual(quick, []);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.equal(client.proc.exitCode, null);
  });

  it('the size limit holds for fix-all too: a source.fixAll request on a file over it changes nothing', async (t) => {
    // a limit of 1 KB, so that the file is small and the request quick even while the bug is there
    client.settings = { debounceMs: 0, maxFileSizeKb: 1 };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const uri = fileUri(dir, 'over-limit.tf');
    const text = TF + `variable "v" {\n  default = "${'x'.repeat(2048)}"\n}\n`;
    const d = await client.open(uri, 'terraform', text);
    client.settings = { debounceMs: 0 };
    assert.equal(d.length, 1, JSON.stringify(d));
    assert.match(d[0]?.message ?? '', /larger than the 1 KB limit \(cognitoGuard\.maxFileSizeKb\)/);
    const fixAll = await client.request<unknown[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    knownOrFail(
      t,
      'lsp-size-limit-fix-all',
      fixAll.length ? `source.fixAll answered ${JSON.stringify(fixAll).slice(0, 300)}` : undefined,
    );
  });

  it('a .cognito-guard.json with wrong types: one diagnostic per problem on the file, the defaults apply', async () => {
    const ws = path.join(dir, 'types');
    fs.mkdirSync(ws);
    const cfg = path.join(ws, '.cognito-guard.json');
    fs.writeFileSync(cfg, '{"rules": [1], "maxAccessTokenMinutes": "x", "bogus": true}');
    const problems = client.nextDiagnostics(fileUri(cfg), (x) => x.length > 0);
    const d = await client.open(fileUri(ws, 'main.tf'), 'terraform', TF);
    assert.ok(d.some((x) => x.code === 'CG101'));
    const p = await problems;
    assert.equal(p.length, 3, JSON.stringify(p));
    assert.match(
      p.map((x) => x.message).join('\n'),
      /"rules" must be an object[\s\S]*maxAccessTokenMinutes[\s\S]*"bogus"/,
    );
  });

  it('a .cognito-guard.json that is a directory: a log line, the defaults apply', async () => {
    const ws = path.join(dir, 'cfgdir');
    fs.mkdirSync(path.join(ws, '.cognito-guard.json'), { recursive: true });
    const d = await client.open(fileUri(ws, 'main.tf'), 'terraform', TF);
    assert.ok(d.some((x) => x.code === 'CG101'));
    assert.ok(
      logs.some((l) => /cannot read .*\.cognito-guard\.json/.test(l)),
      `no log line about the configuration: ${logs.join('\n')}`,
    );
  });

  it('FIFOs named terraform.tfvars or .cognito-guard.json never hang the server', async (t) => {
    const fifo = (p: string): boolean => spawnSync('mkfifo', [p]).status === 0;
    const tfDir = path.join(dir, 'fifo-tfvars');
    const cfgDir = path.join(dir, 'fifo-config');
    fs.mkdirSync(tfDir);
    fs.mkdirSync(cfgDir);
    if (!fifo(path.join(tfDir, 'terraform.tfvars')) || !fifo(path.join(cfgDir, '.cognito-guard.json'))) {
      t.skip('mkfifo is not available here');
      return;
    }
    // its own server: a hung one is killed at the end of this test
    const own = new LspClient();
    try {
      own.settings = { debounceMs: 0 };
      await own.initialize({ root: dir });
      const hung: string[] = [];
      for (const [where, file] of [
        ['a FIFO named terraform.tfvars', path.join(tfDir, 'main.tf')],
        ['a FIFO named .cognito-guard.json', path.join(cfgDir, 'main.tf')],
      ] as const) {
        const uri = fileUri(file);
        const wait = own.nextDiagnostics(uri, () => true, 4000).catch(() => 'timeout' as const);
        await own.conn.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'terraform', version: 1, text: TF },
        });
        if ((await wait) === 'timeout') {
          hung.push(where);
          break; // the server answers nothing more
        }
      }
      knownOrFail(t, 'lsp-fifo', hung.length ? `no diagnostics within 4 s next to ${hung.join(', ')}` : undefined);
    } finally {
      own.proc.kill('SIGKILL');
      own.conn.dispose();
    }
  });
});
