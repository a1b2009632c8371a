/**
 * The Terraform expression evaluator: the literal subset (operators, conditionals, `for`, splats,
 * indexes, the functions people build client settings with), unknown for everything else.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '../../server/src/core/model';
import { parseHcl } from '../../server/src/parse/hcl';
import { TerraformResolver } from '../../server/src/parse/terraform';
import { run } from './helpers';

/** Resolves `locals { x = <expr> }` after the given prelude, as plain data (undefined for unknown). */
function evalExpr(expr: string, prelude = ''): unknown {
  const src = `${prelude}\nlocals {\n  x = ${expr}\n}\n`;
  const f = parseHcl(src);
  assert.deepEqual(f.errors, [], `parses: ${expr}`);
  const r = new TerraformResolver(f.body, []);
  const loc = f.body.blocks.filter((b) => b.type === 'locals').pop();
  const a = loc?.body.attributes.find((x) => x.name === 'x');
  assert.ok(a);
  return plain(r.resolve(a.value));
}

function plain(v: Value): unknown {
  switch (v.k) {
    case 'scalar':
      return v.v;
    case 'list':
      return v.items.map(plain);
    case 'map':
      return Object.fromEntries(v.entries.map((e) => [e.key, plain(e.value)]));
    case 'alt':
      return { oneOf: v.options.map(plain) };
    default:
      return undefined;
  }
}

const CLIENTS = `variable "clients" {
  default = [
    { name = "web", flows = ["ALLOW_USER_SRP_AUTH"] },
    { name = "mobile", flows = ["ALLOW_USER_PASSWORD_AUTH"], refresh = 30 },
  ]
}`;

