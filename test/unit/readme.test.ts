/**
 * The README says what the tool does today: its sample output is what the CLI prints on the bundled
 * example, and its rule tables list every rule with its name and default severity, each with a page.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES, SYNTAX_RULE } from '../../server/src/rules';
import { ROOT } from './helpers';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('shows the sample output the CLI prints on examples/cloudformation/insecure.yaml', () => {
    const m = /Sample output:\n\n```text\n([\s\S]*?)```/.exec(README);
    assert.ok(m, 'no sample output block');
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin', 'cognito-guard.js'), '--no-color', 'examples/cloudformation/insecure.yaml'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(m[1], r.stdout);
  });

  it('shows the JSON summary the CLI prints on examples/', () => {
    const m = /"summary": (\{[^}]*\})/.exec(README);
    assert.ok(m?.[1], 'no JSON summary in the README');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cognito-guard.js'), '-f', 'json', 'examples'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const shown = JSON.parse(m[1].replace(/(\w+):/g, '"$1":').replace(/""/g, '"')) as unknown;
    assert.deepEqual(shown, (JSON.parse(r.stdout) as { summary: unknown }).summary);
  });

  it('lists every rule with its name, its default severity and its page', () => {
    const rows = new Map<string, string>();
    for (const line of README.split('\n')) {
      const m = /^\| \[(CG\d{3})\]\(docs\/rules\/CG\d{3}\.md\) \| ([a-z-]+) /.exec(line);
      if (m?.[1] && m[2]) rows.set(m[1], line);
    }
    const all = [SYNTAX_RULE, ...RULES];
    assert.deepEqual([...rows.keys()].sort(), all.map((r) => r.id).sort());
    const security = README.indexOf('### Security (warning)');
    const hygiene = README.indexOf('### Hygiene (info)');
    assert.ok(security > 0 && hygiene > security);
    for (const r of all) {
      const row = rows.get(r.id) ?? '';
      assert.match(row, new RegExp(`\\| ${r.name} +\\|`), r.id);
      // the row sits in the table of its default severity (the validity table, first, names it)
      const at = README.indexOf(row);
      const section = at < security ? 'error' : at < hygiene ? 'warning' : 'info';
      assert.equal(section, r.defaultSeverity, `${r.id} is in the wrong table`);
      if (section === 'error') assert.match(row, /\| error +\|/, r.id);
      assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${r.id}.md`)), `docs/rules/${r.id}.md`);
    }
  });

  it('counts the rules right and no longer calls the editor parts future work', () => {
    assert.match(README, new RegExp(`checks ${RULES.length + 1} rules`));
    assert.doesNotMatch(README, /in progress\)|in a later release/);
  });
});
