/**
 * Golden tests of the quick fixes: for every input under test/fixtures/golden/ (`<name>.<ext>`), one fix
 * is applied and the result must equal `<name>.fixed.<ext>` byte for byte. The expected files were
 * written by hand, the way a careful person would edit the file (terraform fmt style for HCL; the file's
 * own indentation, quoting, list style, comments and line breaks everywhere).
 *
 * Which fix: the input's first line, `# golden: <spec> -- <what the case is about>` (or `// golden:`), or
 * for JSON inputs, which have no comments, a sidecar `<name>.golden.json`: `{"golden": "<spec>", "about":
 * "..."}`. The spec is one of
 *   CG101                  the first CG101 finding's quick fix
 *   CG104 "SRP"            ... the first quick fix whose title contains SRP
 *   ignore CG101           the first CG101 finding's ignore fix (a cognito-guard-ignore comment or Metadata)
 *   fix-all                fixAll over the whole file (safe fixes only)
 *
 * Where the engine writes something else than the hand-written expectation, the case is listed in TODO
 * with what differs, so the suite stays green while the writer is fixed; a TODO entry whose case now
 * passes fails the last test (remove the entry then). The expected files themselves are checked to
 * parse and to be free of the finding, so a wrong expectation shows up too.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import type { Finding } from '../../server/src/core/rule';
import { fixAll, safeFix } from '../../server/src/engine/fixall';
import type { Fix } from '../../server/src/core/edits';
import { applyEdits } from '../../server/src/fixes/writers';
import { fixturePath } from './helpers';

/** Cases whose result differs from the hand-written expectation, with what differs (none today). */
const TODO: Record<string, string> = {};

const DIR = fixturePath('golden');

interface Spec {
  kind: 'quickfix' | 'ignore' | 'fix-all';
  rule?: string;
  title?: string;
}

interface Case {
  name: string;
  input: string;
  expected: string;
  spec: Spec;
  about: string;
}

function parseSpec(s: string): Spec {
  const m = /^(ignore\s+)?(CG\d{3}|fix-all)(?:\s+"([^"]*)")?$/.exec(s.trim());
  if (!m) throw new Error(`bad golden spec: ${s}`);
  if (m[2] === 'fix-all') return { kind: 'fix-all' };
  return { kind: m[1] ? 'ignore' : 'quickfix', rule: m[2], ...(m[3] ? { title: m[3] } : {}) };
}

