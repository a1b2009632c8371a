/**
 * The command line's run: arguments, files, configuration, fixes, analysis, report, exit code. Exits 1
 * when a finding reaches `--fail-on`, 2 on bad usage, an unreadable path or a fix that cannot be written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis, type AnalyzeOptions } from '../engine/analyze';
import { verifiedFindings } from '../engine/verify';
import { ModuleRuns } from '../engine/modules';
import type { Severity } from '../core/rule';
import { Workspace } from '../workspace/workspace';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { collectFiles, readCollected, type Collected } from './collect';
import { ConfigFinder } from './config';
import { fixFile } from './fix';
import { formatJson } from './format/json';
import type { Report } from './format/report';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { defaultIo, type Io } from './io';
import { placePlanFindings } from './plan';
import { reason } from './util';
import { version } from '../workspace/version';
import type { SiblingFile } from '../parse/terraform';

/**
 * `--var-file` files read, and `--var NAME=VALUE` as one-line variable files, in the order given. A
 * value that starts with `[` or `{` is an HCL expression (a list, a map), a number or bool is itself,
 * anything else a string, as Terraform reads a -var for a variable of that type.
 */
export function commandLineVars(vars: CliOptions['vars']): SiblingFile[] {
  return vars.map((v) => {
    if ('file' in v) {
      let text: string;
      try {
        if (!fs.statSync(v.file).isFile()) throw new Error('it is not a regular file');
        text = fs.readFileSync(v.file, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read --var-file ${v.file}: ${reason(err)}`);
      }
      return { fileName: v.file, text, explicit: true };
    }
    const raw = v.value.trim();
    const literal =
      /^[[{]/.test(raw) || /^-?\d+(\.\d+)?$/.test(raw) || raw === 'true' || raw === 'false'
        ? raw
        : JSON.stringify(v.value).replace(/([$%])\{/g, (_, c: string) => `${c}${c}{`);
    return { fileName: '--var', text: `${v.name} = ${literal}\n`, explicit: true };
  });
}

const SEVERITY_RANK: Record<Severity | 'none', number> = { info: 1, warning: 2, error: 3, none: 99 };

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let opts: CliOptions;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (parsed === 'version') {
      io.stdout(version() + '\n');
      return 0;
    }
    opts = parsed;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`cognito-guard: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  let collected: Collected;
  try {
    collected = collectFiles(opts.paths);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`cognito-guard: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  let explicitVars: SiblingFile[];
  try {
    explicitVars = commandLineVars(opts.vars);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`cognito-guard: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // the paths checked are also where the callers of a module are looked for
  const scanRoots = opts.paths.map((p) => path.resolve(p));
  const workspace = new Workspace({ configFile: opts.config, scanRoots: () => scanRoots, stableFiles: true });
  const configs = new ConfigFinder(workspace, opts.rules, io.stderr);
  if (opts.config) {
    try {
      configs.explicit(opts.config);
    } catch (err) {
      if (err instanceof UsageError) {
        io.stderr(`cognito-guard: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
  }
  const results: Analysis[] = [];
  // a module file and its callers checked in one run share each call's analysis
  const moduleRuns = new ModuleRuns();
  const unreadable = [...collected.unreadable];
  let writeFailed = false;
  for (const file of collected.files) {
    const read = readCollected(file, opts.maxFileSizeKb, io);
    if ('skipped' in read) {
      results.push(read.skipped);
      continue;
    }
    if ('unreadable' in read) {
      unreadable.push(read.unreadable);
      continue;
    }
    let text = read.text;
    const config = configs.forFile(file);
    const inputs = workspace.inputsFor(file, text);
    const options: AnalyzeOptions = {
      ...inputs,
      moduleRuns,
      ...(inputs.tfvars ? { tfvars: [...inputs.tfvars, ...explicitVars] } : {}),
      config,
    };
    if (opts.fix !== 'off') {
      const fixed = fixFile(file, text, options, opts.fix === 'dry-run', io);
      if (fixed.failed) writeFailed = true;
      // a module file fixed on disk: its callers checked later read the new text
      if (fixed.text !== text && opts.fix !== 'dry-run')
        workspace.invalidateModuleFiles(path.dirname(path.resolve(file)));
      text = fixed.text;
    }
    const a = analyze(text, file, options);
    // The fixes shown in JSON and SARIF are only those that keep their promise.
    if (opts.format !== 'text') a.findings = verifiedFindings(text, file, options, a);
    for (const e of a.internalErrors) io.stderr(`cognito-guard: internal error in ${e.where}: ${e.message}\n`);
    results.push(a);
  }
  for (const u of unreadable) io.stderr(`cognito-guard: cannot read ${u}\n`);
  if (writeFailed) return 2;
  const report: Report = { results: placePlanFindings(results, io.cwd), cwd: io.cwd };
  const color = opts.color && !opts.output && io.isTTY && !io.env.NO_COLOR && opts.format === 'text';
  const text =
    opts.format === 'json'
      ? formatJson(report)
      : opts.format === 'sarif'
        ? formatSarif(report)
        : formatText(report, color);
  if (opts.fix === 'dry-run') {
    // only the diff goes to standard output, so that it can be applied with patch
  } else if (opts.output) {
    try {
      fs.writeFileSync(opts.output, text);
    } catch (err) {
      io.stderr(`cognito-guard: cannot write ${opts.output}: ${reason(err)}\n`);
      return 2;
    }
  } else io.stdout(text);
  if (unreadable.length) return 2;
  const threshold = SEVERITY_RANK[opts.failOn];
  const failing = results.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold));
  return failing ? 1 : 0;
}
