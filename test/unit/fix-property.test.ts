/**
 * Property test of the quick fixes. For every fixture under test/fixtures/rules/** and examples/** that
 * has a finding with a fix, and for deterministic fuzzed variants of a sample of them (CRLF line
 * endings, doubled indentation, tabs in HCL, a comment line above the edited line, a comment at the end
 * of the edited line, a trailing blank line, no final newline, compact one-line JSON), every single
 * fix (quick fixes and ignore fixes) is applied on its own with `applyEdits`, and then fix-all, and:
 *
 *  (a) the result still parses: no CG000 error, no internal error;
 *  (b) the finding is gone: a quick fix lowers the count of its rule's findings on its resource, an
 *      ignore fix leaves none of that rule on that resource;
 *  (c) no new error or warning appears: no rule id at error or warning severity that was not there
 *      before, and no rule has more error or warning findings than before (info may appear);
 *  (d) the text outside the edited spans is byte-for-byte unchanged (prefix, suffix and the parts
 *      between edits), and the file's line endings and tab use are kept;
 *  fix-all: not refused, no CG000, and fix-all applied to its own result changes nothing.
 *
 * What is checked is printed at the end (see the "summary" test): at the time of writing, 381 of 670
 * fixture and example files have a fixable finding; all of them are checked as they are, and every
 * third of them (sorted by path) also in each variant that applies to its dialect and still parses
 * (about 600 variants), some 2,500 single fixes and 1,100 fix-alls in all, in about 3 seconds.
 *
 * Failures the writer or the rules are known to have are listed in KNOWN with the reason; a test whose
 * only failures are known ones is reported as a todo, and a KNOWN entry that no longer fails is itself
 * a failure (remove it once the bug is fixed).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze, type AnalyzeOptions, type Analysis } from '../../server/src/engine/analyze';
import type { Finding } from '../../server/src/engine/types';
import { fixAll } from '../../server/src/fixes/fixall';
import type { Fix, TextEdit } from '../../server/src/fixes/types';
import { applyEdits } from '../../server/src/fixes/writer';
import { ROOT } from './helpers';

/** Every `VARIANT_STRIDE`-th fixable file (sorted by path) is also checked in its fuzzed variants. */
const VARIANT_STRIDE = 5;

