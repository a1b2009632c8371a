/**
 * Runs `analyze` (or only the bare parse) on one file over and over, for profiling the engine alone:
 * `node --cpu-prof --cpu-prof-dir=DIR out/bench/loop.js FILE [seconds] [--parse | --cold | --typing]`, then
 * `node out/bench/cpuprofile.js DIR/*.cpuprofile`.
 */
import * as fs from 'node:fs';
import { analyze } from '../server/src/engine/analyze';
import { parseJson, parseYaml } from '../server/src/parse/cfn';
import { parseHcl } from '../server/src/parse/hcl';
import { clearParseCache, parseTerraformJson } from '../server/src/parse/terraform';
import { clearYamlParts } from '../server/src/parse/yaml-chunks';
import { clearJsonParts } from '../server/src/parse/json-parts';
import { clearClientCache } from '../server/src/engine/client-cache';
import { editAnchors } from './generate';

function bare(file: string): (text: string) => unknown {
  if (file.endsWith('.tf.json')) return parseTerraformJson;
  if (file.endsWith('.tf')) return parseHcl;
  if (file.endsWith('.json')) return parseJson;
  return parseYaml;
}

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const file = args[0];
if (!file) {
  console.error('usage: node out/bench/loop.js FILE [seconds] [--parse | --cold | --typing]');
  process.exit(2);
}
const seconds = Number(args[1] ?? 10);
const text = fs.readFileSync(file, 'utf8');
const parse = bare(file);
/** `--cold`: every analysis starts with the caches empty, as the bench's analysis overhead figure does. */
const cold = process.argv.includes('--cold');
/** `--typing`: a letter typed after a client's name, a new text each time, as the keystroke figure does. */
const anchors = process.argv.includes('--typing') ? editAnchors(text) : [];
if (process.argv.includes('--typing') && anchors.length === 0) {
  console.error(`no client name to type in, in ${file}`);
  process.exit(2);
}
let typed = 0;
const fn = anchors.length
  ? (): unknown => {
      const at = anchors[(typed * 7) % anchors.length] ?? 0;
      typed++;
      return analyze(text.slice(0, at) + String.fromCharCode(97 + (typed % 26)) + text.slice(at), file, {});
    }
  : process.argv.includes('--parse')
    ? (): unknown => parse(text)
    : (): unknown => {
        if (cold) {
          clearParseCache();
          clearYamlParts();
          clearJsonParts();
          clearClientCache();
        }
        return analyze(text, file, {});
      };
let sink: unknown;
let n = 0;
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  sink = fn();
  n++;
}
console.log(`${n} runs in ${seconds} s: ${((seconds * 1000) / n).toFixed(2)} ms each`);
void sink;
