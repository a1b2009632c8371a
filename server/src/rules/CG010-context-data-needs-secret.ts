import { asBool, fromSuffix, prop, scalars } from '../core/model';
import type { Rule } from '../core/rule';
import { hasSecret, q } from './util';

export const CG010: Rule = {
  id: 'CG010',
  name: 'context-data-needs-secret',
  defaultSeverity: 'error',
  summary: 'Propagating additional user context data on a client without a secret.',
  check(c, ctx) {
    if (hasSecret(c) !== false) return;
    for (const s of scalars(prop(c, 'enablePropagateAdditionalUserContextData')?.value)) {
      if (asBool(s) !== true) continue;
      ctx.report(
        s.span,
        `${q(c, 'enablePropagateAdditionalUserContextData')} is true${fromSuffix(s)}, but only a client with a secret may send user context data, and this one has none. Remove the setting, or use a confidential client with ${q(c, 'generateSecret')} = true.`,
      );
    }
  },
};
