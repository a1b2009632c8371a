/** The rule registry: every rule, in id order. */
import type { Rule } from '../engine/types';
import { CG001 } from './CG001-unknown-property';
import { CG002 } from './CG002-missing-required';
import { CG003 } from './CG003-wrong-type';
import { CG004 } from './CG004-invalid-value';
import { CG005 } from './CG005-token-validity-range';
import { CG006 } from './CG006-auth-flows-mixed';
import { CG007 } from './CG007-oauth-config';
import { CG008 } from './CG008-client-credentials-secret';
import { CG009 } from './CG009-redirect-url';
import { CG010 } from './CG010-context-data-needs-secret';
import { CG011 } from './CG011-rotation-blocks-refresh-auth';
import { CG012 } from './CG012-analytics-config';
import { CG013 } from './CG013-undefined-custom-attribute';

export const RULES: readonly Rule[] = [
  CG001,
  CG002,
  CG003,
  CG004,
  CG005,
  CG006,
  CG007,
  CG008,
  CG009,
  CG010,
  CG011,
  CG012,
  CG013,
];

/** CG000 is reported by the engine itself from the parser's errors. */
export const SYNTAX_RULE = {
  id: 'CG000',
  name: 'syntax-error',
  defaultSeverity: 'error' as const,
  summary: 'The file cannot be parsed at this point; findings elsewhere still appear where the parser recovers.',
};

export function ruleById(id: string): Rule | typeof SYNTAX_RULE | undefined {
  return id === SYNTAX_RULE.id ? SYNTAX_RULE : RULES.find((r) => r.id === id);
}
