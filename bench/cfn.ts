/**
 * A tiny CloudFormation value model and two writers: YAML with short-form intrinsics (`!Ref`, `!Sub`,
 * `!GetAtt`, `!If`), as people write it by hand, and JSON with long-form intrinsics, as tools write it.
 */

export class Fn {
  constructor(
    readonly name: 'Ref' | 'Sub' | 'GetAtt' | 'If' | 'Equals' | 'Not' | 'Join' | 'ImportValue' | 'Select' | 'GetAZs',
    readonly arg: CfnValue,
  ) {}
}

export type CfnValue = string | number | boolean | Fn | CfnValue[] | { [key: string]: CfnValue };

export const ref = (name: string): Fn => new Fn('Ref', name);
export const sub = (template: string): Fn => new Fn('Sub', template);
export const getAtt = (resource: string, attribute: string): Fn => new Fn('GetAtt', [resource, attribute]);
export const fnIf = (condition: string, a: CfnValue, b: CfnValue): Fn => new Fn('If', [condition, a, b]);
export const equals = (a: CfnValue, b: CfnValue): Fn => new Fn('Equals', [a, b]);
export const join = (sep: string, items: CfnValue[]): Fn => new Fn('Join', [sep, items]);
export const importValue = (v: CfnValue): Fn => new Fn('ImportValue', v);

export interface CfnTemplate {
  description: string;
  parameters: Record<string, CfnValue>;
  conditions: Record<string, CfnValue>;
  resources: Record<string, CfnValue>;
  outputs: Record<string, CfnValue>;
  /** Comments written above a resource in YAML (JSON has none). */
  comments: Record<string, string>;
}

export function emptyTemplate(description: string): CfnTemplate {
  return { description, parameters: {}, conditions: {}, resources: {}, outputs: {}, comments: {} };
}

// ---------------------------------------------------------------------------------------------
// JSON (long form)

function toJson(v: CfnValue): unknown {
  if (v instanceof Fn) {
    if (v.name === 'Ref') return { Ref: v.arg };
    return { [`Fn::${v.name}`]: toJson(v.arg) };
  }
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJson(x);
    return out;
  }
  return v;
}

export function cfnJson(t: CfnTemplate): string {
  const doc: Record<string, unknown> = { AWSTemplateFormatVersion: '2010-09-09', Description: t.description };
  if (Object.keys(t.parameters).length) doc['Parameters'] = toJson(t.parameters);
  if (Object.keys(t.conditions).length) doc['Conditions'] = toJson(t.conditions);
  doc['Resources'] = toJson(t.resources);
  if (Object.keys(t.outputs).length) doc['Outputs'] = toJson(t.outputs);
  return JSON.stringify(doc, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// YAML (short form)

const PLAIN = /^[A-Za-z0-9_/.$][A-Za-z0-9_ ./:${}()*@+=-]*$/;
const PLAIN_FLOW = /^[A-Za-z0-9_/.$][A-Za-z0-9_ ./$()*@+=-]*$/;
const LOOKS_TYPED = /^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.:eE+-]*)$/i;

function scalar(v: string | number | boolean, flow: boolean): string {
  if (typeof v !== 'string') return String(v);
  const plainOk =
    v.length > 0 &&
    (flow ? PLAIN_FLOW : PLAIN).test(v) &&
    !LOOKS_TYPED.test(v) &&
    !v.endsWith(' ') &&
    !v.includes(': ') &&
    !v.includes(' #');
  return plainOk ? v : JSON.stringify(v);
}

/** The value on one line, or undefined when it needs a block. */
function inline(v: CfnValue, flow: boolean): string | undefined {
  if (typeof v === 'string') return v.includes('\n') ? undefined : scalar(v, flow);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Fn) {
    if (v.name === 'GetAtt' && Array.isArray(v.arg)) return `!GetAtt ${v.arg.join('.')}`;
    const arg = inline(v.arg, flow);
    if (arg === undefined) return undefined;
    return `!${v.name} ${arg}`;
  }
  if (Array.isArray(v)) {
    const items = v.map((x) => inline(x, true));
    if (items.some((x) => x === undefined)) return undefined;
    const s = `[${items.join(', ')}]`;
    return s.length <= 60 ? s : undefined;
  }
  return undefined;
}