describe('Terraform evaluator', () => {
  it('operators follow HCL precedence', () => {
    assert.equal(evalExpr('1 + 2 * 3'), 7);
    assert.equal(evalExpr('(1 + 2) * 3'), 9);
    assert.equal(evalExpr('10 - 4 - 3'), 3);
    assert.equal(evalExpr('1 + 1 == 2 && !false'), true);
    assert.equal(evalExpr('2 > 3 || 4 % 3 == 1'), true);
    assert.equal(evalExpr('-(2 * 3)'), -6);
    assert.equal(evalExpr('"a" != "b"'), true);
  });

  it('conditionals choose the branch, or keep both when the condition is unknown', () => {
    assert.equal(evalExpr('1 < 2 ? "ENABLED" : "LEGACY"'), 'ENABLED');
    assert.deepEqual(evalExpr('var.prod ? "ENABLED" : "LEGACY"', 'variable "prod" {}'), {
      oneOf: ['ENABLED', 'LEGACY'],
    });
    assert.equal(evalExpr('var.prod ? "ENABLED" : "LEGACY"', 'variable "prod" {\n  default = false\n}'), 'LEGACY');
  });

  it('for expressions over lists and maps, with filters, keys and grouping', () => {
    assert.deepEqual(evalExpr('[for s in ["a", "b"] : upper(s)]'), ['A', 'B']);
    assert.deepEqual(evalExpr('[for i, s in ["a", "b"] : "${i}${s}"]'), ['0a', '1b']);
    assert.deepEqual(evalExpr('{ for c in var.clients : c.name => c.flows }', CLIENTS), {
      web: ['ALLOW_USER_SRP_AUTH'],
      mobile: ['ALLOW_USER_PASSWORD_AUTH'],
    });
    assert.deepEqual(evalExpr('[for k, v in { b = 2, a = 1 } : k if v > 1]'), ['b']);
    assert.deepEqual(evalExpr('{ for s in ["x", "y", "x"] : s => s... }'), { x: ['x', 'x'], y: ['y'] });
    assert.equal(evalExpr('{ for s in ["x", "x"] : s => 1 }'), undefined, 'duplicate keys: Terraform fails');
    assert.equal(evalExpr('[for s in var.nope : s]', 'variable "nope" {}'), undefined);
  });

  it('splats and indexes over literal data', () => {
    assert.deepEqual(evalExpr('var.clients[*].name', CLIENTS), ['web', 'mobile']);
    assert.deepEqual(evalExpr('var.clients.*.name', CLIENTS), ['web', 'mobile']);
    assert.equal(evalExpr('var.clients[1].flows[0]', CLIENTS), 'ALLOW_USER_PASSWORD_AUTH');
    assert.equal(evalExpr('local.m[local.k]', 'locals {\n  m = { a = 5 }\n  k = "a"\n}'), 5);
    assert.equal(evalExpr('var.clients[5]', CLIENTS), undefined);
  });

  it('lookup, try, can, coalesce and merge, as community modules use them', () => {
    assert.deepEqual(evalExpr('[for c in var.clients : lookup(c, "refresh", 3650)]', CLIENTS), [3650, 30]);
    assert.deepEqual(evalExpr('[for c in var.clients : try(c.refresh, null)]', CLIENTS), [null, 30]);
    assert.deepEqual(evalExpr('[for c in var.clients : can(c.refresh)]', CLIENTS), [false, true]);
    assert.equal(evalExpr('lookup({ a = 1 }, "b")'), undefined, 'no key and no default fails');
    assert.equal(evalExpr('try(lookup({ a = 1 }, "b"), "fallback")'), 'fallback');
    assert.equal(evalExpr('coalesce(null, "", "LEGACY")'), 'LEGACY');
    assert.deepEqual(evalExpr('coalescelist([], ["a"])'), ['a']);
    assert.deepEqual(evalExpr('merge({ a = 1, b = 2 }, { b = 3 }, null)'), { a: 1, b: 3 });
    assert.equal(evalExpr('try(var.unset.x, 7)', 'variable "unset" {}'), undefined, 'an unknown is not an error');
  });

  it('list, string and conversion functions', () => {
    assert.deepEqual(evalExpr('concat(["a"], ["b", "c"])'), ['a', 'b', 'c']);
    assert.deepEqual(evalExpr('flatten([["a"], [["b"]], []])'), ['a', 'b']);
    assert.deepEqual(evalExpr('distinct(["a", "b", "a"])'), ['a', 'b']);
    assert.deepEqual(evalExpr('toset(["b", "a", "b"])'), ['a', 'b'], 'a set of strings is in lexical order');
    assert.deepEqual(evalExpr('keys({ b = 1, a = 2 })'), ['a', 'b']);
    assert.deepEqual(evalExpr('values({ b = 1, a = 2 })'), [2, 1]);
    assert.equal(evalExpr('length(["a", "b"])'), 2);
    assert.equal(evalExpr('contains(["a", "b"], "b")'), true);
    assert.equal(evalExpr('element(["a", "b"], 3)'), 'b');
    assert.equal(evalExpr('format("%s-%d", "web", 3)'), 'web-3');
    assert.equal(evalExpr('join(",", ["a", "b"])'), 'a,b');
    assert.deepEqual(evalExpr('split(",", "a,b")'), ['a', 'b']);
    assert.equal(evalExpr('lower("LEGACY")'), 'legacy');
    assert.equal(evalExpr('upper("enabled")'), 'ENABLED');
    assert.equal(evalExpr('replace("a-b-c", "-", "_")'), 'a_b_c');
    assert.equal(evalExpr('replace("abc", "/b/", "x")'), undefined, 'regular expressions are not followed');
    assert.equal(evalExpr('tonumber("60")'), 60);
    assert.equal(evalExpr('tostring(5)'), '5');
    assert.equal(evalExpr('format("%5s", "a")'), undefined, 'widths are not followed');
  });

  it('anything that touches an unknown, or an unknown function, stays unknown', () => {
    const p = 'variable "u" {}';
    assert.equal(evalExpr('var.u + 1', p), undefined);
    assert.equal(evalExpr('concat(["a"], var.u)', p), undefined);
    assert.equal(evalExpr('upper(var.u)', p), undefined);
    assert.equal(evalExpr('jsondecode("[]")'), undefined);
    assert.equal(evalExpr('length(var.u)', p), undefined);
    assert.equal(evalExpr('aws_cognito_user_pool.p.id'), undefined);
  });

  it('the rules see computed values and stay silent on unknowns', () => {
    const src = `${CLIENTS}
variable "prod" {}
locals {
  by_name = { for c in var.clients : c.name => c }
}
resource "aws_cognito_user_pool_client" "c" {
  name                          = "x"
  user_pool_id                  = "us-east-1_abc"
  explicit_auth_flows           = concat(["ALLOW_REFRESH_TOKEN_AUTH"], lookup(local.by_name["mobile"], "flows", []))
  prevent_user_existence_errors = var.prod ? "ENABLED" : "LEGACY"
  refresh_token_validity        = try(local.by_name["web"].refresh, 3650 * 2)
}
`;
    const a = run(src, 'main.tf');
    const ids = new Set(a.findings.map((f) => f.ruleId));
    assert.ok(ids.has('CG104'), 'the password flow built by concat/lookup is seen');
    assert.ok(ids.has('CG101'), 'the LEGACY branch of a conditional on an unknown is seen');
    assert.ok(
      a.findings.some((f) => f.ruleId === 'CG005' && f.severity === 'error'),
      '7300 days computed by try() is out of range',
    );
    assert.ok(
      a.findings.filter((f) => f.ruleId === 'CG104').every((f) => f.fixes.every((x) => !x.safe)),
      'no safe fix edits a computed value',
    );
  });
});
