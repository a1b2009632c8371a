import { nameIn, type Param } from '../catalog';
import { readsAsBoolean, type ClientResource, type Prop, type Value } from '../core/model';
import type { Rule, RuleContext } from '../core/rule';

function describe(v: Value): string {
  switch (v.k) {
    case 'scalar':
      if (v.v === null) return 'null';
      if (typeof v.v === 'boolean') return `the boolean ${v.v}`;
      if (typeof v.v === 'number') return `the number ${v.v}`;
      return `the text "${v.v.length > 40 ? v.v.slice(0, 40) + '…' : v.v}"`;
    case 'list':
      return 'a list';
    case 'map':
      return 'an object';
    default:
      return 'a value';
  }
}

/** Returns what was expected when the value does not fit, or undefined when it fits (or cannot be told). */
function mismatch(c: ClientResource, p: Param, v: Value): string | undefined {
  if (v.k === 'unknown' || v.k === 'absent' || v.k === 'alt') return undefined;
  if (v.k === 'scalar' && v.v === null) return undefined;
  switch (p.type) {
    case 'string':
      return v.k === 'scalar' ? undefined : 'a single text value';
    case 'boolean': {
      if (v.k !== 'scalar') return 'true or false';
      if (typeof v.v === 'boolean') return undefined;
      if (typeof v.v === 'string') {
        if (/^(true|false)$/i.test(v.v)) return undefined;
        if (readsAsBoolean(c, v)) return undefined;
      }
      return 'true or false';
    }
    case 'integer': {
      if (v.k !== 'scalar') return 'a whole number';
      if (typeof v.v === 'number') return Number.isInteger(v.v) ? undefined : 'a whole number';
      if (typeof v.v === 'string' && /^\s*-?\d+\s*$/.test(v.v)) return undefined;
      return 'a whole number';
    }
    case 'stringList':
      return v.k === 'list' ? undefined : 'a list of text values';
    case 'block':
      return v.k === 'map' ? undefined : 'an object';
  }
}

function checkProps(c: ClientResource, props: Prop[], ctx: RuleContext): void {
  for (const p of props) {
    if (!p.param || p.dynamic) continue;
    const name = nameIn(p.param, c.kind);
    if (c.kind !== 'cfn-client') {
      if (p.param.type === 'block' && !p.block) {
        ctx.report(
          p.value.span,
          `\`${name}\` is a nested block: write it as \`${name} { ... }\` without "=", otherwise Terraform rejects the file.`,
        );
        continue;
      }
      if (p.param.type !== 'block' && p.block) {
        ctx.report(p.keySpan, `\`${name}\` is an argument, not a block: write it as \`${name} = ...\`.`);
        continue;
      }
    }
    const options = p.value.k === 'alt' ? p.value.options : [p.value];
    for (const v of options) {
      const want = mismatch(c, p.param, v);
      if (want) {
        ctx.report(
          v.span,
          `\`${name}\` takes ${want}, but this is ${describe(v)}. The deployment would fail; write ${want}.`,
        );
      } else if (p.param.type === 'stringList' && v.k === 'list') {
        for (const item of v.items) {
          if (item.k === 'list' || item.k === 'map') {
            ctx.report(item.span, `Each item of \`${name}\` must be a text value, but this is ${describe(item)}.`);
          }
        }
      }
    }
    if (p.children) checkProps(c, p.children, ctx);
    for (const b of p.branches ?? []) checkProps(c, b, ctx);
  }
}

export const CG003: Rule = {
  id: 'CG003',
  name: 'wrong-type',
  defaultSeverity: 'error',
  summary: 'A value of the wrong shape: a list where text is expected, a word where a number is expected, and so on.',
  check(c, ctx) {
    checkProps(c, c.props, ctx);
  },
};
