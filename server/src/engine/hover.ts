/**
 * Hover text from the catalogue and the analysis: what a parameter does, a value's meaning, a duration
 * in human units, where a resolved value came from, and a client's summary. Markdown with a plain-text
 * twin, chosen by the language server according to what the editor accepts.
 */
import { cfnDocUrl, DOC_LINKS, nameIn, param, type Param, type ResourceKind } from '../catalog';
import type { ClientResource, Prop, ScalarValue, Value } from '../core/model';
import type { Span } from '../core/text';
import {
  amountWithUnit,
  humanDuration,
  lifetimes,
  UNIT_SECONDS,
  type TokenId,
  type Unit,
} from '../rules/CG005-token-validity-range';
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
  const cfn = p ? cfnDocUrl(p) : DOC_LINKS['cfn-client'];
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
  const readOnly = p.readOnlyOn?.includes(kind) ?? false;
  if (p.requiredOn?.includes(kind)) facts.push('required');
  if (p.defaultDoc && !readOnly) facts.push(`default: ${p.defaultDoc}`);
  if (p.durationUnit) {
    const unit = param(p.durationUnit.unitParam);
    facts.push(
      `unit: \`${nameIn(param('tokenValidityUnits'), kind)}.${nameIn(unit, kind)}\`, ${p.durationUnit.defaultUnit} by default`,
    );
  }
  const cons = constraintsText(p);
  if (cons.length) facts.push(cons.join('; '));
  lines.push(facts.join(' · '));
  const ranges = unitRanges(p);
  if (ranges) lines.push('', ranges);
  if (p.createOnly) lines.push('', '**Changing it replaces the client** (new client ID; apps must be updated).');
  if (readOnly) lines.push('', 'Read-only: set by AWS, it cannot be written in the template.');
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

const UNITS: Unit[] = ['seconds', 'minutes', 'hours', 'days'];

/** "1 to 24 hours", "1 day": the whole numbers of one unit that fall within the bounds. */
function rangeIn(unit: Unit, minSeconds: number, maxSeconds: number): string | undefined {
  const lo = Math.ceil(minSeconds / UNIT_SECONDS[unit]);
  const hi = Math.floor(maxSeconds / UNIT_SECONDS[unit]);
  if (lo > hi) return undefined;
  const n = (x: number): string => x.toLocaleString('en-US');
  return lo === hi ? amountWithUnit(lo, unit) : `${n(lo)} to ${n(hi)} ${unit}`;
}

/** The allowed lifetime written in every unit, so a user can pick the unit that reads best. */
function unitRanges(p: Param): string | undefined {
  const du = p.durationUnit;
  if (!du) return undefined;
  const each = UNITS.map((u) => rangeIn(u, du.minSeconds, du.maxSeconds)).filter((x): x is string => !!x);
  return `Allowed: ${humanDuration(du.minSeconds)} to ${humanDuration(du.maxSeconds)}, that is ${each.join(', ')}.`;
}

function durationMarkdown(c: ClientResource, p: Param, s: ScalarValue): string | undefined {
  const du = p.durationUnit;
  if (!du) return undefined;
  const l = lifetimes(c, p.id as TokenId).find((x) => x.value === s);
  if (!l) return undefined;
  const human = humanDuration(l.seconds);
  const written = amountWithUnit(l.amount, l.unit);
  const notes = [written !== human ? written : '', l.defaultUnit ? `${l.unit} is the default unit` : ''].filter(
    Boolean,
  );
  const range = rangeIn(l.unit, du.minSeconds, du.maxSeconds);
  const allowed = range ? ` Allowed in ${l.unit}: ${range}.` : '';
  return `**${human}**${notes.length ? ` (${notes.join('; ')})` : ''}.${allowed}`;
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
