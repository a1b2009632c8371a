/**
 * The command-line door: `cognito-guard [paths...]`. Finds templates, runs the engine, prints text,
 * JSON or SARIF, and exits 1 when a finding reaches `--fail-on`, 2 on bad usage or unreadable paths.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { analyze, fileKind, type Analysis, type AnalyzeOptions } from './engine/analyze';
import { fixAll } from './engine/fixall';
import { Workspace, type ConfigLoad } from './workspace/workspace';
import { verifiedFindings } from './engine/verify';
import type { Finding, Severity } from './core/rule';
import { ruleDocUrl } from './core/rule';
import type { Span } from './core/text';
import { RULES, SYNTAX_RULE, ruleIds } from './rules';
import { defaultConfig, withRuleOverrides, type Config, type RuleLevel } from './core/config';

const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn', '.serverless', '.aws-sam']);
const CANDIDATE = /\.(tf|tf\.json|ya?ml|json|template)$/i;
const SEVERITY_RANK: Record<Severity | 'none', number> = { info: 1, warning: 2, error: 3, none: 99 };

export interface CliOptions {
  paths: string[];
  /** Files larger than this are reported as skipped, not analysed. */
  maxFileSizeKb: number;
  /** `--fix` writes safe fixes; `--fix-dry-run` prints them as a diff. */
  fix: 'off' | 'write' | 'dry-run';
  /** `--config FILE`: one configuration for every file instead of the nearest `.cognito-guard.json`. */
  config?: string;
  /** `--rule CG203=off`: severity overrides on top of the configuration. */
  rules: Record<string, RuleLevel>;
  format: 'text' | 'json' | 'sarif';
  output?: string;
  failOn: Severity | 'none';
  color: boolean;
}

class UsageError extends Error {}

const HELP = `Usage: cognito-guard [options] [paths...]

Checks Amazon Cognito user pool clients in Terraform (.tf, .tf.json) and CloudFormation
(YAML, JSON, SAM, Serverless Framework, CDK output) for invalid and insecure settings.
Directories are searched recursively (node_modules, .git and .terraform are skipped).
With no path, the current directory is checked.

Options:
  -f, --format <text|json|sarif>   output format (default: text)
  -o, --output <file>              write the report to a file instead of standard output
      --fail-on <level>            exit 1 when a finding is at least this severe:
                                   error (default), warning, info, or none
  -c, --config <file>              use this configuration instead of the nearest .cognito-guard.json
      --rule <ID=LEVEL>            set a rule's severity: off, info, warning or error (repeatable)
      --max-file-size <KB>         skip (and report) files larger than this (default: 2048)
      --fix                        apply every safe fix in place, then report what is left
      --fix-dry-run                print the safe fixes as a unified diff instead of writing them
      --no-color                   never colour the text output
  -h, --help                       show this help
  -v, --version                    show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or unreadable path.
`;

export function parseArgs(argv: string[]): CliOptions | 'help' | 'version' {
  const opts: CliOptions = {
    paths: [],
    format: 'text',
    failOn: 'error',
    color: true,
    rules: {},
    fix: 'off',
    maxFileSizeKb: 2048,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i] ?? '';
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const take = (flag: string): string => inline ?? value(++i, flag);
    switch (a) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '-f':
      case '--format': {
        const f = take(a);
        if (f !== 'text' && f !== 'json' && f !== 'sarif')
          throw new UsageError(`--format must be text, json or sarif, not "${f}"`);
        opts.format = f;
        break;
      }
      case '-o':
      case '--output':
        opts.output = take(a);
        break;
      case '--fail-on': {
        const f = take(a);
        if (!['error', 'warning', 'info', 'none'].includes(f))
          throw new UsageError(`--fail-on must be error, warning, info or none, not "${f}"`);
        opts.failOn = f as Severity | 'none';
        break;
      }
      case '-c':
      case '--config':
        opts.config = take(a);
        break;
      case '--rule': {
        const spec = take(a);
        const m = /^([A-Za-z]+\d+)=(off|info|warning|error)$/.exec(spec);
        if (!m)
          throw new UsageError(
            `--rule takes ID=LEVEL with LEVEL off, info, warning or error (for example CG203=off), not "${spec}"`,
          );
        const id = (m[1] ?? '').toUpperCase();
        if (!ruleIds().includes(id)) throw new UsageError(`--rule: ${id} is not a cognito-guard rule id`);
        opts.rules[id] = m[2] as RuleLevel;
        break;
      }
      case '--max-file-size': {
        const v = Number(take(a));
        if (!Number.isFinite(v) || v <= 0) throw new UsageError('--max-file-size takes a size in KB, such as 4096');
        opts.maxFileSizeKb = v;
        break;
      }
      case '--fix':
        opts.fix = 'write';
        break;
      case '--fix-dry-run':
        opts.fix = 'dry-run';
        break;
      case '--no-color':
        opts.color = false;
        break;
      case '--':
        opts.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a} (see --help)`);
        opts.paths.push(a);
    }
  }
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

interface Collected {
  files: string[];
  unreadable: string[];
}

/** Walks the given paths. Explicit files are always checked; directory entries by their ending. */
export function collectFiles(paths: string[]): Collected {
  const files: string[] = [];
  const unreadable: string[] = [];
  const seenDirs = new Set<string>();
  const walk = (dir: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (err) {
      unreadable.push(`${dir}: ${reason(err)}`);
      return;
    }
    if (seenDirs.has(real)) return; // a symlink loop or a directory reached twice
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      unreadable.push(`${dir}: ${reason(err)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link is not a file to check
        }
      }
      if (isDir) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (isFile && CANDIDATE.test(e.name) && fileKind(e.name) !== undefined) {
        files.push(p);
      }
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (err) {
      throw new UsageError(`cannot read ${p}: ${reason(err)}`);
    }
    if (st.isDirectory()) walk(p);
    else if (st.isFile()) files.push(p);
    else throw new UsageError(`cannot read ${p}: it is not a regular file or a directory`);
  }
  return { files: [...new Set(files)], unreadable };
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message ?? String(err);
}

