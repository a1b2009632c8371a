/**
 * Engine fuzzing with fast-check, shared by `npm run fuzz` (test/fuzz/fuzz.ts, 100,000 documents) and
 * `npm test` (test/unit/fuzz.test.ts, about 2,000 documents).
 *
 * Every document is a fixture (test/fixtures/** and examples/**, every dialect) with a short sequence of
 * mutations applied: truncation anywhere; insertion of syntax tokens (also repeated, up to 400
 * characters: deep nesting, long runs), keywords and random UTF-16
 * (lone surrogates, NUL, BOM, line and paragraph separators, astral characters included); deletion and
 * duplication of characters and of lines; line swaps; indentation changes (spaces and tabs); quotes and
 * brackets swapped for others; single characters replaced. Each document goes through the engine as the
 * CLI and the language server use it, and must hold these properties:
 *
 *  - `analyze()` never throws, and reports no internal error (a rule or parser that throws is a bug);
 *  - every finding's span lies inside the text;
 *  - every fix it offers has edits inside the text that do not overlap, applies with `applyEdits`, and
 *    the fixed text analyses without a throw or an internal error;
 *  - fix-all, hover and completion at a few offsets never throw;
 *  - the time of `analyze()` is bounded by the input's size: its time per KB is compared with the time
 *    per KB of the unmutated corpus measured in the same process (a baseline), and a document over
 *    the bound is timed again, with a fresh baseline, before it counts as a failure (so a loaded
 *    machine or a garbage collection does not make it flake).
 *
 * A failure is shrunk by fast-check (fewer and smaller mutations), then the failing text is minimised
 * further by deleting lines and characters while the same failure remains.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, type Analysis, type AnalyzeOptions } from '../../server/src/engine/analyze';
import { completionsAt } from '../../server/src/engine/complete';
import { hoverAt } from '../../server/src/engine/hover';
import { fixAll } from '../../server/src/engine/fixall';
import type { TextEdit } from '../../server/src/core/edits';
import { applyEdits } from '../../server/src/fixes/writers';
import type { SiblingFile } from '../../server/src/parse/terraform';

/** The repository root, from the compiled file's location (out/test/fuzz). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

// ---------------------------------------------------------------------------------------------
// Corpus

export interface CorpusFile {
  /** Relative to the repository, `/`-separated. */
  rel: string;
  /** The absolute path, used as the file name given to the engine (its ending chooses the dialect). */
  fileName: string;
  text: string;
  tfvars: SiblingFile[];
}

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Every fixture and example the engine reads (not the `.expected` files, not Markdown). */
export function loadCorpus(root = ROOT): CorpusFile[] {
  const files = [...walk(path.join(root, 'test', 'fixtures')), ...walk(path.join(root, 'examples'))]
    .filter((f) => /\.(tf|tf\.json|ya?ml|json)$/.test(f))
    .sort();
  const tfvarsByDir = new Map<string, SiblingFile[]>();
  const tfvarsOf = (file: string): SiblingFile[] => {
    if (!file.endsWith('.tf') && !file.endsWith('.tf.json')) return [];
    const dir = path.dirname(file);
    let v = tfvarsByDir.get(dir);
    if (!v) {
      v = fs
        .readdirSync(dir)
        .filter((n) => /^(terraform\.tfvars|.+\.auto\.tfvars)(\.json)?$/.test(n))
        .sort()
        .map((n) => ({ fileName: path.join(dir, n), text: fs.readFileSync(path.join(dir, n), 'utf8') }));
      tfvarsByDir.set(dir, v);
    }
    return v;
  };
  return files.map((f) => ({
    rel: path.relative(root, f).split(path.sep).join('/'),
    fileName: f,
    text: fs.readFileSync(f, 'utf8'),
    tfvars: tfvarsOf(f),
  }));
}

// ---------------------------------------------------------------------------------------------
// Mutations

export type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace'; at: number; text: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; len: number; to: number }
  | { op: 'deleteLine'; line: number }
  | { op: 'duplicateLine'; line: number; to: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'indent'; line: number; by: number; tab: boolean }
  | { op: 'swapQuote'; nth: number; to: string }
  | { op: 'swapBracket'; nth: number; to: string };

