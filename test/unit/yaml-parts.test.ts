/**
 * CloudFormation YAML read in parts (server/src/parse/yaml-chunks.ts) is exactly the whole-document
 * parse: on every YAML fixture, example and accepted template, on generated long templates (plain and
 * Serverless), and after seeded random edits of each (characters typed and deleted, lines added,
 * removed, indented, outdented), with the parts of the text before each edit still cached. Also: the
 * analysis (findings and fixes) is the same either way, and long templates are really read in parts.
 * `npm run fuzz` runs the same with many more edits (CG_FUZZ_EDITS).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { linesText } from '../../bench/generate';
import { Rng } from '../../bench/rng';
import { parseYaml, parseYamlWhole } from '../../server/src/parse/cfn';
import { analyze } from '../../server/src/engine/analyze';
import { clearYamlParts } from '../../server/src/parse/yaml-chunks';
import { WorkMeter } from '../../server/src/core/work';
import { ROOT } from './helpers';

const EDITS = Number(process.env.CG_FUZZ_EDITS ?? 12);

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

const EDIT_TEXTS = ['a', ' ', '\n', ':', '#', '- ', '"', "'", '[', ']', '{', '}', '!Ref X', '  ', 'Key: v\n', '|\n'];

/** One random edit of the text: a character or snippet typed or deleted, a line removed or re-indented. */
function edit(text: string, rng: Rng): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(5)) {
    case 0:
      return text.slice(0, at) + (EDIT_TEXTS[rng.int(EDIT_TEXTS.length)] ?? '') + text.slice(at);
    case 1:
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

/** Parts and whole agree (the text is kept in CG_FUZZ_FAILED when they do not, to look at). */
function same(text: string, where: string): void {
  const parts = parseYaml(text);
  const whole = parseYamlWhole(text);
  try {
    assert.deepEqual(parts, whole, where);
  } catch (err) {
    if (process.env.CG_FUZZ_FAILED) fs.writeFileSync(process.env.CG_FUZZ_FAILED, text);
    throw err;
  }
}

const generated: Array<[string, string]> = [
  ['generated stack-2000.yaml', linesText('yaml', 11, 2000)],
  ['generated serverless-2000.yml', linesText('serverless', 11, 2000)],
];

/** Shapes at the boundaries of parts, each with many resources so that the section is split. */
const resources = (n: number, body: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => `  R${i}:\n    Type: AWS::S3::Bucket\n${body(i)}`).join('');
const EDGES: Record<string, string> = {
  'a comment after the last resource': `Resources:\n${resources(30, () => '    Properties: {}\n')}  # trailing\n# top\n`,
  'a last entry without a value': `Resources:\n${resources(30, () => '')}  Last:\n`,
  'a comment after the section key': `Resources: # all\n${resources(30, () => '    Properties:\n      A: 1\n')}`,
  'block scalars with blank lines': `Resources:\n${resources(30, () => '    Properties:\n      T: |\n        one\n\n        three\n')}`,
  'quoted strings over two lines': `Resources:\n${resources(30, () => '    Properties:\n      T: "a\n        b"\n')}`,
  'plain strings over two lines': `Resources:\n${resources(30, () => '    Properties:\n      T: a\n        b c\n')}`,
  'flow lists closed further left (lenient)': `Resources:\n${resources(30, () => '    Properties:\n      L: [a,\n    b]\n')}`,
  'flow lists closed at the entry indent': `Resources:\n${resources(30, () => '    Properties:\n      L: [a,\n  b]\n')}`,
  'a sequence at the root': '- a\n- b\n',
  'blank lines and comments between': `Resources:\n\n  # a\n${resources(30, () => '\n    # c\n    Properties: {}\n\n')}`,
  'a section after a long one': `Resources:\n${resources(30, () => '')}Outputs:\n  X:\n    Value: !Ref R0\n`,
  'deeper text before the first key': `Resources:\n    R: 1\n  S: 2\n${resources(30, () => '')}`,
  'the same key twice': `Resources:\n${resources(30, () => '')}${resources(2, () => '')}`,
  'no line break at the end': `Resources:\n${resources(30, () => '')}  Z:\n    Type: X`,
  'a long Conditions section': `Conditions:\n${Array.from({ length: 45 }, (_, i) => `  C${i}: !Equals [a, b]\n`).join('')}Resources:\n  A: 1\n  B: 2\n`,
  'a top-level Ref key': `Resources:\n${resources(30, () => '')}Ref: x\n`,
  'a quoted key': `Resources:\n${resources(30, () => '')}  "Quoted":\n    Type: X\n`,
  'URLs with colons': `Resources:\n${resources(30, () => '    Properties:\n      U: http://x.example.com:8080/a\n')}`,
  'an alias across resources': `Resources:\n  A:\n    Properties: &p\n      X: 1\n${resources(30, () => '    Properties: *p\n')}`,
};

describe('CloudFormation YAML read in parts', () => {
  it('is the whole-document parse at the boundaries of parts', () => {
    for (const [name, text] of Object.entries(EDGES)) same(text, name);
  });

  const files = [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(ROOT, 'examples'))].map(
    (f): [string, string] => [path.relative(ROOT, f), fs.readFileSync(f, 'utf8')],
  );

  it('is the whole-document parse on every YAML file here, unedited', () => {
    clearYamlParts();
    for (const [name, text] of [...files, ...generated]) same(text, name);
    assert.ok(files.length > 50, `${files.length} YAML files`);
  });

  it('stays the whole-document parse after seeded random edits, with the earlier parts cached', () => {
    const rng = new Rng(20261206);
    for (const [name, original] of [...files, ...generated]) {
      let text = original;
      for (let k = 0; k < EDITS; k++) {
        text = edit(text, rng);
        same(text, `${name} after edit ${k + 1}`);
      }
    }
  });

  it('parts handed out again are never changed by an analysis', () => {
    for (const [name, text] of generated) {
      clearYamlParts();
      const file = name.endsWith('.yml') ? 'serverless.yml' : 'template.yaml';
      const before = analyze(text, file);
      // the same parts (same offsets) are handed out to the second analysis
      const after = analyze(text, file);
      assert.deepEqual(
        after.findings.map((f) => [f.ruleId, f.span, f.message, f.fixes.map((x) => x.edits)]),
        before.findings.map((f) => [f.ruleId, f.span, f.message, f.fixes.map((x) => x.edits)]),
        name,
      );
      same(text, `${name} after two analyses`);
    }
  });

  it('really reads long templates in parts, and reuses the parts an edit did not touch', () => {
    for (const [name, text] of generated) {
      clearYamlParts();
      const first = new WorkMeter();
      parseYaml(text, first);
      const whole = new WorkMeter();
      parseYamlWhole(text, whole);
      assert.ok(first.nodes > 0 && Math.abs(first.nodes - whole.nodes) < whole.nodes * 0.2, name);
      // one character typed in a client's name: one part parsed again, the others reused
      const at = text.indexOf('-client') + 1;
      const edited = text.slice(0, at) + 'x' + text.slice(at);
      const again = new WorkMeter();
      const doc = parseYaml(edited, again);
      assert.deepEqual(doc, parseYamlWhole(edited));
      assert.ok(
        again.nodes < whole.nodes / 10,
        `${name}: ${again.nodes} nodes converted after one edit, ${whole.nodes} whole`,
      );
    }
  });
});
