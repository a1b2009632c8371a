/**
 * Configurations the service is known to accept (provider acceptance tests, CDK integration snapshots,
 * published AWS samples; test/fixtures/accepted/SOURCES.md files say where each comes from). An error
 * claims the service rejects the file, so none may be reported on them; every client must be found,
 * and nothing in them may be read as a syntax error.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixturePath, run } from './helpers';

const DIR = fixturePath('accepted');

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => !f.endsWith('.md'))
    .sort();
}

/** Clients declared in the text, counted without our parser. */
function declaredClients(file: string, text: string): number {
  const count = (re: RegExp): number => (text.match(re) ?? []).length;
  if (file.endsWith('.tf')) return count(/^\s*resource\s+"aws_cognito_(managed_)?user_pool_client"/gm);
  if (file.endsWith('.tf.json')) return declaredTfJson(JSON.parse(text) as unknown);
  return count(/Type["']?\s*:\s*["']?AWS::Cognito::UserPoolClient["']?\s*(,|$|\})/gm);
}

function declaredTfJson(doc: unknown): number {
  const blocks = (doc as { resource?: unknown }).resource;
  const list = Array.isArray(blocks) ? blocks : [blocks];
  let n = 0;
  for (const b of list) {
    if (!b || typeof b !== 'object') continue;
    for (const [type, byName] of Object.entries(b as Record<string, unknown>)) {
      if (type !== 'aws_cognito_user_pool_client' && type !== 'aws_cognito_managed_user_pool_client') continue;
      const names = Array.isArray(byName) ? byName : [byName];
      for (const m of names) n += Object.keys(m as object).length;
    }
  }
  return n;
}

const files = walk(DIR);

describe('accepted configurations: no error on what the service accepts', () => {
  it('the corpus covers every dialect and both Terraform resources', () => {
    const rel = files.map((f) => path.relative(DIR, f));
    assert.ok(files.length >= 40, `at least 40 accepted configurations, found ${files.length}`);
    const flavors = new Set<string>();
    const kinds = new Set<string>();
    for (const f of files) {
      const a = run(fs.readFileSync(f, 'utf8'), f);
      if (a.model) flavors.add(`${a.model.dialect}/${a.model.flavor}`);
      for (const c of a.model?.clients ?? []) kinds.add(c.type);
    }
    assert.ok(
      rel.some((f) => f.endsWith('.tf.json')),
      'a Terraform JSON file',
    );
    for (const want of ['aws_cognito_user_pool_client', 'aws_cognito_managed_user_pool_client']) {
      assert.ok(kinds.has(want), `a ${want}`);
    }
    for (const flavor of ['terraform', 'cloudformation', 'sam', 'serverless', 'cdk']) {
      assert.ok(
        [...flavors].some((x) => x.endsWith(`/${flavor}`)),
        `a ${flavor} file (found ${[...flavors].join(', ')})`,
      );
    }
    assert.ok(
      rel.some((f) => /\.ya?ml$/.test(f)) && rel.some((f) => f.endsWith('.json') && !f.endsWith('.tf.json')),
      'CloudFormation in YAML and in JSON',
    );
  });

  for (const f of files) {
    const name = path.relative(DIR, f);
    it(name, () => {
      const text = fs.readFileSync(f, 'utf8');
      const a = run(text, f);
      assert.ok(a.isTemplate, `read as a template: ${a.reason}`);
      assert.deepEqual(a.model?.syntaxErrors ?? [], [], 'no syntax error');
      assert.deepEqual(a.internalErrors, [], 'no internal error');
      assert.equal(a.model?.clients.length, declaredClients(f, text), 'every client found');
      const errors = a.findings
        .filter((x) => x.severity === 'error')
        .map((x) => `${x.ruleId} ${x.range.start.line + 1}:${x.range.start.character + 1} ${x.message}`);
      assert.deepEqual(errors, [], 'no error-level finding');
    });
  }
});
