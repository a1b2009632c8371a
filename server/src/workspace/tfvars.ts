/** Reading the variable files beside a Terraform file: the only files besides configuration we read. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SiblingFile } from '../parse/terraform';

const TFVARS = /^(terraform\.tfvars|.+\.auto\.tfvars)(\.json)?$/;

/** Only regular files are read: reading a FIFO or a device could block forever. */
export function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `terraform.tfvars` and `*.auto.tfvars` (and their `.json` forms) in a folder, by name. */
export function readTfvars(dir: string): SiblingFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: SiblingFile[] = [];
  for (const name of names.sort()) {
    if (!TFVARS.test(name)) continue;
    if (!isRegularFile(path.join(dir, name))) continue; // a FIFO or a device would block the read
    try {
      out.push({ fileName: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') });
    } catch {
      // an unreadable tfvars file only means fewer values are known
    }
  }
  return out;
}

/** The tfvars beside each Terraform file, read once per folder until `forget` says they changed. */
export class TfvarsCache {
  private readonly byDir = new Map<string, SiblingFile[]>();

  get(file: string): SiblingFile[] {
    const dir = path.dirname(file);
    let v = this.byDir.get(dir);
    if (!v) {
      v = readTfvars(dir);
      this.byDir.set(dir, v);
    }
    return v;
  }

  forget(dir?: string): void {
    if (dir) this.byDir.delete(dir);
    else this.byDir.clear();
  }
}
