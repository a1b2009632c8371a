/**
 * The other Terraform files of a file's folder: one module, whose variables and locals every file of it
 * may use. Each file's declarations are parsed once per text and kept until the folder is said to have
 * changed; an open editor's text of a file wins over the disk's.
 */
import * as path from 'node:path';
import type { ModuleSource } from '../engine/modules';
import { terraformDeclarations, terraformModuleSources, type ModuleFile, type SiblingFile } from '../parse/terraform';
import { isRegularFile, nodeFs, type WorkspaceFs } from './fs';

const TERRAFORM_FILE = /\.tf(\.json)?$/i;
/** A sibling larger than this is not read for declarations (a generated file, not a module's source). */
export const MAX_MODULE_FILE_BYTES = 2 * 1024 * 1024;
/** Module calls followed per file. */
const MAX_MODULE_CALLS = 200;
/** Modules followed inside modules, below the file checked (Terraform has no limit; real trees stay under 5). */
export const MAX_MODULE_DEPTH = 8;
/** Terraform files read when looking for the callers of a module. */
const MAX_SCANNED_FILES = 5000;
const MAX_SCAN_DEPTH = 12;

export class ModuleFilesCache {
  /** The Terraform files of each folder, by name, until `forget`. */
  private readonly namesByDir = new Map<string, string[]>();
  /** Each file's declarations, for the text they were read from. */
  private readonly decls = new Map<string, { text: string; decl: ModuleFile }>();

  constructor(
    private readonly io: WorkspaceFs = nodeFs,
    private readonly openText: (file: string) => string | undefined = () => undefined,
    /** Read a file on disk once, until its folder is forgotten (see `WorkspaceOptions.stableFiles`). */
    private readonly stable = false,
  ) {}

  /** The declarations of the other `.tf` and `.tf.json` files beside `file`. */
  get(file: string): ModuleFile[] {
    const dir = path.dirname(file);
    const self = path.basename(file);
    const out: ModuleFile[] = [];
    for (const name of this.names(dir)) {
      if (name === self) continue;
      const full = path.join(dir, name);
      const text = this.openText(full) ?? this.read(full);
      if (text === undefined) continue;
      const hit = this.decls.get(full);
      if (hit && hit.text === text) {
        out.push(hit.decl);
        continue;
      }
      const decl = terraformDeclarations(text, full);
      this.decls.set(full, { text, decl });
      out.push(decl);
    }
    return out;
  }

  /** The text of every `.tf` and `.tf.json` file of a folder (a called module's source). */
  texts(dir: string): SiblingFile[] {
    const out: SiblingFile[] = [];
    for (const name of this.names(dir)) {
      const full = path.join(dir, name);
      const text = this.openText(full) ?? this.read(full);
      if (text !== undefined) out.push({ fileName: full, text });
    }
    return out;
  }

  /** A Terraform file's text: the editor's when it is open, else the disk's (undefined when unreadable). */
  textOf(file: string): string | undefined {
    return this.openText(file) ?? this.read(file);
  }

  /** Module calls of a file, parsed once per text. */
  private readonly calls = new Map<string, { text: string; calls: Array<{ name: string; source: string }> }>();
  /** `.terraform/modules/modules.json` of a folder (written by `terraform init`): module key to folder. */
  private readonly manifests = new Map<string, Map<string, string>>();
  /** The files that call each module folder (to check them again when the module changes). */
  readonly callersByDir = new Map<string, Set<string>>();

  /**
   * The modules a Terraform file calls, with their files: local sources (`./x`, `../x`) relative to the
   * file, others through the folder's `.terraform/modules/modules.json` when `terraform init` wrote it
   * (nothing is fetched). A call of the file's own folder is left out (it would call itself).
   */
  modulesFor(file: string, text: string, stack: readonly string[] = []): Record<string, ModuleSource> {
    const here = path.dirname(file);
    const out: Record<string, ModuleSource> = {};
    for (const c of this.resolveCalls(file, text)) {
      // a module that calls itself, directly or through others, is followed once (Terraform rejects it)
      if (stack.includes(c.dir)) continue;
      const files = this.texts(c.dir);
      if (!files.length) continue;
      const source: ModuleSource = { dir: c.dir, files };
      if (stack.length < MAX_MODULE_DEPTH) {
        const calls: Record<string, Record<string, ModuleSource>> = {};
        for (const f of files) {
          const inner = this.modulesFor(f.fileName, f.text, [...stack, here]);
          if (Object.keys(inner).length) calls[f.fileName] = inner;
        }
        if (Object.keys(calls).length) source.calls = calls;
      }
      out[c.name] = source;
    }
    return out;
  }

