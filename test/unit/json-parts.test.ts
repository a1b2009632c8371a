/**
 * CloudFormation JSON read in parts (server/src/parse/json-parts.ts) is exactly the whole-document
 * parse: on every JSON fixture and example (split whatever their size), on generated long templates,
 * on shapes at the boundaries, and after seeded random edits (characters and snippets typed and
 * deleted, lines removed, indented, outdented) with the parts of the text before each edit still
 * cached. Also: long templates are really read in parts. `npm run fuzz` runs many more edits.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { linesText } from '../../bench/generate';
import { Rng } from '../../bench/rng';
import { jsonEntry, parseJsonWhole } from '../../server/src/parse/cfn';
import { clearJsonParts, parseJsonInParts } from '../../server/src/parse/json-parts';
import { WorkMeter } from '../../server/src/core/work';
import { ROOT } from './helpers';

const EDITS = Number(process.env.CG_FUZZ_EDITS ?? 12);

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...jsonFiles(p));
    else if (/\.(json|template)$/.test(e.name) && !e.name.endsWith('.tf.json')) out.push(p);
  }
  return out.sort();
}

const EDIT_TEXTS = ['a', ' ', '\n', ',', '}', '{', '},\n', '"', '":', '[', ']', '//', '/* x */', '"K": 1,\n', '\\'];

function edit(text: string, rng: Rng): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(5)) {
    case 0:
    case 1:
      return text.slice(0, at) + (EDIT_TEXTS[rng.int(EDIT_TEXTS.length)] ?? '') + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + rng.int(3));
    default: {
      const lines = text.split('\n');
      const i = rng.int(lines.length);
      const line = lines[i] ?? '';
      const op = rng.int(3);
      if (op === 0) lines.splice(i, 1);
      else if (op === 1) lines[i] = '  ' + line;
      else lines[i] = line.replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
  }
}

/** Parts (when the text allows them) and whole agree; 1 when the text was read in parts. */
function same(text: string, where: string): number {
  const parts = parseJsonInParts(text, jsonEntry, new WorkMeter(), 0);
  if (!parts) return 0;
  try {
    assert.deepEqual(parts, parseJsonWhole(text), where);
  } catch (err) {
    if (process.env.CG_FUZZ_FAILED) fs.writeFileSync(process.env.CG_FUZZ_FAILED, text);
    throw err;
  }
  return 1;
}

const resources = (n: number, body: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => `    "R${i}": {\n      "Type": "AWS::S3::Bucket"${body(i)}\n    }`).join(',\n');
const template = (inner: string, after = ''): string => `{\n  "Resources": {\n${inner}\n  }${after}\n}\n`;
const EDGES: Record<string, string> = {
  plain: template(resources(30, () => '')),
  'an output section after': template(
    resources(30, () => ''),
    ',\n  "Outputs": {\n    "A": { "Value": "x" }\n  }',
  ),
  'a comment between entries': template(resources(30, (i) => (i === 3 ? ' // c,' : ''))),
  'a missing comma': template(resources(30, () => '').replace('},\n    "R5"', '}\n    "R5"')),
  'a trailing comma': template(resources(30, () => '') + ','),
  'escaped keys': template(resources(30, () => '').replace('"R7"', '"R\\u0037"')),
  'an intrinsic as the only key': `{\n  "Resources": {\n    "Fn::If": 1\n  },\n  "X": 1\n}\n`,
  'a string with a comma at the line end': template(resources(30, (i) => (i === 2 ? ',\n      "D": "a,' : ''))),
  'a number value spanning lines': template(resources(30, (i) => (i === 4 ? ',\n      "N": [\n1\n]' : ''))),
  'blank lines': template(resources(30, () => '\n')),
  // JSON allows a byte order mark only as the first character: anywhere else it is an error
  'a byte order mark after indentation': `  \ufeff${template(resources(30, () => ''))}`,
  'an escape JSON does not have in a section key': template(resources(30, () => '')).replace(
    '"Resources"',
    '"Res\\xources"',
  ),
};

describe('CloudFormation JSON read in parts', () => {
  const files = [...jsonFiles(path.join(ROOT, 'test', 'fixtures')), ...jsonFiles(path.join(ROOT, 'examples'))].map(
    (f): [string, string] => [path.relative(ROOT, f), fs.readFileSync(f, 'utf8')],
  );
  const generated: Array<[string, string]> = [['generated stack-2000.json', linesText('cfn-json', 11, 2000)]];

  it('is the whole-document parse at the boundaries of parts', () => {
    let split = 0;
    for (const [name, text] of Object.entries(EDGES)) split += same(text, name);
    assert.ok(split >= 4, `${split} edge shapes read in parts`);
  });

  it('is the whole-document parse on every JSON file here, unedited', () => {
    clearJsonParts();
    let split = 0;
    for (const [name, text] of [...files, ...generated]) split += same(text, name);
    assert.ok(files.length > 100, `${files.length} JSON files`);
    assert.ok(split > files.length / 4, `${split} of ${files.length} read in parts`);
  });

  it('stays the whole-document parse after seeded random edits, with the earlier parts cached', () => {
    const rng = new Rng(20261209);
    for (const [name, original] of [...files, ...generated]) {
      let text = original;
      for (let k = 0; k < EDITS; k++) {
        text = edit(text, rng);
        same(text, `${name} after edit ${k + 1}`);
      }
    }
  });

  it('really reads long templates in parts, and reuses the parts an edit did not touch', () => {
    const [, text] = generated[0] as [string, string];
    clearJsonParts();
    const first = new WorkMeter();
    assert.ok(parseJsonInParts(text, jsonEntry, first), 'a 2,000-line template is read in parts');
    const at = text.indexOf('"Type"', text.length / 2);
    const again = new WorkMeter();
    assert.ok(parseJsonInParts(text.slice(0, at) + ' ' + text.slice(at), jsonEntry, again));
    assert.ok(again.nodes < first.nodes / 5, `${again.nodes} nodes parsed after one edit, ${first.nodes} at first`);
  });
});
