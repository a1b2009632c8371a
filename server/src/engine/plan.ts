/**
 * Findings on the clients of a Terraform plan (`terraform show -json`), mapped back to the configuration:
 * the plan's `configuration` section names each planned resource's module calls and the expressions of
 * its arguments; the configuration's own files (read by the caller, nothing is fetched) give the line. A
 * value passed in as a plain `var.x` is followed up to the module argument that sets it.
 */
import type * as jsonc from 'jsonc-parser';
import type { ClientResource, PlanModuleStep, Prop, TemplateModel } from '../core/model';
import type { Finding, PlanPlacement } from '../core/rule';
import { LineIndex, type Span } from '../core/text';
import type { HclBlock, HclExpr } from '../parse/hcl';
import { parseTerraformJson, parseTerraformNative, type TerraformSource } from '../parse/terraform';

export interface PlanSourceFile {
  fileName: string;
  text: string;
}

/**
 * The Terraform files of one module of the plan's configuration, given its call path from the root
 * module (empty for the root module itself); none when the folder cannot be found.
 */
export type PlanFiles = (modules: ReadonlyArray<Pick<PlanModuleStep, 'name' | 'source'>>) => PlanSourceFile[];

interface Parsed {
  file: PlanSourceFile;
  src: TerraformSource;
  lines?: LineIndex;
}

/** Names the planned address in each finding on a planned client and maps it to the configuration. */
export function placePlanFindings(findings: Finding[], model: TemplateModel, planFiles: PlanFiles | undefined): void {
  const parsed = new Map<string, Parsed[]>();
  const filesOf = (modules: ReadonlyArray<PlanModuleStep>): Parsed[] => {
    const key = JSON.stringify(modules.map((m) => [m.name, m.source ?? null]));
    let hit = parsed.get(key);
    if (!hit) {
      hit = [];
      for (const file of planFiles?.(
        modules.map((m) => ({ name: m.name, ...(m.source ? { source: m.source } : {}) })),
      ) ?? []) {
        try {
          const json = /\.json$/i.test(file.fileName);
          hit.push({ file, src: json ? parseTerraformJson(file.text) : parseTerraformNative(file.text) });
        } catch {
          // a file that cannot be read leaves the finding in the plan
        }
      }
      parsed.set(key, hit);
    }
    return hit;
  };
  for (const f of findings) {
    const client = model.clients.find((c) => c.planned && c.span.start <= f.span.start && f.span.end <= c.span.end);
    const planned = client?.planned;
    if (!client || !planned) continue;
    f.fixes = [];
    const placement: PlanPlacement = { address: planned.address, message: f.message };
    f.message = `${f.message} (planned: ${planned.address})`;
    f.planned = placement;
    if (!planFiles || !planned.config) continue;
    const at = locate(client, f, filesOf);
    if (!at) continue;
    at.parsed.lines ??= new LineIndex(at.parsed.file.text);
    const range = at.parsed.lines.range(at.span);
    placement.configured = {
      fileName: at.parsed.file.fileName,
      range,
      span: at.span,
      message: at.what,
    };
    f.related = [{ fileName: at.parsed.file.fileName, range, message: at.what }];
  }
}

/**
 * The setting a finding is on: its name and, inside a block, the child's name; with the index of the
 * list item it is on, when it is on one.
 */
function settingPath(client: ClientResource, f: Finding): { path: string[]; item?: number } {
  // at the address: the finding is about the resource (a setting it lacks)
  if (client.nameSpan.start <= f.span.start && f.span.end <= client.nameSpan.end) return { path: [] };
  const inside = (p: Prop): boolean =>
    (p.entrySpan.start <= f.span.start && f.span.end <= p.entrySpan.end) ||
    (p.keySpan.start === f.span.start && p.keySpan.end === f.span.end);
  const top = client.props.find(inside);
  if (!top) return { path: [] };
  const child = top.children?.find(inside);
  if (child) return { path: [top.key, child.key] };
  const v = top.value;
  const item = v.k === 'list' ? v.items.findIndex((i) => i.span.start <= f.span.start && f.span.end <= i.span.end) : -1;
  return { path: [top.key], ...(item >= 0 ? { item } : {}) };
}

