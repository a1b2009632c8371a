/**
 * Rule results kept per client between analyses of a file (server/src/engine/client-cache.ts) change
 * nothing: after seeded random edits of every fixture and example with a client (characters typed and
 * deleted anywhere, and inside clients, lines removed and re-indented), the analysis that used the
 * previous analysis's results reports the same findings, ranges, messages and rendered fixes as one
 * made from nothing. `npm run fuzz` runs it with more edits (CG_FUZZ_EDITS).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { linesText } from '../../bench/generate';
import { Rng } from '../../bench/rng';
import { analyze, mentionsClient, fileKind, type Analysis } from '../../server/src/engine/analyze';
import { clearClientCache, sameMoved } from '../../server/src/engine/client-cache';
import { defaultConfig } from '../../server/src/core/config';
import { ROOT, reported } from './helpers';

const EDITS = Math.max(1, Math.round(Number(process.env.CG_FUZZ_EDITS ?? 12) / 3));

function templateFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...templateFiles(p));
    else if (/\.(tf|json|ya?ml|template)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

const CLIENT = /aws_cognito_(managed_)?user_pool_client|AWS::Cognito::UserPoolClient/g;
const SNIPPETS = ['a', 'Q', ' ', '\n', '"', '1', '}', ']', ':', '#', '  ', '_x'];

/** One random edit: near a client type name half of the time (inside the client), else anywhere. */
function edit(text: string, rng: Rng): string {
  const near = [...text.matchAll(CLIENT)].map((m) => m.index);
  const base = near.length && rng.int(2) === 0 ? (near[rng.int(near.length)] ?? 0) : -1;
  const at = base >= 0 ? Math.min(text.length, base + rng.int(400)) : rng.int(text.length + 1);
  switch (rng.int(4)) {
    case 0:
    case 1:
      return text.slice(0, at) + (SNIPPETS[rng.int(SNIPPETS.length)] ?? '') + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + rng.int(2));
    default: {
      const lines = text.split('\n');
      const i = rng.int(lines.length);
      if (rng.int(2) === 0) lines.splice(i, 1);
      else lines[i] = '  ' + (lines[i] ?? '');
      return lines.join('\n');
    }
  }
}

describe('rule results kept per client', () => {
  it('compares a client with its earlier self apart from where it stands', () => {
    const a = { span: { start: 10, end: 20 }, props: [{ key: 'x', value: { v: 3, span: { start: 12, end: 13 } } }] };
    const moved = {
      span: { start: 15, end: 25 },
      props: [{ key: 'x', value: { v: 3, span: { start: 17, end: 18 } } }],
    };
    assert.equal(sameMoved(a, moved, 10, 15), true);
    // a value changed, an offset moved differently, a field more: not the same
    const changed = { ...moved, props: [{ key: 'x', value: { v: 4, span: { start: 17, end: 18 } } }] };
    assert.equal(sameMoved(a, changed, 10, 15), false);
    const stretched = { ...moved, props: [{ key: 'x', value: { v: 3, span: { start: 17, end: 19 } } }] };
    assert.equal(sameMoved(a, stretched, 10, 15), false);
    assert.equal(sameMoved(a, { ...moved, extra: 1 }, 10, 15), false);
    // one object in both places counts as moved with them only where nothing moved
    const shared = { start: 1, end: 2 };
    assert.equal(sameMoved({ s: shared }, { s: shared }, 0, 0), true);
    assert.equal(sameMoved({ s: shared }, { s: shared }, 0, 5), false);
    // numbers that are not offsets must be equal
    assert.equal(sameMoved({ v: 10 }, { v: 15 }, 10, 15), false);
  });

  const files = [...templateFiles(path.join(ROOT, 'test', 'fixtures')), ...templateFiles(path.join(ROOT, 'examples'))]
    .map((f): [string, string] => [path.relative(ROOT, f), fs.readFileSync(f, 'utf8')])
    .filter(([name, text]) => {
      const kind = fileKind(name, text);
      return kind !== undefined && mentionsClient(kind, text);
    });
  const generated: Array<[string, string]> = [
    ['generated/stack-2000.yaml', linesText('yaml', 5, 2000)],
    ['generated/main.tf', linesText('tf', 5, 2000)],
    ['generated/stack-2000.json', linesText('cfn-json', 5, 2000)],
    ['generated/serverless.yml', linesText('serverless', 5, 2000)],
  ];

  it('changes nothing: after random edits, the same as an analysis from nothing', () => {
    const rng = new Rng(20261207);
    let keptChecks = 0;
    let freshChecks = 0;
    assert.ok(files.length > 100, `${files.length} files with a client`);
    for (const [name, original] of [...files, ...generated]) {
      const texts = [original];
      for (let k = 0; k < EDITS; k++) texts.push(edit(texts[texts.length - 1] as string, rng));
      // one file edited again and again, each analysis using the results the one before kept
      clearClientCache();
      const kept = texts.map((t) => analyze(t, name));
      const fresh = texts.map((t) => {
        clearClientCache();
        return analyze(t, name);
      });
      for (let k = 0; k < texts.length; k++) {
        keptChecks += kept[k]?.work.ruleChecks ?? 0;
        freshChecks += fresh[k]?.work.ruleChecks ?? 0;
        assert.deepEqual(reported(kept[k] as Analysis), reported(fresh[k] as Analysis), `${name} after edit ${k}`);
      }
    }
    // the kept results were really used
    assert.ok(keptChecks < freshChecks, `rule checks run: ${keptChecks} with kept results, ${freshChecks} fresh`);
  });

  it('runs again only the rules of the client an edit changed, and those that read other resources', () => {
    for (const [name, text] of generated) {
      clearClientCache();
      const first = analyze(text, name);
      const clients = first.model?.clients ?? [];
      assert.ok(clients.length > 10, name);
      // a letter typed into the first client's name (a rename: no other client changes)
      const at = (clients[0] as (typeof clients)[0]).nameSpan.end - (name.endsWith('.json') ? 1 : 0);
      const second = analyze(text.slice(0, at) + 'q' + text.slice(at), name);
      assert.ok(
        second.work.ruleChecks < first.work.ruleChecks * 0.4,
        `${name}: ${second.work.ruleChecks} rule checks after the edit, ${first.work.ruleChecks} before`,
      );
    }
  });

  it('is not used under other settings', () => {
    const [name, text] = generated[0] as [string, string];
    clearClientCache();
    const first = analyze(text, name);
    const again = analyze(text, name);
    assert.ok(again.work.ruleChecks < first.work.ruleChecks / 2, 'the same text: the kept results are used');
    const stricter = analyze(text, name, { config: { ...defaultConfig(), maxAccessTokenMinutes: 5 } });
    assert.equal(stricter.work.ruleChecks, first.work.ruleChecks, 'every rule ran again under new settings');
  });
});