function loadCases(): Case[] {
  if (!fs.existsSync(DIR)) return [];
  const files = fs.readdirSync(DIR).sort();
  const cases: Case[] = [];
  for (const f of files) {
    if (f.includes('.fixed.') || f.endsWith('.golden.json') || f.endsWith('.md')) continue;
    const dot = f.indexOf('.');
    const name = f.slice(0, dot);
    const ext = f.slice(dot + 1);
    const input = path.join(DIR, f);
    const expected = path.join(DIR, `${name}.fixed.${ext}`);
    const sidecar = path.join(DIR, `${name}.golden.json`);
    let spec: string;
    let about: string;
    if (fs.existsSync(sidecar)) {
      const j = JSON.parse(fs.readFileSync(sidecar, 'utf8')) as { golden: string; about?: string };
      spec = j.golden;
      about = j.about ?? '';
    } else {
      const first = fs.readFileSync(input, 'utf8').split(/\r?\n/, 1)[0] ?? '';
      const m = /^(?:#|\/\/)\s*golden:\s*(.*?)(?:\s+--\s+(.*))?$/.exec(first);
      if (!m) throw new Error(`${f}: no "# golden:" line and no ${name}.golden.json`);
      spec = m[1] ?? '';
      about = m[2] ?? '';
    }
    cases.push({ name, input, expected, spec: parseSpec(spec), about });
  }
  return cases;
}

/** The fix the spec names, from the findings of the input. */
function pickFix(findings: Finding[], spec: Spec): Fix | undefined {
  for (const f of findings) {
    if (f.ruleId !== spec.rule) continue;
    const fix = f.fixes.find((x) => x.kind === spec.kind && (!spec.title || x.title.includes(spec.title)));
    if (fix) return fix;
  }
  return undefined;
}

/** The input with the spec's fix applied. */
function run(c: Case, text: string): string {
  if (c.spec.kind === 'fix-all') {
    const r = fixAll(text, c.input);
    assert.equal(r.refused, undefined, `fix-all refused: ${r.refused ?? ''}`);
    return r.text;
  }
  const a = analyze(text, c.input);
  const fix = pickFix(a.findings, c.spec);
  assert.ok(
    fix,
    `no ${c.spec.rule} finding with a ${c.spec.kind} fix${c.spec.title ? ` titled "...${c.spec.title}..."` : ''}; the findings are:\n` +
      a.findings
        .map((f) => `  ${f.ruleId} ${f.range.start.line + 1}: ${f.fixes.map((x) => x.title).join(' | ')}`)
        .join('\n'),
  );
  return applyEdits(text, fix.edits);
}

const visible = (l: string): string => l.replace(/\r/g, '␍').replace(/\t/g, '→');

/** The lines where two texts differ, with line breaks and tabs made visible. */
function diff(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  let top = 0;
  while (top < e.length && top < a.length && e[top] === a[top]) top++;
  let be = e.length - 1;
  let ba = a.length - 1;
  while (be >= top && ba >= top && e[be] === a[ba]) {
    be--;
    ba--;
  }
  const from = Math.max(0, top - 2);
  const show = (lines: string[], to: number): string =>
    lines
      .slice(from, Math.min(lines.length, to + 3))
      .map((l, i) => `${String(from + i + 1).padStart(4)}| ${visible(l)}`)
      .join('\n');
  return `--- expected (written by hand)\n${show(e, be)}\n--- actual (the engine)\n${show(a, ba)}`;
}

const cases = loadCases();

describe('quick fixes give the expected text (golden)', () => {
  it('has golden cases', () => {
    assert.ok(cases.length >= 40, `only ${cases.length} golden cases`);
    for (const c of cases) assert.ok(fs.existsSync(c.expected), `${c.name}: missing ${path.basename(c.expected)}`);
  });

  for (const c of cases) {
    describe(`${c.name}${c.about ? `: ${c.about}` : ''}`, () => {
      const todo = TODO[c.name];
      it('the fix writes the expected text', todo ? { todo } : {}, () => {
        const text = fs.readFileSync(c.input, 'utf8');
        const expected = fs.readFileSync(c.expected, 'utf8');
        const actual = run(c, text);
        assert.ok(actual === expected, `${path.basename(c.input)}: the fixed text differs\n${diff(expected, actual)}`);
      });

      it('the expected text parses and no longer has the finding', () => {
        const text = fs.readFileSync(c.input, 'utf8');
        const expected = fs.readFileSync(c.expected, 'utf8');
        const before = analyze(text, c.input);
        const after = analyze(expected, c.expected);
        assert.deepEqual(
          after.findings.filter((f) => f.ruleId === 'CG000' && f.severity === 'error').map((f) => f.message),
          [],
        );
        assert.ok(after.isTemplate, after.reason);
        if (c.spec.kind === 'fix-all') {
          const left = after.findings.filter((f) => safeFix(f)).map((f) => `${f.ruleId} ${f.range.start.line + 1}`);
          assert.deepEqual(left, [], 'findings with a safe fix are left after fix-all');
          return;
        }
        const target = before.findings.find((f) => f.ruleId === c.spec.rule);
        assert.ok(target, `the input has no ${c.spec.rule} finding`);
        const count = (fs: Finding[]): number =>
          fs.filter((f) => f.ruleId === c.spec.rule && f.resource === target.resource).length;
        if (c.spec.kind === 'ignore') assert.equal(count(after.findings), 0, `${c.spec.rule} is still reported`);
        else assert.ok(count(after.findings) < count(before.findings), `${c.spec.rule} is still reported`);
        const loud = (fs: Finding[]): Set<string> =>
          new Set(fs.filter((f) => f.severity !== 'info' && f.ruleId !== c.spec.rule).map((f) => f.ruleId));
        const added = [...loud(after.findings)].filter((r) => !loud(before.findings).has(r));
        assert.deepEqual(added, [], 'the expected text brings new errors or warnings');
      });
    });
  }

  it('every TODO case still differs (remove the entry once the writer is fixed)', () => {
    const fixed = cases.filter((c) => {
      if (!TODO[c.name]) return false;
      try {
        return run(c, fs.readFileSync(c.input, 'utf8')) === fs.readFileSync(c.expected, 'utf8');
      } catch {
        return false;
      }
    });
    assert.deepEqual(
      fixed.map((c) => c.name),
      [],
    );
    for (const name of Object.keys(TODO))
      assert.ok(
        cases.some((c) => c.name === name),
        `TODO names no case: ${name}`,
      );
  });
});
