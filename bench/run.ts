/**
 * `npm run bench`: generates the inputs, measures, prints a table and writes bench/results.json.
 * `node --expose-gc out/bench/run.js --only=overhead,keystroke` runs some sections and writes nothing;
 * `--cpu-prof=DIR` makes every spawned server and CLI write a CPU profile there (see cpuprofile.ts).
 * Sections: overhead, keystroke, coldstart, cli, rss. See bench/README.md for what each figure means.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, fileKind } from '../server/src/engine/analyze';
import { cloudFormationModel, parseCloudFormation } from '../server/src/parse/cloudformation';
import { parseJsonWhole, parseYamlWhole } from '../server/src/parse/cfn';
import { clearYamlParts } from '../server/src/parse/yaml-chunks';
import { clearJsonParts } from '../server/src/parse/json-parts';
import { clearClientCache } from '../server/src/engine/client-cache';
import { parseHcl } from '../server/src/parse/hcl';
import {
  clearParseCache,
  parseTerraformCached,
  parseTerraformJson,
  terraformModel,
} from '../server/src/parse/terraform';
import { SERVER_NODE_FLAGS } from '../server/src/core/settings';
import { QUIET_MS } from '../server/src/lsp/idle-compaction';
import { BENCH_DIR, GENERATED, editAnchors, generate, type Generated } from './generate';
import { CLI, ROOT, Server, children, positionAt, uriOf } from './lsp';
import { CALLS_PER_STACK, MODULE_STACKS, generateModuleRepo, moduleResolution } from './modules';
import { median, percentile, round } from './stats';
import type { Dialect } from './units';

const SECTIONS = ['overhead', 'modules', 'keystroke', 'coldstart', 'cli', 'rss'] as const;
type Section = (typeof SECTIONS)[number];

const OVERHEAD_WARMUP = 30;
const OVERHEAD_ITERATIONS = 40;
const MODULE_ITERATIONS = 20;
const KEYSTROKE_WARMUP = 10;
const KEYSTROKE_EDITS = 200;
const COLD_STARTS = 9;
const CLI_SINGLE_RUNS = 9;
const CLI_REPO_RUNS = 3;
const RSS_DOCS = 50;
const RSS_EDITS = 5000;
const RSS_BURST = 10;
const RSS_DEBOUNCE_MS = 20;
/**
 * Memory is read this long after the last diagnostics: a server at rest, once its idle collection
 * (`QUIET_MS` after the last analysis) has run. What it held while busy is in the note.
 */
const REST_MS = QUIET_MS + 1000;
/** The whole run is abandoned (children killed) after this long. */
const WATCHDOG_MS = 15 * 60_000;

/** `--cpu-prof=DIR`: every server and CLI process we spawn writes a V8 CPU profile into DIR. */
const PROFILE_DIR = process.argv.find((a) => a.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length);
const CHILD_NODE_ARGS = [
  ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : []),
  ...(process.env.CG_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
];

/** Language servers start as the VS Code extension starts them (core/settings.ts), then with the flags above. */
const SERVER_ARGS = [...SERVER_NODE_FLAGS, ...CHILD_NODE_ARGS];

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
let sink: unknown;

interface Row {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
  note?: string;
}
const rows: Row[] = [];

function report(row: Row): void {
  rows.push(row);
  const status = row.ok === undefined ? '' : row.ok ? 'ok' : 'MISSED';
  console.log(
    `  ${row.name.padEnd(34)} ${String(row.value).padStart(10)} ${row.unit.padEnd(3)} ${(row.target ?? '').padEnd(9)} ${status.padEnd(6)} ${row.note ?? ''}`,
  );
}

function heading(s: string): void {
  console.log(`\n${s}`);
}

/** Forgets what analyses share between runs (Terraform parses and parts, YAML and JSON parts, kept rule results): a measured run starts cold. */
function clearCaches(): void {
  clearParseCache();
  clearYamlParts();
  clearJsonParts();
  clearClientCache();
}

// ---------------------------------------------------------------------------------------------
// Analysis overhead: analyze() against the bare parse it starts with, interleaved in this process

function bareParse(dialect: Dialect): (text: string) => unknown {
  switch (dialect) {
    case 'tf':
      return parseHcl;
    case 'tf-json':
      return parseTerraformJson;
    case 'yaml':
      return parseYamlWhole;
    case 'cfn-json':
      return parseJsonWhole;
  }
}

