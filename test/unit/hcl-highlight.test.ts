/**
 * Terraform colours from the HCL lexer (server/src/parse/hcl-highlight.ts): what each piece of a file
 * is called, interpolations inside strings and heredocs, and that any text (broken, half-typed, every
 * fixture) gives sorted, non-overlapping highlights inside the text without throwing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { highlightHcl } from '../../server/src/parse/hcl-highlight';
import { ROOT, tfFiles } from './helpers';

/** `kind text` for every highlight, in order. */
function pieces(src: string): string[] {
  return highlightHcl(src).map((h) => `${h.kind} ${src.slice(h.start, h.end)}`);
}

function wellFormed(src: string): void {
  const hs = highlightHcl(src);
  let end = 0;
  for (const h of hs) {
    assert.ok(h.start >= end, `overlap at ${h.start}: ${JSON.stringify(src.slice(h.start, h.end))}`);
    assert.ok(h.end > h.start && h.end <= src.length, `empty or outside: ${h.start}-${h.end}`);
    end = h.end;
  }
}

describe('Terraform highlighting', () => {
  it('names block types, labels, arguments, values, functions and references', () => {
    const src = [
      '# the web client',
      'resource "aws_cognito_user_pool_client" "web" {',
      '  name         = upper(var.name)',
      '  generate_secret = true',
      '  refresh_token_validity = 30 // days',
      '  token_validity_units {',
      '    access_token = "hours"',
      '  }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(pieces(src), [
      'comment # the web client',
      'keyword resource',
      'type "aws_cognito_user_pool_client"',
      'type "web"',
      'property name',
      'operator =',
      'function upper',
      'variable var',
      'property name',
      'property generate_secret',
      'operator =',
      'keyword true',
      'property refresh_token_validity',
      'operator =',
      'number 30',
      'comment // days',
      'keyword token_validity_units',
      'property access_token',
      'operator =',
      'string "hours"',
    ]);
  });

  it('colours interpolations inside strings as expressions between keyword delimiters', () => {
    const src = 'locals {\n  n = "web-${var.env}-${local.x[0]}"\n}\n';
    assert.deepEqual(pieces(src), [
      'keyword locals',
      'property n',
      'operator =',
      'string "web-',
      'keyword ${',
      'variable var',
      'property env',
      'keyword }',
      'string -',
      'keyword ${',
      'variable local',
      'property x',
      'number 0',
      'keyword }',
      'string "',
    ]);
  });

  it('reads object keys, conditionals, for expressions and template directives', () => {
    const src = [
      'locals {',
      '  tags = { Name = "a", "team" = var.t }',
      '  pick = var.on ? "x" : null',
      '  ids  = [for c in var.cs : c.id if c.on]',
      '  s    = "%{ if var.on }y%{ endif }"',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(pieces(src), [
      'keyword locals',
      'property tags',
      'operator =',
      'property Name',
      'operator =',
      'string "a"',
      'property "team"',
      'operator =',
      'variable var',
      'property t',
      'property pick',
      'operator =',
      'variable var',
      'property on',
      'operator ?',
      'string "x"',
      'operator :',
      'keyword null',
      'property ids',
      'operator =',
      'keyword for',
      'variable c',
      'keyword in',
      'variable var',
      'property cs',
      'operator :',
      'variable c',
      'property id',
      'keyword if',
      'variable c',
      'property on',
      'property s',
      'operator =',
      'string "',
      'keyword %{',
      'keyword if',
      'variable var',
      'property on',
      'keyword }',
      'string y',
      'keyword %{',
      'keyword endif',
      'keyword }',
      'string "',
    ]);
  });

  it('colours a heredoc: its markers, its text and the interpolations in it', () => {
    const src = 'output "p" {\n  value = <<-EOT\n    id ${aws_x.y.id}\n    $${literal}\n  EOT\n}\n';
    assert.deepEqual(pieces(src), [
      'keyword output',
      'type "p"',
      'property value',
      'operator =',
      'keyword <<-EOT',
      'string     id ',
      'keyword ${',
      'variable aws_x',
      'property y',
      'property id',
      'keyword }',
      'string \n    $${literal}\n',
      'keyword EOT',
    ]);
  });

  it('keeps going through broken and half-typed text', () => {
    for (const src of [
      'resource "a" "b" {\n  name = "unclosed\n}\n',
      'resource "a" "b" {\n  x = "${var.\n',
      'variable "v" {\n  default = <<EOT\nnever closed\n',
      '}}}]])) = = "x"\n/* open comment',
      'a = [for x in',
      '',
    ]) {
      wellFormed(src);
    }
    // an unclosed heredoc is string to the end, with no closing marker
    const open = 'x = <<EOT\nab\n';
    assert.deepEqual(pieces(open).slice(-2), ['keyword <<EOT', 'string ab\n']);
  });

  it('gives sorted, non-overlapping highlights on every Terraform file in the fixtures and examples', () => {
    const files = [...tfFiles(path.join(ROOT, 'test', 'fixtures')), ...tfFiles(path.join(ROOT, 'examples'))];
    assert.ok(files.length > 20, `only ${files.length} files`);
    for (const f of files) {
      const src = fs.readFileSync(f, 'utf8');
      assert.doesNotThrow(() => wellFormed(src), f);
      // a file with a resource block has its keyword coloured
      if (/resource\s+"/.test(src)) assert.ok(pieces(src).includes('keyword resource'), f);
    }
  });
});