  /**
   * The module calls of a file whose folder can be found: local sources (`./x`, `../x`) relative to the
   * file, others through `.terraform/modules/modules.json`. Each is remembered as a caller of its folder.
   */
  resolveCalls(file: string, text: string): Array<{ name: string; dir: string }> {
    let hit = this.calls.get(file);
    if (!hit || hit.text !== text) {
      hit = { text, calls: text.includes('module') ? terraformModuleSources(text, file) : [] };
      this.calls.set(file, hit);
    }
    const here = path.dirname(file);
    const out: Array<{ name: string; dir: string }> = [];
    // the folders this file called before and no longer calls lose it as a caller
    for (const d of this.calledBy.get(file) ?? []) this.callersByDir.get(d)?.delete(file);
    const now = new Set<string>();
    this.calledBy.set(file, now);
    for (const c of hit.calls.slice(0, MAX_MODULE_CALLS)) {
      const local = /^\.\.?([\\/]|$)/.test(c.source);
      const installed = local ? undefined : this.manifest(here).get(c.name);
      const dir = local ? path.resolve(here, c.source) : installed && path.resolve(here, installed);
      if (!dir || dir === here) continue;
      let callers = this.callersByDir.get(dir);
      if (!callers) this.callersByDir.set(dir, (callers = new Set()));
      callers.add(file);
      now.add(dir);
      out.push({ name: c.name, dir });
    }
    return out;
  }

  /** The folders each file calls (to drop it as a caller when it stops calling one). */
  private readonly calledBy = new Map<string, Set<string>>();

  /** The module folders a file was last seen calling. */
  calleesOf(file: string): string[] {
    return [...(this.calledBy.get(file) ?? [])];
  }
  /** The roots whose Terraform files were looked through for module calls. */
  private readonly scannedRoots = new Set<string>();
  /** Folders whose files changed since the roots were looked through: looked at again on the next scan. */
  private readonly dirtyDirs = new Set<string>();

  /**
   * Looks through the Terraform files under `roots` (once per root until something changes) for module
   * calls, so the callers of a module are known before they are opened or checked. Hidden folders
   * (`.terraform`, `.git`) and `node_modules` are skipped; at most `MAX_SCANNED_FILES` files are read.
   */
  scanForCallers(roots: readonly string[]): void {
    let budget = MAX_SCANNED_FILES;
    const walk = (dir: string, depth: number): void => {
      if (budget <= 0 || depth > MAX_SCAN_DEPTH) return;
      let names: string[];
      try {
        names = this.io.readDir(dir).sort();
      } catch {
        return;
      }
      for (const n of names) {
        if (budget <= 0) return;
        const full = path.join(dir, n);
        if (TERRAFORM_FILE.test(n)) {
          const text = this.openText(full) ?? this.read(full);
          budget--;
          if (text !== undefined && text.includes('module')) this.resolveCalls(full, text);
          continue;
        }
        if (n.startsWith('.') || n === 'node_modules') continue;
        let isDir = false;
        try {
          isDir = this.io.stat(full).isDirectory();
        } catch {
          // a dangling link: nothing to look through
        }
        if (isDir) walk(full, depth + 1);
      }
    };
    for (const d of this.dirtyDirs) {
      for (const n of this.names(d)) {
        const full = path.join(d, n);
        const text = this.openText(full) ?? this.read(full);
        this.resolveCalls(full, text ?? '');
      }
    }
    this.dirtyDirs.clear();
    for (const r of roots) {
      if (this.scannedRoots.has(r)) continue;
      this.scannedRoots.add(r);
      let isDir = false;
      try {
        isDir = this.io.stat(r).isDirectory();
      } catch {
        continue;
      }
      if (isDir) walk(r, 0);
      else if (TERRAFORM_FILE.test(r)) {
        const text = this.openText(r) ?? this.read(r);
        if (text !== undefined && text.includes('module')) this.resolveCalls(r, text);
      }
    }
  }

