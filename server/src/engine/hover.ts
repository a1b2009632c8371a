/**
 * Hover text from the catalogue and the analysis: what a parameter does, a value's meaning, a duration
 * in human units, where a resolved value came from, and a client's summary. Markdown with a plain-text
 * twin, chosen by the language server according to what the editor accepts.
 */
import { DOC_LINKS, nameIn, param, type Param, type ResourceKind } from '../catalog';
import type { ClientResource, Prop, ScalarValue, Value } from '../core/model';
import type { Span } from '../core/text';
import { describeLifetime, humanDuration, lifetimes, type TokenId } from '../rules/CG005-token-validity-range';
import type { Analysis } from './analyze';

export interface HoverData {
  markdown: string;
  plaintext: string;
  span: Span;
}

const TYPE_WORDS: Record<Param['type'], string> = {
  string: 'text',
  boolean: 'true or false',
  integer: 'whole number',
  stringList: 'list of text values',
  block: 'nested block',
};

function inside(s: Span, o: number): boolean {
  return o >= s.start && o <= s.end;
}

/** Markdown to plain text, for editors that do not take markdown. */
export function plain(md: string): string {
  return md
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^#+ /gm, '')
    .replace(/\n---\n/g, '\n\n');
}

function links(kind: ResourceKind, p?: Param): string {
  const tf = kind === 'cfn-client' ? undefined : DOC_LINKS[kind];
  const cfn = p?.cfn ? `${DOC_LINKS['cfn-client']}#cfn-cognito-userpoolclient-${p.cfn.toLowerCase()}` : undefined;
  const parts = [];
  if (kind !== 'cfn-client' && tf) parts.push(`[Terraform registry](${tf})`);
  if (kind === 'cfn-client' && cfn) parts.push(`[CloudFormation reference](${cfn})`);
  return parts.join(' · ');
}

function constraintsText(p: Param): string[] {
  const k = p.constraints ?? {};
  const out: string[] = [];
  if (k.min !== undefined && k.max !== undefined && !p.durationUnit) out.push(`from ${k.min} to ${k.max}`);
  if (k.minLength !== undefined && k.maxLength !== undefined) out.push(`${k.minLength} to ${k.maxLength} characters`);
  if (k.patternDoc) out.push(k.patternDoc);
  if (k.maxItems !== undefined) out.push(`at most ${k.maxItems} items`);
  if (k.itemMaxLength !== undefined) out.push(`each item ${k.itemMinLength ?? 1} to ${k.itemMaxLength} characters`);
  if (k.itemPatternDoc) out.push(`items: ${k.itemPatternDoc}`);
  return out;
}

/** The full description of a parameter, in the names of the client's dialect. */
export function paramMarkdown(p: Param, kind: ResourceKind): string {
  const name = nameIn(p, kind);
  const other =
    kind === 'cfn-client' ? (p.tf ? `\`${p.tf}\` in Terraform` : '') : p.cfn ? `\`${p.cfn}\` in CloudFormation` : '';
  const lines: string[] = [`**${name}**${other ? ` · ${other}` : ''}`, '', p.doc.summary, '', p.doc.details, ''];
  const facts: string[] = [`Type: ${TYPE_WORDS[p.type]}`];
  if (p.requiredOn?.includes(kind)) facts.push('required');
  if (p.defaultDoc) facts.push(`default: ${p.defaultDoc}`);
  if (p.durationUnit) {
    const unit = param(p.durationUnit.unitParam);
    facts.push(
      `unit: \`${nameIn(param('tokenValidityUnits'), kind)}.${nameIn(unit, kind)}\`, ${p.durationUnit.defaultUnit} by default`,
    );
  }
  const cons = constraintsText(p);
  if (cons.length) facts.push(cons.join('; '));
  lines.push(facts.join(' · '));
  if (p.createOnly) lines.push('', '**Changing it replaces the client** (new client ID; apps must be updated).');
  if (p.readOnlyOn?.includes(kind)) lines.push('', 'Read-only: set by AWS, it cannot be written in the template.');
  if (p.constraints?.enum) {
    lines.push('', 'Allowed values:');
    for (const e of p.constraints.enum) {
      lines.push(
        `- \`${e.value}\`: ${e.doc}${e.legacy ? ' (legacy name)' : ''}${e.emerging ? ' (newer than the SDKs)' : ''}${e.advice ? ` ${e.advice}` : ''}`,
      );
    }
  }
  if (p.doc.secure) lines.push('', `**Secure setting:** ${p.doc.secure}`);
  const l = links(kind, p);
  if (l) lines.push('', l);
  return lines.join('\n');
}

