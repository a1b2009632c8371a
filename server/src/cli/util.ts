/** Small helpers of the command line's messages: paths as shown, error reasons, plurals. */
import * as path from 'node:path';

/** A path relative to the working folder, with forward slashes (the file's name for the folder itself). */
export function displayPath(p: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(p));
  return (rel === '' ? path.basename(p) : rel).split(path.sep).join('/');
}

/** Why a file could not be read, in a few words (the system's wording for the usual cases). */
export function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message ?? String(err);
}

export function plural(n: number, word: string, pluralWord = word + 's'): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
