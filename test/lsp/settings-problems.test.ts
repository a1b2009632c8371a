/**
 * Ill-formed editor settings: each problem is logged as a warning, one notification per session says so
 * (with "Open Settings" where the client can open them), and the bad entry is ignored while the good
 * ones apply.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileUri, LspClient } from './harness';

const WARNING = 2;
const TEMPLATE = fs.readFileSync(
  path.join(__dirname, '..', '..', '..', 'examples', 'cloudformation', 'insecure.yaml'),
  'utf8',
);

describe('settings problems', () => {
  let dir = '';
  let client: LspClient;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lsp-settings-'));
    client = new LspClient();
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const warnings = (): string[] => client.logs.filter((l) => l.type === WARNING).map((l) => l.message);

  it('logs an unknown rule id and an unknown level, notifies once, and applies the rest', async () => {
    client.settings = { debounceMs: 0, rules: { CG999: 'off', CG101: 'fatal', CG202: 'off' } };
    client.answer = (p) => p.actions?.find((a) => a.title === 'Open Settings') ?? null;
    await client.initialize({ root: dir, initializationOptions: { openSettings: true } });
    const first = fileUri(dir, 'a.yaml');
    const d = await client.open(first, 'yaml', TEMPLATE);
    // CG202 is off as asked; CG101 keeps its default level, as if the bad entry were not there
    assert.ok(!d.some((x) => x.code === 'CG202'), 'CG202 is turned off');
    assert.ok(
      d.some((x) => x.code === 'CG101'),
      'CG101 still reported',
    );
    const w = warnings();
    assert.ok(
      w.some((m) => m.includes('"CG999" is not a cognito-guard rule id')),
      w.join('\n'),
    );
    assert.ok(
      w.some((m) => m.includes('level of CG101') && m.includes('"fatal"')),
      w.join('\n'),
    );
    assert.equal(client.shown.length, 1, 'one notification');
    const shown = client.shown[0];
    assert.equal(shown?.type, WARNING);
    assert.match(shown?.message ?? '', /Cognito Guard ignores a setting: .*CG999.*\(and 1 more; see the output\)/);
    assert.deepEqual(
      shown?.actions?.map((a) => a.title),
      ['Open Settings'],
    );
    // the action chosen: the client is asked to open its settings
    await client.until(() => client.other.some((n) => n.method === 'cognitoGuard/openSettings'), 'openSettings');
    assert.deepEqual(client.other.find((n) => n.method === 'cognitoGuard/openSettings')?.params, {
      query: 'cognitoGuard',
    });

    // another document with the same settings: nothing logged again, no second notification
    const logged = w.length;
    await client.open(fileUri(dir, 'b.yaml'), 'yaml', TEMPLATE);
    assert.equal(warnings().length, logged);
    assert.equal(client.shown.length, 1);

    // new settings with a new problem: logged, still no second notification in this session
    client.settings = { debounceMs: 0, rules: { cg202: 'loud' }, run: 'always' };
    const again = client.nextDiagnostics(first);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await again;
    const now = warnings().slice(logged);
    assert.ok(
      now.some((m) => m.includes('level of cg202') && m.includes('"loud"')),
      now.join('\n'),
    );
    assert.ok(
      now.some((m) => m.includes('cognitoGuard.run must be "onType" or "onSave", not "always"')),
      now.join('\n'),
    );
    assert.equal(client.shown.length, 1);
  });

  it('offers no button to an editor that cannot open the settings', async () => {
    client.settings = { debounceMs: 0, rules: { CG999: 'off' }, maxFileSizeKb: -1 };
    await client.initialize({ root: dir });
    const d = await client.open(fileUri(dir, 'a.yaml'), 'yaml', TEMPLATE);
    assert.ok(d.length > 0, 'still analysed, with the default size limit');
    assert.equal(client.shown.length, 1);
    assert.deepEqual(client.shown[0]?.actions ?? [], [], 'no action');
    assert.ok(warnings().some((m) => m.includes('cognitoGuard.maxFileSizeKb must be a positive number, not -1')));
    assert.ok(!client.other.some((n) => n.method === 'cognitoGuard/openSettings'));
  });

  it('says nothing about well-formed settings', async () => {
    client.settings = { debounceMs: 0, rules: { cg101: 'info', CG202: 'off' }, maxAccessTokenMinutes: 30 };
    await client.initialize({ root: dir, initializationOptions: { openSettings: true } });
    const d = await client.open(fileUri(dir, 'a.yaml'), 'yaml', TEMPLATE);
    assert.ok(d.some((x) => x.code === 'CG101'));
    assert.deepEqual(warnings(), []);
    assert.equal(client.shown.length, 0);
  });
});
