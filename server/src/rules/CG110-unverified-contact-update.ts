import { isNeighbour, neighbourField, neighbourKey, neighbours } from '../catalog/resources';
import {
  asString,
  completeList,
  maybeAbsent,
  scalars,
  prop,
  type ClientResource,
  type OtherResource,
  type TemplateModel,
  type Value,
} from '../core/model';
import type { Rule } from '../core/rule';
import type { NeutralEdit } from '../core/edits';
import { fix } from './fixkit';
import { q } from './util';

const CONTACT = ['email', 'phone_number'];

/** The pools of a file by name, indexed once per file. */
const pools = new WeakMap<TemplateModel, Map<string, OtherResource>>();

/** The pool resource the client's `user_pool_id` points to in the same file. */
export function poolResource(c: ClientResource, model: TemplateModel): OtherResource | undefined {
  const v = prop(c, 'userPoolId')?.value;
  if (!v || v.k !== 'unknown' || !v.ref) return undefined;
  const ref = v.ref;
  let byName = pools.get(model);
  if (!byName) {
    byName = new Map();
    for (const r of model.resources) {
      if (isNeighbour(r, 'userPool') && !byName.has(r.name)) byName.set(r.name, r);
    }
    pools.set(model, byName);
  }
  const r = byName.get(ref.name);
  return r && (!ref.type || ref.type === r.type) ? r : undefined;
}

/** Attributes the pool verifies before an update, when that is known; undefined when it cannot be told. */
function verifiedBeforeUpdate(pool: OtherResource): Set<string> | undefined {
  const settings = neighbourField(pool, 'userAttributeUpdateSettings');
  if (!settings) return new Set();
  const list = neighbourField(pool, 'attributesRequireVerificationBeforeUpdate', settings);
  if (!list) return settings.k === 'map' ? new Set() : undefined;
  const items = completeList(list);
  if (!items) return undefined;
  return new Set(items.map((s) => asString(s) ?? ''));
}

function verifyTitle(pool: OtherResource, attrs: string[]): string {
  return `On user pool ${pool.name}, verify ${attrs.join(' and ')} changes before applying them (users must confirm the new value)`;
}

/**
 * The pool edit: list the attributes as verified before update, and as auto-verified (the service
 * requires that), extending literal lists or adding the settings; nothing when they are not literal.
 */
function verifyOnPool(pool: OtherResource, attrs: string[]): NeutralEdit[] {
  const c = pool.container;
  if (!c) return [];
  const edits: NeutralEdit[] = [];
  const settingsKey = neighbourKey(pool, 'userAttributeUpdateSettings');
  const listKey = neighbourKey(pool, 'attributesRequireVerificationBeforeUpdate');
  const settings = neighbourField(pool, 'userAttributeUpdateSettings');
  if (!settings) {
    edits.push({ op: 'addProp', container: c, key: settingsKey, value: { block: [[listKey, attrs]] } });
  } else {
    const list = neighbourField(pool, 'attributesRequireVerificationBeforeUpdate', settings);
    if (!list || list.k !== 'list' || list.from) return [];
    for (const a of attrs)
      edits.push({ op: 'addItem', list: list.span, items: list.items.map((i) => i.span), value: a });
  }
  const autoKey = neighbourKey(pool, 'autoVerifiedAttributes');
  const auto = neighbourField(pool, 'autoVerifiedAttributes');
  const missing = (l: Value): string[] =>
    attrs.filter((a) => !(l.k === 'list' && l.items.some((i) => i.k === 'scalar' && asString(i) === a)));
  if (!auto) edits.push({ op: 'addProp', container: c, key: autoKey, value: attrs });
  else if (auto.k === 'list' && !auto.from && auto.items.every((i) => i.k === 'scalar')) {
    for (const a of missing(auto))
      edits.push({ op: 'addItem', list: auto.span, items: auto.items.map((i) => i.span), value: a });
  } else return [];
  return edits;
}

export const CG110: Rule = {
  id: 'CG110',
  name: 'unverified-contact-update',
  defaultSeverity: 'warning',
  summary: "email or phone_number writable while the client's user pool does not verify a change before applying it.",
  reads: (model) => neighbours(model, 'userPool'),
  check(c, ctx) {
    const pool = poolResource(c, ctx.model);
    if (!pool) return;
    const verified = verifiedBeforeUpdate(pool);
    if (!verified) return;
    const setting = neighbourKey(pool, 'attributesRequireVerificationBeforeUpdate');
    const w = prop(c, 'writeAttributes');
    if (maybeAbsent(w) === 'absent') {
      if (c.kind === 'tf-managed-client' || c.opaque) return;
      const open = CONTACT.filter((a) => !verified.has(a));
      if (!open.length) return;
      ctx.report(
        c.nameSpan,
        `${q(c, 'writeAttributes')} is not set, so ${open.join(' and ')} ${open.length === 1 ? 'is' : 'are'} writable, and user pool \`${pool.name}\` applies a change before it is verified: the unproven value replaces the verified one at once (ID tokens carry it), and a typo or a hostile change can lock the owner out of sign-in and recovery. List ${open.join(' and ')} in the pool's ${setting}, or set an explicit write list without ${open.length === 1 ? 'it' : 'them'}.`,
        { fixes: fix(verifyTitle(pool, open), verifyOnPool(pool, open), { safe: false }) },
      );
      return;
    }
    const items = w?.value.k === 'list' ? w.value.items : [];
    for (const item of items.flatMap(scalars)) {
      const t = asString(item);
      if (!t || !CONTACT.includes(t) || verified.has(t)) continue;
      ctx.report(
        item.span,
        `${t} is writable, and user pool \`${pool.name}\` applies a change before it is verified: the unproven value replaces the verified one at once (ID tokens carry it), and a typo or a hostile change can lock the owner out of sign-in and recovery. Add ${t} to the pool's ${setting}.`,
        { fixes: fix(verifyTitle(pool, [t]), verifyOnPool(pool, [t]), { safe: false }) },
      );
    }
  },
};
