/** Reading the variable files beside a Terraform file: the only files besides configuration we read. */
import * as path from 'node:path';
import type { SiblingFile } from '../parse/terraform';
import { isRegularFile, nodeFs, type WorkspaceFs } from './fs';

export { isRegularFile };

const TFVARS = /^(terraform\.tfvars|.+\.auto\.tfvars)(\.json)?$/;

/** `terraform.tfvars` and `*.auto.tfvars` (and their `.json` forms) in a folder, by name. */
export function readTfvars(dir: string, io: WorkspaceFs = nodeFs): SiblingFile[] {
  let names: string[];
  try {
    names = io.readDir(dir);
  } catch {
    return [];
  }
  const out: SiblingFile[] = [];
  for (const name of names.sort()) {
    if (!TFVARS.test(name)) continue;
    if (!isRegularFile(path.join(dir, name), io)) continue; // a FIFO or a device would block the read
    try {
      out.push({ fileName: path.join(dir, name), text: io.readFile(path.join(dir, name)) });
    } catch {
      // an unreadable tfvars file only means fewer values are known
    }
  }
  return out;
}

/** The tfvars beside each Terraform file, read once per folder until `forget` says they changed. */
export class TfvarsCache {
  private readonly byDir = new Map<string, SiblingFile[]>();

  constructor(private readonly io: WorkspaceFs = nodeFs) {}

  get(file: string): SiblingFile[] {
    const dir = path.dirname(file);
    let v = this.byDir.get(dir);
    if (!v) {
      v = readTfvars(dir, this.io);
      this.byDir.set(dir, v);
    }
    return v;
  }

  forget(dir?: string): void {
    if (dir) this.byDir.delete(dir);
    else this.byDir.clear();
  }
}
