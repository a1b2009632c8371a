/**
 * The server's state: open documents, their analyses per version, settings, the workspace
 * `.cognito-guard.json`, tfvars beside Terraform files, and diagnostics scheduling. Only documents the
 * user opened are analysed; the only other files read are configuration files inside the workspace and
 * tfvars beside an open Terraform file. Nothing in the workspace is ever executed.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, Diagnostic, WorkspaceFolder } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, fileKind, mentionsClient, type Analysis, type AnalyzeOptions } from '../engine/analyze';
import { defaultConfig, type Config } from '../core/config';
import { resolveSettings, settingsProblems, SETTINGS_SECTION, type Settings } from '../core/settings';
import { ruleIds } from '../rules/index';
import { Workspace, type ConfigLoad } from '../workspace/workspace';
import { SOURCE, toDiagnostic } from './convert';
import { IdleCompaction } from './idle-compaction';

/** Sent to a client that can open its settings UI (`{ query }` is what to search for there). */
export const OPEN_SETTINGS = 'cognitoGuard/openSettings';

const TERRAFORM_FILE = /\.tf(\.json)?$/i;

/** How many documents keep their analysis in memory (the most recently used ones). */
const MAX_CACHED = 8;

interface Cached {
  version: number;
  analysis: Analysis;
  ms: number;
}

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export class Session {
  readonly cache = new Map<string, Cached>();
  /** Documents seen since they were opened (their first version is checked without delay). */
  readonly opened = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly settings = new Map<string, Settings>();
  /** `.cognito-guard.json` (found inside the workspace folders) and tfvars, cached until the watcher says. */
  private readonly workspace = new Workspace({
    roots: () => this.roots(),
    openText: (f) => this.openText(f),
    // the callers of a module are looked for in the workspace folders (and among the open files)
    scanRoots: () => [...this.roots(), ...this.openTerraformFiles()],
  });
  private readonly reasons = new Map<string, string>();
  /** Problems logged once per session (a variable file that cannot be read). */
  private readonly reported = new Set<string>();
  /** Settings problems logged since the settings last changed (each is logged once). */
  private readonly settingsLogged = new Set<string>();
  /** Whether the one notification about settings problems has been shown in this session. */
  private settingsNotified = false;
  folders: WorkspaceFolder[] = [];
  configurationSupport = false;
  /** The client handles `cognitoGuard/openSettings` (the VS Code extension says so at initialize). */
  canOpenSettings = false;
  /** The client runs `cognitoGuard.showRuleDocs <id>` (the VS Code extension says so at initialize). */
  canShowRuleDocs = false;
  /** Settings an editor pushed with didChangeConfiguration (for editors that cannot be asked). */
  pushed: Partial<Settings> = {};
  /** A full collection once the analyses stop for a while (memory back to what is live). */
  readonly idle = new IdleCompaction();

  constructor(
    readonly connection: Connection,
    readonly documents: { get(uri: string): TextDocument | undefined; all(): TextDocument[] },
  ) {}

  log(message: string): void {
    this.connection.console.log(message);
  }

  // -------------------------------------------------------------------------------------------
  // Settings and configuration

  async settingsFor(uri: string): Promise<Settings> {
    const cached = this.settings.get(uri);
    if (cached) return cached;
    let s: Settings = resolveSettings(this.pushed);
    if (this.configurationSupport) {
      try {
        const got = (await this.connection.workspace.getConfiguration({
          scopeUri: uri,
          section: SETTINGS_SECTION,
        })) as Partial<Settings> | null;
        s = resolveSettings(got ?? {});
        this.reportSettings(got);
      } catch {
        s = resolveSettings(this.pushed);
        this.reportSettings(this.pushed);
      }
    } else {
      this.reportSettings(this.pushed);
    }
    this.settings.set(uri, s);
    return s;
  }

  /**
   * Ill-formed settings are ignored (see validSettings); each problem is logged as a warning once, and
   * the first time in a session one notification says so, with a button to open the settings where the
   * client can.
   */
  private reportSettings(raw: unknown): void {
    const fresh = settingsProblems(raw, ruleIds()).filter((p) => !this.settingsLogged.has(p));
    if (fresh.length === 0) return;
    for (const p of fresh) {
      this.settingsLogged.add(p);
      this.connection.console.warn(`Settings: ${p}`);
    }
    if (this.settingsNotified) return;
    this.settingsNotified = true;
    const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more; see the output)` : '';
    const message = `Cognito Guard ignores a setting: ${fresh[0]}${more}`;
    if (!this.canOpenSettings) {
      this.connection.window.showWarningMessage(message);
      return;
    }
    const open = { title: 'Open Settings' };
    this.connection.window.showWarningMessage(message, open).then(
      (choice) => {
        if (choice?.title === open.title)
          void this.connection.sendNotification(OPEN_SETTINGS, { query: SETTINGS_SECTION });
      },
      () => undefined,
    );
  }

  settingsChanged(): void {
    this.settingsLogged.clear();
    this.settings.clear();
  }

  /** The workspace folder paths; a configuration file is looked for only inside them. */
  private openTerraformFiles(): string[] {
    return this.documents
      .all()
      .map((d) => uriToPath(d.uri))
      .filter((p): p is string => !!p && TERRAFORM_FILE.test(p));
  }

  private roots(): string[] {
    return this.folders.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  }

  /** Reports a configuration file read for the first time (or again after it changed). */
  private reportConfig(load: ConfigLoad): void {
    if (load.error) {
      this.log(`cannot read ${load.file}: ${load.error.message}`);
      return;
    }
    const diagnostics: Diagnostic[] = load.problems.map((p) => ({
      range: p.range,
      severity: DiagnosticSeverity.Warning,
      source: SOURCE,
      message: p.message,
    }));
    void this.connection.sendDiagnostics({ uri: pathToFileURL(load.file).toString(), diagnostics });
    for (const p of diagnostics)
      this.log(`${load.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
  }

  /** Watched configuration files changed (none named: the workspace folders changed, forget them all). */
  configFilesChanged(files: string[]): void {
    this.workspace.invalidateConfig(files.length ? files : undefined);
  }

  tfvarsChanged(dir?: string): void {
    this.workspace.invalidateTfvars(dir);
  }

  /** A Terraform file changed on disk (created, changed, deleted): its folder's declarations are read again. */
  moduleFilesChanged(dir?: string): void {
    this.workspace.invalidateModuleFiles(dir);
  }

  /** The text an open document holds for a path (it wins over the disk's for the other files' values). */
  private openText(file: string): string | undefined {
    for (const d of this.documents.all()) if (uriToPath(d.uri) === file) return d.getText();
    return undefined;
  }

  /**
   * A Terraform document changed (or closed): the other open Terraform documents of its folder may use
   * its variables and locals, the open files that call its folder as a module see its clients, and the
   * open files of the modules it calls are checked with its values, so they are checked again; nothing
   * else is.
   */
  siblingsChanged(uri: string, debounceMs: number): void {
    const file = uriToPath(uri);
    if (!file || !TERRAFORM_FILE.test(file)) return;
    const dir = path.dirname(file);
    const callers = new Set(this.workspace.callersOf(dir));
    const callees = new Set(this.workspace.calleesOf(file, this.openText(file)));
    for (const d of this.documents.all()) {
      if (d.uri === uri) continue;
      const f = uriToPath(d.uri);
      if (!f || !TERRAFORM_FILE.test(f)) continue;
      // the files of its folder, the files that call that folder as a module, and those of the modules
      // it calls (checked with its values too)
      if (path.dirname(f) !== dir && !callers.has(f) && !callees.has(path.dirname(f))) continue;
      this.cache.delete(d.uri);
      this.schedule(d, debounceMs);
    }
  }

  /** Editor settings override the workspace file, which overrides the defaults. */
  configFor(uri: string, s: Settings): Config {
    const file = uriToPath(uri);
    const found = file ? this.workspace.configFor(file) : undefined;
    if (found?.firstRead) this.reportConfig(found.load);
    const base = found?.load.config ?? defaultConfig();
    return {
      rules: { ...base.rules, ...s.rules },
      maxAccessTokenMinutes: s.maxAccessTokenMinutes ?? base.maxAccessTokenMinutes,
      maxRefreshTokenDays: s.maxRefreshTokenDays ?? base.maxRefreshTokenDays,
      authorizationAttributePatterns: s.authorizationAttributePatterns ?? base.authorizationAttributePatterns,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Analysis

  /** The analysis of a document's current version (computed once per version). */
  async analysisOf(doc: TextDocument): Promise<Analysis> {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) {
      this.cache.delete(doc.uri); // most recently used last
      this.cache.set(doc.uri, hit);
      return hit.analysis;
    }
    const s = await this.settingsFor(doc.uri);
    const started = performance.now();
    const text = doc.getText();
    const file = uriToPath(doc.uri) ?? doc.uri;
    const fileName = file;
    let analysis: Analysis;
    if (text.length > s.maxFileSizeKb * 1024) {
      analysis = analyze('', fileName);
      analysis.reason = `the file is larger than the ${s.maxFileSizeKb} KB limit (cognitoGuard.maxFileSizeKb)`;
    } else {
      analysis = analyze(text, fileName, await this.optionsFor(doc));
      for (const e of analysis.internalErrors) this.log(`internal error in ${e.where}: ${e.message}`);
    }
    const ms = performance.now() - started;
    this.idle.worked();
    this.cache.delete(doc.uri);
    this.cache.set(doc.uri, { version: doc.version, analysis, ms });
    // Keep the analyses of the documents worked on last; the others are analysed again when asked
    // (a hover or code action there), which keeps memory flat with many open documents.
    while (this.cache.size > MAX_CACHED) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return analysis;
  }

  /** Is the document too large to analyse (and so to fix)? */
  async tooLarge(doc: TextDocument): Promise<boolean> {
    const s = await this.settingsFor(doc.uri);
    return doc.getText().length > s.maxFileSizeKb * 1024;
  }

  /** What the engine needs besides the text: the configuration in force and the tfvars beside the file. */
  async optionsFor(doc: TextDocument): Promise<AnalyzeOptions> {
    const s = await this.settingsFor(doc.uri);
    const file = uriToPath(doc.uri);
    const inputs = file ? this.workspace.inputsFor(file, doc.getText()) : {};
    if (file && inputs.tfvars && s.terraformVarFiles.length) {
      const base = this.roots().find((r) => file.startsWith(r + path.sep)) ?? path.dirname(file);
      const read = this.workspace.readVarFiles(s.terraformVarFiles.map((f) => path.resolve(base, f)));
      for (const p of read.problems) {
        if (this.reported.has(p)) continue;
        this.reported.add(p);
        this.log(p);
      }
      inputs.tfvars = [...inputs.tfvars, ...read.files];
    }
    return { config: this.configFor(doc.uri, s), ...inputs };
  }

  /** Analyses now and publishes diagnostics; a failure is logged, never fatal to the server. */
  async validate(doc: TextDocument): Promise<void> {
    try {
      await this.validateUnsafe(doc);
    } catch (err) {
      this.log(`could not check ${doc.uri}: ${(err as Error).stack ?? String(err)}`);
    }
  }

  private async validateUnsafe(doc: TextDocument): Promise<void> {
    const s = await this.settingsFor(doc.uri);
    if (!s.enable) {
      this.clear(doc.uri);
      // the status says "off" on what would be checked; no analysis, only the cheap look at the text
      const kind = fileKind(doc.uri, doc.getText());
      const template = kind !== undefined && mentionsClient(kind, doc.getText());
      void this.connection.sendNotification('cognitoGuard/status', {
        uri: doc.uri,
        enabled: false,
        isTemplate: template,
        reason: 'cognitoGuard.enable is false',
        clients: 0,
        findings: 0,
        ms: 0,
      });
      return;
    }
    const version = doc.version;
    const a = await this.analysisOf(doc);
    const current = this.documents.get(doc.uri);
    if (!current || current.version !== version) return; // a newer edit will publish
    const diagnostics = a.findings.map(toDiagnostic);
    if (a.reason.startsWith('the file is larger than')) {
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        message: `cognito-guard skipped this file: ${a.reason}.`,
      });
    }
    await this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
    // say once per template (and when it changes) why it is one, or why it was skipped (too large to
    // look at); files found not to be templates (package.json, a Kubernetes manifest) get no line
    const skipped = a.reason.startsWith('the file is larger than');
    if ((a.isTemplate || skipped) && this.reasons.get(doc.uri) !== a.reason) {
      this.reasons.set(doc.uri, a.reason);
      this.log(`${doc.uri}: ${a.isTemplate ? 'checked' : 'not checked'}: ${a.reason}`);
    }
    const hit = this.cache.get(doc.uri);
    void this.connection.sendNotification('cognitoGuard/status', {
      uri: doc.uri,
      enabled: true,
      isTemplate: a.isTemplate,
      reason: a.reason,
      clients: a.model?.clients.length ?? 0,
      findings: a.findings.length,
      ms: Math.round((hit?.ms ?? 0) * 10) / 10,
    });
  }

  /** Validation after an edit, debounced (0 ms means right away). */
  schedule(doc: TextDocument, debounceMs: number): void {
    const old = this.timers.get(doc.uri);
    if (old) clearTimeout(old);
    if (debounceMs <= 0) {
      this.timers.delete(doc.uri);
      void this.validate(doc);
      return;
    }
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        const current = this.documents.get(doc.uri);
        if (current) void this.validate(current);
      }, debounceMs),
    );
  }

  clear(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.cache.delete(uri);
    this.opened.delete(uri);
    this.settings.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  revalidateAll(): void {
    this.cache.clear();
    for (const d of this.documents.all()) void this.validate(d);
  }
}