/** Tokens that matter to one of the parsers, and words the rules look for. */
const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  "'",
  '`',
  ':',
  ': ',
  ',',
  '=',
  '==',
  '- ',
  '-',
  '.',
  '\\',
  '\\"',
  '\\u',
  '\\uD800',
  '#',
  '# cognito-guard-ignore CG101',
  '// ',
  '/*',
  '*/',
  '${',
  '${var.x}',
  '%{ if true }',
  '%{',
  '<<EOF\n',
  '<<-EOT\n',
  'EOF\n',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '  ',
  '    ',
  '&a ',
  '*a',
  '<<: *a',
  '!!str ',
  '!!binary ',
  '!Ref ',
  '!Sub ',
  '!GetAtt ',
  '!If [',
  '!Select [',
  '!FindInMap [',
  '!Join [',
  'Fn::If',
  'Fn::Sub',
  'Ref',
  'Condition',
  '? ',
  '|\n',
  '>-\n',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '%TAG ! tag:x,2000:\n',
  'null',
  'true',
  'false',
  '~',
  '0',
  '-1',
  '1e400',
  '0x10',
  'NaN',
  '9999999999999999999999',
  'var.',
  'local.',
  'each.value',
  'count.index',
  'for x in [1]: x',
  'dynamic "token_validity_units" {',
  'variable "v" { default = 1 }',
  'locals { a = 1 }',
  'resource "aws_cognito_user_pool_client" "x" {',
  'aws_cognito_user_pool_client',
  'aws_cognito_managed_user_pool_client',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPool',
  'Type: AWS::Cognito::UserPoolClient',
  'Properties:',
  'Resources:',
  'Parameters:',
  'Metadata:',
  'explicit_auth_flows',
  'ExplicitAuthFlows',
  'allowed_oauth_flows',
  'AllowedOAuthFlows',
  'callback_urls',
  'CallbackURLs',
  'token_validity_units',
  'TokenValidityUnits',
  'write_attributes',
  'WriteAttributes',
  'custom:role',
  'ALLOW_USER_PASSWORD_AUTH',
  'implicit',
  'http://localhost',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDFFF',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u00A0',
  '\u200B',
  '\u202E',
  '\uFFFD',
  '\uFFFF',
  '😀',
  'é',
];

const QUOTES = ['"', "'", '`'];
const BRACKETS = ['{', '}', '[', ']', '(', ')', '<', '>'];

/** Any UTF-16 code unit (lone surrogates and NUL included), or an astral character. */
const anyUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\uD800', '\uDC00', '\uFEFF', '\r', '\n', '\t') },
);

const insertText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TOKENS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...TOKENS), fc.integer({ min: 2, max: 400 }))
      .map(([t, n]) => t.repeat(Math.max(1, Math.floor(n / t.length)))),
  },
  { weight: 2, arbitrary: fc.string({ unit: anyUnit, minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...TOKENS), { minLength: 2, maxLength: 5 }).map((a) => a.join('')) },
);

const pos = fc.nat({ max: 1 << 20 });
const lineNo = fc.nat({ max: 400 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: pos }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: pos, text: insertText }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), at: pos, text: insertText }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('delete' as const), at: pos, len: fc.integer({ min: 1, max: 40 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('duplicate' as const),
      at: pos,
      len: fc.integer({ min: 1, max: 80 }),
      to: pos,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteLine' as const), line: lineNo }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), line: lineNo, to: lineNo }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: lineNo, b: lineNo }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('indent' as const),
      line: lineNo,
      by: fc.integer({ min: -8, max: 8 }),
      tab: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('swapQuote' as const), nth: lineNo, to: fc.constantFrom(...QUOTES) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('swapBracket' as const), nth: lineNo, to: fc.constantFrom(...BRACKETS) }),
  },
);

