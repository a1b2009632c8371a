/**
 * Terraform read in parts (server/src/parse/hcl-parts.ts) is exactly the whole-file parse: on every
 * `.tf` fixture and example, on generated long files, on shapes at the boundaries, and after seeded
 * random edits of each (characters and snippets typed and deleted, lines removed, indented, outdented),
 * with the parts of the text before each edit still cached. Also: long files are really read in parts,
 * and the analysis is the same either way. `npm run fuzz` runs it with many more edits (CG_FUZZ_EDITS).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { linesText } from '../../bench/generate';
import { Rng } from '../../bench/rng';
import { parseHcl } from '../../server/src/parse/hcl';
import { clearHclParts, parseHclInParts } from '../../server/src/parse/hcl-parts';
import { WorkMeter } from '../../server/src/core/work';
import { ROOT, tfFiles } from './helpers';

const EDITS = Number(process.env.CG_FUZZ_EDITS ?? 12);

const EDIT_TEXTS = [
  'a',
  ' ',
  '\n',
  '}',
  '{',
  '}\n',
  '"',
  '#',
  '//',
  '=',
  '[',
  ']',
  '${',
  'resource "x" "y" {\n',
  '<<EOT\n',
  '/*',
];

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

/** Parts (when the text allows them) and whole agree; the count of texts read in parts is returned. */
function same(text: string, where: string): number {
  const parts = parseHclInParts(text, new WorkMeter(), 0);
  if (!parts) return 0;
  try {
    assert.deepEqual(parts, parseHcl(text), where);
  } catch (err) {
    if (process.env.CG_FUZZ_FAILED) fs.writeFileSync(process.env.CG_FUZZ_FAILED, text);
    throw err;
  }
  return 1;
}

const block = (i: number, body: string): string => `resource "aws_s3_bucket" "b${i}" {\n${body}}\n`;
const EDGES: Record<string, string> = {
  'comments between blocks': `# top\n${block(1, '  a = 1\n')}\n# about b2\n// and more\n${block(2, '  a = 2\n')}# end\n`,
  'a closing brace at column 0 inside an object': `${block(1, '  x = {\n}\n  y = 1\n')}${block(2, '')}`,
  'a multi-line interpolation': `${block(1, '  x = "${\nvar.a\n}"\n')}${block(2, '')}`,
  'a block left open': `resource "a" "b" {\n  x = 1\n${block(2, '')}`,
  'attributes at the top level': `a = 1\n${block(1, '')}b = 2\n${block(2, '')}`,
  'no line break at the end': `${block(1, '')}${block(2, '  a = 1\n').trimEnd()}`,
  'nested blocks': `${block(1, '  lifecycle {\n    ignore_changes = [a]\n  }\n')}${block(2, '  dynamic "x" {\n    for_each = []\n    content {}\n  }\n')}`,
  'a brace with spaces after it': `${block(1, '').replace('}\n', '}  \n')}${block(2, '')}`,
  'unicode and escapes': `${block(1, '  a = "é\\"\\n${x}"\n')}${block(2, '  b = "%{if a}x%{endif}"\n')}`,
};

describe('Terraform read in parts', () => {
  const files = [...tfFiles(path.join(ROOT, 'test', 'fixtures')), ...tfFiles(path.join(ROOT, 'examples'))].map(
    (f): [string, string] => [path.relative(ROOT, f), fs.readFileSync(f, 'utf8')],
  );
  const generated: Array<[string, string]> = [['generated main.tf', linesText('tf', 11, 2000)]];

  it('is the whole-file parse at the boundaries of parts', () => {
    let split = 0;
    for (const [name, text] of Object.entries(EDGES)) split += same(text, name);
    assert.ok(split >= 5, `${split} edge shapes read in parts`);
  });

  it('is the whole-file parse on every Terraform file here, unedited', () => {
    clearHclParts();
    let split = 0;
    for (const [name, text] of [...files, ...generated]) split += same(text, name);
    assert.ok(files.length > 100, `${files.length} Terraform files`);
    assert.ok(split > files.length / 4, `${split} of ${files.length} read in parts`);
  });

  it('stays the whole-file parse after seeded random edits, with the earlier parts cached', () => {
    const rng = new Rng(20261208);
    for (const [name, original] of [...files, ...generated]) {
      let text = original;
      for (let k = 0; k < EDITS; k++) {
        text = edit(text, rng);
        same(text, `${name} after edit ${k + 1}`);
      }
    }
  });

  it('really reads long files in parts, and reuses the parts an edit did not touch', () => {
    const [, text] = generated[0] as [string, string];
    clearHclParts();
    const first = new WorkMeter();
    assert.ok(parseHclInParts(text, first), 'a 2,000-line file is read in parts');
    const at = text.indexOf('\n', text.length / 2);
    const again = new WorkMeter();
    assert.ok(parseHclInParts(text.slice(0, at) + '\n# typed' + text.slice(at), again));
    assert.ok(again.nodes < first.nodes / 5, `${again.nodes} nodes parsed after one edit, ${first.nodes} at first`);
  });
});
