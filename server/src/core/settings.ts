/**
 * The editor settings (`cognitoGuard.*` in VS Code, the `cognitoGuard` section for any editor), their
 * defaults and their validation. Shared by the language server and the VS Code extension (the one server
 * file the extension may import), so it imports nothing but types. `test/unit/settings.test.ts` checks
 * the defaults against `contributes.configuration` in package.json.
 */
import type { RuleLevel } from './severity';

/** The settings section the server asks for (`workspace/configuration`) and the prefix of every key. */
export const SETTINGS_SECTION = 'cognitoGuard';

/**
 * Node flags the VS Code extension starts the language server with (and the benchmark, so that it
 * measures the same).
 * - `--max-semi-space-size=2`: a young generation of 2 MiB semi-spaces instead of Node's 16. Measured
 *   side by side, it keeps the server about 25 MiB smaller with 50 documents open and 45 MiB after
 *   5,000 edits, and shortens the slowest keystrokes (fewer large scavenges) for about 1 ms more at the
 *   median.
 * - `--expose-gc`: lets the server collect (and compact) once it has been idle for two seconds
 *   (`lsp/idle-compaction.ts`), which gives back the heap V8 grew while analysing.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2', '--expose-gc'];

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  rules: Record<string, RuleLevel>;
  maxAccessTokenMinutes: number | null;
  maxRefreshTokenDays: number | null;
  authorizationAttributePatterns: string[] | null;
  /** Documents larger than this are not analysed (an info diagnostic says so). */
  maxFileSizeKb: number;
  /**
   * Terraform variable files applied after `terraform.tfvars` and `*.auto.tfvars`, in order, as
   * `terraform plan -var-file` would (paths relative to the file's workspace folder).
   */
  terraformVarFiles: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  debounceMs: 200,
  rules: {},
  maxAccessTokenMinutes: null,
  maxRefreshTokenDays: null,
  authorizationAttributePatterns: null,
  maxFileSizeKb: 2048,
  terraformVarFiles: [],
};

/** The well-formed settings among those an editor sent; anything else is dropped (its default applies). */
export function validSettings(s: Partial<Settings>): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (typeof s.enable === 'boolean') out.enable = s.enable;
  if (s.run === 'onType' || s.run === 'onSave') out.run = s.run;
  if (typeof s.debounceMs === 'number' && s.debounceMs >= 0) out.debounceMs = s.debounceMs;
  if (s.rules && typeof s.rules === 'object') {
    const rules: Record<string, RuleLevel> = {};
    for (const [k, v] of Object.entries(s.rules))
      if (['off', 'info', 'warning', 'error'].includes(v)) rules[k.toUpperCase()] = v;
    out.rules = rules;
  }
  if (typeof s.maxAccessTokenMinutes === 'number' && s.maxAccessTokenMinutes > 0)
    out.maxAccessTokenMinutes = s.maxAccessTokenMinutes;
  if (typeof s.maxRefreshTokenDays === 'number' && s.maxRefreshTokenDays > 0)
    out.maxRefreshTokenDays = s.maxRefreshTokenDays;
  if (Array.isArray(s.authorizationAttributePatterns)) {
    out.authorizationAttributePatterns = s.authorizationAttributePatterns.filter(
      (x): x is string => typeof x === 'string',
    );
  }
  if (typeof s.maxFileSizeKb === 'number' && s.maxFileSizeKb > 0) out.maxFileSizeKb = s.maxFileSizeKb;
  if (Array.isArray(s.terraformVarFiles))
    out.terraformVarFiles = s.terraformVarFiles.filter((x): x is string => typeof x === 'string' && x !== '');
  return out;
}

const LEVELS: readonly string[] = ['off', 'info', 'warning', 'error'];

function show(v: unknown): string {
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * What is wrong in the settings an editor sent, one sentence each, naming the setting and what happens
 * instead (the entry is ignored, or the default applies). `knownRuleIds` are the rule ids in upper case.
 * Settings this does not know are not reported: editors send only their own contributions.
 */
export function settingsProblems(raw: unknown, knownRuleIds: readonly string[]): string[] {
  if (!raw || typeof raw !== 'object') return [];
  const s = raw as Record<string, unknown>;
  const out: string[] = [];
  const name = (k: string): string => `${SETTINGS_SECTION}.${k}`;
  if (s.enable !== undefined && typeof s.enable !== 'boolean')
    out.push(`${name('enable')} must be true or false, not ${show(s.enable)}; it stays on.`);
  if (s.run !== undefined && s.run !== 'onType' && s.run !== 'onSave')
    out.push(`${name('run')} must be "onType" or "onSave", not ${show(s.run)}; "onType" applies.`);
  if (s.debounceMs !== undefined && !(typeof s.debounceMs === 'number' && s.debounceMs >= 0))
    out.push(
      `${name('debounceMs')} must be a number of milliseconds, 0 or more, not ${show(s.debounceMs)}; 200 applies.`,
    );
  if (s.rules !== undefined && s.rules !== null) {
    if (typeof s.rules !== 'object' || Array.isArray(s.rules)) {
      out.push(`${name('rules')} must be an object such as {"CG203": "off"}, not ${show(s.rules)}; it is ignored.`);
    } else {
      for (const [id, level] of Object.entries(s.rules as Record<string, unknown>)) {
        if (!knownRuleIds.includes(id.toUpperCase()))
          out.push(`${name('rules')}: "${id}" is not a cognito-guard rule id; this entry is ignored.`);
        else if (typeof level !== 'string' || !LEVELS.includes(level))
          out.push(
            `${name('rules')}: the level of ${id} must be "off", "info", "warning" or "error", not ${show(level)}; this entry is ignored.`,
          );
      }
    }
  }
  for (const k of ['maxAccessTokenMinutes', 'maxRefreshTokenDays', 'maxFileSizeKb'] as const) {
    const v = s[k];
    if (v !== undefined && v !== null && !(typeof v === 'number' && v > 0))
      out.push(`${name(k)} must be a positive number, not ${show(v)}; the default applies.`);
  }
  for (const k of ['authorizationAttributePatterns', 'terraformVarFiles'] as const) {
    const v = s[k];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) out.push(`${name(k)} must be a list of strings, not ${show(v)}; the default applies.`);
    else if (!v.every((x) => typeof x === 'string'))
      out.push(`${name(k)} must hold only strings; ${show(v.find((x) => typeof x !== 'string'))} is ignored.`);
  }
  return out;
}

/** The settings in force: the defaults, overridden by whatever the editor sent that is well formed. */
export function resolveSettings(s: Partial<Settings>): Settings {
  return { ...DEFAULT_SETTINGS, ...validSettings(s) };
}