/** Splits into lines that keep their line breaks, so joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function nthIndexOf(text: string, chars: string[], nth: number): number {
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i] ?? '')) at.push(i);
  return at.length ? (at[nth % at.length] ?? -1) : -1;
}

export function applyMutation(text: string, m: Mutation): string {
  const p = (n: number): number => n % (text.length + 1);
  switch (m.op) {
    case 'truncate':
      return text.slice(0, p(m.at));
    case 'insert': {
      const at = p(m.at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'replace': {
      const at = p(m.at);
      return text.slice(0, at) + m.text + text.slice(at + m.text.length);
    }
    case 'delete': {
      const at = p(m.at);
      return text.slice(0, at) + text.slice(at + m.len);
    }
    case 'duplicate': {
      const at = p(m.at);
      const piece = text.slice(at, at + m.len);
      const to = p(m.to);
      return text.slice(0, to) + piece + text.slice(to);
    }
    default:
      break;
  }
  if (m.op === 'swapQuote' || m.op === 'swapBracket') {
    const i = nthIndexOf(text, m.op === 'swapQuote' ? QUOTES : BRACKETS, m.nth);
    return i < 0 ? text : text.slice(0, i) + m.to + text.slice(i + 1);
  }
  const lines = splitLines(text);
  if (lines.length === 0) return text;
  const l = (n: number): number => n % lines.length;
  switch (m.op) {
    case 'deleteLine':
      lines.splice(l(m.line), 1);
      break;
    case 'duplicateLine': {
      const line = lines[l(m.line)] ?? '';
      lines.splice(m.to % (lines.length + 1), 0, /[\r\n]$/.test(line) ? line : line + '\n');
      break;
    }
    case 'swapLines': {
      const a = l(m.a);
      const b = l(m.b);
      const la = lines[a] ?? '';
      const lb = lines[b] ?? '';
      // keep each position's line break, so that a last line without one stays last
      const brk = (s: string): string => /(\r\n|\r|\n)$/.exec(s)?.[0] ?? '';
      const body = (s: string): string => s.slice(0, s.length - brk(s).length);
      lines[a] = body(lb) + brk(la);
      lines[b] = body(la) + brk(lb);
      break;
    }
    case 'indent': {
      const i = l(m.line);
      const line = lines[i] ?? '';
      if (m.by >= 0) lines[i] = (m.tab ? '\t' : ' ').repeat(m.by) + line;
      else lines[i] = line.replace(new RegExp(`^[ \\t]{0,${-m.by}}`), '');
      break;
    }
  }
  return lines.join('');
}

export interface FuzzCase {
  file: number;
  mutations: Mutation[];
  /** Offsets (taken modulo the length) for hover and completion. */
  probes: number[];
  /** 0-99: the document's fixes are applied (and fix-all run) when this is below `deepPercent`. */
  dice: number;
}

export const caseArb = (corpusSize: number): fc.Arbitrary<FuzzCase> =>
  fc.record({
    file: fc.nat({ max: corpusSize - 1 }),
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
    probes: fc.array(pos, { minLength: 1, maxLength: 3 }),
    dice: fc.integer({ min: 0, max: 99 }),
  });

export function documentOf(corpus: CorpusFile[], c: FuzzCase): { file: CorpusFile; text: string } {
  const file = corpus[c.file % corpus.length];
  if (!file) throw new Error('empty corpus');
  return { file, text: c.mutations.reduce(applyMutation, file.text) };
}

// ---------------------------------------------------------------------------------------------
// Checks

export interface Work {
  documents: number;
  templates: number;
  findings: number;
  fixesApplied: number;
  fixAlls: number;
  /** Characters analysed by the timed `analyze()` calls, and their time. */
  chars: number;
  ms: number;
}

export function newWork(): Work {
  return { documents: 0, templates: 0, findings: 0, fixesApplied: 0, fixAlls: 0, chars: 0, ms: 0 };
}

/** A property failure: `kind` says which property (the same kind is kept while minimising). */
export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';

  constructor(
    readonly kind: string,
    detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** The first lines of a stack: where it threw. */
function firstFrame(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const frame = (err.stack ?? '').split('\n').find((l) => /^\s+at /.test(l)) ?? '';
  return `${err.name}: ${err.message.replace(/\d+/g, 'N')} ${frame.trim()}`;
}

function checkEdits(text: string, edits: TextEdit[], what: string): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let prevEnd = 0;
  for (const e of sorted) {
    if (!(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length))
      throw new FuzzFailure('fix edit out of range', `${what}: ${JSON.stringify(e.span)} in a text of ${text.length}`);
    if (e.span.start < prevEnd)
      throw new FuzzFailure('fix edits overlap', `${what}: ${JSON.stringify(sorted.map((x) => x.span))}`);
    prevEnd = e.span.end;
  }
}

/**
 * Engine bugs found by fuzzing and reported, tolerated here until they are fixed so that the fuzzer
 * goes on finding others: each is counted (and printed at the end of a run) instead of failing it.
 * Remove an entry once its bug is fixed.
 */
