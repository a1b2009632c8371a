/**
 * The model of a Terraform file is built again only for the blocks an edit touched
 * (server/src/parse/terraform.ts `clientsOf`, server/src/core/moved.ts): the clients of a part the
 * parser handed out again are the ones built before, and those of a moved part are copies moved the
 * same distance. These tests check that this changes nothing (after seeded random edits, and while
 * typing in one place, the model and the findings are those made with nothing kept) and that it really
 * happens (which clients are the same objects, which are moved copies). `npm run fuzz` runs the random
 * edits longer (CG_FUZZ_EDITS).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { linesText } from '../../bench/generate';
import { Rng } from '../../bench/rng';
import { analyze } from '../../server/src/engine/analyze';
import { clearClientCache } from '../../server/src/engine/client-cache';
import { clearParseCache, parseTerraformCached, terraformModel } from '../../server/src/parse/terraform';
import { blockMovedFrom } from '../../server/src/parse/hcl-parts';
import { cloudFormationModel, parseCloudFormation } from '../../server/src/parse/cloudformation';
import { clearYamlParts, entryMovedFrom } from '../../server/src/parse/yaml-chunks';
import { clearJsonParts } from '../../server/src/parse/json-parts';
import { movedCopy, movedOrigin, sameLineage } from '../../server/src/core/moved';
import type { TemplateModel } from '../../server/src/core/model';
import { ROOT, reported } from './helpers';

const EDITS = Math.max(2, Math.round(Number(process.env.CG_FUZZ_EDITS ?? 12) / 3));

function filesEnding(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesEnding(p, re));
    else if (re.test(e.name)) out.push(p);
  }
  return out.sort();
}
const tfFiles = (dir: string): string[] => filesEnding(dir, /\.tf$/);

const SNIPPETS = ['a', 'Q', ' ', '\n', '"', '1', '}', ']', '=', '#', '  ', '_x', '${', 'var.'];

/** One random edit anywhere: text typed, characters deleted, a line removed or indented. */
function edit(text: string, rng: Rng): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(4)) {
    case 0:
    case 1:
      return text.slice(0, at) + (SNIPPETS[rng.int(SNIPPETS.length)] ?? '') + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + rng.int(3));
    default: {
      const lines = text.split('\n');
      const i = rng.int(lines.length);
      if (rng.int(2) === 0) lines.splice(i, 1);
      else lines[i] = '  ' + (lines[i] ?? '');
      return lines.join('\n');
    }
  }
}

/** What the model holds that rules and findings read (the other resources' settings read out). */
function modelFacts(m: TemplateModel): unknown {
  return {
    clients: m.clients,
    placed: m.placed,
    pools: m.pools,
    outputs: m.outputs,
    resources: m.resources.map((r) => ({ ...r, body: r.body })),
    syntaxErrors: m.syntaxErrors,
  };
}

function freshModel(text: string, name: string): TemplateModel {
  clearParseCache();
  return terraformModel(text, name, []);
}

