import { maybeAbsent, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, setClientProp } from './fixkit';
import { WRITABLE_BY_DEFAULT } from './CG203-write-attributes-default';
import { q } from './util';

export const CG204: Rule = {
  id: 'CG204',
  name: 'read-attributes-default',
  defaultSeverity: 'info',
  summary: 'Read list unset: the app can read every standard attribute and both verification flags.',
  check(c, ctx) {
    if (c.kind === 'tf-managed-client' || c.opaque) return;
    if (maybeAbsent(prop(c, 'readAttributes')) !== 'absent') return;
    ctx.report(
      c.nameSpan,
      `${q(c, 'readAttributes')} is not set, so this client reads every standard attribute and both verification flags, and ID tokens carry them all. List only what the app needs.`,
      {
        fixes: fix(
          `Write out the default read list (standard attributes and verification flags) to trim`,
          setClientProp(
            c,
            'readAttributes',
            [...WRITABLE_BY_DEFAULT, 'email_verified', 'phone_number_verified'],
            prop(c, 'readAttributes'),
          ),
          { safe: false },
        ),
      },
    );
  },
};