export const KNOWN: { id: string; reason: string; matches: (f: FuzzFailure, text: string) => boolean }[] = [
  {
    id: 'eof-syntax-span',
    reason:
      'a syntax error at the very end of a JSON or YAML text has the span {length, length + 1}, one past the text ' +
      '(clients clamp it, so nothing shows); e.g. {"Resources":{"C":{"Type":"AWS::Cognito::UserPoolClient"',
    matches: () => false, // checked where spans are checked, since it is far too common to stop at
  },
  {
    id: 'inverted-add-edit',
    reason:
      'adding a property to an object whose braces are broken (left open at the end of the text, or a YAML flow map ' +
      'cut by a bad line) renders an edit with start = end + 1, which applyEdits turns into a duplicated character; ' +
      'e.g. {"Resources":{"C":{"Type":"AWS::Cognito::UserPoolClient","Properties":{"RefreshTokenRotation":{ ' +
      '(CG002 "Add Feature") or "Resources:\\n  C:\\n    Type: AWS::Cognito::UserPoolClient\\n    Properties: {\\n$    ' +
      'ClientName: web,\\n      UserPoolId: us-east-1_Abc123\\n    }\\n" (CG101 "Set PreventUserExistenceErrors")',
    matches: (f) => {
      const m = /\{"start":(\d+),"end":(\d+)\}/.exec(f.message);
      return f.kind === 'fix edit out of range' && !!m && Number(m[1]) === Number(m[2]) + 1;
    },
  },
];

export const knownSeen = new Map<string, number>();

function sawKnown(id: string): void {
  knownSeen.set(id, (knownSeen.get(id) ?? 0) + 1);
}

export function knownFailure(f: unknown, text: string): string | undefined {
  if (!(f instanceof FuzzFailure)) return undefined;
  const k = KNOWN.find((x) => x.matches(f, text));
  if (k) sawKnown(k.id);
  return k?.id;
}

function analyzeChecked(text: string, fileName: string, options: AnalyzeOptions, what: string): Analysis {
  let a: Analysis;
  try {
    a = analyze(text, fileName, options);
  } catch (err) {
    throw new FuzzFailure(`${what} threw ${firstFrame(err)}`, errText(err));
  }
  const ie = a.internalErrors[0];
  if (ie) {
    throw new FuzzFailure(
      `internal error in ${ie.where} (${what})`,
      a.internalErrors.map((e) => `${e.where}: ${e.message}`).join('; '),
    );
  }
  for (const f of a.findings) {
    // KNOWN eof-syntax-span
    if (f.ruleId === 'CG000' && f.span.start === text.length && f.span.end === text.length + 1) {
      sawKnown('eof-syntax-span');
      continue;
    }
    if (!(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length))
      throw new FuzzFailure(`finding span out of range (${what})`, `${f.ruleId} ${JSON.stringify(f.span)}`);
  }
  return a;
}

/** How many distinct fixed texts are analysed again per document (every fix is still applied). */
const MAX_REANALYSES = 6;

/**
 * Runs one document through the engine; throws FuzzFailure (except for the time bound, which the
 * caller checks from the returned time). Returns the time of the first `analyze()` in ms.
 */