describe('Terraform model built again only where an edit touched it', () => {
  const base = linesText('tf', 5, 2000);
  // every Terraform file here after a generated one long enough to be read in parts, so that its blocks are
  const prefix = linesText('tf', 6, 250);
  const files: Array<[string, string]> = [
    ['generated main.tf', base],
    ...[...tfFiles(path.join(ROOT, 'test', 'fixtures')), ...tfFiles(path.join(ROOT, 'examples'))].map(
      (f): [string, string] => [path.relative(ROOT, f), `${prefix}\n${fs.readFileSync(f, 'utf8')}`],
    ),
  ];

  it('moves a copy by its offsets only, and records where it came from', () => {
    const param = { name: 'shared' };
    const c = { span: { start: 10, end: 20 }, props: [{ param, value: { v: 3, span: { start: 12, end: 13 } } }] };
    const m = movedCopy(c, 5);
    assert.deepEqual(m, {
      span: { start: 15, end: 25 },
      props: [{ param, value: { v: 3, span: { start: 17, end: 18 } } }],
    });
    assert.equal(m?.props[0]?.param, param, 'a catalogue entry is shared, not copied');
    assert.deepEqual(movedOrigin(m as object), { from: c, by: 5 });
    const again = movedCopy(m, -2);
    assert.deepEqual(movedOrigin(again as object), { from: c, by: 3 }, 'a copy of a copy: moved from the first');
    assert.ok(sameLineage(m as object, again as object, -2) && sameLineage(c, again as object, 3));
    assert.ok(!sameLineage(c, { ...c }, 0), 'an equal object that is not a copy');
    assert.equal(movedCopy({ s: new Set([1]) }, 1), undefined, 'what it cannot copy, it does not');
    assert.equal(movedCopy({ f: () => 1 }, 1), undefined);
  });

  it('is the model built from nothing, after seeded random edits of every Terraform file here', () => {
    const rng = new Rng(20261209);
    assert.ok(files.length > 100, `${files.length} Terraform files`);
    for (const [name, original] of files) {
      let text = original;
      clearParseCache();
      terraformModel(text, name, []);
      for (let k = 0; k < EDITS; k++) {
        text = edit(text, rng);
        const kept = modelFacts(terraformModel(text, name, []));
        assert.deepEqual(kept, modelFacts(freshModel(text, name)), `${name} after edit ${k + 1}`);
      }
    }
  });

  it('is the model built from nothing while typing in one place, and while typing and deleting', () => {
    for (const [name, original] of files.slice(0, 40)) {
      clearParseCache();
      terraformModel(original, name, []);
      // inside the first client, a few letters typed one after another, then deleted one by one
      const at = Math.max(0, original.indexOf('aws_cognito_user_pool_client'));
      let text = original;
      const typed: string[] = [];
      for (const letter of 'abcd') {
        text = text.slice(0, at) + letter + text.slice(at);
        typed.push(text);
      }
      for (let i = typed.length - 2; i >= 0; i--) typed.push(typed[i] as string);
      typed.push(original);
      for (const [k, t] of typed.entries()) {
        const kept = modelFacts(terraformModel(t, name, []));
        assert.deepEqual(kept, modelFacts(freshModel(t, name)), `${name} after keystroke ${k + 1}`);
      }
    }
  });

  it('reports what an analysis from nothing reports, after random edits', () => {
    const rng = new Rng(20261210);
    for (const [name, original] of files.filter((_, i) => i % 3 === 0)) {
      let text = original;
      clearParseCache();
      clearClientCache();
      analyze(text, name);
      for (let k = 0; k < EDITS; k++) {
        text = edit(text, rng);
        const kept = reported(analyze(text, name));
        clearParseCache();
        clearClientCache();
        const fresh = reported(analyze(text, name));
        assert.deepEqual(kept, fresh, `${name} after edit ${k + 1}`);
      }
    }
  });

  it('keeps the clients before an edit, and moves those after it', () => {
    clearParseCache();
    const first = terraformModel(base, 'main.tf', []).clients;
    assert.ok(first.length > 10, `${first.length} clients`);
    const middle = first[Math.floor(first.length / 2)];
    assert.ok(middle);
    const at = middle.nameSpan.end - 1;
    const typed = (t: string, letter: string): string => t.slice(0, at) + letter + t.slice(at);
    const one = typed(base, 'x');
    const second = terraformModel(one, 'main.tf', []).clients;
    assert.equal(second.length, first.length);
    for (const [i, c] of second.entries()) {
      const before = first[i] as (typeof first)[0];
      if (before.span.end <= at) assert.equal(c, before, `client ${i} before the edit is the same object`);
      else if (before.span.start > at) assert.deepEqual(movedOrigin(c), { from: before, by: 1 }, `client ${i} moved`);
      else assert.equal(movedOrigin(c), undefined, `client ${i}, the edited one, is built again`);
    }
    // the next letter at the same place: moved again, from the last copies (recorded from the first)
    const third = terraformModel(typed(one, 'y'), 'main.tf', []).clients;
    for (const [i, c] of third.entries()) {
      const before = first[i] as (typeof first)[0];
      if (before.span.start > at) {
        assert.deepEqual(movedOrigin(c), { from: before, by: 2 }, `client ${i} moved`);
        assert.ok(sameLineage(second[i] as object, c, 1));
        assert.ok(!sameLineage(second[i] as object, c, 2));
      }
    }
    // and back to the text of the first edit: every part stands where it stood then, the same objects
    const again = terraformModel(one, 'main.tf', []).clients;
    for (const [i, c] of again.entries()) {
      const then = second[i] as (typeof second)[0];
      if (then.span.start > at || then.span.end <= at) assert.equal(c, then, `client ${i} as after the first edit`);
    }
  });

  it('builds the clients again when a name they read changes', () => {
    clearParseCache();
    const text = base;
    const first = terraformModel(text, 'main.tf', []).clients;
    // a variable's default changed (variables are at the top of the generated file)
    const m = /variable "access_token_minutes" \{[^}]*default\s*=\s*(\d+)/.exec(text);
    assert.ok(m?.[1], 'the generated file declares access_token_minutes with a default');
    const end = (m.index ?? 0) + m[0].length;
    // the same length (every other part where it stood) and one longer (every part after it moved)
    const changes = [
      text.slice(0, end - 1) + (m[1].endsWith('9') ? '8' : '9') + text.slice(end),
      text.slice(0, end) + '0' + text.slice(end),
    ];
    for (const changed of changes) {
      terraformModel(text, 'main.tf', []);
      const second = terraformModel(changed, 'main.tf', []).clients;
      for (const [i, c] of second.entries()) {
        assert.notEqual(c, first[i], `client ${i} built again`);
        assert.equal(movedOrigin(c), undefined, `client ${i} not a moved copy`);
      }
      assert.deepEqual(modelFacts(terraformModel(changed, 'main.tf', [])), modelFacts(freshModel(changed, 'main.tf')));
    }
  });
  it('records a moved block against the block first parsed, not a chain of copies, while typing on', () => {
    clearParseCache();
    const at = base.indexOf('aws_cognito_user_pool_client');
    let text = base;
    terraformModel(text, 'main.tf', []);
    for (const letter of 'abcdef') {
      text = text.slice(0, at) + letter + text.slice(at);
      terraformModel(text, 'main.tf', []);
    }
    const blocks = parseTerraformCached(text, false).body.blocks.filter((b) => b.span.start > at + 6);
    assert.ok(blocks.length > 20, `${blocks.length} blocks after the cursor`);
    for (const b of blocks) {
      const m = blockMovedFrom(b);
      assert.ok(m, 'a moved copy');
      assert.equal(m.by, 6, 'moved by every letter typed');
      // a chain would keep every earlier copy (and what was built from it) alive while typing on
      assert.equal(blockMovedFrom(m.base), undefined, 'recorded against the block first parsed');
    }
  });

  it('moves what was built again after a name changed, while typing on', () => {
    clearParseCache();
    const m = /variable "access_token_minutes" \{[^}]*default\s*=\s*(\d+)/.exec(base);
    assert.ok(m, 'the generated file declares access_token_minutes with a default');
    const end = m.index + m[0].length;
    const cursor = base.indexOf('aws_cognito_user_pool_client');
    assert.ok(cursor > end);
    const typed = (t: string, letter: string): string => t.slice(0, cursor + 1) + letter + t.slice(cursor + 1);
    // a letter typed, then the default made longer (every part below moved, and built again: the name changed)
    const one = typed(base, 'a');
    terraformModel(base, 'main.tf', []);
    terraformModel(one, 'main.tf', []);
    const longer = one.slice(0, end) + '0' + one.slice(end);
    const second = terraformModel(longer, 'main.tf', []).clients;
    for (const c of second) assert.equal(movedOrigin(c), undefined, 'built again');
    // the next letters: the clients below the cursor are what was built then, moved
    let text = longer;
    for (const [k, letter] of [...'bc'].entries()) {
      text = typed(text, letter);
      const next = terraformModel(text, 'main.tf', []).clients;
      for (const [i, c] of next.entries()) {
        const then = second[i] as (typeof second)[0];
        if (then.span.start > cursor + 1)
          assert.deepEqual(movedOrigin(c), { from: then, by: k + 1 }, `client ${i} after letter ${k + 1}`);
      }
    }
    // (a model from nothing forgets every part: compared last)
    assert.deepEqual(modelFacts(terraformModel(text, 'main.tf', [])), modelFacts(freshModel(text, 'main.tf')));
  });
});

