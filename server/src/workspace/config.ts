/**
 * `.cognito-guard.json`: parsing and validating its text (the settings it holds are in core/config.ts).
 * Read by the CLI and the language server alike; finding the file is the workspace's job. A malformed file
 * yields one clear problem with its location, and the defaults apply to whatever could not be read.
 */
import * as jsonc from 'jsonc-parser';
import { defaultConfig, type Config, type RuleLevel } from '../core/config';
import { LineIndex, type Range } from '../core/text';

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
