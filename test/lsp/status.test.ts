/**
 * What the status notification and the output say: "off" with `cognitoGuard.enable` false, and no
 * output line for files that are not templates.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileUri, LspClient } from './harness';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');
const TEMPLATE = fs.readFileSync(path.join(EXAMPLES, 'cloudformation', 'insecure.yaml'), 'utf8');
const PACKAGE = fs.readFileSync(path.join(EXAMPLES, 'not-a-template', 'package.json'), 'utf8');

describe('status and output', () => {
  let dir = '';
  let client: LspClient;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lsp-status-'));
    client = new LspClient();
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts the output with the version, the server it loaded and the Node version', async () => {
    const result = await client.initialize({ root: dir });
    const first = client.logs[0]?.message ?? '';
    const m = /^Cognito Guard language server (\S+) \((.+)\) on Node (v\S+)$/.exec(first);
    assert.ok(m, `first log line: ${first}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(EXAMPLES, '..', 'package.json'), 'utf8')) as { version: string };
    assert.equal(m[1], pkg.version);
    assert.ok(fs.statSync(m[2]).isFile(), `${m[2]} is the server file`);
    assert.equal(m[3], process.version, 'the tests start the server with this Node');
    assert.deepEqual((result as { serverInfo?: unknown }).serverInfo, { name: 'cognito-guard', version: pkg.version });
  });

  it('reports a checked template, and a file that is not one without an output line', async () => {
    client.settings = { debounceMs: 0 };
    await client.initialize({ root: dir });
    const t = fileUri(dir, 'template.yaml');
    const status = client.nextStatus(t);
    const d = await client.open(t, 'yaml', TEMPLATE);
    assert.ok(d.length > 0);
    const s = await status;
    assert.equal(s.enabled, true);
    assert.equal(s.isTemplate, true);
    assert.ok((s.clients as number) > 0 && s.findings === d.length, JSON.stringify(s));
    const p = fileUri(dir, 'package.json');
    const ps = client.nextStatus(p);
    await client.open(p, 'json', PACKAGE);
    assert.equal((await ps).isTemplate, false);
    // the status and the log lines are sent before the diagnostics: all are in by now
    const lines = client.logs.map((l) => l.message);
    assert.ok(
      lines.some((m) => m.includes('template.yaml: checked')),
      lines.join('\n'),
    );
    assert.ok(!lines.some((m) => m.includes('package.json')), lines.join('\n'));
  });

  it('says "off" with cognitoGuard.enable false, and publishes no findings', async () => {
    client.settings = { debounceMs: 0, enable: false };
    await client.initialize({ root: dir });
    const t = fileUri(dir, 'template.yaml');
    const status = client.nextStatus(t);
    assert.deepEqual(await client.open(t, 'yaml', TEMPLATE), []);
    const s = await status;
    assert.equal(s.enabled, false);
    assert.equal(s.isTemplate, true, 'a template still gets the entry, which says off');
    assert.equal(s.findings, 0);
    // with nothing analysed, the entry rests on whether the text names a client type at all
    const p = fileUri(dir, 'package.json');
    const ps = client.nextStatus(p);
    await client.open(p, 'json', '{ "name": "web", "version": "1.0.0", "dependencies": { "yaml": "^2.8.0" } }\n');
    const q = await ps;
    assert.equal(q.enabled, false);
    assert.equal(q.isTemplate, false, 'package.json gets no entry even when off');
  });
});