/** CPU time (user + system, all threads) and wall time of one call, in ms. */
function timeOnce(fn: () => unknown): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  sink = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}

interface Overhead {
  /** Median of the per-pair ratios of CPU time. */
  ratio: number;
  /** The same with wall-clock time (noisier on a shared machine). */
  wallRatio: number;
  /** Fastest analyze over fastest parse. */
  minRatio: number;
  analyzeMs: number;
  parseMs: number;
}

function overhead(file: string, dialect: Dialect): Overhead {
  const text = fs.readFileSync(file, 'utf8');
  const parse = bareParse(dialect);
  // nothing parsed beforehand: the parts and parses a run shares are forgotten each time
  const full = (): unknown => {
    clearCaches();
    return analyze(text, file, {});
  };
  const bare = (): unknown => parse(text);
  const a0 = analyze(text, file, {});
  if (!a0.isTemplate || a0.findings.length === 0)
    throw new Error(`${file} is not analysed as a template with findings`);
  // Warm-up until the JIT has settled: at least OVERHEAD_WARMUP pairs and 3 seconds.
  const warmStart = performance.now();
  for (let i = 0; i < OVERHEAD_WARMUP || performance.now() - warmStart < 3000; i++) {
    full();
    bare();
  }
  gc();
  const ratios: number[] = [];
  const wallRatios: number[] = [];
  const fulls: number[] = [];
  const bares: number[] = [];
  for (let i = 0; i < OVERHEAD_ITERATIONS; i++) {
    // alternate which goes first, so that neither always pays for the other's garbage
    let f: { cpu: number; wall: number };
    let b: { cpu: number; wall: number };
    if (i % 2 === 0) {
      f = timeOnce(full);
      b = timeOnce(bare);
    } else {
      b = timeOnce(bare);
      f = timeOnce(full);
    }
    fulls.push(f.cpu);
    bares.push(b.cpu);
    ratios.push(f.cpu / b.cpu);
    wallRatios.push(f.wall / b.wall);
  }
  return {
    ratio: median(ratios),
    wallRatio: median(wallRatios),
    minRatio: Math.min(...fulls) / Math.min(...bares),
    analyzeMs: median(fulls),
    parseMs: median(bares),
  };
}

// ---------------------------------------------------------------------------------------------
// Where a keystroke's time goes: the same document's parse, model and rules, timed in this process

const PHASE_RUNS = 25;

/** Wall time of one call, in ms. */
function wallOnce(fn: () => unknown): number {
  const t0 = performance.now();
  sink = fn();
  return performance.now() - t0;
}

/**
 * Where a keystroke's time goes, in this process: after one letter typed at a client's name (a new text
 * each time, as in the keystroke figure, with what earlier texts left cached, as in the server), the
 * medians (ms, wall time) of the parse the engine does, of parse and model less that parse, and of the
 * whole analysis less both (the rules and the rest of the engine).
 */
function phases(file: string): { bare: number; parse: number; model: number; rules: number; analysis: number } {
  const text = fs.readFileSync(file, 'utf8');
  const kind = fileKind(file, text);
  const anchors = editAnchors(text);
  let n = 0;
  /** The text with a letter typed at one of the anchors: never the same twice. */
  const typed = (): string => {
    const at = anchors[n % anchors.length] ?? 0;
    const letters = String.fromCharCode(97 + (n % 26)) + String.fromCharCode(97 + (Math.floor(n / 26) % 26));
    n++;
    return text.slice(0, at) + letters + text.slice(at);
  };
  // the parse the engine does (read in parts, the parts an edit did not touch kept), as the model reads it
  const parse = (t: string): unknown =>
    kind === 'terraform' ? parseTerraformCached(t, false) : parseCloudFormation(t, kind === 'yaml' ? 'yaml' : 'json');
  const model = (t: string): unknown =>
    kind === 'terraform'
      ? terraformModel(t, file, [])
      : cloudFormationModel(parseCloudFormation(t, kind === 'yaml' ? 'yaml' : 'json'));
  const full = (t: string): unknown => analyze(t, file, {});
  const bare = bareParse(kind === 'terraform' ? 'tf' : kind === 'yaml' ? 'yaml' : 'cfn-json');
  for (let i = 0; i < 5; i++) {
    bare(typed());
    parse(typed());
    model(typed());
    full(typed());
  }
  gc();
  const p: number[] = [];
  const m: number[] = [];
  const a: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < PHASE_RUNS; i++) {
    const [tw, tp, tm, ta] = [typed(), typed(), typed(), typed()];
    w.push(wallOnce(() => bare(tw)));
    p.push(wallOnce(() => parse(tp)));
    m.push(wallOnce(() => model(tm)));
    a.push(wallOnce(() => full(ta)));
  }
  const parseMs = median(p);
  const modelMs = Math.max(0, median(m) - parseMs);
  const analysis = median(a);
  return {
    bare: median(w),
    parse: parseMs,
    model: modelMs,
    rules: Math.max(0, analysis - parseMs - modelMs),
    analysis,
  };
}

