/** The command line's side of the workspace's configuration: `--config`, `--rule`, problems on standard error. */
import { defaultConfig, withRuleOverrides, type Config, type RuleLevel } from '../core/config';
import type { ConfigLoad, Workspace } from '../workspace/workspace';
import { UsageError } from './args';
import { displayPath, reason } from './util';

/**
 * The configuration for each file: `--config`, or the nearest `.cognito-guard.json` walking up (found
 * and read by the workspace, once per folder and file), with `--rule` on top. Problems go to standard
 * error the first time a file is read.
 */
export class ConfigFinder {
  constructor(
    private readonly workspace: Workspace,
    private readonly overrides: Record<string, RuleLevel>,
    private readonly warn: (s: string) => void,
  ) {}

  /** Reads `--config FILE`, reporting its problems. Throws UsageError when it cannot be read. */
  explicit(file: string): void {
    const { load, firstRead } = this.workspace.loadConfig(file);
    if (load.error) throw new UsageError(`cannot read ${file}: ${reason(load.error)}`);
    if (firstRead) this.report(load);
  }

  private report(load: ConfigLoad): void {
    for (const p of load.problems ?? []) {
      this.warn(
        `cognito-guard: ${displayPath(load.file)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}\n`,
      );
    }
  }

  forFile(file: string): Config {
    const found = this.workspace.configFor(file);
    if (found?.load.error) {
      if (found.firstRead)
        this.warn(`cognito-guard: cannot read ${found.load.file}: ${reason(found.load.error)}; the defaults apply\n`);
      return withRuleOverrides(defaultConfig(), this.overrides);
    }
    if (found?.firstRead) this.report(found.load);
    return withRuleOverrides(found?.load.config ?? defaultConfig(), this.overrides);
  }
}
