/** The rule registry: every rule, in id order. */
import type { Rule } from '../core/rule';
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
import { CG101 } from './CG101-user-existence-errors';
import { CG102 } from './CG102-token-revocation-disabled';
import { CG103 } from './CG103-implicit-grant';
import { CG104 } from './CG104-password-auth-flow';
import { CG105 } from './CG105-admin-password-flow-public-client';
import { CG106 } from './CG106-long-lived-access-token';
import { CG107 } from './CG107-long-lived-refresh-token';
import { CG108 } from './CG108-writable-verification-flag';
import { CG109 } from './CG109-writable-authorization-attribute';
import { CG110 } from './CG110-unverified-contact-update';
import { CG111 } from './CG111-client-secret-exposed';
import { CG112 } from './CG112-admin-scope';
import { CG113 } from './CG113-secret-on-public-client';
import { CG114 } from './CG114-missing-provider-dependency';
import { CG201 } from './CG201-auth-flows-default';
import { CG202 } from './CG202-refresh-rotation-off';
import { CG203 } from './CG203-write-attributes-default';
import { CG204 } from './CG204-read-attributes-default';
import { CG205 } from './CG205-loopback-redirect';
import { CG206 } from './CG206-analytics-user-data-shared';
import { CG207 } from './CG207-oauth-without-identity-provider';

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
  CG101,
  CG102,
  CG103,
  CG104,
  CG105,
  CG106,
  CG107,
  CG108,
  CG109,
  CG110,
  CG111,
  CG112,
  CG113,
  CG114,
  CG201,
  CG202,
  CG203,
  CG204,
  CG205,
  CG206,
  CG207,
];

/** CG000 is reported by the engine itself from the parser's errors. */
export const SYNTAX_RULE = {
  id: 'CG000',
  name: 'syntax-error',
  defaultSeverity: 'error' as const,
  summary: 'The file cannot be parsed at this point; findings elsewhere still appear where the parser recovers.',
};

let IDS: readonly string[] | undefined;

/** Every rule id, CG000 included. */
export function ruleIds(): readonly string[] {
  return (IDS ??= Object.freeze([SYNTAX_RULE.id, ...RULES.map((r) => r.id)]));
}

export function ruleById(id: string): Rule | typeof SYNTAX_RULE | undefined {
  return id === SYNTAX_RULE.id ? SYNTAX_RULE : RULES.find((r) => r.id === id);
}