// ---------------------------------------------------------------------------------------------
// Keystrokes: one-character edits, didChange sent to publishDiagnostics of that version received

async function keystrokes(
  file: string,
): Promise<{ p50: number; p95: number; max: number; analyses: number; warmP50: number; warmP95: number }> {
  const text = fs.readFileSync(file, 'utf8');
  const anchors = editAnchors(text).map((o) => positionAt(text, o));
  if (anchors.length === 0) throw new Error(`no client name to type in, in ${file}`);
  const server = new Server({ debounceMs: 0 }, SERVER_ARGS);
  try {
    await server.initialize(GENERATED);
    await server.open(file, text);
    const uri = uriOf(file);
    let version = 1;
    const latencies: number[] = [];
    // the timed edits, then as many again on the same server (how a server that has been running does)
    const warm: number[] = [];
    const total = KEYSTROKE_WARMUP + 2 * KEYSTROKE_EDITS;
    for (let k = 0; k < total; k++) {
      // pairs: type a letter just after a client's name, then delete it; the pairs hop across the file
      const at = anchors[(Math.floor(k / 2) * 7) % anchors.length] ?? { line: 0, character: 0 };
      const typing = k % 2 === 0;
      const range = typing
        ? { start: at, end: at }
        : { start: at, end: { line: at.line, character: at.character + 1 } };
      const letter = String.fromCharCode(97 + (Math.floor(k / 2) % 26));
      version++;
      const wait = server.diagnostics(uri, version, 60_000);
      const sent = performance.now();
      await server.change(uri, version, range, typing ? letter : '');
      const received = await wait;
      if (k >= KEYSTROKE_WARMUP + KEYSTROKE_EDITS) warm.push(received - sent);
      else if (k >= KEYSTROKE_WARMUP) latencies.push(received - sent);
    }
    return {
      p50: median(latencies),
      p95: percentile(latencies, 95),
      max: Math.max(...latencies),
      analyses: latencies.length,
      warmP50: median(warm),
      warmP95: percentile(warm, 95),
    };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Cold start: process spawned to the first diagnostics of a small template

async function coldStart(file: string): Promise<number> {
  const text = fs.readFileSync(file, 'utf8');
  const server = new Server({ debounceMs: 0 }, SERVER_ARGS);
  try {
    await server.initialize(path.dirname(file));
    const received = await server.open(file, text);
    return received - server.spawnedAt;
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The CLI as a whole process

function runCli(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...CHILD_NODE_ARGS, CLI, '--no-color', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stderr = '';
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      children.delete(child);
      if (code !== 0 && code !== 1) reject(new Error(`cognito-guard ${args.join(' ')} exited ${code}: ${stderr}`));
      else if (bytes === 0) reject(new Error(`cognito-guard ${args.join(' ')} printed nothing`));
      else resolve(ms);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Memory: 50 open documents, then 5,000 edits across them

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface MemoryResult {
  open: number;
  afterEdits: number;
  /** The same two, read as soon as the last diagnostics arrived (before the server is idle). */
  openBusy: number;
  afterEditsBusy: number;
  analyses: number;
  /** CPU time the server used for the whole run (opening and edits), in seconds. */
  cpuSeconds: number;
}

/**
 * One server per entry of `variants` (extra Node flags, after SERVER_ARGS; a later flag wins), side by side: each gets
 * the same documents and the same edits, burst by burst, so that the machine's noise falls on all alike.
 */
async function memory(docs: string[], variants: string[][] = [[]]): Promise<MemoryResult[]> {
  const servers = variants.map((v) => new Server({ debounceMs: RSS_DEBOUNCE_MS }, [...SERVER_ARGS, ...v]));
  try {
    for (const server of servers) await server.initialize(GENERATED);
    const state = docs.slice(0, RSS_DOCS).map((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return { file, text, uri: uriOf(file), version: 1, anchors: editAnchors(text).map((o) => positionAt(text, o)) };
    });
    for (const d of state) await Promise.all(servers.map((server) => server.open(d.file, d.text)));
    const openBusy = servers.map((server) => server.rssMb());
    await sleep(REST_MS);
    const open = servers.map((server) => server.rssMb());
    // Bursts of fast typing (10 edits sent back to back) in one document after another, round robin;
    // the server coalesces a burst (debounce) and we wait for the diagnostics of its last version.
    let analyses = 0;
    for (let sent = 0, burst = 0; sent < RSS_EDITS; burst++) {
      const d = state[burst % state.length];
      if (!d) break;
      const at = d.anchors[Math.floor(burst / state.length) % d.anchors.length] ?? { line: 0, character: 0 };
      for (let k = 0; k < RSS_BURST && sent < RSS_EDITS; k++, sent++) {
        const typing = k % 2 === 0;
        d.version++;
        for (const server of servers) {
          await server.change(
            d.uri,
            d.version,
            typing ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } },
            typing ? 'x' : '',
          );
        }
      }
      await Promise.all(servers.map((server) => server.diagnostics(d.uri, d.version, 60_000)));
      analyses++;
    }
    const afterEditsBusy = servers.map((server) => server.rssMb());
    await sleep(REST_MS);
    return servers.map((server, i) => ({
      open: open[i] ?? 0,
      afterEdits: server.rssMb(),
      openBusy: openBusy[i] ?? 0,
      afterEditsBusy: afterEditsBusy[i] ?? 0,
      analyses,
      cpuSeconds: server.cpuSeconds(),
    }));
  } finally {
    for (const server of servers) await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------

function machine(): { cpu: string; nproc: number; node: string; date: string } {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: the os module's name
  }
  return { cpu, nproc: os.availableParallelism(), node: process.version, date: new Date().toISOString() };
}

async function main(): Promise<void> {
  const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const only = new Set<Section>(
    onlyArg ? (onlyArg.split(',').filter((s) => (SECTIONS as readonly string[]).includes(s)) as Section[]) : SECTIONS,
  );
  const full = only.size === SECTIONS.length;
  const started = performance.now();
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 60000} minutes; giving up`);
    process.exit(3);
  }, WATCHDOG_MS);
  watchdog.unref();
  if (!(globalThis as { gc?: unknown }).gc) console.warn('bench: run node with --expose-gc for steadier timings');

  const m = machine();
  console.log(`cognito-guard bench: ${m.cpu}, ${m.nproc} cores, Node ${m.node}, ${m.date}`);
  const t0 = performance.now();
  const g: Generated = generate();
  console.log(
    `inputs generated in ${Math.round(performance.now() - t0)} ms into ${path.relative(ROOT, GENERATED)}/ (${g.repoFiles} files in the repository)`,
  );
  console.log(`\n  ${'figure'.padEnd(34)} ${'value'.padStart(10)} ${'   '} ${'target'.padEnd(9)} status`);

  const results: Record<string, unknown> = {};

  if (only.has('overhead')) {
    heading(
      `analysis overhead: analyze() / bare parse, ~100 KB, CPU time, median of ${OVERHEAD_ITERATIONS} interleaved pairs`,
    );
    const o: Record<string, number> = {};
    const cases: Array<[string, Dialect, string]> = [
      ['tf', 'tf', 'parseHcl'],
      ['cfnYaml', 'yaml', 'parseYamlWhole'],
      ['cfnJson', 'cfn-json', 'parseJsonWhole'],
      ['tfJson (extra)', 'tf-json', 'parseTerraformJson'],
    ];
    for (const [key, dialect, parser] of cases) {
      const file = g.sized[dialect];
      const r = overhead(file, dialect);
      const kb = Math.round(fs.statSync(file).size / 1024);
      if (!key.includes('extra')) o[key] = round(r.ratio, 2);
      report({
        name: `analysisOverhead.${key.replace(' (extra)', '')}`,
        value: round(r.ratio, 2),
        unit: 'x',
        target: key.includes('extra') ? '' : '<= 1.2',
        ...(key.includes('extra') ? {} : { ok: r.ratio <= 1.2 }),
        note: `${kb} KB: analyze ${r.analyzeMs.toFixed(1)} ms, ${parser} ${r.parseMs.toFixed(1)} ms; wall-clock ratio ${r.wallRatio.toFixed(2)}, best-of ratio ${r.minRatio.toFixed(2)}`,
      });
    }
    results['analysisOverhead'] = o;
  }

  if (only.has('modules')) {
    const calls = MODULE_STACKS * CALLS_PER_STACK;
    heading(
      `module resolution: ${calls} module calls followed / the same files one by one, CPU time, median of ${MODULE_ITERATIONS} interleaved pairs`,
    );
    const dir = path.join(GENERATED, 'modules-repo');
    const repo = generateModuleRepo(dir);
    const r = moduleResolution(dir, repo, MODULE_ITERATIONS, gc);
    results['moduleResolution'] = round(r.ratio, 2);
    report({
      name: 'moduleResolution',
      value: round(r.ratio, 2),
      unit: 'x',
      target: '<= 2',
      ok: r.ratio <= 2,
      note: `${repo.files.length} files: resolved ${r.resolvedMs.toFixed(0)} ms (${r.resolvedFindings} findings), clients written out ${r.inlinedMs.toFixed(0)} ms (${r.inlinedFindings} findings), files as written ${r.asWrittenMs.toFixed(0)} ms`,
    });
  }

  if (only.has('keystroke')) {
    heading(`keystrokes: didChange to publishDiagnostics, debounceMs 0, p95 of ${KEYSTROKE_EDITS} one-character edits`);
    const k: Record<string, number> = {};
    const cases: Array<[string, string, number]> = [
      ['lines2000', g.lines.yaml2000, 15],
      ['lines10000', g.lines.yaml10000, 80],
      ['tf2000', g.lines.tf2000, 15],
      ['tf10000', g.lines.tf10000, 80],
      ['json2000', g.lines.json2000, 15],
      ['json10000', g.lines.json10000, 80],
      ['sls2000', g.lines.sls2000, 15],
      ['sls10000', g.lines.sls10000, 80],
    ];
    const split: Record<string, Record<string, number>> = {};
    const warmK: Record<string, number> = {};
    for (const [key, file, target] of cases) {
      const r = await keystrokes(file);
      const ph = phases(file);
      // what the in-process analysis does not explain: the protocol, the server's scheduling, the pipes
      const protocol = Math.max(0, r.p50 - ph.analysis);
      k[key] = round(r.p95, 1);
      warmK[key] = round(r.warmP95, 1);
      split[key] = {
        parse: round(ph.parse, 1),
        model: round(ph.model, 1),
        rules: round(ph.rules, 1),
        protocol: round(protocol, 1),
        bareParse: round(ph.bare, 1),
        analysisOverBareParse: round(ph.analysis / ph.bare, 2),
      };
      report({
        name: `keystrokeP95Ms.${key}`,
        value: round(r.p95, 1),
        unit: 'ms',
        target: `<= ${target}`,
        ok: r.p95 <= target,
        note: `${path.relative(GENERATED, file)}: p50 ${r.p50.toFixed(1)}, max ${r.max.toFixed(1)}; the next ${KEYSTROKE_EDITS}: p50 ${r.warmP50.toFixed(1)}, p95 ${r.warmP95.toFixed(1)}; parse ${ph.parse.toFixed(1)}, model ${ph.model.toFixed(1)}, rules ${ph.rules.toFixed(1)}, protocol ${protocol.toFixed(1)} ms; analysis/bare parse ${(ph.analysis / ph.bare).toFixed(2)} (bare ${ph.bare.toFixed(1)} ms)`,
      });
    }
    results['keystrokeP95Ms'] = k;
    results['keystrokeSplitMs'] = split;
    results['keystrokeWarmP95Ms'] = warmK;
  }

  if (only.has('coldstart')) {
    heading(`cold start: spawn to first publishDiagnostics, small template, median of ${COLD_STARTS} processes`);
    const times: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) times.push(await coldStart(g.small));
    const v = round(median(times), 1);
    results['coldStartMs'] = v;
    report({
      name: 'coldStartMs',
      value: v,
      unit: 'ms',
      target: '<= 400',
      ok: v <= 400,
      note: `min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)} ms`,
    });
  }

  if (only.has('cli')) {
    heading('CLI: the whole cognito-guard process');
    const single: number[] = [];
    for (let i = 0; i < CLI_SINGLE_RUNS; i++) single.push(await runCli([path.relative(ROOT, g.small)]));
    const s = round(median(single), 1);
    results['cliSingleMs'] = s;
    report({
      name: 'cliSingleMs',
      value: s,
      unit: 'ms',
      target: '<= 250',
      ok: s <= 250,
      note: `one small template, median of ${CLI_SINGLE_RUNS}; min ${Math.min(...single).toFixed(0)} ms`,
    });
    const repo: number[] = [];
    for (let i = 0; i < CLI_REPO_RUNS; i++) repo.push((await runCli([path.relative(ROOT, g.repo)])) / 1000);
    const r = round(median(repo), 2);
    results['cliRepoSeconds'] = r;
    report({
      name: 'cliRepoSeconds',
      value: r,
      unit: 's',
      target: '<= 10',
      ok: r <= 10,
      note: `${g.repoFiles} files, median of ${CLI_REPO_RUNS}`,
    });
  }

  if (only.has('rss')) {
    heading(`memory: server RSS, ${RSS_DOCS} open ~100 KB documents, then ${RSS_EDITS} edits`);
    // `--rss-compare="--flag ..."`: a second server with these Node flags runs beside the first (more
    // servers, one per set of flags, when the sets are separated by commas)
    const compare = process.argv.find((x) => x.startsWith('--rss-compare='))?.slice('--rss-compare='.length);
    const sets = compare === undefined ? [] : compare.split(',').map((set) => set.split(' ').filter(Boolean));
    const variants = [[], ...sets];
    const all = await memory(g.rssDocs, variants);
    const r = all[0] as MemoryResult;
    if (compare !== undefined) {
      for (const [i, v] of all.entries()) {
        console.log(
          `  side by side, ${i === 0 ? 'as configured' : (variants[i] ?? []).join(' ')}: ${round(v.open, 1)} MiB open, ${round(v.afterEdits, 1)} MiB after edits (busy: ${round(v.openBusy, 1)} and ${round(v.afterEditsBusy, 1)}), ${round(v.cpuSeconds, 1)} s of CPU`,
        );
      }
    }
    const growth = ((r.afterEdits - r.open) / r.open) * 100;
    results['serverRssMb'] = round(r.open, 1);
    results['serverRssAfterEditsMb'] = round(r.afterEdits, 1);
    results['serverRssGrowthPct'] = round(growth, 1);
    report({
      name: 'serverRssMb',
      value: round(r.open, 1),
      unit: 'MiB',
      target: '<= 150',
      ok: r.open <= 150,
      note: `${REST_MS / 1000} s after the last diagnostics; ${round(r.openBusy, 1)} MiB as they arrived`,
    });
    report({
      name: 'serverRssAfterEditsMb',
      value: round(r.afterEdits, 1),
      unit: 'MiB',
      target: '<= 150',
      ok: r.afterEdits <= 150,
      note: `${r.analyses} analyses (bursts of ${RSS_BURST} edits, debounceMs ${RSS_DEBOUNCE_MS}); ${round(r.afterEditsBusy, 1)} MiB as the last diagnostics arrived`,
    });
    report({ name: 'serverRssGrowthPct', value: round(growth, 1), unit: '%', target: '<= 10', ok: growth <= 10 });
  }

  results['machine'] = m;
  const missed = rows.filter((r) => r.ok === false).map((r) => r.name);
  console.log(
    `\n${missed.length ? `targets missed: ${missed.join(', ')}` : 'all targets met'}; ${((performance.now() - started) / 1000).toFixed(0)} s in all`,
  );
  if (full) {
    const out = path.join(BENCH_DIR, 'results.json');
    fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
    console.log(`wrote ${path.relative(ROOT, out)}`);
  } else console.log('(a partial run: bench/results.json not written)');
  void sink;
}

let finished = false;
// A promise nobody can settle any more (a child gone without a word) would otherwise end the run silently.
process.on('beforeExit', () => {
  if (finished) return;
  console.error('bench failed: stopped waiting for something that can no longer happen');
  process.exit(1);
});

main().then(
  () => {
    finished = true;
    process.exit(0);
  },
  (err: unknown) => {
    finished = true;
    console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
