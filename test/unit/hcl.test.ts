import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHcl, type HclExpr } from '../../server/src/parse/hcl';

function src2offset(prefix: string): number {
  return prefix.length;
}

function attr(src: string, name: string): HclExpr {
  const f = parseHcl(src);
  const all = [...f.body.attributes, ...f.body.blocks.flatMap((b) => b.body.attributes)];
  const a = all.find((x) => x.name === name);
  assert.ok(a, `no attribute ${name}`);
  return a.value;
}

describe('HCL parser', () => {
  it('reads blocks with quoted and unquoted labels and exact spans', () => {
    const src = 'resource "aws_cognito_user_pool_client" web {\n  name = "x"\n}\n';
    const f = parseHcl(src);
    assert.deepEqual(f.errors, []);
    const b = f.body.blocks[0];
    assert.ok(b);
    assert.equal(b.type, 'resource');
    assert.deepEqual(
      b.labels.map((l) => [l.value, src.slice(l.span.start, l.span.end)]),
      [
        ['aws_cognito_user_pool_client', '"aws_cognito_user_pool_client"'],
        ['web', 'web'],
      ],
    );
    assert.equal(src.slice(b.span.start, b.span.end), src.trimEnd());
  });

  it('reads literals, lists, objects and traversals', () => {
    const src = `a = "s"\nb = 30\nc = true\nd = null\ne = ["x", "y",]\nf = { k = 1, "q" : 2 }\ng = var.x\nh = aws_cognito_user_pool.p.id\ni = -5\n`;
    assert.deepEqual(attr(src, 'a'), { t: 'lit', v: 's', span: { start: 4, end: 7 } });
    assert.equal((attr(src, 'b') as { v: number }).v, 30);
    assert.equal((attr(src, 'c') as { v: boolean }).v, true);
    assert.equal((attr(src, 'd') as { v: null }).v, null);
    const e = attr(src, 'e');
    assert.equal(e.t, 'tuple');
    assert.equal(e.t === 'tuple' && e.items.length, 2);
    const f = attr(src, 'f');
    assert.deepEqual(f.t === 'object' && f.entries.map((x) => x.key), ['k', 'q']);
    const g = attr(src, 'g');
    assert.deepEqual(g.t === 'trav' && [g.root, g.steps], ['var', ['x']]);
    const h = attr(src, 'h');
    assert.deepEqual(h.t === 'trav' && [h.root, h.steps], ['aws_cognito_user_pool', ['p', 'id']]);
    assert.equal((attr(src, 'i') as { v: number }).v, -5);
    assert.deepEqual(parseHcl(src).errors, []);
  });

  it('reads multi-line lists with comments of every style', () => {
    const src = `x = [\n  "a", # one\n  // two\n  /* three */ "b"\n]\ny = 1\n`;
    const f = parseHcl(src);
    assert.deepEqual(f.errors, []);
    const x = attr(src, 'x');
    assert.equal(x.t === 'tuple' && x.items.length, 2);
    assert.equal(f.comments.length, 3);
    assert.equal(f.body.attributes.length, 2);
  });

  it('keeps interpolations: a lone "${x}" and a mixed template', () => {
    const lone = attr('a = "${var.x}"\n', 'a');
    assert.equal(lone.t, 'tmpl');
    assert.ok(lone.t === 'tmpl' && lone.parts.length === 1 && typeof lone.parts[0] !== 'string');
    const mixed = attr('a = "https://${var.host}/cb"\n', 'a');
    assert.ok(mixed.t === 'tmpl' && mixed.parts.length === 3);
    const escaped = attr('a = "$${literal}"\n', 'a');
    assert.deepEqual(escaped.t === 'lit' && escaped.v, '${literal}');
    const directive = attr('a = "%{ if true }x%{ endif }"\n', 'a');
    assert.ok(directive.t === 'tmpl' && directive.directive);
  });

  it('reads heredocs as opaque or literal values and continues after them', () => {
    const src = `a = <<-EOT\n  hello\n  EOT\nb = <<EOF\n\${var.x}\nEOF\nc = 1\n`;
    const f = parseHcl(src);
    assert.deepEqual(f.errors, []);
    assert.equal(attr(src, 'a').t, 'lit');
    assert.equal(attr(src, 'b').t, 'tmpl');
    assert.equal((attr(src, 'c') as { v: number }).v, 1);
  });

  it('reads function calls, conditionals and for expressions as expressions', () => {
    const src = `a = toset(["x"])\nb = var.on ? 1 : 2\nc = [for s in var.l : upper(s)]\nd = { for k, v in var.m : k => v }\ne = var.l[*].id\nf = 1\n`;
    const f = parseHcl(src);
    assert.deepEqual(f.errors, []);
    assert.equal(attr(src, 'a').t, 'call');
    assert.equal(attr(src, 'b').t, 'other');
    assert.equal(attr(src, 'c').t, 'other');
    assert.equal(attr(src, 'd').t, 'other');
    assert.equal(attr(src, 'e').t, 'other');
    assert.equal(f.body.attributes.length, 6);
  });

  it('reads dynamic blocks and nested blocks', () => {
    const src = `resource "t" "n" {\n  dynamic "token_validity_units" {\n    for_each = var.u\n    content {\n      access_token = "hours"\n    }\n  }\n  refresh_token_rotation {\n    feature = "ENABLED"\n  }\n}\n`;
    const f = parseHcl(src);
    assert.deepEqual(f.errors, []);
    const r = f.body.blocks[0];
    assert.deepEqual(
      r?.body.blocks.map((b) => [b.type, b.labels.map((l) => l.value)]),
      [
        ['dynamic', ['token_validity_units']],
        ['refresh_token_rotation', []],
      ],
    );
  });

  describe('recovery from half-typed input', () => {
    it('an argument without a value', () => {
      const src = `resource "a" "b" {\n  name =\n  x = 1\n}\nresource "c" "d" {\n  y = 2\n}\n`;
      const f = parseHcl(src);
      assert.equal(f.errors.length, 1);
      assert.match(f.errors[0]?.message ?? '', /no value/);
      assert.equal(f.body.blocks.length, 2);
      assert.deepEqual(
        f.body.blocks[0]?.body.attributes.map((a) => a.name),
        ['name', 'x'],
      );
    });

    it('a name being typed with no "="', () => {
      const src = `resource "a" "b" {\n  explicit_auth_fl\n  x = 1\n}\n`;
      const f = parseHcl(src);
      assert.equal(f.errors.length, 1);
      assert.deepEqual(
        f.body.blocks[0]?.body.attributes.map((a) => a.name),
        ['x'],
      );
    });

    it('an unclosed list closes at the next argument', () => {
      const src = `resource "a" "b" {\n  l = ["x",\n  y = 2\n}\n`;
      const f = parseHcl(src);
      assert.ok(f.errors.some((e) => /never closed/.test(e.message)));
      assert.deepEqual(
        f.body.blocks[0]?.body.attributes.map((a) => a.name),
        ['l', 'y'],
      );
    });

    it('an unclosed block ends where the next top-level block starts', () => {
      const src = `resource "a" "b" {\n  x = 1\n\nresource "c" "d" {\n  y = 2\n}\n`;
      const f = parseHcl(src);
      assert.equal(f.body.blocks.length, 2);
      assert.ok(f.errors.some((e) => /never closed/.test(e.message)));
      assert.equal(f.body.blocks[1]?.body.attributes[0]?.name, 'y');
    });

    it('an unterminated string', () => {
      const src = `resource "a" "b" {\n  name = "abc\n  x = 1\n}\n`;
      const f = parseHcl(src);
      assert.ok(f.errors.some((e) => /never closed/.test(e.message)));
      assert.deepEqual(
        f.body.blocks[0]?.body.attributes.map((a) => a.name),
        ['name', 'x'],
      );
    });

    it('an argument named like a top-level keyword at column 0 does not close the block', () => {
      const src = 'resource "aws_cognito_user_pool_client" "c" {\nprovider = aws.west\ngenerate_secret = true\n}\n';
      const f = parseHcl(src);
      assert.deepEqual(f.errors, []);
      assert.deepEqual(
        f.body.blocks[0]?.body.attributes.map((a) => a.name),
        ['provider', 'generate_secret'],
      );
    });

    it('the line after an unclosed list or call is kept', () => {
      const a = parseHcl(
        'resource "a" "b" {\n  w = ["email"\n  token_validity_units {\n    access_token = "minutes"\n  }\n}\n',
      );
      assert.equal(a.errors.length, 1);
      assert.deepEqual(
        a.body.blocks[0]?.body.blocks.map((b) => b.type),
        ['token_validity_units'],
      );
      const b = parseHcl('resource "a" "b" {\n  c = concat(local.urls,\n  generate_secret = true\n}\n');
      assert.equal(b.errors.length, 1);
      assert.match(b.errors[0]?.message ?? '', /concat\(\) is never closed/);
      assert.equal(b.errors[0]?.span.start, src2offset('resource "a" "b" {\n  c = concat'));
      assert.deepEqual(
        b.body.blocks[0]?.body.attributes.map((x) => x.name),
        ['c', 'generate_secret'],
      );
    });

    it('an unclosed object or for expression stops at the next argument', () => {
      for (const v of ['{', 'jsonencode({', '[for s in var.l :']) {
        const f = parseHcl(`resource "a" "b" {\n  tags = ${v}\n  x = 1\n}\nresource "c" "d" {\n  y = 2\n}\n`);
        assert.ok(f.errors.length >= 1, v);
        assert.deepEqual(
          f.body.blocks.map((b) => b.body.attributes.map((x) => x.name)),
          [['tags', 'x'], ['y']],
          v,
        );
      }
    });

    it('an unclosed interpolation breaks only its own line', () => {
      const f = parseHcl('resource "a" "b" {\n  l = ["https://${var.domain"]\n  x = 1\n}\n');
      assert.ok(f.errors.some((e) => /interpolation is never closed/.test(e.message)));
      assert.deepEqual(
        f.body.blocks[0]?.body.attributes.map((x) => x.name),
        ['l', 'x'],
      );
    });

    it('an unclosed nested block is the one blamed', () => {
      const src = 'resource "a" "b" {\n  analytics_configuration {\n    x = 1\n}\n';
      const f = parseHcl(src);
      assert.equal(f.errors.length, 1);
      assert.match(f.errors[0]?.message ?? '', /analytics_configuration" is never closed/);
    });

    it('blocks nested 3,000 levels deep do not overflow the stack', () => {
      const f = parseHcl('a {\n'.repeat(3000) + '}\n'.repeat(3000) + 'b = 1\n');
      assert.ok(f.errors.some((e) => /nested more than/.test(e.message)));
      assert.equal(f.body.attributes[0]?.name, 'b');
    });

    it('a value nested 50,000 levels deep is skipped without overflowing the stack', () => {
      const src = `a = ${'['.repeat(50000)}${']'.repeat(50000)}\nb = 1\n`;
      const f = parseHcl(src);
      assert.equal(f.errors.length, 1);
      assert.match(f.errors[0]?.message ?? '', /nested more than/);
      assert.deepEqual(
        f.body.attributes.map((a) => a.name),
        ['a', 'b'],
      );
    });

    it('never throws on any prefix of a real file', () => {
      const src = `resource "aws_cognito_user_pool_client" "web" {\n  name = "web-\${var.env}"\n  callback_urls = [\n    "https://a", # c\n  ]\n  token_validity_units {\n    access_token = "hours"\n  }\n  x = <<EOT\nhi\nEOT\n}\n`;
      for (let i = 0; i <= src.length; i++) parseHcl(src.slice(0, i));
    });
  });
  it('keeps error spans inside the text when a string ends in a lone backslash', () => {
    for (const src of ['x = "\\', 'resource "aws_cognito_user_pool_client"\\', 'a "\\']) {
      const f = parseHcl(src);
      for (const e of f.errors) assert.ok(e.span.end <= src.length, `${JSON.stringify(src)}: ${JSON.stringify(e)}`);
    }
  });
});
