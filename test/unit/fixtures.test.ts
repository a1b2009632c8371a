/**
 * Every fixture under test/fixtures/rules/CGxxx/ is analysed and the findings of that rule are compared,
 * rule, line and column, with the `.expected` file beside it. A moved range fails here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { RULES } from '../../server/src/rules';
import { fixturePath, locations } from './helpers';

const base = fixturePath('rules');
const ruleDirs = fs.existsSync(base)
  ? fs
      .readdirSync(base)
      .filter((d) => /^CG\d{3}$/.test(d))
      .sort()
  : [];

describe('rule fixtures', () => {
  it('exist for every rule', () => {
    for (const rule of RULES) assert.ok(ruleDirs.includes(rule.id), `no fixtures for ${rule.id}`);
  });
  for (const rule of ruleDirs) {
    const dir = path.join(base, rule);
    const files = fs
      .readdirSync(dir)
      .filter((f) => !f.endsWith('.expected') && !f.endsWith('.md') && !f.includes('.tfvars'))
      .sort();
    describe(rule, () => {
      it('has a positive and a negative fixture', () => {
        assert.ok(
          files.some((f) => f.startsWith('pos-')),
          'no positive fixture',
        );
        assert.ok(
          files.some((f) => f.startsWith('neg-')),
          'no negative fixture',
        );
      });
      for (const file of files) {
        it(file, () => {
          const text = fs.readFileSync(path.join(dir, file), 'utf8');
          const expectedFile = path.join(dir, file + '.expected');
          assert.ok(fs.existsSync(expectedFile), `missing ${file}.expected`);
          const expected = fs
            .readFileSync(expectedFile, 'utf8')
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter((l) => l && !l.startsWith('#'));
          const a = analyze(text, path.join(dir, file));
          assert.deepEqual(a.internalErrors, []);
          assert.ok(a.isTemplate, `not analysed as a template: ${a.reason}`);
          const got = locations(a, rule);
          assert.deepEqual(
            got,
            expected,
            a.findings
              .filter((f) => f.ruleId === rule)
              .map((f) => f.message)
              .join('\n'),
          );
          if (file.startsWith('pos-')) assert.ok(got.length > 0, 'a positive fixture must produce a finding');
          else assert.equal(got.length, 0, 'a negative fixture must produce no finding');
        });
      }
    });
  }
});

/**
 * Suppression fixtures: the first line of the fixture (or of its `.expected`, for JSON) names the rules
 * compared, as `# rules: CG101,CG203`; every finding of those rules that must remain is listed.
 */
describe('suppression fixtures', () => {
  const dir = fixturePath('suppression');
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => !f.endsWith('.expected'))
        .sort()
    : [];
  it('exist', () => assert.ok(files.length >= 10));
  for (const file of files) {
    it(file, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const expectedLines = fs
        .readFileSync(path.join(dir, file + '.expected'), 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      const header =
        /rules:\s*([A-Z0-9, ]+)/.exec(text.split('\n')[0] ?? '') ??
        /rules:\s*([A-Z0-9, ]+)/.exec(expectedLines[0] ?? '');
      assert.ok(header, 'no "rules:" line');
      const rules = (header[1] ?? '').split(',').map((r) => r.trim());
      const expected = expectedLines.filter((l) => !l.startsWith('#'));
      const a = analyze(text, path.join(dir, file));
      assert.deepEqual(a.internalErrors, []);
      const got = a.findings
        .filter((f) => rules.includes(f.ruleId))
        .map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1}`);
      assert.deepEqual(got, expected);
    });
  }
});