/**
 * The configuration for each file: `--config`, or the nearest `.cognito-guard.json` walking up (found
 * and read by the workspace, once per folder and file), with `--rule` on top. Problems go to standard
 * error the first time a file is read.
 */
class ConfigFinder {
  constructor(
    private readonly workspace: Workspace,
    private readonly overrides: Record<string, RuleLevel>,
    private readonly warn: (s: string) => void,
  ) {}

  /** Reads `--config FILE`, reporting its problems. Throws UsageError when it cannot be read. */
  explicit(file: string): void {
    const { load, firstRead } = this.workspace.loadConfig(file);
    if (load.error) throw new UsageError(`cannot read ${file}: ${reason(load.error)}`);
    if (firstRead) this.report(load);
  }

  private report(load: ConfigLoad): void {
    for (const p of load.problems ?? []) {
      this.warn(
        `cognito-guard: ${displayPath(load.file)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}\n`,
      );
    }
  }

  forFile(file: string): Config {
    const found = this.workspace.configFor(file);
    if (found?.load.error) {
      if (found.firstRead)
        this.warn(`cognito-guard: cannot read ${found.load.file}: ${reason(found.load.error)}; the defaults apply\n`);
      return withRuleOverrides(defaultConfig(), this.overrides);
    }
    if (found?.firstRead) this.report(found.load);
    return withRuleOverrides(found?.load.config ?? defaultConfig(), this.overrides);
  }
}

export function displayPath(p: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(p));
  return (rel === '' ? path.basename(p) : rel).split(path.sep).join('/');
}

/** The report entry of a file that was not analysed because of its size. */
function skipped(file: string, message: string): Analysis {
  const a = analyze('', file);
  a.isTemplate = true;
  a.reason = 'skipped: larger than the size limit';
  a.findings = [
    {
      ruleId: SYNTAX_RULE.id,
      severity: 'info',
      message,
      span: { start: 0, end: 0 },
      range: a.lines.range({ start: 0, end: 0 }),
      fixes: [],
    },
  ];
  return a;
}

// ---------------------------------------------------------------------------------------------
// --fix

/**
 * Applies the safe fixes of one file. The file is written atomically (a temporary file beside it,
 * renamed over it, permissions kept), never when it has a syntax error, and never when it changed on
 * disk since it was read. Returns the text to report on.
 */
