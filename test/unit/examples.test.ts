/** The bundled examples: every validity rule fires somewhere, secure templates are clean, non-templates ignored. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { collectFiles } from '../../server/src/cli';
import { analyze } from '../../server/src/engine/analyze';
import { RULES } from '../../server/src/rules';
import * as fs from 'node:fs';
import { ROOT } from './helpers';

const EXAMPLES = path.join(ROOT, 'examples');

function tfvarsBeside(file: string): { fileName: string; text: string }[] {
  const dir = path.dirname(file);
  return fs
    .readdirSync(dir)
    .filter((n) => /^(terraform\.tfvars|.+\.auto\.tfvars)$/.test(n))
    .map((n) => ({ fileName: path.join(dir, n), text: fs.readFileSync(path.join(dir, n), 'utf8') }));
}

const results = collectFiles([EXAMPLES]).files.map((f) => ({
  file: path.relative(EXAMPLES, f).split(path.sep).join('/'),
  a: analyze(fs.readFileSync(f, 'utf8'), f, { tfvars: tfvarsBeside(f) }),
}));

describe('examples/', () => {
  it('has a template in every dialect and flavour', () => {
    const seen = new Set(
      results.filter((r) => r.a.isTemplate).map((r) => `${r.a.model?.dialect}/${r.a.model?.flavor}`),
    );
    for (const want of [
      'terraform/terraform',
      'terraform-json/terraform',
      'cloudformation-yaml/cloudformation',
      'cloudformation-json/cloudformation',
      'cloudformation-yaml/sam',
      'cloudformation-yaml/serverless',
      'cloudformation-json/cdk',
    ]) {
      assert.ok(seen.has(want), `no example for ${want}`);
    }
  });

  it('every validity rule fires at least once', () => {
    const fired = new Set(results.flatMap((r) => r.a.findings.map((f) => f.ruleId)));
    for (const rule of RULES) assert.ok(fired.has(rule.id), `${rule.id} never fires in examples/`);
  });

  it('every insecure file has findings; secure files have no errors or warnings', () => {
    for (const r of results) {
      assert.deepEqual(r.a.internalErrors, [], r.file);
      const serious = r.a.findings.filter((f) => f.severity !== 'info');
      if (/secure/.test(r.file) && !/insecure/.test(r.file)) {
        assert.deepEqual(
          serious.map((f) => `${f.ruleId} ${f.range.start.line + 1}: ${f.message}`),
          [],
          r.file,
        );
      } else if (r.a.isTemplate) {
        assert.ok(r.a.findings.length > 0, `${r.file} has no findings`);
      }
    }
  });

  it('messages are plain text for people: no rule ids, no unfinished sentences', () => {
    for (const r of results) {
      for (const f of r.a.findings) {
        assert.doesNotMatch(f.message, /\bCG\d{3}\b/, `${r.file}: ${f.message}`);
        assert.match(f.message, /[.?]$/, `${r.file}: ${f.message}`);
        assert.doesNotMatch(f.message, /undefined|\[object Object\]|NaN/, `${r.file}: ${f.message}`);
        assert.doesNotMatch(f.message, /`/, `plain text, no markup: ${r.file}: ${f.message}`);
      }
    }
  });

  it('files that are not templates are ignored', () => {
    const others = results.filter((r) => r.file.startsWith('not-a-template/'));
    assert.ok(others.length >= 2);
    for (const r of others) {
      assert.equal(r.a.isTemplate, false, r.file);
      assert.deepEqual(r.a.findings, [], r.file);
    }
  });
});