  /**
   * The Terraform files of a module of a plan's configuration, by its call path from the root module: the
   * root module is the plan file's folder; a local source is relative to its caller's folder, any other
   * source is found through the root's `.terraform/modules/modules.json` (keys `a.b`). None when unknown.
   */
  planModuleFiles(planFile: string, chain: ReadonlyArray<{ name: string; source?: string }>): SiblingFile[] {
    const root = path.dirname(path.resolve(planFile));
    let dir = root;
    for (let i = 0; i < chain.length; i++) {
      const step = chain[i] as { name: string; source?: string };
      if (step.source !== undefined && /^\.\.?([\\/]|$)/.test(step.source)) dir = path.resolve(dir, step.source);
      else {
        const installed = this.manifest(root).get(
          chain
            .slice(0, i + 1)
            .map((c) => c.name)
            .join('.'),
        );
        if (installed === undefined) return [];
        dir = path.resolve(root, installed);
      }
    }
    return this.texts(dir);
  }

  private manifest(dir: string): Map<string, string> {
    let m = this.manifests.get(dir);
    if (m) return m;
    m = new Map();
    const file = path.join(dir, '.terraform', 'modules', 'modules.json');
    const text = this.read(file);
    if (text !== undefined) {
      try {
        const doc = JSON.parse(text) as { Modules?: Array<{ Key?: unknown; Dir?: unknown }> };
        for (const e of doc.Modules ?? [])
          if (typeof e.Key === 'string' && typeof e.Dir === 'string' && e.Key !== '') m.set(e.Key, e.Dir);
      } catch {
        // a broken manifest only means the installed modules are not followed
      }
    }
    this.manifests.set(dir, m);
    return m;
  }

  private names(dir: string): string[] {
    let names = this.namesByDir.get(dir);
    if (!names) {
      try {
        names = this.io
          .readDir(dir)
          .filter((n) => TERRAFORM_FILE.test(n))
          .sort();
      } catch {
        names = [];
      }
      this.namesByDir.set(dir, names);
    }
    return names;
  }

  /**
   * A file's text on disk; with stable files, read once until its folder is forgotten (the command line
   * says so after writing a fix).
   */
  private read(file: string): string | undefined {
    if (!this.stable) return this.readDisk(file);
    if (this.diskTexts.has(file)) return this.diskTexts.get(file);
    const text = this.readDisk(file);
    this.diskTexts.set(file, text);
    return text;
  }

  private readonly diskTexts = new Map<string, string | undefined>();

  private readDisk(file: string): string | undefined {
    if (!isRegularFile(file, this.io)) return undefined; // a FIFO or a device would block the read
    try {
      const text = this.io.readFile(file);
      return text.length > MAX_MODULE_FILE_BYTES ? undefined : text;
    } catch {
      return undefined; // an unreadable file only means fewer values are known
    }
  }

  /** A Terraform file in this folder (all folders when none is named) was created, changed or deleted. */
  forget(dir?: string): void {
    if (dir === undefined) {
      this.scannedRoots.clear(); // everything is looked through again
      this.diskTexts.clear();
      this.namesByDir.clear();
      this.decls.clear();
      this.manifests.clear();
      return;
    }
    this.namesByDir.delete(dir);
    for (const f of [...this.diskTexts.keys()]) if (path.dirname(f) === dir) this.diskTexts.delete(f);
    // a file of it may now call a module, or no longer; a deleted one calls nothing
    for (const [f, dirs] of this.calledBy)
      if (path.dirname(f) === dir && !this.names(dir).includes(path.basename(f)))
        for (const d of dirs) this.callersByDir.get(d)?.delete(f);
    if (this.scannedRoots.size) this.dirtyDirs.add(dir);
    this.manifests.clear(); // `terraform init` may have run
    for (const f of [...this.decls.keys()]) if (path.dirname(f) === dir) this.decls.delete(f);
  }
}
