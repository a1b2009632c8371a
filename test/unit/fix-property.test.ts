/**
 * Property test of the quick fixes, over the fixtures under test/fixtures/rules/**, test/fixtures/
 * suppression/**, the golden inputs under test/fixtures/golden/ and examples/**, and over deterministic
 * fuzzed variants of a sample of them (CRLF line endings, doubled indentation, tabs in HCL, a comment
 * line above the edited line, a comment at the end of the edited line, a trailing blank line, no final
 * newline, compact one-line JSON; a variant that no longer parses is skipped). Each selected fix of
 * `analyze()` (as the rules and the writer produce it, before any verification at the edges) is applied
 * on its own with `applyEdits`, and fix-all is run on the file, and:
 *
 *  (a) the result still parses: no CG000 error, no internal error;
 *  (b) the finding is gone: no finding of its rule at the place it moved to with the same message, and
 *      fewer findings of its rule on its resource than before (so no other finding of that rule appears
 *      instead); an ignore fix leaves none of that rule on that resource;
 *  (c) no new error or warning appears: no rule id at error or warning severity that was not there
 *      before (info may appear; a rule already reported may be reported in another form: writing out
 *      the default write list turns one CG110 finding on the client into one per writable item);
 *  (d) the text outside the edited spans is byte-for-byte unchanged (prefix, suffix and the parts
 *      between edits), the edits do not overlap, and the file's line breaks and tab use are kept;
 *  fix-all: not refused, no CG000, no new error or warning rule, and fix-all applied to its own result
 *  changes nothing.
 *
 * Which fixes are checked is described at OTHER_PER_BUCKET below. At the time of writing: 1,156 files
 * read, 853 with a fixable finding, 606 of them checked, plus 334 variants; about 1,230 quick fixes, 600
 * ignore fixes and 470 fix-alls, in about 3 seconds of CPU (the summary line printed at the end says
 * how many were checked in the run).
 *
 * Failures the writer or the rules are known to have are listed in KNOWN with the reason; a test whose
 * only failures are known ones is reported as a todo, and a KNOWN entry that no longer fails is itself
 * a failure (remove it once the bug is fixed). A failure names the file (and variant), the rule, the fix
 * title, and shows the lines around the change before and after.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze, type AnalyzeOptions, type Analysis } from '../../server/src/engine/analyze';
import type { Finding } from '../../server/src/core/rule';
import { fixAll } from '../../server/src/engine/fixall';
import { FixVerifier } from '../../server/src/engine/verify';
import type { Fix, TextEdit } from '../../server/src/core/edits';
import { applyEdits } from '../../server/src/fixes/writers';
import { ROOT } from './helpers';

/** Known failures: `file` (relative to the repository, `/`-separated), the rule, why. */
const KNOWN: { file: string; rule: string; reason: string }[] = [
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
    file: 'test/fixtures/rules/CG111/pos-output.tf.json',
    rule: 'CG111',
    reason:
      'removing the only entry of the JSON "output" object removes the wrong lines: the comma after "resource" and a stray "}" are left, and the file no longer parses',
  },
  {
    file: 'test/fixtures/rules/CG007/pos-flag-false.json',
    rule: 'CG007',
    reason: 'setting AllowedOAuthFlowsUserPoolClient to true brings new CG007 errors (no flows, no identity providers)',
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

const ALL_FILES = [
  ...walk(path.join(ROOT, 'test', 'fixtures', 'rules')),
  ...walk(path.join(ROOT, 'test', 'fixtures', 'suppression')),
  ...walk(path.join(ROOT, 'test', 'fixtures', 'golden')),
  ...walk(path.join(ROOT, 'examples')),
]
  .filter((f) => !/\.(expected|md)$/.test(f) && !/\.(fixed\.|golden\.json$)/.test(f) && !f.includes('.tfvars'))
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
  if (syntax === 'hcl')
    out.push({ name: 'tabs', text: text.replace(/^((?: {2})+)/gm, (s) => '\t'.repeat(s.length / 2)) });
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
  if (out.slice(cursor) !== suffix)
    return `the text after the last edit changed: ${JSON.stringify(suffix.slice(0, 60))}`;
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

/** Which fixes of a text to check, and whether to check fix-all on it. */
interface Selection {
  fixes: Array<[Finding, Fix]>;
  fixAll: boolean;
}

/** Applies the selected fixes one by one, then fix-all; returns the failures. */
function checkText(
  label: string,
  fileName: string,
  text: string,
  opts: AnalyzeOptions,
  before: Analysis,
  sel: Selection,
): Failure[] {
  const failures: Failure[] = [];
  const loudBefore = loudCounts(before);
  for (const [f, fix] of sel.fixes) {
    const msg = checkFix(text, fileName, opts, before, loudBefore, f, fix);
    if (fix.kind === 'ignore') stats.ignore++;
    else stats.quick++;
    if (msg) failures.push({ rule: f.ruleId, message: `${label}: ${f.ruleId} "${fix.title}" (${fix.kind}): ${msg}` });
  }
  if (sel.fixAll) {
    stats.fixAll++;
    const once = fixAll(text, fileName, opts);
    // the findings of the result, as fix-all sees them when it runs again (when that changes nothing, it
    // analyses the text once: no third analysis is needed)
    let after: Finding[] = [];
    const twice = fixAll(once.text, fileName, opts, (f) => after.push(f) > 0);
    if (twice.text !== once.text) after = analyze(once.text, fileName, opts).findings;
    const problems: string[] = [];
    if (once.refused) problems.push(`refused: ${once.refused}`);
    if (twice.refused) problems.push(`the result does not parse (fix-all run again: ${twice.refused})`);
    const newLoud = [...new Set(after.filter(loud).map((f) => f.ruleId))].filter((r) => !loudBefore.has(r));
    if (newLoud.length) problems.push(`new errors or warnings: ${newLoud.join(', ')}`);
    if (twice.text !== once.text) problems.push('fix-all applied twice differs from once');
    if (problems.length) {
      const shown =
        twice.text !== once.text
          ? around(once.text, twice.text, [firstDiff(once.text, twice.text)])
          : around(text, once.text, [firstDiff(text, once.text)]);
      failures.push({
        rule: [...new Set(once.applied.map((x) => x.ruleId))].join(',') || 'fix-all',
        message: `${label}: fix-all (${once.applied.map((x) => `${x.ruleId} "${x.title}"`).join('; ')}): ${problems.join('; ')}\n${shown}`,
      });
    }
  }
  return failures;
}

/** Where offset `o` of the text before the edits is in the text after them (the start of an edit it is in). */
function mapOffset(o: number, edits: TextEdit[]): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    if (e.span.end <= o) delta += e.newText.length - (e.span.end - e.span.start);
    else if (e.span.start <= o) return e.span.start + delta;
  }
  return o + delta;
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
    problems.push(
      `syntax error after the fix: ${syntax.map((s) => `${s.range.start.line + 1}: ${s.message}`).join('; ')}`,
    );
  if (after.internalErrors.length) problems.push(`internal error: ${JSON.stringify(after.internalErrors)}`);
  // (b)
  const same = (a: Analysis): Finding[] => a.findings.filter((x) => x.ruleId === f.ruleId && x.resource === f.resource);
  if (fix.kind === 'ignore') {
    if (same(after).length)
      problems.push(`${f.ruleId} still reported on ${f.resource ?? 'the file'} after the ignore fix`);
  } else {
    const at = mapOffset(f.span.start, fix.edits);
    const still = same(after).find((x) => x.span.start === at && x.message === f.message);
    if (still) problems.push(`the finding is still there (line ${still.range.start.line + 1})`);
    else if (same(after).length >= same(before).length) {
      const old = new Set(same(before).map((x) => x.message));
      const fresh = same(after).filter((x) => !old.has(x.message));
      problems.push(
        `the finding is gone, but ${f.ruleId} has ${same(before).length} finding(s) on ${f.resource ?? 'the file'} before and ${same(after).length} after: ${fresh
          .map((x) => `${x.range.start.line + 1}: ${x.message}`)
          .join(' | ')}`,
      );
    }
  }
  // (c)
  const loudAfter = loudCounts(after);
  const added = [...loudAfter.keys()].filter((rule) => !loudBefore.has(rule));
  if (added.length) {
    const msgs = after.findings
      .filter((x) => added.includes(x.ruleId) && loud(x))
      .map((x) => `${x.ruleId} ${x.range.start.line + 1}: ${x.message}`);
    if (fix.reveals) {
      // a fix that makes a setting take effect may bring out real findings: it must then be offered as
      // a fix that is not safe (never applied by --fix or fix-all), with a title that says so
      const offered = new FixVerifier(text, fileName, opts, before).check(f, fix);
      if (!offered || offered.safe || !added.every((id) => offered.title.includes(id)))
        problems.push(
          `the fix brings out ${added.join(', ')} but is ${offered ? `offered as "${offered.title}" (safe: ${offered.safe})` : 'not offered'}: ${msgs.join(' | ')}`,
        );
    } else problems.push(`new error/warning rule(s) ${added.join(', ')}: ${msgs.join(' | ')}`);
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
// The suite: which fixes are checked

/** The rule a fixture was written for (its folder); undefined for examples, suppression and golden fixtures. */
function ownRule(file: string): string | undefined {
  return /\/rules\/(CG\d{3})\//.exec(rel(file))?.[1];
}

/** The flavour of a file from its name: tf, managed.tf, tf.json, json, yaml, sam.yaml, serverless.yml. */
function flavour(file: string): string {
  const b = path.basename(file);
  if (b.startsWith('serverless.')) return 'serverless.yml';
  return /\.(managed\.tf|tf\.json|tf|sam\.yaml|serverless\.yml|json|ya?ml)$/.exec(b)?.[1] ?? b;
}

/**
 * Every quick fix of the rule a fixture was written for (every quick fix in examples, suppression and
 * golden fixtures) is checked; quick fixes of other rules that a fixture happens to trigger only up to OTHER_PER_BUCKET per
 * rule and flavour (the first in path order). Ignore fixes: in rule fixtures, the first of each rule and
 * flavour; elsewhere the first of each resource. Variants: the quick fixes of the file's own rule, its
 * first ignore fix, and fix-all when the file gets it and the variant is one of FIXALL_VARIANTS. Fix-all: on every file with
 * a safe fix of its own rule, and on every FIXALL_STRIDE-th other file with a safe fix.
 */
const OTHER_PER_BUCKET = 2;
const FIXALL_STRIDE = 6;
/** Every VARIANT_STRIDE-th file with a quick fix of its own rule is also checked in its fuzzed variants. */
/** The variants fix-all runs on (when it runs on the file). */
const FIXALL_VARIANTS = ['crlf', 'tabs', 'comment-above-edit', 'compact-json'];
const VARIANT_STRIDE = 10;

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
  sel: Selection;
  variants: boolean;
}

