import { STANDARD_ATTRIBUTES } from '../catalog/attributes';
import { maybeAbsent, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, setClientProp } from './fixkit';
import { q } from './util';

/** What an unset write list allows: the standard attributes. */
export const WRITABLE_BY_DEFAULT: string[] = STANDARD_ATTRIBUTES.filter((a) => a !== 'sub');

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
      {
        fixes: fix(
          `Write out the default write list (every standard attribute) to trim`,
          setClientProp(c, 'writeAttributes', WRITABLE_BY_DEFAULT, prop(c, 'writeAttributes')),
          { safe: false },
        ),
      },
    );
  },
};
