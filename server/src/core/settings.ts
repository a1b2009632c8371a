/**
 * The editor settings (`cognitoGuard.*` in VS Code, the `cognitoGuard` section for any editor), their
 * defaults and their validation. Shared by the language server and the VS Code extension (the one server
 * file the extension may import), so it imports nothing but types. `test/unit/settings.test.ts` checks
 * the defaults against `contributes.configuration` in package.json.
 */
import type { RuleLevel } from './severity';

/** The settings section the server asks for (`workspace/configuration`) and the prefix of every key. */
export const SETTINGS_SECTION = 'cognitoGuard';

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

/** The settings in force: the defaults, overridden by whatever the editor sent that is well formed. */
export function resolveSettings(s: Partial<Settings>): Settings {
  return { ...DEFAULT_SETTINGS, ...validSettings(s) };
}