const hasSafeFix = (f: Finding): boolean => f.fixes.some((x) => x.kind === 'quickfix' && x.safe);

/** The fixes `want` picks, each distinct fix once (ignore fixes are offered by every finding of a rule). */
function select(a: Analysis, want: (f: Finding, fix: Fix) => boolean): Selection {
  const fixes: Array<[Finding, Fix]> = [];
  const seen = new Set<string>();
  for (const f of a.findings) {
    for (const fix of f.fixes) {
      const key = `${f.ruleId}|${f.resource ?? ''}|${fix.kind}|${JSON.stringify(fix.edits)}`;
      if (seen.has(key) || !want(f, fix)) continue;
      seen.add(key);
      fixes.push([f, fix]);
    }
  }
  return { fixes, fixAll: false };
}

/** Picks the first `cap` of each key. */
function firstOf(cap: number): (key: string) => boolean {
  const counts = new Map<string, number>();
  return (key) => {
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    return n < cap;
  };
}

const subjects: Subject[] = [];
let fixable = 0;
{
  const otherQuick = firstOf(OTHER_PER_BUCKET);
  const ownIgnore = firstOf(1);
  let others = 0;
  let withOwnQuick = 0;
  for (const file of ALL_FILES) {
    const text = fs.readFileSync(file, 'utf8');
    const opts = tfvarsBeside(file);
    const a = analyze(text, file, opts);
    if (!a.isTemplate || a.findings.some(isSyntaxError) || !a.findings.some((f) => f.fixes.length)) continue;
    fixable++;
    const own = ownRule(file);
    const kind = flavour(file);
    const focus = (f: Finding): boolean => !own || f.ruleId === own;
    const perResource = firstOf(1);
    const sel = select(a, (f, fix) => {
      if (fix.kind === 'quickfix') return focus(f) || otherQuick(`${f.ruleId}|${kind}`);
      if (!own) return perResource(f.resource ?? '');
      return focus(f) && ownIgnore(`${f.ruleId}|${kind}`);
    });
    if (a.findings.some((f) => focus(f) && hasSafeFix(f))) sel.fixAll = true;
    else if (a.findings.some(hasSafeFix)) sel.fixAll = others++ % FIXALL_STRIDE === 0;
    const ownQuick = a.findings.some((f) => focus(f) && f.fixes.some((x) => x.kind === 'quickfix'));
    const variants = ownQuick && withOwnQuick++ % VARIANT_STRIDE === 0;
    if (sel.fixes.length || sel.fixAll) subjects.push({ file, text, opts, analysis: a, sel, variants });
  }
}