export function checkDocument(
  text: string,
  fileName: string,
  options: AnalyzeOptions,
  probes: number[],
  work: Work,
  deep = true,
): number {
  const t0 = performance.now();
  const a = analyzeChecked(text, fileName, options, 'analyze');
  const ms = performance.now() - t0;
  work.documents++;
  work.chars += text.length;
  work.ms += ms;
  if (a.isTemplate) work.templates++;
  work.findings += a.findings.length;
  for (const o of probes) {
    const offset = o % (text.length + 1);
    try {
      hoverAt(a, offset);
    } catch (err) {
      throw new FuzzFailure(`hover threw ${firstFrame(err)}`, `at ${offset}: ${errText(err)}`);
    }
    try {
      completionsAt(a, text, offset);
    } catch (err) {
      throw new FuzzFailure(`completion threw ${firstFrame(err)}`, `at ${offset}: ${errText(err)}`);
    }
  }
  if (!deep) return ms;
  const seen = new Set<string>();
  let hasSafe = false;
  for (const f of a.findings) {
    for (const fix of f.fixes) {
      if (fix.safe && fix.kind === 'quickfix') hasSafe = true;
      const what = `${f.ruleId} fix "${fix.title}"`;
      checkEdits(text, fix.edits, what);
      let fixed: string;
      try {
        fixed = applyEdits(text, fix.edits);
      } catch (err) {
        throw new FuzzFailure(`applyEdits threw ${firstFrame(err)}`, `${what}: ${errText(err)}`);
      }
      work.fixesApplied++;
      if (seen.has(fixed) || seen.size >= MAX_REANALYSES) continue;
      seen.add(fixed);
      analyzeChecked(fixed, fileName, options, `analyze after ${f.ruleId} fix`);
    }
  }
  if (hasSafe) {
    work.fixAlls++;
    try {
      const r = fixAll(text, fileName, options);
      if (r.text !== text) analyzeChecked(r.text, fileName, options, 'analyze after fix-all');
    } catch (err) {
      if (err instanceof FuzzFailure) throw err;
      throw new FuzzFailure(`fixAll threw ${firstFrame(err)}`, errText(err));
    }
  }
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Time bound

/**
 * The time per KB of `analyze()` over the unmutated corpus, measured now in this process (the best of
 * a few rounds). Documents under 1 KB count as 1 KB.
 */
export function baselineMsPerKb(corpus: CorpusFile[], rounds = 3, sample = corpus.length): number {
  const files = corpus.filter((_, i) => i % Math.max(1, Math.floor(corpus.length / sample)) === 0);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    let ms = 0;
    let kb = 0;
    for (const f of files) {
      const t0 = performance.now();
      analyze(f.text, f.fileName, { tfvars: f.tfvars });
      ms += performance.now() - t0;
      kb += Math.max(1, f.text.length / 1024);
    }
    best = Math.min(best, ms / kb);
  }
  return best;
}

/** How many times the baseline time per KB a document may take. Generous: only blow-ups fail. */
export const TIME_FACTOR = 100;

export function timeBound(chars: number, msPerKb: number): number {
  return TIME_FACTOR * msPerKb * Math.max(1, chars / 1024);
}

/**
 * Checks the time of a document against the bound; over it, the document is timed again (best of
 * five) against a fresh baseline, so that only a reproducible blow-up fails.
 */
