import { nameIn, paramsAt } from '../catalog';
import { maybeAbsent, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { fix } from './fixkit';
import { q } from './util';

export const CG002: Rule = {
  id: 'CG002',
  name: 'missing-required',
  defaultSeverity: 'error',
  summary: 'A required argument or property is missing.',
  check(c, ctx) {
    if (c.opaque) return;
    for (const p of paramsAt(c.kind)) {
      if (!p.requiredOn?.includes(c.kind)) continue;
      if (maybeAbsent(prop(c, p.id)) === 'absent') {
        ctx.report(
          c.nameSpan,
          `${c.type} \`${c.name}\` has no \`${nameIn(p, c.kind)}\`, which is required: the deployment fails without it. Add it.`,
        );
      }
    }
    if (c.kind === 'tf-managed-client') {
      const prefix = prop(c, 'namePrefix');
      const pattern = prop(c, 'namePattern');
      const a = maybeAbsent(prefix);
      const b = maybeAbsent(pattern);
      if (a === 'absent' && b === 'absent') {
        ctx.report(
          c.nameSpan,
          `${c.type} \`${c.name}\` needs exactly one of ${q(c, 'namePrefix')} or ${q(c, 'namePattern')} to find the client it manages. Add one.`,
        );
      } else if (a === 'present' && b === 'present' && pattern) {
        ctx.report(
          pattern.keySpan,
          `Set only one of ${q(c, 'namePrefix')} and ${q(c, 'namePattern')}: Terraform rejects both together. Remove one.`,
        );
      }
    }
    // Required settings inside blocks (refresh token rotation needs its feature).
    for (const p of c.props) {
      if (!p.param || p.param.type !== 'block' || p.dynamic || p.opaque || !p.children) continue;
      if (p.value.k !== 'map') continue;
      for (const child of paramsAt(c.kind, p.param)) {
        if (!child.requiredOn?.includes(c.kind)) continue;
        if (maybeAbsent(p.children.find((x) => x.param?.id === child.id)) === 'absent') {
          ctx.report(
            p.keySpan,
            `The \`${p.key}\` block has no \`${nameIn(child, c.kind)}\`, which is required: the service rejects the block without it. Add it${
              child.constraints?.enum ? ` (one of ${child.constraints.enum.map((e) => e.value).join(', ')})` : ''
            }.`,
            {
              absence: true,
              fixes:
                child.id === 'refreshTokenRotation.feature' && p.body
                  ? fix(
                      `Add \`${nameIn(child, c.kind)}\` = DISABLED (keeps today's behaviour; set ENABLED to rotate)`,
                      [{ op: 'addProp', container: p.body, key: nameIn(child, c.kind), value: 'DISABLED' }],
                      { safe: true },
                    )
                  : [],
            },
          );
        }
      }
    }
  },
};