function fixFile(
  file: string,
  text: string,
  options: AnalyzeOptions,
  dryRun: boolean,
  io: Io,
): { text: string; failed: boolean } {
  const shown = displayPath(file, io.cwd);
  const result = fixAll(text, file, options);
  if (result.refused) {
    if (
      result.refused !== 'the file has a syntax error' ||
      analyze(text, file, options).findings.some((f) => f.fixes.some((x) => x.safe))
    ) {
      io.stderr(`cognito-guard: ${shown}: not fixed: ${result.refused}\n`);
    }
    return { text, failed: false };
  }
  if (result.text === text) return { text, failed: false };
  const summary = `${plural(result.applied.length, 'fix', 'fixes')} (${[...new Set(result.applied.map((a) => a.ruleId))].join(', ')})`;
  if (dryRun) {
    io.stdout(createTwoFilesPatch(shown, shown, text, result.text, undefined, undefined, { context: 3 }));
    io.stderr(`cognito-guard: ${shown}: would apply ${summary}\n`);
    return { text: result.text, failed: false };
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.cognito-guard-${process.pid}.tmp`);
  try {
    const now = fs.readFileSync(file, 'utf8');
    if (now !== text) {
      io.stderr(`cognito-guard: ${shown}: not fixed: the file changed while it was being checked\n`);
      return { text: now, failed: false };
    }
    const mode = fs.statSync(file).mode & 0o7777;
    fs.writeFileSync(tmp, result.text, { mode });
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing to clean up
    }
    io.stderr(`cognito-guard: ${shown}: not fixed: cannot write it (${reason(err)}); the file is unchanged\n`);
    return { text, failed: true };
  }
  io.stderr(`cognito-guard: ${shown}: applied ${summary}\n`);
  return { text: result.text, failed: false };
}

// ---------------------------------------------------------------------------------------------
// Formats

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

interface Report {
  results: Analysis[];
  cwd: string;
}

function counts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function plural(n: number, word: string, pluralWord = word + 's'): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

export function formatText(report: Report, color: boolean): string {
  const paint = (code: string, s: string): string => (color ? code + s + RESET : s);
  const out: string[] = [];
  const all: Finding[] = [];
  let templates = 0;
  let clients = 0;
  for (const r of report.results) {
    if (r.isTemplate) templates++;
    clients += r.model?.clients.length ?? 0;
    if (!r.findings.length) continue;
    all.push(...r.findings);
    const p = displayPath(r.fileName, report.cwd);
    for (const f of r.findings) {
      const loc = `${p}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      out.push(
        `${paint(BOLD, loc)} ${paint(COLORS[f.severity], f.severity)} ${f.message} ${paint(DIM, `[${f.ruleId}]`)}`,
      );
    }
    out.push('');
  }
  const c = counts(all);
  const summary =
    all.length === 0
      ? `No problems found in ${plural(clients, 'client')} (${plural(templates, 'template')} checked, ${plural(report.results.length, 'file')} read).`
      : `${plural(all.length, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info) in ${plural(clients, 'client')} (${plural(templates, 'template')} checked, ${plural(report.results.length, 'file')} read).`;
  out.push(all.length ? paint(BOLD, summary) : summary);
  return out.join('\n') + '\n';
}

function ruleMeta(id: string): { id: string; name: string; summary: string; defaultSeverity: Severity } {
  const r = id === SYNTAX_RULE.id ? SYNTAX_RULE : RULES.find((x) => x.id === id);
  return r ?? { id, name: id, summary: '', defaultSeverity: 'warning' };
}

/** A 1-based line/column range (columns in UTF-16 code units). */
function oneBased(
  a: Analysis,
  s: Span,
): { start: { line: number; column: number }; end: { line: number; column: number } } {
  const r = a.lines.range(s);
  return {
    start: { line: r.start.line + 1, column: r.start.character + 1 },
    end: { line: r.end.line + 1, column: r.end.character + 1 },
  };
}

