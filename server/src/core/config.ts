/** The settings the engine and the rules read: rule severities and thresholds, with their defaults. */
import type { RuleLevel } from './severity';

export type { RuleLevel };

export interface Config {
  /** Severity per rule id; `off` removes the rule's findings. */
  rules: Record<string, RuleLevel>;
  /** CG106: access and ID tokens longer than this many minutes are reported. */
  maxAccessTokenMinutes: number;
  /** CG107: refresh tokens longer than this many days are reported. */
  maxRefreshTokenDays: number;
  /** CG109: words that mark a custom attribute as an authorization input. */
  authorizationAttributePatterns: string[];
}

export const DEFAULT_AUTHORIZATION_PATTERNS: readonly string[] = [
  'role',
  'admin',
  'group',
  'tenant',
  'permission',
  'scope',
  'plan',
  'tier',
  'org',
  'account',
];

export function defaultConfig(): Config {
  return {
    rules: {},
    maxAccessTokenMinutes: 60,
    maxRefreshTokenDays: 30,
    authorizationAttributePatterns: [...DEFAULT_AUTHORIZATION_PATTERNS],
  };
}

/** Applies `CG203=off`-style overrides (from the command line) on top of a configuration. */
export function withRuleOverrides(config: Config, overrides: Record<string, RuleLevel>): Config {
  return { ...config, rules: { ...config.rules, ...overrides } };
}