/** Where in an expression the finding's value stands: the same list item when the list is written out. */
function valueSpan(e: HclExpr, item: number | undefined): Span {
  if (item !== undefined && e.t === 'tuple') return e.items[item]?.span ?? e.span;
  return e.span;
}

function findBlock(files: Parsed[], type: string, labels: string[]): { parsed: Parsed; block: HclBlock } | undefined {
  for (const parsed of files) {
    const block = parsed.src.body.blocks.find(
      (b) => b.type === type && b.labels.length === labels.length && b.labels.every((l, i) => l.value === labels[i]),
    );
    if (block) return { parsed, block };
  }
  return undefined;
}

/** `var.x` written as it stands: the name, else undefined. */
function plainVariable(e: HclExpr): string | undefined {
  if (e.t === 'trav' && e.root === 'var' && e.steps.length === 1 && typeof e.steps[0] === 'string') return e.steps[0];
  if (e.t === 'tmpl' && e.parts.length === 1 && typeof e.parts[0] === 'object') return plainVariable(e.parts[0]);
  return undefined;
}

function member(n: jsonc.Node | undefined, key: string): jsonc.Node | undefined {
  if (!n || n.type !== 'object') return undefined;
  for (const p of n.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}

/** Do the configuration's references of an expression say it is exactly `var.name`? */
function referencesOnly(expr: jsonc.Node | undefined, name: string): boolean {
  const refs = member(expr, 'references')?.children ?? [];
  return refs.length > 0 && refs.every((r) => r.value === `var.${name}`);
}

function locate(
  client: ClientResource,
  f: Finding,
  filesOf: (modules: ReadonlyArray<PlanModuleStep>) => Parsed[],
): { parsed: Parsed; span: Span; what: string } | undefined {
  const planned = client.planned;
  if (!planned) return undefined;
  const res = findBlock(filesOf(planned.modules), 'resource', [client.type, client.name]);
  if (!res) return undefined;
  const configured = `${client.type}.${client.name}`;
  const { path, item } = settingPath(client, f);
  const name = res.block.labels[1];
  const atResource = {
    parsed: res.parsed,
    span: name?.span ?? res.block.typeSpan,
    what: `${configured} is configured here`,
  };
  const [first, second] = path;
  if (!first) return atResource;
  const attr = res.block.body.attributes.find((a) => a.name === first);
  const blk = res.block.body.blocks.find((b) => b.type === first);
  if (second !== undefined) {
    const inner = blk?.body.attributes.find((a) => a.name === second);
    if (inner)
      return { parsed: res.parsed, span: inner.value.span, what: `${first}.${second} of ${configured} is set here` };
    if (blk) return { parsed: res.parsed, span: blk.typeSpan, what: `${first} of ${configured} is written here` };
  }
  if (!attr)
    return blk
      ? { parsed: res.parsed, span: blk.typeSpan, what: `${first} of ${configured} is written here` }
      : atResource;
  // a plain `var.x` in a module: the value is set by the call's argument, one level up each time
  let here = { parsed: res.parsed, span: valueSpan(attr.value, item), what: `${first} of ${configured} is set here` };
  let expr = attr.value;
  let exprConfig = member(member(planned.config, 'expressions'), first);
  let depth = planned.modules.length;
  while (depth > 0) {
    const variable = plainVariable(expr);
    if (!variable || !referencesOnly(exprConfig, variable)) break;
    const step = planned.modules[depth - 1] as PlanModuleStep;
    const argConfig = member(step.expressions, variable);
    if (!argConfig) break;
    const call = findBlock(filesOf(planned.modules.slice(0, depth - 1)), 'module', [step.name]);
    const arg = call?.block.body.attributes.find((a) => a.name === variable);
    if (!call || !arg) break;
    here = {
      parsed: call.parsed,
      span: valueSpan(arg.value, item),
      what: `module.${step.name} sets ${variable} here, which ${first} of ${configured} reads`,
    };
    expr = arg.value;
    exprConfig = argConfig;
    depth--;
  }
  return here;
}
