/**
 * Summarises V8 .cpuprofile files (from `node --cpu-prof`): the functions with the most self time, and
 * the files. Compiled positions are mapped back to the TypeScript sources through the .js.map files
 * beside them. Usage: `node out/bench/cpuprofile.js [--top=25] [--ts-only] FILE.cpuprofile...`
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = path.resolve(__dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// Source maps (version 3, "mappings" in base64 VLQ), enough to map a generated line to a source line

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

interface SourceMap {
  /** For each generated line, [generated column, source index, source line] in column order. */
  lines: Array<Array<[number, number, number]>>;
  sources: string[];
}

const maps = new Map<string, SourceMap | null>();

function sourceMap(jsFile: string): SourceMap | null {
  if (maps.has(jsFile)) return maps.get(jsFile) ?? null;
  let map: SourceMap | null = null;
  try {
    const raw = JSON.parse(fs.readFileSync(`${jsFile}.map`, 'utf8')) as { mappings: string; sources: string[] };
    const lines: SourceMap['lines'] = [];
    let src = 0;
    let srcLine = 0;
    for (const lineText of raw.mappings.split(';')) {
      const segs: Array<[number, number, number]> = [];
      let col = 0;
      for (const seg of lineText.split(',')) {
        if (!seg) continue;
        const v = decodeVlq(seg);
        col += v[0] ?? 0;
        if (v.length >= 4) {
          src += v[1] ?? 0;
          srcLine += v[2] ?? 0;
          segs.push([col, src, srcLine]);
        }
      }
      lines.push(segs);
    }
    const dir = path.dirname(jsFile);
    map = { lines, sources: raw.sources.map((s) => path.resolve(dir, s)) };
  } catch {
    map = null;
  }
  maps.set(jsFile, map);
  return map;
}

/** `file:line` of a frame, in the TypeScript source when a source map says where. */
function where(frame: CallFrame): { file: string; line: number } {
  let file = frame.url;
  if (file.startsWith('file:')) file = fileURLToPath(file);
  const line = frame.lineNumber + 1;
  if (!path.isAbsolute(file)) return { file: file || '(native)', line };
  const map = sourceMap(file);
  const segs = map?.lines[frame.lineNumber];
  if (map && segs?.length) {
    let best = segs[0];
    for (const s of segs) if (s[0] <= frame.columnNumber) best = s;
    if (best) return { file: path.relative(ROOT, map.sources[best[1]] ?? file), line: best[2] + 1 };
  }
  return { file: path.relative(ROOT, file), line };
}

// ---------------------------------------------------------------------------------------------

export interface Hot {
  name: string;
  file: string;
  line: number;
  selfMs: number;
}

export interface Summary {
  total: number;
  /** By self time: the samples in the function itself. */
  functions: Hot[];
  /** By total time: the samples in the function or anything it called (recursion counted once). */
  inclusive: Hot[];
  byFile: Map<string, number>;
}

export function summarise(files: string[]): Summary {
  const self = new Map<string, Hot>();
  const incl = new Map<string, Hot>();
  const byFile = new Map<string, number>();
  let total = 0;
  const describe = (fr: CallFrame): Hot & { key: string } => {
    const w = where(fr);
    const name = fr.functionName || '(anonymous)';
    return { key: `${w.file}:${w.line}:${name}`, name, file: w.file, line: w.line, selfMs: 0 };
  };
  for (const f of files) {
    const p = JSON.parse(fs.readFileSync(f, 'utf8')) as Profile & {
      nodes: Array<ProfileNode & { children?: number[] }>;
    };
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const described = new Map<number, Hot & { key: string }>();
    const info = (id: number): (Hot & { key: string }) | undefined => {
      let d = described.get(id);
      const node = byId.get(id);
      if (!d && node) {
        d = describe(node.callFrame);
        described.set(id, d);
      }
      return d;
    };
    for (let i = 0; i < p.samples.length; i++) {
      const id = p.samples[i] ?? -1;
      const node = byId.get(id);
      const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
      if (!node || ms <= 0) continue;
      const fr = node.callFrame;
      if (fr.functionName === '(idle)' || fr.functionName === '(program)') continue;
      total += ms;
      const d = info(id);
      if (!d) continue;
      const h = self.get(d.key) ?? { name: d.name, file: d.file, line: d.line, selfMs: 0 };
      h.selfMs += ms;
      self.set(d.key, h);
      byFile.set(d.file, (byFile.get(d.file) ?? 0) + ms);
      const seen = new Set<string>();
      for (let a: number | undefined = id; a !== undefined; a = parent.get(a)) {
        const x = info(a);
        if (!x || seen.has(x.key)) continue;
        seen.add(x.key);
        const t = incl.get(x.key) ?? { name: x.name, file: x.file, line: x.line, selfMs: 0 };
        t.selfMs += ms;
        incl.set(x.key, t);
      }
    }
  }
  const order = (m: Map<string, Hot>): Hot[] => [...m.values()].sort((a, b) => b.selfMs - a.selfMs);
  return { total, functions: order(self), inclusive: order(incl), byFile };
}

function main(argv: string[]): void {
  const top = Number(argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    console.error('usage: node out/bench/cpuprofile.js [--top=25] FILE.cpuprofile...');
    process.exit(2);
  }
  const { total, functions, inclusive, byFile } = summarise(files);
  const pct = (ms: number): string => `${((ms / total) * 100).toFixed(1)}%`.padStart(6);
  console.log(`busy time sampled: ${total.toFixed(0)} ms (idle and "(program)" left out)\n`);
  console.log('top functions by self time:');
  for (const h of functions.slice(0, top))
    console.log(`  ${pct(h.selfMs)} ${h.selfMs.toFixed(0).padStart(7)} ms  ${h.name}  ${h.file}:${h.line}`);
  console.log('\ntop functions by total time (with what they call), in our own sources:');
  const ours = inclusive.filter((h) => h.file.startsWith('server/'));
  for (const h of ours.slice(0, top))
    console.log(`  ${pct(h.selfMs)} ${h.selfMs.toFixed(0).padStart(7)} ms  ${h.name}  ${h.file}:${h.line}`);
  console.log('\nby file:');
  for (const [file, ms] of [...byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${file}`);
}

if (require.main === module) main(process.argv.slice(2));