/** Known failures: `file` (relative to the repository, `/`-separated), the rule, why. */
const KNOWN: { file: string; rule: string; reason: string }[] = [
  {
    file: 'test/fixtures/rules/CG101/pos-novalue.json',
    rule: 'CG101',
    reason:
      'a value of {"Ref": "AWS::NoValue"} counts as absent, so the fix adds a second PreventUserExistenceErrors key instead of replacing the Ref; the finding stays and fix-all adds the key again in every round',
  },
  {
    file: 'test/fixtures/rules/CG101/pos-novalue.yaml',
    rule: 'CG101',
    reason: '!Ref AWS::NoValue counts as absent: the fix adds a duplicate PreventUserExistenceErrors key',
  },
  {
    file: 'test/fixtures/rules/CG201/pos-novalue.json',
    rule: 'CG201',
    reason: '{"Ref": "AWS::NoValue"} counts as absent: the fix adds a duplicate ExplicitAuthFlows key',
  },
  {
    file: 'test/fixtures/rules/CG201/pos-novalue.yaml',
    rule: 'CG201',
    reason: '!Ref AWS::NoValue counts as absent: the fix adds a duplicate ExplicitAuthFlows key',
  },
  {
    file: 'test/fixtures/rules/CG201/pos-null.tf',
    rule: 'CG201',
    reason: '`explicit_auth_flows = null` counts as absent: the fix adds a second explicit_auth_flows argument',
  },
  {
    file: 'test/fixtures/rules/CG202/pos-novalue.yaml',
    rule: 'CG202',
    reason: '!Ref AWS::NoValue counts as absent: the fix adds a duplicate RefreshTokenRotation key',
  },
  {
    file: 'test/fixtures/rules/CG202/pos-local.tf',
    rule: 'CG202',
    reason:
      'the rotation feature comes from local.rotation, so the replace edit is dropped, but the fix still removes ALLOW_REFRESH_TOKEN_AUTH: half a fix that leaves the finding',
  },
  {
    file: 'test/fixtures/rules/CG202/pos-var-default.tf',
    rule: 'CG202',
    reason: 'the feature comes from a variable default: only the ALLOW_REFRESH_TOKEN_AUTH removal is applied',
  },
  {
    file: 'test/fixtures/rules/CG202/pos-var-default.tf.json',
    rule: 'CG202',
    reason: 'the feature comes from a variable default: only the ALLOW_REFRESH_TOKEN_AUTH removal is applied',
  },
  {
    file: 'test/fixtures/rules/CG202/pos-param-default.yaml',
    rule: 'CG202',
    reason: 'the feature comes from a parameter default: only the ALLOW_REFRESH_TOKEN_AUTH removal is applied',
  },
  {
    file: 'test/fixtures/rules/CG202/pos-param-default.sam.yaml',
    rule: 'CG202',
    reason: 'the feature comes from a parameter default: only the ALLOW_REFRESH_TOKEN_AUTH removal is applied',
  },
  {
    file: 'test/fixtures/rules/CG202/pos-param-default.json',
    rule: 'CG202',
    reason: 'the feature comes from a parameter default: only the ALLOW_REFRESH_TOKEN_AUTH removal is applied',
  },
  {
    file: 'test/fixtures/rules/CG203/pos-novalue.json',
    rule: 'CG203',
    reason: '{"Ref": "AWS::NoValue"} counts as absent: the fix adds a duplicate WriteAttributes key',
  },
  {
    file: 'test/fixtures/rules/CG203/pos-novalue.yaml',
    rule: 'CG203',
    reason: '!Ref AWS::NoValue counts as absent: the fix adds a duplicate WriteAttributes key',
  },
  {
    file: 'test/fixtures/rules/CG204/pos-novalue.json',
    rule: 'CG204',
    reason: '{"Ref": "AWS::NoValue"} counts as absent: the fix adds a duplicate ReadAttributes key',
  },
  {
    file: 'test/fixtures/rules/CG204/pos-novalue.yaml',
    rule: 'CG204',
    reason: '!Ref AWS::NoValue counts as absent: the fix adds a duplicate ReadAttributes key',
  },
  {
    file: 'test/fixtures/rules/CG111/pos-output.tf.json',
    rule: 'CG111',
    reason:
      'removing the only entry of the JSON "output" object removes the wrong lines: the comma after "resource" and a stray "}" are left, and the file no longer parses',
  },
];

// ---------------------------------------------------------------------------------------------
// Files

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const rel = (f: string): string => path.relative(ROOT, f).split(path.sep).join('/');

function tfvarsBeside(file: string): AnalyzeOptions {
  if (!file.endsWith('.tf')) return {};
  const dir = path.dirname(file);
  const tfvars = fs
    .readdirSync(dir)
    .filter((n) => /^(terraform\.tfvars|.+\.auto\.tfvars)$/.test(n))
    .map((n) => ({ fileName: path.join(dir, n), text: fs.readFileSync(path.join(dir, n), 'utf8') }));
  return tfvars.length ? { tfvars } : {};
}

const ALL_FILES = [...walk(path.join(ROOT, 'test', 'fixtures', 'rules')), ...walk(path.join(ROOT, 'examples'))]
  .filter((f) => !/\.(expected|md)$/.test(f) && !f.includes('.tfvars'))
  .sort();

type Syntax = 'hcl' | 'yaml' | 'json';

function syntaxOf(file: string): Syntax {
  if (file.endsWith('.tf')) return 'hcl';
  if (file.endsWith('.json')) return 'json';
  return 'yaml';
}

// ---------------------------------------------------------------------------------------------
// Variants

