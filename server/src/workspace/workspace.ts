/**
 * The files an analysis depends on besides the document itself, found, read and cached in one place for
 * both doors: the nearest `.cognito-guard.json` and the tfvars beside a Terraform file. The command line
 * makes one `Workspace` per run (no search bound, or one `--config FILE` for every file); the language
 * server makes one per session (the search stays inside the workspace folders) and invalidates it from
 * its file watcher. Problems are returned as data; the callers report them (the CLI on standard error,
 * the server as diagnostics on the configuration file). All reading goes through a `WorkspaceFs`.
 */
import * as path from 'node:path';
import { fileKind, type AnalyzeOptions } from '../engine/analyze';
import { isTerraformPlan } from '../parse/plan';
import type { Config } from '../core/config';
import type { SiblingFile } from '../parse/terraform';
import { ruleIds } from '../rules';
import { CONFIG_FILE_NAME, parseConfig, type ConfigProblem } from './config';
import { nodeFs, type WorkspaceFs } from './fs';
import { ModuleFilesCache } from './module';
import type { CallerFile } from '../engine/modules';
import { TfvarsCache } from './tfvars';

/** A configuration file read: its settings and problems, or why it could not be read. */
export type ConfigLoad =
  | { file: string; config: Config; problems: ConfigProblem[]; error?: undefined }
  | { file: string; error: Error; config?: undefined; problems?: undefined };

export interface ConfigRead {
  load: ConfigLoad;
  /** True when the file was read just now (first use, or first since it was invalidated): report it now. */
  firstRead: boolean;
}

/** A configuration file that is a folder, a FIFO or a device: never read (a FIFO would block). */
export class NotARegularFile extends Error {
  /** `EISDIR` for a folder, as reading it would have said. */
  readonly code: string | undefined;
  constructor(isDirectory: boolean) {
    super('it is not a regular file');
    this.code = isDirectory ? 'EISDIR' : undefined;
  }
}

export interface WorkspaceOptions {
  /** Where files are read from (the disk unless a test says otherwise). */
  fs?: WorkspaceFs;
  /**
   * Terraform files on disk are read once (the command line: nothing changes during a run but the fixes
   * it writes, which it says). Otherwise they are read again each time, so that a change on disk is seen
   * even in an editor that does not report file events.
   */
  stableFiles?: boolean;
  /**
   * The folders the search for `.cognito-guard.json` stays inside (the server's workspace folders, asked
   * at each search). Without it the search goes up to the file system root (the command line); with no
   * folder at all only the file's own folder is looked at.
   */
  roots?: () => readonly string[];
  /** `--config FILE`: this configuration for every file, no search. */
  configFile?: string;
  /** Rule ids a configuration may name (all of ours unless a test says otherwise). */
  knownRuleIds?: readonly string[];
  /** The text an editor holds for a file, when it is open there (it wins over the disk's). */
  openText?: (file: string) => string | undefined;
  /**
   * Files and folders looked through for the callers of a module (the server's workspace folders, the
   * command line's paths), so a module's file is checked with its callers' values too. None: no search.
   */
  scanRoots?: () => readonly string[];
}

/** Callers of one module whose values are checked against its file. */
const MAX_CALLERS = 20;

export class Workspace {
  private readonly io: WorkspaceFs;
  private readonly roots: (() => readonly string[]) | undefined;
  private readonly explicit: string | undefined;
  private readonly knownRuleIds: readonly string[];
  /** The configuration file in force per folder (undefined: none, the defaults apply). */
  private readonly configFileByDir = new Map<string, string | undefined>();
  /** Each configuration file read, until invalidated. */
  private readonly loads = new Map<string, ConfigLoad>();
  private readonly tfvars: TfvarsCache;
  private readonly modules: ModuleFilesCache;
  private readonly scanRoots: (() => readonly string[]) | undefined;

  constructor(options: WorkspaceOptions = {}) {
    this.io = options.fs ?? nodeFs;
    this.roots = options.roots;
    this.explicit = options.configFile;
    this.knownRuleIds = options.knownRuleIds ?? ruleIds();
    this.tfvars = new TfvarsCache(this.io);
    this.modules = new ModuleFilesCache(this.io, options.openText, options.stableFiles ?? false);
    this.scanRoots = options.scanRoots;
  }

  // -------------------------------------------------------------------------------------------
  // Configuration

  /** The configuration file for a file: `--config`, or the nearest `.cognito-guard.json` walking up. */
  configFileFor(file: string): string | undefined {
    if (this.explicit !== undefined) return this.explicit;
    const dir = path.dirname(path.resolve(file));
    if (this.configFileByDir.has(dir)) return this.configFileByDir.get(dir);
    const found = this.search(dir);
    this.configFileByDir.set(dir, found);
    return found;
  }

