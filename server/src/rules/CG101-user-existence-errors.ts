import { asString, fromSuffix, maybeAbsent, prop, scalars } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, replaceScalar, setClientProp } from './fixkit';
import { q } from './util';

export const CG101: Rule = {
  id: 'CG101',
  name: 'user-existence-errors',
  defaultSeverity: 'warning',
  summary: 'Sign-in and recovery errors reveal which users exist (prevent_user_existence_errors missing or LEGACY).',
  check(c, ctx) {
    const p = prop(c, 'preventUserExistenceErrors');
    if (maybeAbsent(p) === 'absent') {
      if (c.kind === 'tf-managed-client' || c.opaque) return;
      ctx.report(
        c.nameSpan,
        `${q(c, 'preventUserExistenceErrors')} is not set, so the client uses LEGACY errors: sign-in and password recovery tell an attacker which user names exist. Set it to "ENABLED".`,
        {
          fixes: fix(
            `Set ${q(c, 'preventUserExistenceErrors')} to "ENABLED"`,
            setClientProp(c, 'preventUserExistenceErrors', 'ENABLED', p),
            { safe: true },
          ),
        },
      );
      return;
    }
    for (const s of scalars(p?.value)) {
      if (asString(s) !== 'LEGACY') continue;
      ctx.report(
        s.span,
        `${q(c, 'preventUserExistenceErrors')} is LEGACY${fromSuffix(s)}: sign-in and password recovery tell an attacker which user names exist. Set it to "ENABLED".`,
        {
          fixes: fix(`Set ${q(c, 'preventUserExistenceErrors')} to "ENABLED"`, replaceScalar(s, 'ENABLED'), {
            safe: true,
          }),
        },
      );
    }
  },
};
