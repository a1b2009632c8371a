/** Look-ups over the parameter catalogue. */
import { PARAMS } from './params';
import type { Param, ResourceKind } from '../core/params';

export * from '../core/params';
export { PARAMS };

const byId = new Map<string, Param>();
function index(list: readonly Param[]): void {
  for (const p of list) {
    byId.set(p.id, p);
    if (p.children) index(p.children);
  }
}
index(PARAMS);

/** The catalogue entry with this id (`explicitAuthFlows`, `tokenValidityUnits.accessToken`). */
export function param(id: string): Param {
  const p = byId.get(id);
  if (!p) throw new Error(`unknown catalogue id ${id}`);
  return p;
}

export function isTerraform(kind: ResourceKind): boolean {
  return kind !== 'cfn-client';
}

/** The name of a parameter in the dialect of this resource kind. */
export function nameIn(p: Param, kind: ResourceKind): string {
  return (isTerraform(kind) ? p.tf : p.cfn) ?? p.id;
}

const levels = new Map<string, { list: Param[]; byName: Map<string, Param> }>();

function level(kind: ResourceKind, parent?: Param): { list: Param[]; byName: Map<string, Param> } {
  const key = `${kind}|${parent?.id ?? ''}`;
  let l = levels.get(key);
  if (!l) {
    const all = parent ? (parent.children ?? []) : PARAMS;
    const list = all.filter((p) => p.appliesTo.includes(kind) && (isTerraform(kind) ? p.tf : p.cfn));
    l = { list, byName: new Map(list.map((p) => [nameIn(p, kind), p])) };
    levels.set(key, l);
  }
  return l;
}

/** Parameters that exist at one level (top level, or inside a block) for a resource kind. */
export function paramsAt(kind: ResourceKind, parent?: Param): Param[] {
  return level(kind, parent).list;
}

/** Finds a parameter by the name written in the template (exact, case-sensitive). */
export function lookup(kind: ResourceKind, name: string, parent?: Param): Param | undefined {
  return level(kind, parent).byName.get(name);
}

/** Finds a parameter by name even if it does not apply to this kind (for "not supported here" messages). */
export function lookupAnyKind(kind: ResourceKind, name: string, parent?: Param): Param | undefined {
  const list = parent ? (parent.children ?? []) : PARAMS;
  return list.find((p) => (isTerraform(kind) ? p.tf : p.cfn) === name);
}

function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 8) return Math.abs(m - n);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[n] ?? 0;
}

/** The closest of `candidates` to `word`, if it is close enough to be a likely typo. */
const normalized = new Map<string, string>();
function norm(s: string): string {
  let n = normalized.get(s);
  if (n === undefined) {
    n = s.toLowerCase().replace(/[_-]/g, '');
    if (normalized.size < 10000) normalized.set(s, n);
  }
  return n;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = norm(word);
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, norm(c));
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 4));
  return bestD <= limit ? best : undefined;
}

/** Names valid at one level, for "did you mean" suggestions. */
export function suggest(kind: ResourceKind, name: string, parent?: Param): string | undefined {
  // the same unknown name is looked up again on every keystroke: remember the answer (the catalogue is fixed)
  const key = `${kind}|${parent?.id ?? ''}|${name}`;
  if (suggested.has(key)) return suggested.get(key);
  const names = paramsAt(kind, parent).map((p) => (isTerraform(kind) ? p.tf : p.cfn) ?? '');
  const best = closest(name, names.filter(Boolean));
  if (suggested.size >= 5000) suggested.clear();
  suggested.set(key, best);
  return best;
}
const suggested = new Map<string, string | undefined>();

export const DOC_LINKS = {
  'tf-client': 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_user_pool_client',
  'tf-managed-client':
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_managed_user_pool_client',
  'cfn-client':
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html',
} as const;

const CFN_REFERENCE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/';

/**
 * The CloudFormation reference page of a property: an anchor on the resource's page for top-level
 * properties, and for the properties of a nested type (`TokenValidityUnits.AccessToken`) an anchor on
 * that type's own page, where CloudFormation documents them.
 */
export function cfnDocUrl(p: Param): string | undefined {
  if (!p.cfn) return undefined;
  const dot = p.id.lastIndexOf('.');
  if (dot < 0) return `${DOC_LINKS['cfn-client']}#cfn-cognito-userpoolclient-${p.cfn.toLowerCase()}`;
  const parent = byId.get(p.id.slice(0, dot))?.cfn?.toLowerCase();
  if (!parent) return undefined;
  return `${CFN_REFERENCE}aws-properties-cognito-userpoolclient-${parent}.html#cfn-cognito-userpoolclient-${parent}-${p.cfn.toLowerCase()}`;
}
