/**
 * The other Terraform files of a file's folder: one module, whose variables and locals every file of it
 * may use. Each file's declarations are parsed once per text and kept until the folder is said to have
 * changed; an open editor's text of a file wins over the disk's.
 */
import * as path from 'node:path';
import { terraformDeclarations, type ModuleFile } from '../parse/terraform';
import { isRegularFile, nodeFs, type WorkspaceFs } from './fs';

const TERRAFORM_FILE = /\.tf(\.json)?$/i;
/** A sibling larger than this is not read for declarations (a generated file, not a module's source). */
export const MAX_MODULE_FILE_BYTES = 2 * 1024 * 1024;

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
      return;
    }
    this.namesByDir.delete(dir);
    for (const f of [...this.decls.keys()]) if (path.dirname(f) === dir) this.decls.delete(f);
  }
}
