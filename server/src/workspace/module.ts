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

export class ModuleFilesCache {
  /** The Terraform files of each folder, by name, until `forget`. */
  private readonly namesByDir = new Map<string, string[]>();
  /** Each file's declarations, for the text they were read from. */
  private readonly decls = new Map<string, { text: string; decl: ModuleFile }>();

  constructor(
    private readonly io: WorkspaceFs = nodeFs,
    private readonly openText: (file: string) => string | undefined = () => undefined,
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
  modulesFor(file: string, text: string): Record<string, ModuleSource> {
    let hit = this.calls.get(file);
    if (!hit || hit.text !== text) {
      hit = { text, calls: text.includes('module') ? terraformModuleSources(text, file) : [] };
      this.calls.set(file, hit);
    }
    const here = path.dirname(file);
    const out: Record<string, ModuleSource> = {};
    for (const c of hit.calls.slice(0, MAX_MODULE_CALLS)) {
      const local = /^\.\.?([\\/]|$)/.test(c.source);
      const installed = local ? undefined : this.manifest(here).get(c.name);
      const dir = local ? path.resolve(here, c.source) : installed && path.resolve(here, installed);
      if (!dir || dir === here) continue;
      let callers = this.callersByDir.get(dir);
      if (!callers) this.callersByDir.set(dir, (callers = new Set()));
      callers.add(file);
      const files = this.texts(dir);
      if (files.length) out[c.name] = { dir, files };
    }
    return out;
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

  private read(file: string): string | undefined {
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
      this.namesByDir.clear();
      this.decls.clear();
      this.manifests.clear();
      return;
    }
    this.namesByDir.delete(dir);
    this.manifests.clear(); // `terraform init` may have run
    for (const f of [...this.decls.keys()]) if (path.dirname(f) === dir) this.decls.delete(f);
  }
}
