import { isSet, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { child, n } from './util';

export const CG012: Rule = {
  id: 'CG012',
  name: 'analytics-config',
  defaultSeverity: 'error',
  summary:
    'An analytics configuration that breaks its rules: exactly one application identifier, and the settings each one needs or excludes.',
  check(c, ctx) {
    const a = prop(c, 'analyticsConfiguration');
    if (!a || a.dynamic || a.opaque || a.value.k !== 'map') return;
    const arn = child(a, 'analyticsConfiguration.applicationArn');
    const id = child(a, 'analyticsConfiguration.applicationId');
    const ext = child(a, 'analyticsConfiguration.externalId');
    const role = child(a, 'analyticsConfiguration.roleArn');
    const arnName = n(c, 'analyticsConfiguration.applicationArn');
    const idName = n(c, 'analyticsConfiguration.applicationId');
    if (isSet(arn) === isSet(id)) {
      ctx.report(
        a.keySpan,
        isSet(arn)
          ? `Set only one of \`${arnName}\` and \`${idName}\` in \`${a.key}\`; the service rejects both together.`
          : `\`${a.key}\` needs one of \`${arnName}\` or \`${idName}\` to say which Pinpoint project receives the events.`,
        { absence: !isSet(arn) },
      );
      if (!isSet(arn)) return;
    }
    if (isSet(id) && !isSet(arn)) {
      const missing = [ext, role]
        .map((p, i) =>
          isSet(p) ? undefined : n(c, i === 0 ? 'analyticsConfiguration.externalId' : 'analyticsConfiguration.roleArn'),
        )
        .filter(Boolean);
      if (missing.length) {
        ctx.report(
          a.keySpan,
          `With \`${idName}\`, \`${a.key}\` also needs ${missing.map((m) => '`' + m + '`').join(' and ')} so Cognito can assume a role to write to Pinpoint. Add ${missing.length === 1 ? 'it' : 'them'}.`,
          { absence: true },
        );
      }
    } else {
      for (const p of [ext, role]) {
        if (p && isSet(p)) {
          ctx.report(
            p.keySpan,
            `\`${p.key}\` cannot be used with \`${arnName}\`: with an application ARN Cognito uses its service-linked role. Remove it.`,
          );
        }
      }
    }
  },
};