describe('quick fixes keep every file valid and fix what they say (property)', () => {
  it('finds fixable fixtures', () => {
    assert.ok(subjects.length > 100, `only ${subjects.length} fixable files found`);
  });

  for (const s of subjects) {
    const name = rel(s.file);
    it(name, (t) => {
      stats.files++;
      const failures = checkText(name, s.file, s.text, s.opts, s.analysis, s.sel);
      if (s.variants) {
        const own = ownRule(s.file);
        const firstEdit = s.sel.fixes.find(([f, x]) => x.kind === 'quickfix' && (!own || f.ruleId === own))?.[1]
          .edits[0];
        for (const v of variantsOf(s.file, s.text, firstEdit)) {
          const a = analyze(v.text, s.file, s.opts);
          if (!a.isTemplate || a.findings.some(isSyntaxError)) {
            stats.skipped.push(`${name} [${v.name}]`);
            continue;
          }
          stats.variants++;
          // in a variant: the quick fixes of the fixture's own rule, one ignore fix, and fix-all
          const oneIgnore = firstOf(1);
          const sel = select(a, (f, x) => (x.kind === 'quickfix' ? !own || f.ruleId === own : oneIgnore('')));
          sel.fixAll = s.sel.fixAll && FIXALL_VARIANTS.includes(v.name);
          failures.push(...checkText(`${name} [${v.name}]`, s.file, v.text, s.opts, a, sel));
        }
      }
      if (failures.length === 0) return;
      const known = failures.map((f) => KNOWN.find((k) => k.file === name && f.rule.split(',').includes(k.rule)));
      for (const k of known) if (k) knownHit.add(`${k.file}|${k.rule}`);
      const report = failures.map((f) => f.message).join('\n\n');
      if (known.every((k) => k)) t.todo([...new Set(known.map((k) => k?.reason))].join('; '));
      assert.fail(`${failures.length} failure(s):\n${report}`);
    });
  }

  it('every KNOWN failure still fails (remove the entry once it is fixed)', () => {
    const stale = KNOWN.filter(
      (k) => subjects.some((s) => rel(s.file) === k.file) && !knownHit.has(`${k.file}|${k.rule}`),
    );
    assert.deepEqual(
      stale.map((k) => `${k.file} ${k.rule}`),
      [],
    );
  });

  after(() => {
    const skipped = stats.skipped.length ? ` (not parsing, so skipped: ${stats.skipped.join(', ')})` : '';
    console.log(
      `fix property: ${ALL_FILES.length} files read, ${fixable} with a fix, ${stats.files} checked, ` +
        `${stats.variants} variants${skipped}; ${stats.quick} quick fixes, ${stats.ignore} ignore fixes and ` +
        `${stats.fixAll} fix-alls applied; ${Date.now() - started} ms (${Math.round(process.cpuUsage(cpu).user / 1000)} ms CPU)`,
    );
  });
});