  private search(start: string): string | undefined {
    const candidate = (dir: string): string | undefined => {
      const c = path.join(dir, CONFIG_FILE_NAME);
      return this.io.exists(c) ? c : undefined;
    };
    const roots = this.roots?.();
    if (roots && roots.length === 0) return candidate(start);
    const inside = (d: string): boolean => !roots || roots.some((r) => d === r || d.startsWith(r + path.sep));
    for (let dir = start; inside(dir);) {
      const found = candidate(dir);
      if (found) return found;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  /** Reads a configuration file once (until invalidated). Never throws: a failure is in the result. */
  loadConfig(file: string): ConfigRead {
    const cached = this.loads.get(file);
    if (cached) return { load: cached, firstRead: false };
    const load = this.read(file);
    this.loads.set(file, load);
    return { load, firstRead: true };
  }

  private read(file: string): ConfigLoad {
    let text: string;
    try {
      const st = this.io.stat(file);
      if (!st.isFile()) throw new NotARegularFile(st.isDirectory());
      text = this.io.readFile(file);
    } catch (err) {
      return { file, error: err instanceof Error ? err : new Error(String(err)) };
    }
    const { config, problems } = parseConfig(text, file, this.knownRuleIds);
    return { file, config, problems };
  }

  /** The configuration in force for a file, read if need be; undefined when there is none. */
  configFor(file: string): ConfigRead | undefined {
    const configFile = this.configFileFor(file);
    return configFile === undefined ? undefined : this.loadConfig(configFile);
  }

  /**
   * A configuration file was created, changed or deleted (the server's watcher): the search is done
   * again, and the named files (all when none is named) are read again when next needed.
   */
  invalidateConfig(files?: readonly string[]): void {
    this.configFileByDir.clear(); // a file may have appeared or gone: look again
    if (files === undefined) this.loads.clear();
    else for (const f of files) this.loads.delete(f);
  }

  // -------------------------------------------------------------------------------------------
  // The other files an analysis reads

  /** The tfvars beside a Terraform file, read once per folder until invalidated. */
  tfvarsFor(file: string): SiblingFile[] {
    return this.tfvars.get(file);
  }

  /** A tfvars file in this folder (all folders when none is named) changed. */
  invalidateTfvars(dir?: string): void {
    this.tfvars.forget(dir);
  }

  /** The declarations (variables, locals) of the other Terraform files in a Terraform file's folder. */
  moduleFilesFor(file: string): ReturnType<ModuleFilesCache['get']> {
    return this.modules.get(file);
  }

  /** A Terraform file in this folder (all folders when none is named) was created, changed or deleted. */
  invalidateModuleFiles(dir?: string): void {
    this.modules.forget(dir);
  }

  /**
   * What the engine needs besides the text and the configuration: for a Terraform file the tfvars and
   * the declarations of the other files of its folder, and the files of the modules it calls; nothing
   * for a CloudFormation one. All of it read through the same `WorkspaceFs`, cached and invalidated per
   * folder, and passed to the engine as data in `AnalyzeOptions`.
   */
  inputsFor(
    file: string,
    text: string,
  ): Pick<AnalyzeOptions, 'tfvars' | 'moduleFiles' | 'modules' | 'calledBy' | 'planFiles'> {
    const kind = fileKind(file, text);
    // a plan's configuration is read from the plan's folder and the modules terraform init installed
    if (kind === 'json' && isTerraformPlan(text))
      return { planFiles: (chain) => this.modules.planModuleFiles(file, chain).filter((f) => f.text !== undefined) };
    if (kind !== 'terraform' && kind !== 'terraform-json') return {};
    const modules = this.modules.modulesFor(path.resolve(file), text);
    const calledBy = this.calledBy(file);
    return {
      tfvars: this.tfvarsFor(file),
      moduleFiles: this.moduleFilesFor(file),
      ...(Object.keys(modules).length ? { modules } : {}),
      ...(calledBy.length ? { calledBy } : {}),
    };
  }

  /** The files that call a Terraform file's folder as a module, with what their values need. */
  private calledBy(file: string): CallerFile[] {
    if (!this.scanRoots) return [];
    this.modules.scanForCallers(this.scanRoots());
    const dir = path.dirname(path.resolve(file));
    const out: CallerFile[] = [];
    for (const c of [...(this.modules.callersByDir.get(dir) ?? [])].sort()) {
      if (out.length >= MAX_CALLERS) break;
      if (c === path.resolve(file)) continue;
      const text = this.modules.textOf(c);
      if (text === undefined) continue;
      const callNames = this.modules
        .resolveCalls(c, text)
        .filter((x) => x.dir === dir)
        .map((x) => x.name);
      if (callNames.length)
        out.push({ fileName: c, text, callNames, tfvars: this.tfvarsFor(c), moduleFiles: this.moduleFilesFor(c) });
    }
    return out;
  }

  /**
   * Variable files named in settings (`cognitoGuard.terraformVarFiles`), read in order; one that cannot be
   * read is said in `problems` and left out.
   */
  readVarFiles(files: readonly string[]): { files: SiblingFile[]; problems: string[] } {
    const out: SiblingFile[] = [];
    const problems: string[] = [];
    for (const f of files) {
      try {
        if (!this.io.stat(f).isFile()) throw new NotARegularFile(false);
        out.push({ fileName: f, text: this.io.readFile(f), explicit: true });
      } catch (err) {
        problems.push(
          `cannot read the Terraform variable file ${f}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    return { files: out, problems };
  }

  /**
   * The module folders a Terraform file calls or called until now, when its text is `text` (the files of
   * both are checked again when it changes).
   */
  calleesOf(file: string, text: string | undefined): string[] {
    const before = this.modules.calleesOf(file);
    const now = text === undefined ? [] : this.modules.resolveCalls(file, text).map((c) => c.dir);
    return [...new Set([...before, ...now])];
  }

  /**
   * The files seen calling a module folder, directly or through other modules (checked again when a file
   * of that folder changes).
   */
  callersOf(dir: string): string[] {
    const out = new Set<string>();
    const dirs = [dir];
    const seen = new Set(dirs);
    for (let i = 0; i < dirs.length; i++) {
      for (const f of this.modules.callersByDir.get(dirs[i] as string) ?? []) {
        out.add(f);
        const up = path.dirname(f);
        if (!seen.has(up)) {
          seen.add(up);
          dirs.push(up);
        }
      }
    }
    return [...out];
  }
}
