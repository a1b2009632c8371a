/**
 * Which files the command line checks and how it reads them: directories walked (some skipped), files
 * picked by their ending, files over the size limit reported instead of read, invalid UTF-8 replaced and said.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, fileKind, type Analysis } from '../engine/analyze';
import { SYNTAX_RULE } from '../rules';
import { UsageError } from './args';
import type { Io } from './io';
import { displayPath, reason } from './util';

const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn', '.serverless', '.aws-sam']);
const CANDIDATE = /\.(tf|tf\.json|ya?ml|json|template)$/i;
/** `.template` (the CloudFormation console's ending) says nothing of the syntax: read as YAML or JSON by its content. */
const TEMPLATE = /\.template$/i;

export interface Collected {
  files: string[];
  unreadable: string[];
}

/** Walks the given paths. Explicit files are always checked; directory entries by their ending. */
export function collectFiles(paths: string[]): Collected {
  const files: string[] = [];
  const unreadable: string[] = [];
  const seenDirs = new Set<string>();
  const walk = (dir: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (err) {
      unreadable.push(`${dir}: ${reason(err)}`);
      return;
    }
    if (seenDirs.has(real)) return; // a symlink loop or a directory reached twice
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      unreadable.push(`${dir}: ${reason(err)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link is not a file to check
        }
      }
      if (isDir) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (isFile && CANDIDATE.test(e.name) && (fileKind(e.name) !== undefined || TEMPLATE.test(e.name))) {
        files.push(p);
      }
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (err) {
      throw new UsageError(`cannot read ${p}: ${reason(err)}`);
    }
    if (st.isDirectory()) walk(p);
    else if (st.isFile()) files.push(p);
    else throw new UsageError(`cannot read ${p}: it is not a regular file or a directory`);
  }
  return { files: [...new Set(files)], unreadable };
}

/** A collected file read: its text, its report entry when it is over the size limit, or why it cannot be read. */
export type ReadResult = { text: string } | { skipped: Analysis } | { unreadable: string };

/** Reads one collected file (as UTF-8; invalid bytes are replaced, and said so on standard error). */
export function readCollected(file: string, maxFileSizeKb: number, io: Io): ReadResult {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > maxFileSizeKb * 1024) {
      return {
        skipped: skipped(
          file,
          `This file (${Math.round(size / 1024)} KB) is larger than the ${maxFileSizeKb} KB limit and was not checked; raise --max-file-size to check it.`,
        ),
      };
    }
    const bytes = fs.readFileSync(file);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      io.stderr(`cognito-guard: ${displayPath(file, io.cwd)}: not valid UTF-8; invalid bytes are read as U+FFFD\n`);
      text = new TextDecoder('utf-8').decode(bytes);
    }
  } catch (err) {
    return { unreadable: `${file}: ${reason(err)}` };
  }
  return { text };
}

/** The report entry of a file that was not analysed because of its size. */
function skipped(file: string, message: string): Analysis {
  const a = analyze('', file);
  a.isTemplate = true;
  a.reason = 'skipped: larger than the size limit';
  a.findings = [
    {
      ruleId: SYNTAX_RULE.id,
      severity: 'info',
      message,
      span: { start: 0, end: 0 },
      range: a.lines.range({ start: 0, end: 0 }),
      fixes: [],
    },
  ];
  return a;
}
