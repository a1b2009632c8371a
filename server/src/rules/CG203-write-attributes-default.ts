import { maybeAbsent, prop } from '../model';
import type { Rule } from '../engine/types';
import { q } from './util';

export const CG203: Rule = {
  id: 'CG203',
  name: 'write-attributes-default',
  defaultSeverity: 'info',
  summary: 'Write list unset: the app can change every standard attribute of its users.',
  check(c, ctx) {
    if (c.kind === 'tf-managed-client' || c.opaque) return;
    if (maybeAbsent(prop(c, 'writeAttributes')) !== 'absent') return;
    ctx.report(
      c.nameSpan,
      `${q(c, 'writeAttributes')} is not set, so users can change every standard attribute through this client. List only the attributes the app lets users edit.`,
    );
  },
};