function valueNote(v: Value): string {
  if (v.k === 'unknown') return `Not known until deployment (${v.why}); cognito-guard does not check it.`;
  if ((v.k === 'scalar' || v.k === 'list' || v.k === 'map') && v.from) {
    const shown =
      v.k === 'scalar' ? `\`${String(v.v)}\`` : v.k === 'list' ? `a list of ${v.items.length}` : 'an object';
    return `Resolves to ${shown}, from ${v.from.text}.`;
  }
  return '';
}

function enumMarkdown(p: Param, s: ScalarValue, kind: ResourceKind): string | undefined {
  const e = p.constraints?.enum?.find((x) => x.value === s.v);
  if (!e) return undefined;
  return [`\`${e.value}\` (${nameIn(p, kind)})`, '', `${e.doc}${e.advice ? ` ${e.advice}` : ''}`].join('\n');
}

function durationMarkdown(c: ClientResource, p: Param, s: ScalarValue): string | undefined {
  if (!p.durationUnit) return undefined;
  const l = lifetimes(c, p.id as TokenId).find((x) => x.value === s);
  if (!l) return undefined;
  return `**${humanDuration(l.seconds)}**: ${describeLifetime(l)}.`;
}

function findProp(props: Prop[], o: number): { prop: Prop; onKey: boolean } | undefined {
  for (const p of props) {
    if (inside(p.keySpan, o)) return { prop: p, onKey: true };
    if (p.children) {
      const inner = findProp(p.children, o);
      if (inner) return inner;
    }
    if (inside(p.value.span, o) && !p.block) return { prop: p, onKey: false };
  }
  return undefined;
}

function scalarAt(v: Value, o: number): ScalarValue | undefined {
  if (v.k === 'scalar') return inside(v.span, o) ? v : undefined;
  if (v.k === 'list')
    for (const i of v.items) {
      const s = scalarAt(i, o);
      if (s) return s;
    }
  if (v.k === 'alt')
    for (const i of v.options) {
      const s = scalarAt(i, o);
      if (s) return s;
    }
  return undefined;
}

export function hoverAt(a: Analysis, offset: number): HoverData | undefined {
  const model = a.model;
  if (!model?.isTemplate) return undefined;
  const c = model.clients.find((x) => inside(x.span, offset));
  if (!c) return undefined;
  if (inside(c.nameSpan, offset) || (c.typeSpan && inside(c.typeSpan, offset))) {
    const mine = a.findings.filter((f) => f.resource === c.name);
    const count = (s: string): number => mine.filter((f) => f.severity === s).length;
    const md = [
      `**${c.type}** \`${c.name}\``,
      '',
      c.kind === 'tf-managed-client'
        ? 'A user pool client created by another AWS service and adopted by Terraform.'
        : 'An app client of a Cognito user pool: how an application signs users in and which tokens it gets.',
      '',
      mine.length
        ? `cognito-guard: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info.`
        : 'cognito-guard: no findings.',
      '',
      links(c.kind),
    ].join('\n');
    return {
      markdown: md,
      plaintext: plain(md),
      span: c.typeSpan && inside(c.typeSpan, offset) ? c.typeSpan : c.nameSpan,
    };
  }
  const hit = findProp(c.props, offset);
  if (!hit) return undefined;
  const { prop, onKey } = hit;
  if (!prop.param) return undefined;
  if (onKey) {
    const md = paramMarkdown(prop.param, c.kind) + (valueNote(prop.value) ? `\n\n${valueNote(prop.value)}` : '');
    return { markdown: md, plaintext: plain(md), span: prop.keySpan };
  }
  const s = scalarAt(prop.value, offset);
  const parts: string[] = [];
  if (s) {
    const d = durationMarkdown(c, prop.param, s);
    if (d) parts.push(d);
    const e = enumMarkdown(prop.param, s, c.kind);
    if (e) parts.push(e);
    const note = valueNote(s);
    if (note) parts.push(note);
  } else {
    const note = valueNote(prop.value);
    if (note) parts.push(note);
  }
  if (!parts.length) parts.push(paramMarkdown(prop.param, c.kind));
  const md = parts.join('\n\n');
  return { markdown: md, plaintext: plain(md), span: s?.span ?? prop.value.span };
}
