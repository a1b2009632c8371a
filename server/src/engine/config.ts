/**
 * `.cognito-guard.json`: rule severities and thresholds. Read by the CLI and the language server alike;
 * this module only parses and validates text (finding the file is the caller's job). A malformed file
 * yields one clear problem with its location, and the defaults apply to whatever could not be read.
 */
import * as jsonc from 'jsonc-parser';
import { LineIndex, type Range } from '../parse/text';
import type { Severity } from './types';

export type RuleLevel = Severity | 'off';

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

export const CONFIG_FILE_NAME = '.cognito-guard.json';

export interface ConfigProblem {
  fileName: string;
  message: string;
  range: Range;
}

const LEVELS = new Set(['off', 'info', 'warning', 'error']);

/** Parses and validates a configuration file. Never throws. */
export function parseConfig(
  text: string,
  fileName: string,
  knownRuleIds: readonly string[],
): { config: Config; problems: ConfigProblem[] } {
  const config = defaultConfig();
  const problems: ConfigProblem[] = [];
  const lines = new LineIndex(text);
  const problem = (offset: number, length: number, message: string): void => {
    problems.push({ fileName, message, range: lines.range({ start: offset, end: offset + Math.max(length, 1) }) });
  };
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    problem(
      first.offset,
      first.length,
      `${CONFIG_FILE_NAME} is not valid JSON (${jsonc.printParseErrorCode(first.error)}); the defaults apply.`,
    );
    return { config, problems };
  }
  if (!root || root.type !== 'object') {
    problem(
      root?.offset ?? 0,
      root?.length ?? 0,
      `${CONFIG_FILE_NAME} must contain a JSON object; the defaults apply.`,
    );
    return { config, problems };
  }
  for (const p of root.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) continue;
    const key = String(k.value);
    switch (key) {
      case 'rules': {
        if (v.type !== 'object') {
          problem(v.offset, v.length, '"rules" must be an object such as {"CG203": "off"}; it is ignored.');
          break;
        }
        for (const rp of v.children ?? []) {
          const [rk, rv] = rp.children ?? [];
          if (!rk || !rv) continue;
          const id = String(rk.value);
          if (!knownRuleIds.includes(id)) {
            problem(rk.offset, rk.length, `"${id}" is not a cognito-guard rule id; this entry is ignored.`);
            continue;
          }
          if (rv.type !== 'string' || !LEVELS.has(String(rv.value))) {
            problem(
              rv.offset,
              rv.length,
              `The level of ${id} must be "off", "info", "warning" or "error"; this entry is ignored.`,
            );
            continue;
          }
          config.rules[id] = rv.value as RuleLevel;
        }
        break;
      }
      case 'maxAccessTokenMinutes':
      case 'maxRefreshTokenDays': {
        if (v.type !== 'number' || !Number.isFinite(v.value) || (v.value as number) <= 0) {
          problem(v.offset, v.length, `"${key}" must be a positive number; the default (${config[key]}) applies.`);
          break;
        }
        config[key] = v.value as number;
        break;
      }
      case 'authorizationAttributePatterns': {
        const items = v.type === 'array' ? (v.children ?? []) : undefined;
        if (!items || items.some((i) => i.type !== 'string' || !String(i.value).trim())) {
          problem(
            v.offset,
            v.length,
            '"authorizationAttributePatterns" must be a list of words such as ["role", "tenant"]; the default list applies.',
          );
          break;
        }
        config.authorizationAttributePatterns = items.map((i) => String(i.value).trim().toLowerCase());
        break;
      }
      case '$schema':
        break;
      default:
        problem(
          k.offset,
          k.length,
          `"${key}" is not a cognito-guard setting (expected rules, maxAccessTokenMinutes, maxRefreshTokenDays or authorizationAttributePatterns); it is ignored.`,
        );
    }
  }
  return { config, problems };
}

/** Applies `CG203=off`-style overrides (from the command line) on top of a configuration. */
export function withRuleOverrides(config: Config, overrides: Record<string, RuleLevel>): Config {
  return { ...config, rules: { ...config.rules, ...overrides } };
}
