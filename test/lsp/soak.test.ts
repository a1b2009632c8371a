/**
 * Soak: the real server over stdio takes 10,000 random incremental edits over five documents in
 * different dialects (Terraform, Terraform JSON, CloudFormation YAML and JSON, Serverless), interleaved
 * with hover, completion and code action requests (quick fixes and source.fixAll). It must answer every
 * request, stay alive, publish diagnostics for the final version of each document (the same findings
 * the engine gives for the final text, which also checks the incremental text sync), and its memory must
 * stay bounded (VmRSS from /proc/<pid>/status after warming up vs at the end; generous bound).
 *
 * The edits are seeded, so a failure replays; the summary line gives the numbers.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { LineIndex } from '../../server/src/core/text';
import { fileUri, LspClient, ROOT, type Diag } from './harness';

const EDITS = 10000;
const SEED = 0x5eed;

/** mulberry32: a small seeded generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '',
  ' ',
  '\n',
  '\r\n',
  '  ',
  '\t',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '=',
  '- ',
  '#',
  '${',
  '!Ref ',
  '&a ',
  '*a',
  'true',
  'false',
  '0',
  '3650',
  'LEGACY',
  'ENABLED',
  'implicit',
  'ALLOW_USER_PASSWORD_AUTH',
  'http://localhost',
  'custom:role',
  'é',
  '😀',
  '\u0000',
  '\uFEFF',
];

function rssKb(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]);
}

interface Doc {
  uri: string;
  file: string;
  languageId: string;
  original: string;
  text: string;
  version: number;
}

describe('language server soak', () => {
  let dir = '';
  let client: LspClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-soak-'));
    client = new LspClient();
    client.settings = { debounceMs: 10 };
    await client.initialize({ root: dir });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`${EDITS} random edits over five documents, with hovers, completions and code actions`, async (t) => {
    if (!fs.existsSync(`/proc/${client.proc.pid}/status`)) {
      t.skip('no /proc on this system: the memory of the server cannot be read');
      return;
    }
    const started = performance.now();
    const sources: Array<[string, string, string]> = [
      ['examples/terraform/insecure/main.tf', 'main.tf', 'terraform'],
      ['examples/terraform-json/insecure/main.tf.json', 'main.tf.json', 'json'],
      ['examples/cloudformation/insecure.yaml', 'stack.yaml', 'yaml'],
      ['examples/cloudformation/insecure.json', 'stack.json', 'json'],
      ['examples/serverless/serverless.yml', 'serverless.yml', 'yaml'],
    ];
    const docs: Doc[] = [];
    for (const [src, name, languageId] of sources) {
      const srcPath = path.join(ROOT, src);
      const text = fs.existsSync(srcPath)
        ? fs.readFileSync(srcPath, 'utf8')
        : fs.readFileSync(path.join(ROOT, 'examples', 'terraform', 'insecure', 'main.tf'), 'utf8');
      const file = path.join(dir, name);
      const doc: Doc = { uri: fileUri(file), file, languageId, original: text, text, version: 1 };
      docs.push(doc);
      const d = await client.open(doc.uri, languageId, text);
      assert.ok(d.length > 0, `${name} has findings to start with`);
    }

    const random = rng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const counts = { hover: 0, completion: 0, codeAction: 0, fixAll: 0, answered: 0, failed: [] as string[] };
    let pending: Array<Promise<unknown>> = [];
    const ask = (method: string, params: unknown): void => {
      pending.push(
        client.request(method, params).then(
          () => counts.answered++,
          (err: Error) => counts.failed.push(`${method}: ${err.message}`),
        ),
      );
    };
    const position = (d: Doc, offset: number): { line: number; character: number } =>
      new LineIndex(d.text).position(offset);

    /** One random edit: a replacement of a short range by a piece, a few pieces, or text from the document. */
    const edit = async (d: Doc): Promise<void> => {
      let start = Math.floor(random() * (d.text.length + 1));
      let end = Math.min(d.text.length, start + Math.floor(random() * random() * 12));
      let newText: string;
      const r = random();
      if (d.text.length > 3 * d.original.length + 2000 || r < 0.01) {
        // keep the documents from growing without bound: start again from the original
        start = 0;
        end = d.text.length;
        newText = d.original;
      } else if (r < 0.6) newText = pick(PIECES);
      else if (r < 0.8) newText = pick(PIECES) + pick(PIECES) + pick(PIECES);
      else {
        const from = Math.floor(random() * d.text.length);
        newText = d.text.slice(from, from + Math.floor(random() * 40));
      }
      // never split a surrogate pair or a CRLF: the editor would not either
      const inside = (o: number): boolean =>
        o > 0 &&
        o < d.text.length &&
        ((/[\uD800-\uDBFF]/.test(d.text[o - 1] ?? '') && /[\uDC00-\uDFFF]/.test(d.text[o] ?? '')) ||
          (d.text[o - 1] === '\r' && d.text[o] === '\n'));
      if (inside(start)) start--;
      if (inside(end)) end++;
      const range = { start: position(d, start), end: position(d, end) };
      d.text = d.text.slice(0, start) + newText + d.text.slice(end);
      d.version++;
      client.versions.set(d.uri, d.version);
      await client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: d.uri, version: d.version },
        contentChanges: [{ range, text: newText }],
      });
    };

    const request = (d: Doc): void => {
      const r = random();
      const at = position(d, Math.floor(random() * (d.text.length + 1)));
      if (r < 0.4) {
        counts.hover++;
        ask('textDocument/hover', { textDocument: { uri: d.uri }, position: at });
      } else if (r < 0.8) {
        counts.completion++;
        ask('textDocument/completion', { textDocument: { uri: d.uri }, position: at });
      } else {
        const diagnostics = (client.diagnostics.get(d.uri)?.diagnostics ?? []).slice(0, 5);
        const fixAll = r > 0.95;
        if (fixAll) counts.fixAll++;
        counts.codeAction++;
        ask('textDocument/codeAction', {
          textDocument: { uri: d.uri },
          range: diagnostics[0]?.range ?? { start: at, end: at },
          context: { diagnostics, ...(fixAll ? { only: ['source.fixAll'] } : {}) },
        });
      }
    };

    // warm up, then take the starting memory
    for (let i = 0; i < 200; i++) {
      const d = pick(docs);
      await edit(d);
      if (i % 5 === 0) request(d);
    }
    await Promise.all(pending);
    pending = [];
    const rssStart = rssKb(client.proc.pid);

    for (let i = 200; i < EDITS; i++) {
      const d = pick(docs);
      await edit(d);
      if (random() < 0.2) request(d);
      if (pending.length >= 100) {
        await Promise.all(pending);
        pending = [];
      }
    }
    await Promise.all(pending);

    // diagnostics for the final version of each document, equal to the engine's for the final text
    for (const d of docs) {
      const published = (): boolean => client.diagnostics.get(d.uri)?.version === d.version;
      if (!published()) await client.nextDiagnostics(d.uri, published, 20000);
      const got = client.diagnostics.get(d.uri)?.diagnostics ?? [];
      const a = analyze(d.text, d.file);
      const show = (x: Array<Pick<Diag, 'code' | 'range'>>): string[] =>
        x.map((y) => `${y.code} ${y.range.start.line}:${y.range.start.character}`).sort();
      assert.deepEqual(
        show(got),
        show(a.findings.map((f) => ({ code: f.ruleId, range: f.range }))),
        `${path.basename(d.file)}: the published diagnostics are not those of the final text`,
      );
    }

    // still alive and answering
    const last = docs[0] as Doc;
    await client.request('textDocument/hover', {
      textDocument: { uri: last.uri },
      position: { line: 0, character: 1 },
    });
    assert.equal(client.proc.exitCode, null, 'the server is alive');
    assert.deepEqual(counts.failed, [], 'every request is answered without an error');
    const requests = counts.hover + counts.completion + counts.codeAction;
    assert.equal(counts.answered, requests);
    assert.doesNotMatch(client.stderr, /Error|internal error/);

    const rssEnd = rssKb(client.proc.pid);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `soak: ${EDITS} edits, ${requests} requests (${counts.hover} hovers, ${counts.completion} completions, ` +
        `${counts.codeAction} code actions of which ${counts.fixAll} fix-all) in ${seconds.toFixed(1)} s; ` +
        `server RSS ${Math.round(rssStart / 1024)} MB after warming up, ${Math.round(rssEnd / 1024)} MB at the end`,
    );
    // generous: a leak of a few KB per edit would pass 10,000 edits over this, a copy per version would not
    assert.ok(
      rssEnd < 2 * rssStart + 100 * 1024,
      `RSS grew from ${Math.round(rssStart / 1024)} MB to ${Math.round(rssEnd / 1024)} MB`,
    );
  });
});
