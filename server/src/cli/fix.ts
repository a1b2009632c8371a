/** `--fix` and `--fix-dry-run`: every safe fix of a file, written in place or printed as a unified diff. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { analyze, type AnalyzeOptions } from '../engine/analyze';
import { fixAll } from '../engine/fixall';
import type { Io } from './io';
import { displayPath, plural, reason } from './util';

/**
 * Applies the safe fixes of one file. The file is written atomically (a temporary file beside it,
 * renamed over it, permissions kept), never when it has a syntax error, and never when it changed on
 * disk since it was read. Returns the text to report on.
 */
export function fixFile(
  file: string,
  text: string,
  options: AnalyzeOptions,
  dryRun: boolean,
  io: Io,
): { text: string; failed: boolean } {
  const shown = displayPath(file, io.cwd);
  const result = fixAll(text, file, options);
  if (result.refused) {
    if (
      result.refused !== 'the file has a syntax error' ||
      analyze(text, file, options).findings.some((f) => f.fixes.some((x) => x.safe))
    ) {
      io.stderr(`cognito-guard: ${shown}: not fixed: ${result.refused}\n`);
    }
    return { text, failed: false };
  }
  if (result.text === text) return { text, failed: false };
  const summary = `${plural(result.applied.length, 'fix', 'fixes')} (${[...new Set(result.applied.map((a) => a.ruleId))].join(', ')})`;
  if (dryRun) {
    io.stdout(createTwoFilesPatch(shown, shown, text, result.text, undefined, undefined, { context: 3 }));
    io.stderr(`cognito-guard: ${shown}: would apply ${summary}\n`);
    return { text: result.text, failed: false };
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.cognito-guard-${process.pid}.tmp`);
  try {
    const now = fs.readFileSync(file, 'utf8');
    if (now !== text) {
      io.stderr(`cognito-guard: ${shown}: not fixed: the file changed while it was being checked\n`);
      return { text: now, failed: false };
    }
    const mode = fs.statSync(file).mode & 0o7777;
    fs.writeFileSync(tmp, result.text, { mode });
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing to clean up
    }
    io.stderr(`cognito-guard: ${shown}: not fixed: cannot write it (${reason(err)}); the file is unchanged\n`);
    return { text, failed: true };
  }
  io.stderr(`cognito-guard: ${shown}: applied ${summary}\n`);
  return { text: result.text, failed: false };
}