/** The findings of one rule, with their spans, and how many rule checks ran. */
function ofRule(a: Analysis, id: string): Array<{ start: number; message: string }> {
  return a.findings.filter((f) => f.ruleId === id).map((f) => ({ start: f.span.start, message: f.message }));
}

describe('results of the rules that read other resources, kept', () => {
  const tf = [
    'resource "aws_cognito_user_pool" "pool" {',
    '  name = "p"',
    '  schema {',
    '    name                = "tier"',
    '    attribute_data_type = "String"',
    '  }',
    '}',
    '',
    'resource "aws_cognito_user_pool_client" "web" {',
    '  name            = "web"',
    '  user_pool_id    = aws_cognito_user_pool.pool.id',
    '  read_attributes = ["email", "custom:tier"]',
    '}',
    '',
    'resource "aws_s3_bucket" "logs" {',
    '  bucket = "logs"',
    '}',
    '',
    'output "secret" {',
    '  value = aws_cognito_user_pool_client.web.client_secret',
    '}',
    '',
  ].join('\n');
  const yaml = [
    'Resources:',
    '  Pool:',
    '    Type: AWS::Cognito::UserPool',
    '    Properties:',
    '      Schema:',
    '        - Name: tier',
    '          AttributeDataType: String',
    '  Web:',
    '    Type: AWS::Cognito::UserPoolClient',
    '    Properties:',
    '      UserPoolId: !Ref Pool',
    '      ReadAttributes: [email, "custom:tier"]',
    '  Logs:',
    '    Type: AWS::S3::Bucket',
    'Outputs:',
    '  Secret:',
    '    Value: !GetAtt Web.ClientSecret',
    '',
  ].join('\n');
  const cases: Array<[string, string, string]> = [
    ['main.tf', tf, '"tier"'],
    ['stack.yaml', yaml, 'Name: tier'],
  ];

  for (const [name, text, tier] of cases) {
    it(`${name}: kept while what they read is as it was, run again when it changes`, () => {
      clearClientCache();
      const first = analyze(text, name);
      assert.equal(ofRule(first, 'CG013').length, 0, 'the pool defines custom:tier');
      assert.equal(ofRule(first, 'CG111').length, 1, 'the secret in the output');
      // a line added above the output (it moves; nothing it reads changes): the finding moves with it
      const bucket = text.indexOf(name.endsWith('.tf') ? 'bucket =' : 'Type: AWS::S3');
      const moved =
        text.slice(0, bucket) + (name.endsWith('.tf') ? '# x\n  ' : 'Metadata: {}\n    ') + text.slice(bucket);
      const kept = analyze(moved, name);
      clearClientCache();
      const fresh = analyze(moved, name);
      assert.deepEqual(reported(kept), reported(fresh));
      assert.deepEqual(ofRule(kept, 'CG111'), ofRule(fresh, 'CG111'));
      // no rule ran again: neither the client nor what the rules read changed
      assert.equal(kept.work.ruleChecks, 0, `${kept.work.ruleChecks} of ${fresh.work.ruleChecks} rule checks ran`);
      // the pool's attribute renamed, far from the client: CG013 must see it
      analyze(moved, name);
      const renamed = moved.replace(tier, tier.replace('tier', 'tear'));
      const after = analyze(renamed, name);
      clearClientCache();
      const afterFresh = analyze(renamed, name);
      assert.equal(ofRule(afterFresh, 'CG013').length, 1, 'custom:tier is no longer defined');
      assert.deepEqual(reported(after), reported(afterFresh));
      // the output removed: CG111 must see it
      analyze(moved, name);
      const cut = moved.slice(0, moved.indexOf(name.endsWith('.tf') ? 'output' : 'Outputs'));
      const gone = analyze(cut, name);
      assert.equal(ofRule(gone, 'CG111').length, 0, 'no output, no exposed secret');
    });
  }
});