function isMap(v: CfnValue): v is { [key: string]: CfnValue } {
  return typeof v === 'object' && !(v instanceof Fn) && !Array.isArray(v);
}

/** Lists of plain words stay in flow style when short; lists of URLs, ARNs and maps are block lists. */
function preferFlow(v: CfnValue[]): boolean {
  return v.length <= 3 && v.every((x) => typeof x === 'string' && !x.includes('://') && !x.includes(':'));
}

function emitMap(obj: { [key: string]: CfnValue }, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const [k, v] of Object.entries(obj)) {
    const key = scalar(k, false);
    if (typeof v === 'string' && v.includes('\n')) {
      out.push(`${pad}${key}: |`);
      for (const line of v.replace(/\n$/, '').split('\n')) out.push(line ? `${pad}  ${line}` : '');
      continue;
    }
    if (v instanceof Fn && v.name === 'Sub' && typeof v.arg === 'string' && v.arg.includes('\n')) {
      out.push(`${pad}${key}: !Sub |`);
      for (const line of v.arg.replace(/\n$/, '').split('\n')) out.push(line ? `${pad}  ${line}` : '');
      continue;
    }
    if (Array.isArray(v)) {
      const one = preferFlow(v) ? inline(v, true) : undefined;
      if (one !== undefined) out.push(`${pad}${key}: ${one}`);
      else if (v.length === 0) out.push(`${pad}${key}: []`);
      else {
        out.push(`${pad}${key}:`);
        emitSeq(v, indent + 2, out);
      }
      continue;
    }
    if (isMap(v)) {
      if (Object.keys(v).length === 0) out.push(`${pad}${key}: {}`);
      else {
        out.push(`${pad}${key}:`);
        emitMap(v, indent + 2, out);
      }
      continue;
    }
    const one = inline(v, false);
    if (one !== undefined) {
      out.push(`${pad}${key}: ${one}`);
      continue;
    }
    // An intrinsic whose argument is a block: `Key: !If` then the list below it.
    if (v instanceof Fn && Array.isArray(v.arg)) {
      out.push(`${pad}${key}: !${v.name}`);
      emitSeq(v.arg, indent + 2, out);
      continue;
    }
    throw new Error(`cannot write ${key} as YAML`);
  }
}

function emitSeq(items: CfnValue[], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const item of items) {
    if (isMap(item)) {
      const sub: string[] = [];
      emitMap(item, indent + 2, sub);
      const first = sub[0] ?? '';
      out.push(`${pad}- ${first.slice(indent + 2)}`, ...sub.slice(1));
      continue;
    }
    const one = inline(item, false);
    if (one !== undefined) {
      out.push(`${pad}- ${one}`);
      continue;
    }
    if (Array.isArray(item)) {
      out.push(`${pad}-`);
      emitSeq(item, indent + 2, out);
      continue;
    }
    throw new Error('cannot write a list item as YAML');
  }
}

export function cfnYaml(t: CfnTemplate): string {
  const out: string[] = ['AWSTemplateFormatVersion: "2010-09-09"', `Description: ${scalar(t.description, false)}`];
  const section = (name: string, body: Record<string, CfnValue>, spaced: boolean): void => {
    if (!Object.keys(body).length) return;
    out.push('', `${name}:`);
    let first = true;
    for (const [k, v] of Object.entries(body)) {
      if (spaced && !first) out.push('');
      first = false;
      const comment = name === 'Resources' ? t.comments[k] : undefined;
      if (comment) for (const line of comment.split('\n')) out.push(`  # ${line}`);
      emitMap({ [k]: v }, 2, out);
    }
  };
  section('Parameters', t.parameters, false);
  section('Conditions', t.conditions, false);
  section('Resources', t.resources, true);
  section('Outputs', t.outputs, false);
  return out.join('\n') + '\n';
}