interface Variant {
  name: string;
  text: string;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The line (start and end offsets, without its line break) holding offset `o`. */
function lineAround(text: string, o: number): { start: number; end: number } {
  let start = Math.min(o, text.length);
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}

/** Fuzzed variants of a file, built from its text and the first quick fix's edit. */
function variantsOf(file: string, text: string, firstEdit: TextEdit | undefined): Variant[] {
  const syntax = syntaxOf(file);
  const eol = eolOf(text);
  const out: Variant[] = [];
  if (!text.includes('\r\n')) out.push({ name: 'crlf', text: text.replace(/\n/g, '\r\n') });
  out.push({ name: 'reindent', text: text.replace(/^( +)/gm, (s) => s + s) });
  if (syntax === 'hcl') out.push({ name: 'tabs', text: text.replace(/^((?: {2})+)/gm, (s) => '\t'.repeat(s.length / 2)) });
  out.push({ name: 'trailing-blank-line', text: text.endsWith(eol) ? text + eol : text + eol + eol });
  out.push({ name: 'no-final-newline', text: text.replace(/(\r?\n)+$/, '') });
  if (syntax !== 'json' && firstEdit) {
    const line = lineAround(text, firstEdit.span.start);
    const indent = /^[ \t]*/.exec(text.slice(line.start))?.[0] ?? '';
    out.push({
      name: 'comment-above-edit',
      text: text.slice(0, line.start) + `${indent}# fuzz: a comment above${eol}` + text.slice(line.start),
    });
    out.push({
      name: 'comment-after-edit',
      text: text.slice(0, line.end) + ' # fuzz: a comment after' + text.slice(line.end),
    });
  }
  if (syntax === 'json') {
    try {
      out.push({ name: 'compact-json', text: JSON.stringify(JSON.parse(text)) + '\n' });
    } catch {
      // not plain JSON: no compact variant
    }
  }
  return out.filter((v) => v.text !== text);
}

// ---------------------------------------------------------------------------------------------
// Checks

const isSyntaxError = (f: Finding): boolean => f.ruleId === 'CG000' && f.severity === 'error';
const loud = (f: Finding): boolean => f.severity === 'error' || f.severity === 'warning';

function loudCounts(a: Analysis): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of a.findings.filter(loud)) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

/** Lines around the edits, before and after, numbered, with line breaks made visible. */
function around(src: string, out: string, edits: TextEdit[]): string {
  const first = Math.min(...edits.map((e) => e.span.start));
  const lastOld = Math.max(...edits.map((e) => e.span.end));
  const grow = edits.reduce((n, e) => n + e.newText.length - (e.span.end - e.span.start), 0);
  const show = (text: string, from: number, to: number): string => {
    const lines = text.split('\n');
    let o = 0;
    const res: string[] = [];
    lines.forEach((l, i) => {
      const s = o;
      o += l.length + 1;
      if (o > from - 120 && s < to + 120) res.push(`${String(i + 1).padStart(4)}| ${l.replace(/\r$/, '\\r')}`);
    });
    return res.join('\n');
  };
  return `--- before\n${show(src, first, lastOld)}\n--- after\n${show(out, first, lastOld + grow)}`;
}

/** (d): the text outside the edits is unchanged; edits are in range and do not overlap. */
function outsideUnchanged(src: string, out: string, edits: TextEdit[]): string | undefined {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let prevEnd = 0;
  let cursor = 0;
  for (const e of sorted) {
    if (e.span.start < prevEnd || e.span.end < e.span.start || e.span.end > src.length)
      return `edit ${JSON.stringify(e.span)} is out of range or overlaps the previous one`;
    const between = src.slice(prevEnd, e.span.start);
    if (out.slice(cursor, cursor + between.length) !== between)
      return `the text before the edit at ${e.span.start} changed: ${JSON.stringify(between.slice(-60))}`;
    cursor += between.length;
    if (out.slice(cursor, cursor + e.newText.length) !== e.newText)
      return `the edit at ${e.span.start} was not applied as given`;
    cursor += e.newText.length;
    prevEnd = e.span.end;
  }
  const suffix = src.slice(prevEnd);
  if (out.slice(cursor) !== suffix) return `the text after the last edit changed: ${JSON.stringify(suffix.slice(0, 60))}`;
  return undefined;
}

/** The file's style: its line breaks, and tabs only where the file already has them. */
function styleKept(src: string, out: string, edits: TextEdit[]): string | undefined {
  const inserted = edits.map((e) => e.newText).join('');
  if (src.includes('\r\n') && /(^|[^\r])\n/.test(inserted)) return 'a bare LF was written into a CRLF file';
  if (!src.includes('\r\n') && inserted.includes('\r')) return 'a CR was written into an LF file';
  if (!src.includes('\t') && out.includes('\t')) return 'a tab was written into a file without tabs';
  return undefined;
}

