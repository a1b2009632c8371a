import {
  asString,
  fromSuffix,
  listItems,
  prop,
  type ClientResource,
  type PoolResource,
  type TemplateModel,
} from '../core/model';
import type { Rule } from '../core/rule';
import { neighbours } from '../catalog/resources';

/** The user pool this client belongs to, when `user_pool_id` refers to a pool in the same file. */
export function poolOf(c: ClientResource, model: TemplateModel): PoolResource | undefined {
  const v = prop(c, 'userPoolId')?.value;
  if (!v || v.k !== 'unknown' || !v.ref) return undefined;
  const ref = v.ref;
  return model.pools.find((p) => p.name === ref.name && (!ref.type || ref.type === p.type));
}

export const CG013: Rule = {
  id: 'CG013',
  name: 'undefined-custom-attribute',
  defaultSeverity: 'error',
  summary: "A custom: attribute in the read or write list that the client's user pool does not define.",
  // the pools (model.pools are read from the same resources)
  reads: (model) => neighbours(model, 'userPool'),
  check(c, ctx) {
    const pool = poolOf(c, ctx.model);
    if (!pool || !pool.customAttributes) return;
    const defined = pool.customAttributes;
    for (const id of ['readAttributes', 'writeAttributes']) {
      const p = prop(c, id);
      for (const s of listItems(p?.value)) {
        const t = asString(s);
        if (!t?.startsWith('custom:')) continue;
        const attr = t.slice('custom:'.length);
        if (defined.has(attr)) continue;
        const known = [...defined].map((d) => 'custom:' + d);
        ctx.report(
          s.span,
          `${JSON.stringify(t)}${fromSuffix(s)} is not defined in the schema of user pool \`${pool.name}\`, so the service rejects the client. ${
            known.length ? `The pool defines ${known.join(', ')}.` : 'The pool defines no custom attributes.'
          } Add it to the pool's schema or remove it here.`,
        );
      }
    }
  },
};
