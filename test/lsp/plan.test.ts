/**
 * The server over stdio with a Terraform plan open: its findings are shown in plan.json with the
 * configuration line as related information, and follow an edit of the plan.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, LspClient, ROOT } from './harness';

const DIR = path.join(ROOT, 'test', 'fixtures', 'plan', 'local');

describe('language server: a Terraform plan', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    client.settings = { debounceMs: 0 };
    await client.initialize({ root: DIR });
  });
  after(async () => {
    await client.stop();
  });

  it('shows the planned findings with the configuration line as related information', async () => {
    const uri = fileUri(DIR, 'plan.json');
    const text = fs.readFileSync(path.join(DIR, 'plan.json'), 'utf8');
    const diags = await client.open(uri, 'json', text);
    const password = diags.find((d) => d.code === 'CG104');
    assert.ok(password, JSON.stringify(diags.map((d) => d.code)));
    assert.match(password.message, /\(planned: module\.auth\.aws_cognito_user_pool_client\.app\)$/);
    const rel = password.relatedInformation?.[0];
    assert.equal(rel?.location.uri, fileUri(DIR, 'main.tf'));
    assert.deepEqual(rel?.location.range.start, { line: 8, character: 18 });

    // the plan made again with SRP only: the finding goes
    const line = text.split('\n').findIndex((l) => l.includes('"ALLOW_USER_PASSWORD_AUTH"'));
    const col = (text.split('\n')[line] ?? '').indexOf('"ALLOW_USER_PASSWORD_AUTH"');
    const gone = client.nextDiagnostics(uri, (d) => !d.some((x) => x.code === 'CG104'));
    await client.change(uri, [
      {
        range: { start: { line, character: col }, end: { line, character: col + '"ALLOW_USER_PASSWORD_AUTH"'.length } },
        newText: '"ALLOW_USER_SRP_AUTH"',
      },
    ]);
    await gone;
  });
});