interface Failure {
  rule: string;
  message: string;
}

/** Applies every fix of every finding on its own, then fix-all; returns the failures. */
function checkText(
  label: string,
  fileName: string,
  text: string,
  opts: AnalyzeOptions,
  stats: Stats,
  before: Analysis,
  oneIgnore: boolean,
): Failure[] {
  const failures: Failure[] = [];
  if (before.findings.some(isSyntaxError) || before.internalErrors.length) return failures;
  const loudBefore = loudCounts(before);
  const seen = new Set<string>();
  for (const f of before.findings) {
    for (const fix of f.fixes) {
      // the same fix offered by two findings of one rule (ignore fixes) is checked once; in variants only
      // the first ignore fix (they all write the same comment or Metadata, with another rule id)
      const key =
        fix.kind === 'ignore' && oneIgnore
          ? 'ignore'
          : `${f.ruleId}|${f.resource ?? ''}|${JSON.stringify(fix.edits)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const msg = checkFix(text, fileName, opts, before, loudBefore, f, fix);
      if (fix.kind === 'ignore') stats.ignore++;
      else stats.quick++;
      if (msg) failures.push({ rule: f.ruleId, message: `${label}: ${f.ruleId} "${fix.title}" (${fix.kind}): ${msg}` });
    }
  }
  if (before.findings.some((f) => f.fixes.some((x) => x.kind === 'quickfix' && x.safe))) {
    stats.fixAll++;
    const once = fixAll(text, fileName, opts);
    const rules = [...new Set(once.applied.map((x) => x.ruleId))];
    const rule = rules.join(',') || 'fix-all';
    const after = analyze(once.text, fileName, opts);
    const problems: string[] = [];
    if (once.refused) problems.push(`refused: ${once.refused}`);
    if (after.findings.some(isSyntaxError)) problems.push('the result has a syntax error');
    const newLoud = [...loudCounts(after).keys()].filter((r) => !loudBefore.has(r));
    if (newLoud.length) problems.push(`new errors or warnings: ${newLoud.join(', ')}`);
    const twice = fixAll(once.text, fileName, opts);
    if (twice.text !== once.text) problems.push('fix-all applied twice differs from once');
    if (problems.length) {
      const edits: TextEdit[] = [{ span: { start: 0, end: text.length }, newText: once.text }];
      failures.push({
        rule,
        message: `${label}: fix-all (${once.applied.map((x) => `${x.ruleId} "${x.title}"`).join('; ')}): ${problems.join('; ')}\n${
          twice.text !== once.text ? around(once.text, twice.text, [firstDiff(once.text, twice.text)]) : around(text, once.text, edits)
        }`,
      });
    }
  }
  return failures;
}

/** A text edit covering where two texts first differ (for showing the difference). */
function firstDiff(a: string, b: string): TextEdit {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return { span: { start: i, end: a.length - j }, newText: b.slice(i, b.length - j) };
}

function checkFix(
  text: string,
  fileName: string,
  opts: AnalyzeOptions,
  before: Analysis,
  loudBefore: Map<string, number>,
  f: Finding,
  fix: Fix,
): string | undefined {
  const problems: string[] = [];
  if (fix.edits.length === 0) problems.push('the fix has no edits');
  const out = applyEdits(text, fix.edits);
  const after = analyze(out, fileName, opts);
  // (a)
  const syntax = after.findings.filter(isSyntaxError);
  if (syntax.length)
    problems.push(`syntax error after the fix: ${syntax.map((s) => `${s.range.start.line + 1}: ${s.message}`).join('; ')}`);
  if (after.internalErrors.length) problems.push(`internal error: ${JSON.stringify(after.internalErrors)}`);
  // (b)
  const same = (a: Analysis): Finding[] => a.findings.filter((x) => x.ruleId === f.ruleId && x.resource === f.resource);
  if (fix.kind === 'ignore') {
    if (same(after).length) problems.push(`${f.ruleId} still reported on ${f.resource ?? 'the file'} after the ignore fix`);
  } else if (same(after).length >= same(before).length) {
    problems.push(
      `the finding is not gone: ${same(before).length} ${f.ruleId} finding(s) on ${f.resource ?? 'the file'} before, ${same(after).length} after`,
    );
  }
  // (c)
  const loudAfter = loudCounts(after);
  for (const [rule, n] of loudAfter) {
    const was = loudBefore.get(rule) ?? 0;
    if (n > was) {
      const msgs = after.findings.filter((x) => x.ruleId === rule && loud(x)).map((x) => `${x.range.start.line + 1}: ${x.message}`);
      problems.push(`${was === 0 ? 'new' : 'more'} ${rule} error/warning findings (${was} before, ${n} after): ${msgs.join(' | ')}`);
    }
  }
  // (d)
  const outside = outsideUnchanged(text, out, fix.edits);
  if (outside) problems.push(outside);
  const style = styleKept(text, out, fix.edits);
  if (style) problems.push(style);
  if (!problems.length) return undefined;
  return `${problems.join('; ')}\n${around(text, out, fix.edits)}`;
}

// ---------------------------------------------------------------------------------------------
// The suite

interface Stats {
  files: number;
  variants: number;
  quick: number;
  ignore: number;
  fixAll: number;
  skipped: string[];
}

const stats: Stats = { files: 0, variants: 0, quick: 0, ignore: 0, fixAll: 0, skipped: [] };
const knownHit = new Set<string>();
const started = Date.now();
const cpu = process.cpuUsage();

interface Subject {
  file: string;
  text: string;
  opts: AnalyzeOptions;
  analysis: Analysis;
  firstQuickEdit: TextEdit | undefined;
}

const subjects: Subject[] = [];
for (const file of ALL_FILES) {
  const text = fs.readFileSync(file, 'utf8');
  const opts = tfvarsBeside(file);
  const a = analyze(text, file, opts);
  if (!a.isTemplate || !a.findings.some((f) => f.fixes.length)) continue;
  const firstQuick = a.findings.flatMap((f) => f.fixes).find((x) => x.kind === 'quickfix');
  subjects.push({ file, text, opts, analysis: a, firstQuickEdit: firstQuick?.edits[0] });
}

describe('quick fixes keep every file valid and fix what they say (property)', () => {
  it('finds fixable fixtures', () => {
    assert.ok(subjects.length > 100, `only ${subjects.length} fixable files found`);
  });

  subjects.forEach((s, index) => {
    const name = rel(s.file);
    it(name, (t) => {
      stats.files++;
      const failures = checkText(name, s.file, s.text, s.opts, stats, s.analysis, false);
      if (index % VARIANT_STRIDE === 0) {
        for (const v of variantsOf(s.file, s.text, s.firstQuickEdit)) {
          const a = analyze(v.text, s.file, s.opts);
          if (!a.isTemplate || a.findings.some(isSyntaxError)) {
            stats.skipped.push(`${name} [${v.name}]`);
            continue;
          }
          stats.variants++;
          failures.push(...checkText(`${name} [${v.name}]`, s.file, v.text, s.opts, stats, a, true));
        }
      }
      if (failures.length === 0) return;
      const known = failures.map((f) => KNOWN.find((k) => k.file === name && f.rule.split(',').includes(k.rule)));
      for (const k of known) if (k) knownHit.add(`${k.file}|${k.rule}`);
      const report = failures.map((f) => f.message).join('\n\n');
      if (known.every((k) => k)) {
        t.todo([...new Set(known.map((k) => k?.reason))].join('; '));
      }
      assert.fail(`${failures.length} failure(s):\n${report}`);
    });
  });

  it('every KNOWN failure still fails (remove the entry once it is fixed)', () => {
    const stale = KNOWN.filter((k) => subjects.some((s) => rel(s.file) === k.file) && !knownHit.has(`${k.file}|${k.rule}`));
    assert.deepEqual(
      stale.map((k) => `${k.file} ${k.rule}`),
      [],
    );
  });

  after(() => {
    console.log(
      `fix property: ${stats.files} files, ${stats.variants} variants (${stats.skipped.length} skipped as they do not parse: ${stats.skipped.join(', ')}), ` +
        `${stats.quick} quick fixes, ${stats.ignore} ignore fixes, ${stats.fixAll} fix-alls, ${Date.now() - started} ms (${Math.round(process.cpuUsage(cpu).user / 1000)} ms CPU)`,
    );
  });
});
