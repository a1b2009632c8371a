/**
 * Runs `analyze` (or only the bare parse) on one file over and over, for profiling the engine alone:
 * `node --cpu-prof --cpu-prof-dir=DIR out/bench/loop.js FILE [seconds] [--parse]`, then
 * `node out/bench/cpuprofile.js DIR/*.cpuprofile`.
 */
import * as fs from 'node:fs';
import { analyze } from '../server/src/engine/analyze';
import { parseJson, parseYaml } from '../server/src/parse/cfn';
import { parseHcl } from '../server/src/parse/hcl';
import { parseTerraformJson } from '../server/src/parse/terraform';

function bare(file: string): (text: string) => unknown {
  if (file.endsWith('.tf.json')) return parseTerraformJson;
  if (file.endsWith('.tf')) return parseHcl;
  if (file.endsWith('.json')) return parseJson;
  return parseYaml;
}

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const file = args[0];
if (!file) {
  console.error('usage: node out/bench/loop.js FILE [seconds] [--parse]');
  process.exit(2);
}
const seconds = Number(args[1] ?? 10);
const text = fs.readFileSync(file, 'utf8');
const parse = bare(file);
const fn = process.argv.includes('--parse') ? (): unknown => parse(text) : (): unknown => analyze(text, file, {});
let sink: unknown;
let n = 0;
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  sink = fn();
  n++;
}
console.log(`${n} runs in ${seconds} s: ${((seconds * 1000) / n).toFixed(2)} ms each`);
void sink;