/** A CloudFormation model built from nothing: no part of any earlier text kept. */
function freshCfn(text: string, format: 'yaml' | 'json'): TemplateModel {
  clearYamlParts();
  clearJsonParts();
  return cloudFormationModel(parseCloudFormation(text, format));
}

describe('CloudFormation model built again only where an edit touched it', () => {
  const generated: Array<[string, string, 'yaml' | 'json']> = [
    ['generated stack-2000.yaml', linesText('yaml', 5, 2000), 'yaml'],
    ['generated serverless.yml', linesText('serverless', 5, 2000), 'yaml'],
    ['generated stack-2000.json', linesText('cfn-json', 5, 2000), 'json'],
  ];
  const files: Array<[string, string, 'yaml' | 'json']> = [
    ...generated,
    ...[
      ...filesEnding(path.join(ROOT, 'test', 'fixtures'), /\.(ya?ml|json)$/),
      ...filesEnding(path.join(ROOT, 'examples'), /\.(ya?ml|json)$/),
    ]
      .map((f): [string, string, 'yaml' | 'json'] => [
        path.relative(ROOT, f),
        fs.readFileSync(f, 'utf8'),
        f.endsWith('.json') ? 'json' : 'yaml',
      ])
      .filter(([, text]) => text.includes('AWS::Cognito::UserPoolClient')),
  ];
  const model = (text: string, format: 'yaml' | 'json'): TemplateModel =>
    cloudFormationModel(parseCloudFormation(text, format));

  it('is the model built from nothing, after seeded random edits of every template here', () => {
    const rng = new Rng(20261211);
    assert.ok(files.length > 50, `${files.length} templates`);
    for (const [name, original, format] of files) {
      let text = original;
      clearYamlParts();
      clearJsonParts();
      model(text, format);
      // the long generated ones, where parts are kept, edited more
      const edits = generated.some(([g]) => g === name) ? 4 * EDITS : EDITS;
      for (let k = 0; k < edits; k++) {
        text = edit(text, rng);
        const kept = modelFacts(model(text, format));
        assert.deepEqual(kept, modelFacts(freshCfn(text, format)), `${name} after edit ${k + 1}`);
      }
    }
  });

  it('is the model built from nothing while typing in one place, and reports the same', () => {
    for (const [name, original, format] of generated) {
      clearYamlParts();
      clearJsonParts();
      clearClientCache();
      analyze(original, name);
      const at = original.indexOf('-client') + 1;
      let text = original;
      const typed: string[] = [];
      for (const letter of 'abcd') typed.push((text = text.slice(0, at) + letter + text.slice(at)));
      for (let i = typed.length - 2; i >= 0; i--) typed.push(typed[i] as string);
      for (const [k, t] of typed.entries()) {
        const kept = analyze(t, name);
        assert.deepEqual(
          modelFacts(kept.model as TemplateModel),
          modelFacts(freshCfn(t, format)),
          `${name} after keystroke ${k + 1}`,
        );
        clearClientCache();
        const fresh = analyze(t, name);
        assert.deepEqual(reported(kept), reported(fresh), `${name}: findings after keystroke ${k + 1}`);
      }
    }
  });

  it('keeps the clients before an edit, and moves those after it (YAML)', () => {
    for (const [name, text] of generated.filter(([, , f]) => f === 'yaml')) {
      clearYamlParts();
      const first = model(text, 'yaml').clients;
      assert.ok(first.length > 10, `${name}: ${first.length} clients`);
      const middle = first[Math.floor(first.length / 2)] as (typeof first)[0];
      const at = middle.span.start + Math.floor((middle.span.end - middle.span.start) / 2);
      const second = model(text.slice(0, at) + ' ' + text.slice(at), 'yaml').clients;
      let kept = 0;
      let moved = 0;
      for (const [i, c] of second.entries()) {
        const before = first[i] as (typeof first)[0];
        if (before.span.end <= at) kept += c === before ? 1 : 0;
        else if (before.span.start > at) moved += movedOrigin(c)?.from === before ? 1 : 0;
      }
      const after = first.filter((c) => c.span.start > at).length;
      assert.equal(kept, first.filter((c) => c.span.end <= at).length, `${name}: the clients before the edit kept`);
      assert.equal(moved, after, `${name}: the clients after the edit moved`);
    }
  });

  it('builds the clients again when a parameter or the resources change (YAML)', () => {
    const [name, text] = generated[0] as [string, string, 'yaml'];
    const d = text.indexOf('Default: 15');
    const bucket = /^ {2}(\w+Bucket):/m.exec(text);
    assert.ok(d > 0 && bucket?.[1], 'the generated template has the parameter and a bucket');
    const r = bucket.index + 2 + bucket[1].length;
    const changes = {
      'a default of the same length': text.slice(0, d) + 'Default: 19' + text.slice(d + 11),
      'a longer default': text.slice(0, d) + 'Default: 150' + text.slice(d + 11),
      'a resource renamed': text.slice(0, r - 1) + 'X' + text.slice(r),
    };
    for (const [what, changed] of Object.entries(changes)) {
      clearYamlParts();
      const first = model(text, 'yaml').clients;
      const second = model(changed, 'yaml').clients;
      for (const [i, c] of second.entries()) {
        assert.notEqual(c, first[i], `${what}: client ${i} built again`);
        assert.equal(movedOrigin(c), undefined, `${what}: client ${i} not a moved copy`);
      }
      assert.deepEqual(modelFacts(model(changed, 'yaml')), modelFacts(freshCfn(changed, 'yaml')), `${name}: ${what}`);
    }
  });

  it("keeps other resources while the template's scope stands, and reads them again when a parameter changes", () => {
    const fillers = Array.from(
      { length: 30 },
      (_, i) => `  Bucket${i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b${i}\n`,
    ).join('');
    const text = (stage: string): string =>
      [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Parameters:',
        '  Stage:',
        '    Type: String',
        `    Default: ${stage}`,
        'Resources:',
        fillers.trimEnd(),
        '  Fn:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        '      Environment:',
        '        Variables:',
        '          STAGE: !Ref Stage',
        '  Client:',
        '    Type: AWS::Cognito::UserPoolClient',
        '    Properties:',
        '      UserPoolId: !Ref Pool',
        '',
      ].join('\n');
    const envOf = (m: TemplateModel): unknown =>
      JSON.stringify(m.resources.find((r) => r.name === 'Fn')?.body).match(/"v":"(prod|test)"/)?.[1];
    clearYamlParts();
    const first = model(text('prod'), 'yaml');
    assert.equal(envOf(first), 'prod', "the function's settings are read (and kept)");
    const again = model(text('prod'), 'yaml');
    assert.equal(again.resources.length, 31);
    again.resources.forEach((r, i) => assert.equal(r, first.resources[i], `${r.name}: kept`));
    const changed = model(text('test'), 'yaml');
    assert.equal(envOf(changed), 'test', 'read again with the new default');
    assert.notEqual(changed.resources[0], first.resources[0], 'resources made again when the scope changed');
    assert.deepEqual(modelFacts(changed), modelFacts(freshCfn(text('test'), 'yaml')));
  });

  it('moves what was built again after a parameter changed, while typing on (YAML)', () => {
    const [, text] = generated[0] as [string, string, 'yaml'];
    const d = text.indexOf('Default: 15');
    const cursor = text.indexOf('-client') + 1;
    assert.ok(d > 0 && cursor > d, 'the parameter stands above the clients');
    const typed = (t: string, letter: string): string => t.slice(0, cursor + 1) + letter + t.slice(cursor + 1);
    clearYamlParts();
    const one = typed(text, 'a');
    model(text, 'yaml');
    model(one, 'yaml');
    // the default made longer: every entry below moved, and built again (the parameter changed)
    const longer = one.slice(0, d) + 'Default: 150' + one.slice(d + 11);
    const second = model(longer, 'yaml').clients;
    for (const c of second) assert.equal(movedOrigin(c), undefined, 'built again');
    let t = longer;
    for (const [k, letter] of [...'bc'].entries()) {
      t = typed(t, letter);
      const next = model(t, 'yaml').clients;
      let moved = 0;
      for (const [i, c] of next.entries()) {
        const then = second[i] as (typeof second)[0];
        if (then.span.start <= cursor + 2) continue;
        assert.deepEqual(movedOrigin(c), { from: then, by: k + 1 }, `client ${i} after letter ${k + 1}`);
        moved++;
      }
      assert.ok(moved > 10, `${moved} clients moved`);
    }
    assert.deepEqual(modelFacts(model(t, 'yaml')), modelFacts(freshCfn(t, 'yaml')));
  });

  it('records a moved entry against the entry first parsed, not a chain of copies, while typing on', () => {
    for (const [name, original] of generated.filter(([, , f]) => f === 'yaml')) {
      clearYamlParts();
      const at = original.indexOf('-client') + 1;
      let text = original;
      model(text, 'yaml');
      for (const letter of 'abcdef') {
        text = text.slice(0, at) + letter + text.slice(at);
        model(text, 'yaml');
      }
      const doc = parseCloudFormation(text, 'yaml');
      const section =
        doc.root?.t === 'map'
          ? doc.root.entries.find((e) => e.key === 'Resources' || e.key === 'resources')
          : undefined;
      let entries = section?.value.t === 'map' ? section.value.entries : [];
      // Serverless: the resources' own Resources below
      const inner = entries.find((e) => e.key === 'Resources');
      if (inner?.value.t === 'map') entries = inner.value.entries;
      const below = entries.filter((e) => e.keySpan.start > at + 6);
      assert.ok(below.length > 20, `${name}: ${below.length} entries after the cursor`);
      for (const e of below) {
        const m = entryMovedFrom(e);
        assert.ok(m, `${name} ${e.key}: a moved copy`);
        assert.equal(m.by, 6, `${name} ${e.key}: moved by every letter typed`);
        assert.equal(entryMovedFrom(m.base), undefined, `${name} ${e.key}: recorded against the entry first parsed`);
      }
    }
  });

  it('leaves alone the offsets of text outside a moved resource (a mapping read by a client)', () => {
    const fillers = Array.from(
      { length: 30 },
      (_, i) => `  Bucket${i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b${i}\n`,
    ).join('');
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Mappings:',
      '  Urls:',
      '    prod:',
      '      Callback: !Join ["", ["https://", !GetAtt Site.DomainName, "/cb"]]',
      'Resources:',
      fillers.trimEnd(),
      '  Client:',
      '    Type: AWS::Cognito::UserPoolClient',
      '    Properties:',
      '      UserPoolId: !Ref Pool',
      '      CallbackURLs:',
      '        - !FindInMap [Urls, prod, Callback]',
      '',
    ].join('\n');
    clearYamlParts();
    const first = model(text, 'yaml');
    assert.equal(first.clients.length, 1);
    const at = text.indexOf('BucketName: b3') + 12;
    const changed = text.slice(0, at) + 'x' + text.slice(at);
    const kept = model(changed, 'yaml');
    assert.deepEqual(modelFacts(kept), modelFacts(freshCfn(changed, 'yaml')));
    assert.equal(movedOrigin(kept.clients[0] as object), undefined, 'not recorded as the same client moved');
  });
});
