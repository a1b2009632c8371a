import { asBool, fromSuffix, prop, scalars } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, replaceScalar } from './fixkit';
import { child } from './util';

export const CG206: Rule = {
  id: 'CG206',
  name: 'analytics-user-data-shared',
  defaultSeverity: 'info',
  summary: 'Analytics configured to share user data with Amazon Pinpoint.',
  check(c, ctx) {
    const p = child(prop(c, 'analyticsConfiguration'), 'analyticsConfiguration.userDataShared');
    for (const s of scalars(p?.value)) {
      if (asBool(s) !== true) continue;
      ctx.report(
        s.span,
        `\`${p?.key ?? ''}\` is true${fromSuffix(s)}: user attributes and endpoint data are sent to Amazon Pinpoint with every analytics event. Set it to false unless the campaigns need them.`,
        {
          fixes: fix(
            `Set \`${p?.key ?? ''}\` to false (campaigns that target users through this data stop getting it)`,
            replaceScalar(s, false),
            { safe: false },
          ),
        },
      );
    }
  },
};
