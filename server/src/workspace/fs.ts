/**
 * The file reading the workspace does, behind an interface so that tests can hand it a fake. The only
 * implementation that touches the disk is `nodeFs`; nothing is ever written or executed.
 */
import * as fs from 'node:fs';

export interface WorkspaceFs {
  /** Does the path exist (links followed; a dangling or looping link does not)? */
  exists(p: string): boolean;
  /** What the path is, links followed. Throws (with the system's `code`) when it cannot be looked at. */
  stat(p: string): { isFile(): boolean; isDirectory(): boolean };
  /** The text of a file, as UTF-8. Throws when it cannot be read. */
  readFile(p: string): string;
  /** The names in a folder. Throws when it cannot be listed. */
  readDir(p: string): string[];
}

export const nodeFs: WorkspaceFs = {
  exists: (p) => fs.existsSync(p),
  stat: (p) => fs.statSync(p),
  readFile: (p) => fs.readFileSync(p, 'utf8'),
  readDir: (p) => fs.readdirSync(p),
};

/** Only regular files are read: reading a FIFO or a device could block forever. */
export function isRegularFile(file: string, io: WorkspaceFs = nodeFs): boolean {
  try {
    return io.stat(file).isFile();
  } catch {
    return false;
  }
}
