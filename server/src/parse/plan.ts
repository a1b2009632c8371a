/**
 * A Terraform plan or state as JSON (`terraform show -json`) into the dialect-neutral model: every
 * planned client with the values Terraform computed, in the positions of the JSON file. Values Terraform
 * knows only after apply are unknown; attributes that are null are not set. The plan's `configuration`
 * section is kept with each client, so that the engine can point a finding at the configuration line.
 */
import type * as jsonc from 'jsonc-parser';
import type { ClientResource, PlanModuleStep, PoolResource, TemplateModel } from '../core/model';
import type { Span } from '../core/text';
import { UNMETERED, type WorkMeter } from '../core/work';
import { lookup } from '../catalog';
import { parseJsonTree } from './cfn';
import type { HclAttribute, HclBlock, HclBody, HclExpr } from './hcl';
import { TF_CLIENT_TYPES, TerraformResolver, buildClient, buildPool } from './terraform';

/** Is this JSON document the output of `terraform show -json` (a plan, or a state)? */
export function isTerraformPlan(text: string): boolean {
  const head = text.slice(0, 2000);
  if (!/^\uFEFF?\s*\{/.test(head) || !/"format_version"\s*:/.test(text.slice(0, 20000))) return false;
  return text.includes('"planned_values"') || (text.includes('"root_module"') && text.includes('"values"'));
}

function member(n: jsonc.Node | undefined, key: string): jsonc.Node | undefined {
  if (!n || n.type !== 'object') return undefined;
  for (const p of n.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}

function members(n: jsonc.Node | undefined): Array<[string, jsonc.Node, jsonc.Node]> {
  if (!n || n.type !== 'object') return [];
  const out: Array<[string, jsonc.Node, jsonc.Node]> = [];
  for (const p of n.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v) out.push([String(k.value), k, v]);
  }
  return out;
}

function str(n: jsonc.Node | undefined): string | undefined {
  return n?.type === 'string' ? String(n.value) : undefined;
}

function spanOf(n: jsonc.Node): Span {
  return { start: n.offset, end: n.offset + n.length };
}

/** A JSON value as an expression of literals: strings are never read as templates (they are results). */
function literal(n: jsonc.Node): HclExpr {
  const span = spanOf(n);
  switch (n.type) {
    case 'string':
      return { t: 'tmpl', parts: [String(n.value)], span, directive: false };
    case 'number':
    case 'boolean':
    case 'null':
      return { t: 'lit', v: n.value as number | boolean | null, span };
    case 'array':
      return { t: 'tuple', items: (n.children ?? []).map(literal), span };
    case 'object':
      return {
        t: 'object',
        entries: members(n).map(([key, k, v]) => ({ key, keySpan: spanOf(k), value: literal(v) })),
        span,
      };
    default:
      return { t: 'other', span, refs: [] };
  }
}

/** Does an `after_unknown` entry mark anything as unknown? */
function anyUnknown(n: jsonc.Node | undefined): boolean {
  if (!n) return false;
  if (n.type === 'boolean') return n.value === true;
  return (n.children ?? []).some((c) => anyUnknown(c.type === 'property' ? c.children?.[1] : c));
}

/**
 * A planned resource's `values` as a block body. Nested blocks are lists of objects in the plan; an
 * attribute that is null is not set, and one Terraform knows only after apply is an unknown value.
 */
function valuesBody(
  values: jsonc.Node,
  unknown: jsonc.Node | undefined,
  at: Span,
  type: string,
  configured?: ReadonlySet<string>,
): HclBody {
  const kind = TF_CLIENT_TYPES[type];
  const body: HclBody = { attributes: [], blocks: [], members: [] };
  const seen = new Set<string>();
  /** Computed by the service (`id`, `client_secret`) or not an argument at all: not part of the settings. */
  const computedOnly = (name: string): boolean => {
    if (!kind) return false;
    const p = lookup(kind, name);
    return !p || !!p.readOnlyOn?.includes(kind);
  };
  const addUnknown = (name: string, keySpan: Span, valueSpan: Span): void => {
    // a setting the configuration does not write is not set: the service's default applies, as in the file
    if (configured && !configured.has(name)) return;
    const param = kind ? lookup(kind, name) : undefined;
    if (param?.type === 'block')
      body.blocks.push({
        type: 'dynamic',
        typeSpan: keySpan,
        labels: [{ value: name, span: keySpan }],
        body: { attributes: [], blocks: [] },
        span: { start: keySpan.start, end: valueSpan.end },
        open: valueSpan.start,
        close: valueSpan.end,
      });
    else body.attributes.push(unknownAttribute(name, keySpan, valueSpan));
  };
  for (const [name, k, v] of members(values)) {
    seen.add(name);
    if (computedOnly(name)) continue;
    const param = kind ? lookup(kind, name) : undefined;
    if (anyUnknown(member(unknown, name))) {
      addUnknown(name, spanOf(k), spanOf(v));
      continue;
    }
    if (v.type === 'null') continue;
    const isBlock = (param?.type === 'block' || type === 'aws_cognito_user_pool') && v.type === 'array';
    if (isBlock && (v.children ?? []).every((c) => c.type === 'object')) {
      for (const o of v.children ?? []) {
        const inner = valuesBody(o, undefined, at, '');
        body.blocks.push({
          type: name,
          typeSpan: spanOf(k),
          labels: [],
          body: inner,
          span: { start: k.offset, end: o.offset + o.length },
          open: o.offset,
          close: o.offset + o.length - 1,
        });
      }
      continue;
    }
    const attr: HclAttribute = {
      name,
      nameSpan: spanOf(k),
      value: literal(v),
      span: { start: k.offset, end: v.offset + v.length },
    };
    body.attributes.push(attr);
  }
  // attributes the plan leaves out of `values` because they are known only after apply
  for (const [name, , v] of members(unknown)) {
    if (!seen.has(name) && !computedOnly(name) && anyUnknown(v)) addUnknown(name, at, at);
  }
  return body;
}

function unknownAttribute(name: string, nameSpan: Span, span: Span): HclAttribute {
  return { name, nameSpan, value: { t: 'other', span, refs: [] }, span: { start: nameSpan.start, end: span.end } };
}

/** The settings a resource of the configuration section writes, when the plan has that section. */
function configuredNames(c: { config?: jsonc.Node }): Set<string> | undefined {
  const expressions = member(c.config, 'expressions');
  return c.config ? new Set(members(expressions).map(([k]) => k)) : undefined;
}

/** The module call names of an address (`module.a["x"].module.b.aws_x.y[0]` → `a`, `b`). */
export function moduleNames(address: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (address.startsWith('module.', i)) {
    i += 'module.'.length;
    const m = /^[A-Za-z_][\w-]*/.exec(address.slice(i));
    if (!m) break;
    out.push(m[0]);
    i += m[0].length;
    if (address[i] === '[') {
      // an instance key: a number or a quoted string that may hold `]` or `.`
      i++;
      if (address[i] === '"') {
        for (i++; i < address.length && address[i] !== '"'; i++) if (address[i] === '\\') i++;
        i++;
      }
      while (i < address.length && address[i] !== ']') i++;
      i++;
    }
    if (address[i] === '.') i++;
  }
  return out;
}

/** Builds the model of a `terraform show -json` document. */
export function planModel(text: string, meter: WorkMeter = UNMETERED): TemplateModel {
  const { tree, errors } = parseJsonTree(text);
  const clients: ClientResource[] = [];
  const pools: PoolResource[] = [];
  const model: TemplateModel = {
    dialect: 'terraform-json',
    flavor: 'terraform',
    isTemplate: true,
    reason: 'Terraform plan (terraform show -json)',
    clients,
    pools,
    resources: [],
    outputs: [],
    syntaxErrors: errors,
    comments: [],
  };
  const root = member(member(tree, 'planned_values') ?? member(tree, 'values'), 'root_module');
  if (!member(tree, 'planned_values')) model.reason = 'Terraform state (terraform show -json)';
  const unknownByAddress = new Map<string, jsonc.Node>();
  const changes = member(tree, 'resource_changes');
  for (const c of changes?.children ?? []) {
    const address = str(member(c, 'address'));
    const u = member(member(c, 'change'), 'after_unknown');
    if (address && u) unknownByAddress.set(address, u);
  }
  const configRoot = member(member(tree, 'configuration'), 'root_module');
  /** The module calls of a planned resource and its entry in the configuration section. */
  const configOf = (
    address: string,
    type: string,
    name: string,
  ): { modules: PlanModuleStep[]; config?: jsonc.Node } => {
    const modules: PlanModuleStep[] = [];
    let cfg = configRoot;
    for (const s of moduleNames(address)) {
      const call = member(member(cfg, 'module_calls'), s);
      const source = str(member(call, 'source'));
      const expressions = member(call, 'expressions');
      modules.push({ name: s, ...(source !== undefined ? { source } : {}), ...(expressions ? { expressions } : {}) });
      cfg = member(call, 'module');
    }
    const config = member(cfg, 'resources')?.children?.find(
      (x) => str(member(x, 'type')) === type && str(member(x, 'name')) === name && str(member(x, 'mode')) !== 'data',
    );
    return { modules, ...(config ? { config } : {}) };
  };
  const resolver = new TerraformResolver({ attributes: [], blocks: [] }, [], meter);
  const visit = (mod: jsonc.Node | undefined, depth: number): void => {
    if (!mod || depth > 64) return;
    for (const r of member(mod, 'resources')?.children ?? []) {
      meter.nodes++;
      const type = str(member(r, 'type')) ?? '';
      const kind = TF_CLIENT_TYPES[type];
      if ((!kind && type !== 'aws_cognito_user_pool') || str(member(r, 'mode')) === 'data') continue;
      const values = member(r, 'values');
      const addressNode = member(r, 'address');
      const address = str(addressNode) ?? type;
      const name = str(member(r, 'name')) ?? address;
      if (!values || values.type !== 'object') continue;
      const at = spanOf(addressNode ?? r);
      const block: HclBlock = {
        type: 'resource',
        typeSpan: at,
        labels: [
          { value: type, span: spanOf(member(r, 'type') ?? r) },
          { value: name, span: at },
        ],
        body: valuesBody(
          values,
          unknownByAddress.get(address),
          at,
          type,
          configuredNames(configOf(address, type, name)),
        ),
        span: spanOf(r),
        open: values.offset,
        close: values.offset + values.length - 1,
      };
      if (!kind) {
        pools.push(buildPool(block, resolver));
        continue;
      }
      const client = buildClient(block, kind, 'terraform-json', resolver);
      // no `body`: nothing in a plan is edited, so no fix is offered
      delete client.body;
      delete client.resourceBody;
      const { modules, config } = configOf(address, type, name);
      client.planned = { address, modules, ...(config ? { config } : {}) };
      clients.push(client);
    }
    for (const child of member(mod, 'child_modules')?.children ?? []) visit(child, depth + 1);
  };
  visit(root, 0);
  return model;
}