export function formatJson(report: Report): string {
  const files = report.results
    .filter((r) => r.isTemplate || r.findings.length)
    .map((r) => ({
      path: displayPath(r.fileName, report.cwd),
      dialect: r.model?.dialect ?? null,
      flavor: r.model?.flavor ?? null,
      reason: r.reason,
      clients: (r.model?.clients ?? []).map((c) => ({ type: c.type, name: c.name })),
      findings: r.findings.map((f) => ({
        ruleId: f.ruleId,
        ruleName: ruleMeta(f.ruleId).name,
        severity: f.severity,
        message: f.message,
        resource: f.resource ?? null,
        range: {
          start: { line: f.range.start.line + 1, column: f.range.start.character + 1 },
          end: { line: f.range.end.line + 1, column: f.range.end.character + 1 },
        },
        helpUri: ruleDocUrl(f.ruleId),
        fixes: f.fixes
          .filter((x) => x.kind === 'quickfix')
          .map((x) => ({
            title: x.title,
            safe: x.safe,
            preferred: x.preferred,
            edits: x.edits.map((e) => ({ range: oneBased(r, e.span), newText: e.newText })),
          })),
      })),
    }));
  const all = report.results.flatMap((r) => r.findings);
  const c = counts(all);
  return (
    JSON.stringify(
      {
        version: 1,
        tool: { name: 'cognito-guard', version: version() },
        files,
        summary: {
          filesRead: report.results.length,
          templates: report.results.filter((r) => r.isTemplate).length,
          clients: report.results.reduce((n, r) => n + (r.model?.clients.length ?? 0), 0),
          errors: c.error,
          warnings: c.warning,
          info: c.info,
        },
      },
      null,
      2,
    ) + '\n'
  );
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(report: Report): string {
  const ruleList = [SYNTAX_RULE, ...RULES];
  const results = report.results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleList.findIndex((x) => x.id === f.ruleId),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      ...(f.fixes.some((x) => x.kind === 'quickfix')
        ? {
            fixes: f.fixes
              .filter((x) => x.kind === 'quickfix')
              .map((x) => ({
                description: { text: x.title },
                artifactChanges: [
                  {
                    artifactLocation: { uri: encodeURI(displayPath(r.fileName, report.cwd)) },
                    replacements: x.edits.map((e) => {
                      const g = oneBased(r, e.span);
                      return {
                        deletedRegion: {
                          startLine: g.start.line,
                          startColumn: g.start.column,
                          endLine: g.end.line,
                          endColumn: g.end.column,
                        },
                        insertedContent: { text: e.newText },
                      };
                    }),
                  },
                ],
              })),
          }
        : {}),
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(displayPath(r.fileName, report.cwd)) },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cognito-guard',
            version: version(),
            informationUri: 'https://github.com/cognito-guard/cognito-guard',
            rules: ruleList.map((x) => ({
              id: x.id,
              name: x.name,
              shortDescription: { text: x.summary },
              helpUri: ruleDocUrl(x.id),
              defaultConfiguration: { level: SARIF_LEVEL[x.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

let cachedVersion: string | undefined;
export function version(): string {
  if (cachedVersion) return cachedVersion;
  cachedVersion = '0.0.0';
  // out/server/src/cli.js or dist/cli.js: the package.json of cognito-guard is a few folders up
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'cognito-guard') {
        cachedVersion = pkg.version ?? '0.0.0';
        break;
      }
    } catch {
      // not here
    }
  }
  return cachedVersion;
}

// ---------------------------------------------------------------------------------------------

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const defaultIo = (): Io => ({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: !!process.stdout.isTTY,
  cwd: process.cwd(),
  env: process.env,
});

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let opts: CliOptions;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (parsed === 'version') {
      io.stdout(version() + '\n');
      return 0;
    }
    opts = parsed;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`cognito-guard: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  let collected: Collected;
  try {
    collected = collectFiles(opts.paths);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`cognito-guard: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const workspace = new Workspace({ configFile: opts.config });
  const configs = new ConfigFinder(workspace, opts.rules, io.stderr);
  if (opts.config) {
    try {
      configs.explicit(opts.config);
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr(`cognito-guard: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
  }
  const results: Analysis[] = [];
  const unreadable = [...collected.unreadable];
  let writeFailed = false;
  for (const file of collected.files) {
    let text: string;
    try {
      const size = fs.statSync(file).size;
      if (size > opts.maxFileSizeKb * 1024) {
        results.push(
          skipped(
            file,
            `This file (${Math.round(size / 1024)} KB) is larger than the ${opts.maxFileSizeKb} KB limit and was not checked; raise --max-file-size to check it.`,
          ),
        );
        continue;
      }
      const bytes = fs.readFileSync(file);
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        io.stderr(`cognito-guard: ${displayPath(file, io.cwd)}: not valid UTF-8; invalid bytes are read as U+FFFD\n`);
        text = new TextDecoder('utf-8').decode(bytes);
      }
    } catch (err) {
      unreadable.push(`${file}: ${reason(err)}`);
      continue;
    }
    const config = configs.forFile(file);
    const options: AnalyzeOptions = { ...workspace.inputsFor(file, text), config };
    if (opts.fix !== 'off') {
      const fixed = fixFile(file, text, options, opts.fix === 'dry-run', io);
      if (fixed.failed) writeFailed = true;
      text = fixed.text;
    }
    const a = analyze(text, file, options);
    // The fixes shown in JSON and SARIF are only those that keep their promise.
    if (opts.format !== 'text') a.findings = verifiedFindings(text, file, options, a);
    for (const e of a.internalErrors) io.stderr(`cognito-guard: internal error in ${e.where}: ${e.message}\n`);
    results.push(a);
  }
  for (const u of unreadable) io.stderr(`cognito-guard: cannot read ${u}\n`);
  if (writeFailed) return 2;
  const report: Report = { results, cwd: io.cwd };
  const color = opts.color && !opts.output && io.isTTY && !io.env.NO_COLOR && opts.format === 'text';
  const text =
    opts.format === 'json'
      ? formatJson(report)
      : opts.format === 'sarif'
        ? formatSarif(report)
        : formatText(report, color);
  if (opts.fix === 'dry-run') {
    // only the diff goes to standard output, so that it can be applied with patch
  } else if (opts.output) {
    try {
      fs.writeFileSync(opts.output, text);
    } catch (err) {
      io.stderr(`cognito-guard: cannot write ${opts.output}: ${reason(err)}\n`);
      return 2;
    }
  } else io.stdout(text);
  if (unreadable.length) return 2;
  const threshold = SEVERITY_RANK[opts.failOn];
  const failing = results.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold));
  return failing ? 1 : 0;
}
