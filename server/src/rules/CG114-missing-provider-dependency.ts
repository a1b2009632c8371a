import { metaName, neighbourField, neighbours } from '../catalog/resources';
import {
  asString,
  listItems,
  prop,
  references,
  type ClientResource,
  type OtherResource,
  type Value,
} from '../core/model';
import { fix } from './fixkit';
import type { NeutralEdit } from '../core/edits';
import type { Rule } from '../core/rule';

function literal(v: Value | undefined): string | undefined {
  return v?.k === 'scalar' ? asString(v) : undefined;
}

/** Does the client refer to this resource anywhere, or depend on it? */
function linked(c: ClientResource, r: OtherResource): boolean {
  if (c.dependsOn.some((d) => d.name === r.name && (!d.type || d.type === r.type))) return true;
  for (const p of c.props) {
    if (references(p.value).some((x) => x.ref.name === r.name && (!x.ref.type || x.ref.type === r.type))) return true;
  }
  return false;
}

/** Adds the resource to the client's dependencies (each dialect's writer renders it). */
function addDependency(c: ClientResource, r: OtherResource): NeutralEdit[] {
  return [{ op: 'addDependency', owner: c, on: { type: r.type, name: r.name } }];
}

export const CG114: Rule = {
  id: 'CG114',
  name: 'missing-provider-dependency',
  defaultSeverity: 'warning',
  summary:
    'An identity provider or custom scope used without a reference or dependency on the resource that defines it.',
  reads: (model) => [...neighbours(model, 'identityProvider'), ...neighbours(model, 'resourceServer')],
  check(c, ctx) {
    const dep = '`' + metaName(c.kind, 'dependsOn') + '`';
    const idps = neighbours(ctx.model, 'identityProvider');
    for (const s of listItems(prop(c, 'supportedIdentityProviders')?.value)) {
      const name = asString(s);
      if (!name || name === 'COGNITO') continue;
      const r = idps.find((x) => literal(neighbourField(x, 'providerName')) === name);
      if (!r || linked(c, r)) continue;
      ctx.report(
        s.span,
        `The identity provider "${name}" is defined by ${r.name} in this file, but the client neither refers to it nor lists it in ${dep}, so the client may be created first and the deployment fail. Add ${r.name} to ${dep}.`,
        { fixes: fix(`Add ${r.name} to ${dep}`, addDependency(c, r), { safe: true }) },
      );
    }
    const servers = neighbours(ctx.model, 'resourceServer');
    for (const s of listItems(prop(c, 'allowedOauthScopes')?.value)) {
      const scope = asString(s);
      const slash = scope?.lastIndexOf('/') ?? -1;
      if (!scope || slash <= 0) continue;
      const id = scope.slice(0, slash);
      const r = servers.find((x) => literal(neighbourField(x, 'identifier')) === id);
      if (!r || linked(c, r)) continue;
      ctx.report(
        s.span,
        `The scope "${scope}" belongs to resource server ${r.name} in this file, but the client neither refers to it nor lists it in ${dep}, so the client may be created before the scope exists and the deployment fail. Add ${r.name} to ${dep}.`,
        { fixes: fix(`Add ${r.name} to ${dep}`, addDependency(c, r), { safe: true }) },
      );
    }
  },
};
