/**
 * A tiny Terraform model (blocks, arguments, expressions) and two writers: native syntax laid out the
 * way `terraform fmt` does (aligned `=` in runs of one-line arguments), and the JSON syntax.
 */

/** A quoted template string (may hold `${...}` interpolations). */
export interface TfStr {
  s: string;
}
/** A bare expression: a reference such as `aws_iam_role.app.arn` or `var.environment`. */
export interface TfRaw {
  r: string;
}
/** An object constructor `{ key = value }`. */
export interface TfObj {
  o: Array<[string, TfExpr]>;
}
export type TfExpr = TfStr | TfRaw | TfObj | number | boolean | TfExpr[];

export interface TfAttr {
  kind: 'attr';
  key: string;
  value: TfExpr;
}
export interface TfBlock {
  kind: 'block';
  type: string;
  labels: string[];
  body: TfItem[];
}
export type TfItem = TfAttr | TfBlock;

export const str = (s: string): TfStr => ({ s });
export const raw = (r: string): TfRaw => ({ r });
export const obj = (entries: Array<[string, TfExpr]>): TfObj => ({ o: entries });
export const attr = (key: string, value: TfExpr): TfAttr => ({ kind: 'attr', key, value });
export const block = (type: string, labels: string[], body: TfItem[]): TfBlock => ({
  kind: 'block',
  type,
  labels,
  body,
});

/** Arguments whose value is undefined are left out, so builders can write optional settings inline. */
export function attrs(pairs: Array<[string, TfExpr | undefined]>): TfAttr[] {
  return pairs.filter((p): p is [string, TfExpr] => p[1] !== undefined).map(([k, v]) => attr(k, v));
}

function isStr(e: TfExpr): e is TfStr {
  return typeof e === 'object' && !Array.isArray(e) && 's' in e;
}
function isRaw(e: TfExpr): e is TfRaw {
  return typeof e === 'object' && !Array.isArray(e) && 'r' in e;
}

function quote(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

// ---------------------------------------------------------------------------------------------
// Native syntax

function inlineExpr(e: TfExpr): string | undefined {
  if (typeof e === 'number' || typeof e === 'boolean') return String(e);
  if (Array.isArray(e)) {
    const items = e.map(inlineExpr);
    if (items.some((x) => x === undefined)) return undefined;
    const s = `[${items.join(', ')}]`;
    return s.length <= 72 ? s : undefined;
  }
  if (isStr(e)) return quote(e.s);
  if (isRaw(e)) return e.r;
  return e.o.length === 0 ? '{}' : undefined;
}

/** Writes `key = value` (possibly several lines); the first line's key is padded to `width`. */
function emitAttr(a: TfAttr, width: number, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  const head = `${pad}${a.key.padEnd(width)} =`;
  const one = inlineExpr(a.value);
  if (one !== undefined) {
    out.push(`${head} ${one}`);
    return;
  }
  emitExprLines(a.value, head, indent, out);
}

function emitExprLines(e: TfExpr, head: string, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(e)) {
    out.push(`${head} [`);
    for (const item of e) {
      const one = inlineExpr(item);
      if (one !== undefined) out.push(`${pad}  ${one},`);
      else {
        const sub: string[] = [];
        emitExprLines(item, `${pad}  `, indent + 2, sub);
        sub[0] = (sub[0] ?? '').replace(/^(\s*) /, '$1');
        const last = sub.length - 1;
        sub[last] = `${sub[last] ?? ''},`;
        out.push(...sub);
      }
    }
    out.push(`${pad}]`);
    return;
  }
  if (typeof e === 'object' && 'o' in e) {
    out.push(`${head} {`);
    const width = Math.max(...e.o.map(([k]) => k.length));
    for (const [k, v] of e.o) emitAttr(attr(k, v), width, indent + 2, out);
    out.push(`${pad}}`);
    return;
  }
  throw new Error('cannot write expression');
}

function isOneLine(a: TfAttr): boolean {
  return inlineExpr(a.value) !== undefined;
}

export function emitBody(items: TfItem[], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  let i = 0;
  let previous: 'attr' | 'block' | undefined;
  while (i < items.length) {
    const item = items[i];
    if (!item) break;
    if (item.kind === 'block') {
      if (previous) out.push('');
      out.push(`${pad}${[item.type, ...item.labels.map(quote)].join(' ')} {`);
      emitBody(item.body, indent + 2, out);
      out.push(`${pad}}`);
      previous = 'block';
      i++;
      continue;
    }
    // A run of arguments: aligned together up to a multi-line one (which closes the run).
    if (previous === 'block') out.push('');
    const run: TfAttr[] = [];
    while (i < items.length) {
      const a = items[i];
      if (!a || a.kind !== 'attr') break;
      run.push(a);
      i++;
      if (!isOneLine(a)) break;
    }
    const width = Math.max(...run.map((a) => a.key.length));
    for (const a of run) emitAttr(a, width, indent, out);
    previous = 'attr';
  }
}

export function hcl(blocks: Array<TfBlock | string>): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (out.length) out.push('');
    if (typeof b === 'string') {
      for (const line of b.split('\n')) out.push(line ? `# ${line}` : '#');
      continue;
    }
    out.push(`${[b.type, ...b.labels.map(quote)].join(' ')} {`);
    emitBody(b.body, 2, out);
    out.push('}');
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// JSON syntax

/** Type constraints (`type = string`) and `depends_on` items are bare in JSON; other expressions are `"${...}"`. */
function jsonExpr(e: TfExpr, bare = false): unknown {
  if (typeof e === 'number' || typeof e === 'boolean') return e;
  if (Array.isArray(e)) return e.map((x) => jsonExpr(x, bare));
  if (isStr(e)) return e.s;
  if (isRaw(e)) return bare || /^(string|number|bool)$/.test(e.r) ? e.r : '${' + e.r + '}';
  const out: Record<string, unknown> = {};
  for (const [k, v] of e.o) out[k] = jsonExpr(v);
  return out;
}

function jsonBody(items: TfItem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    if (item.kind === 'attr') out[item.key] = jsonExpr(item.value, item.key === 'depends_on');
    else {
      const list = (out[item.type] as unknown[] | undefined) ?? [];
      list.push(jsonBody(item.body));
      out[item.type] = list;
    }
  }
  return out;
}

/** Top-level blocks merged the way Terraform JSON nests them: `resource.TYPE.NAME`, `variable.NAME`, ... */
export function tfJson(blocks: Array<TfBlock | string>): string {
  const doc: Record<string, Record<string, unknown>> = {};
  const section = (name: string): Record<string, unknown> => (doc[name] ??= {});
  for (const b of blocks) {
    if (typeof b === 'string') continue; // JSON has no comments: the first becomes a "//" property
    const body = jsonBody(b.body);
    if (b.type === 'locals') Object.assign(section('locals'), body);
    else if (b.type === 'terraform') Object.assign(section('terraform'), body);
    else if (b.labels.length === 2) {
      const [type = '', name = ''] = b.labels;
      const byType = (section(b.type)[type] ??= {}) as Record<string, unknown>;
      byType[name] = body;
    } else section(b.type)[b.labels[0] ?? ''] = body;
  }
  const first = blocks.find((b): b is string => typeof b === 'string');
  const ordered: Record<string, unknown> = {};
  if (first) ordered['//'] = first.replace(/\n/g, ' ');
  Object.assign(ordered, doc);
  return JSON.stringify(ordered, null, 2) + '\n';
}
