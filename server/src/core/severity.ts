/** How serious a finding is, and the levels a configuration may set a rule to. */
export type Severity = 'error' | 'warning' | 'info';

export type RuleLevel = Severity | 'off';
