/**
 * The command-line door: `cognito-guard [paths...]`. The program is in cli/ (arguments, file collection,
 * fixes, one file per output format, the run in cli/main.ts); this file is the entry that bin/ and the
 * esbuild bundle start from, and keeps the names other code and the tests import from it.
 */
export { parseArgs, type CliOptions } from './cli/args';
export { collectFiles } from './cli/collect';
export { formatJson } from './cli/format/json';
export { formatSarif } from './cli/format/sarif';
export { formatText } from './cli/format/text';
export type { Io } from './cli/io';
export { main } from './cli/main';
export { displayPath } from './cli/util';
export { version } from './workspace/version';