export function checkTime(
  text: string,
  fileName: string,
  options: AnalyzeOptions,
  ms: number,
  corpus: CorpusFile[],
  state: { msPerKb: number; retimed: number },
): void {
  if (ms <= timeBound(text.length, state.msPerKb)) return;
  state.retimed++;
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    analyze(text, fileName, options);
    best = Math.min(best, performance.now() - t0);
  }
  // the machine may be busier now than when the baseline was taken: compare with a fresh one (kept for
  // this decision only, so that a busy moment does not loosen the bound for the rest of the run)
  const fresh = Math.max(state.msPerKb, baselineMsPerKb(corpus, 2, 200));
  const bound = timeBound(text.length, fresh);
  if (best > bound) {
    throw new FuzzFailure(
      'too slow for its size',
      `${best.toFixed(1)} ms for ${text.length} characters; the bound is ${bound.toFixed(1)} ms ` +
        `(${TIME_FACTOR} x the baseline ${fresh.toFixed(3)} ms per KB)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Minimising

function failureKind(
  text: string,
  fileName: string,
  options: AnalyzeOptions,
  probes: number[],
  deep: boolean,
): string | undefined {
  try {
    checkDocument(text, fileName, options, probes, newWork(), deep);
    return undefined;
  } catch (err) {
    if (err instanceof FuzzFailure && KNOWN.some((k) => k.matches(err, text))) return undefined;
    return err instanceof FuzzFailure ? err.kind : `check threw ${firstFrame(err)}`;
  }
}

/**
 * Deletes lines, then runs of characters, then single characters, while the document still fails with
 * the same kind of failure. Bounded by `budget` checks. Hover and completion probes are kept as
 * absolute offsets only when the failure needs them.
 */
export function minimise(
  text: string,
  fileName: string,
  options: AnalyzeOptions,
  kind: string,
  probes: number[],
  budget = 4000,
): string {
  const deep = !/^(hover|completion) /.test(kind);
  let tries = 0;
  const fails = (t: string): boolean => {
    tries++;
    const offsets = probes.map((o) => o % (text.length + 1)).map((o) => Math.min(o, t.length));
    return failureKind(t, fileName, options, offsets, deep) === kind;
  };
  let cur = text;
  // lines
  for (let chunk = 64; chunk >= 1 && tries < budget; chunk = Math.floor(chunk / 2)) {
    let lines = splitLines(cur);
    for (let i = 0; i < lines.length && tries < budget;) {
      const cand = [...lines.slice(0, i), ...lines.slice(i + chunk)].join('');
      if (cand !== cur && fails(cand)) {
        cur = cand;
        lines = splitLines(cur);
      } else i += chunk;
    }
  }
  // characters
  for (let chunk = 32; chunk >= 1 && tries < budget; chunk = Math.floor(chunk / 2)) {
    for (let i = 0; i < cur.length && tries < budget;) {
      const cand = cur.slice(0, i) + cur.slice(i + chunk);
      if (fails(cand)) cur = cand;
      else i += chunk;
    }
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// A run

export interface RunOptions {
  numRuns: number;
  seed: number;
  /** Stop at the first failure (after shrinking it); otherwise too, fast-check stops at the first. */
  log?: (s: string) => void;
  /**
   * The share of documents (0-100) whose fixes are applied and analysed again and on which fix-all runs
   * (ten times slower than the rest); analysis, hover and completion run on every document.
   */
  deepPercent?: number;
}

export interface RunResult {
  documents: number;
  failed: boolean;
  seed: number;
  work: Work;
  msPerKb: number;
  retimed: number;
  /** On failure: */
  kind?: string;
  message?: string;
  source?: string;
  mutations?: Mutation[];
  document?: string;
  minimal?: string;
  ms: number;
}

export function runFuzz(corpus: CorpusFile[], opts: RunOptions): RunResult {
  const started = performance.now();
  const log = opts.log ?? ((): void => undefined);
  const deepPercent = opts.deepPercent ?? 100;
  const state = { msPerKb: baselineMsPerKb(corpus, 3, 300), retimed: 0 };
  log(`baseline: ${state.msPerKb.toFixed(3)} ms per KB (analyze, unmutated fixtures)`);
  const work = newWork();
  let cases = 0;
  const every = Math.max(1, Math.floor(opts.numRuns / 20));
  const property = fc.property(caseArb(corpus.length), (c) => {
    const { file, text } = documentOf(corpus, c);
    const options: AnalyzeOptions = { tfvars: file.tfvars };
    try {
      const ms = checkDocument(text, file.fileName, options, c.probes, work, c.dice < deepPercent);
      checkTime(text, file.fileName, options, ms, corpus, state);
    } catch (err) {
      if (!knownFailure(err, text)) throw err;
    }
    if (++cases % every === 0) log(`${cases} documents, ${Math.round(performance.now() - started)} ms`);
  });
  const details = fc.check(property, { numRuns: opts.numRuns, seed: opts.seed, endOnFailure: false });
  const result: RunResult = {
    documents: details.numRuns,
    failed: details.failed,
    seed: opts.seed,
    work,
    msPerKb: state.msPerKb,
    retimed: state.retimed,
    ms: 0,
  };
  const counter = details.counterexample?.[0];
  if (details.failed && counter) {
    const { file, text } = documentOf(corpus, counter);
    const err = details.errorInstance;
    result.kind = err instanceof FuzzFailure ? err.kind : 'unexpected';
    result.message = err instanceof Error ? err.message : String(err);
    result.source = file.rel;
    result.mutations = counter.mutations;
    result.document = text;
    result.minimal =
      result.kind === 'too slow for its size'
        ? text
        : minimise(text, file.fileName, { tfvars: file.tfvars }, result.kind, counter.probes);
  }
  result.ms = performance.now() - started;
  return result;
}

/** A failure, readable: the seed to replay it, the fixture, the mutations and the minimal document. */
export function describeFailure(r: RunResult): string {
  return [
    `failure: ${r.message ?? ''}`,
    `seed: ${r.seed}`,
    `fixture: ${r.source ?? ''}`,
    `mutations: ${JSON.stringify(r.mutations)}`,
    `document (${r.document?.length ?? 0} characters, after shrinking): ${JSON.stringify(r.document)}`,
    `minimal document (${r.minimal?.length ?? 0} characters): ${JSON.stringify(r.minimal)}`,
  ].join('\n');
}
