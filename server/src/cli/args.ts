/** The command line's arguments: the options, their parsing and checking, and the help text. */
import type { RuleLevel } from '../core/config';
import type { Severity } from '../core/rule';
import { ruleIds } from '../rules';

export interface CliOptions {
  paths: string[];
  /** Files larger than this are reported as skipped, not analysed. */
  maxFileSizeKb: number;
  /** `--fix` writes safe fixes; `--fix-dry-run` prints them as a diff. */
  fix: 'off' | 'write' | 'dry-run';
  /** `--config FILE`: one configuration for every file instead of the nearest `.cognito-guard.json`. */
  config?: string;
  /** `--rule CG203=off`: severity overrides on top of the configuration. */
  rules: Record<string, RuleLevel>;
  format: 'text' | 'json' | 'sarif';
  output?: string;
  failOn: Severity | 'none';
  color: boolean;
  /** `--var-file FILE` and `--var NAME=VALUE`, in the order given (later ones win, as in Terraform). */
  vars: Array<{ file: string } | { name: string; value: string }>;
}

/** Bad usage: the message is printed after `cognito-guard: ` and the exit code is 2. */
export class UsageError extends Error {}

export const HELP = `Usage: cognito-guard [options] [paths...]

Checks Amazon Cognito user pool clients in Terraform (.tf, .tf.json) and CloudFormation
(YAML, JSON, SAM, Serverless Framework, CDK output) for invalid and insecure settings.
Directories are searched recursively (node_modules, .git and .terraform are skipped).
With no path, the current directory is checked.

Options:
  -f, --format <text|json|sarif>   output format (default: text)
  -o, --output <file>              write the report to a file instead of standard output
      --fail-on <level>            exit 1 when a finding is at least this severe:
                                   error (default), warning, info, or none
  -c, --config <file>              use this configuration instead of the nearest .cognito-guard.json
      --rule <ID=LEVEL>            set a rule's severity: off, info, warning or error (repeatable)
      --var-file <file>            Terraform variable values for every root module checked, as
                                   terraform plan -var-file takes them (repeatable)
      --var <NAME=VALUE>           one Terraform variable value, as terraform plan -var (repeatable)
      --max-file-size <KB>         skip (and report) files larger than this (default: 2048)
      --fix                        apply every safe fix in place, then report what is left
      --fix-dry-run                print the safe fixes as a unified diff instead of writing them
      --no-color                   never colour the text output
  -h, --help                       show this help
  -v, --version                    show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or unreadable path.
`;

export function parseArgs(argv: string[]): CliOptions | 'help' | 'version' {
  const opts: CliOptions = {
    paths: [],
    format: 'text',
    failOn: 'error',
    color: true,
    rules: {},
    vars: [],
    fix: 'off',
    maxFileSizeKb: 2048,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i] ?? '';
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const take = (flag: string): string => inline ?? value(++i, flag);
    switch (a) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '-f':
      case '--format': {
        const f = take(a);
        if (f !== 'text' && f !== 'json' && f !== 'sarif')
          throw new UsageError(`--format must be text, json or sarif, not "${f}"`);
        opts.format = f;
        break;
      }
      case '-o':
      case '--output':
        opts.output = take(a);
        break;
      case '--fail-on': {
        const f = take(a);
        if (!['error', 'warning', 'info', 'none'].includes(f))
          throw new UsageError(`--fail-on must be error, warning, info or none, not "${f}"`);
        opts.failOn = f as Severity | 'none';
        break;
      }
      case '-c':
      case '--config':
        opts.config = take(a);
        break;
      case '--rule': {
        const spec = take(a);
        const m = /^([A-Za-z]+\d+)=(off|info|warning|error)$/.exec(spec);
        if (!m)
          throw new UsageError(
            `--rule takes ID=LEVEL with LEVEL off, info, warning or error (for example CG203=off), not "${spec}"`,
          );
        const id = (m[1] ?? '').toUpperCase();
        if (!ruleIds().includes(id)) throw new UsageError(`--rule: ${id} is not a cognito-guard rule id`);
        opts.rules[id] = m[2] as RuleLevel;
        break;
      }
      case '--var-file':
        opts.vars.push({ file: take(a) });
        break;
      case '--var': {
        const spec = take(a);
        const m = /^([A-Za-z_][A-Za-z0-9_-]*)=([\s\S]*)$/.exec(spec);
        if (!m) throw new UsageError(`--var takes NAME=VALUE (for example refresh_days=30), not "${spec}"`);
        opts.vars.push({ name: m[1] ?? '', value: m[2] ?? '' });
        break;
      }
      case '--max-file-size': {
        const v = Number(take(a));
        if (!Number.isFinite(v) || v <= 0) throw new UsageError('--max-file-size takes a size in KB, such as 4096');
        opts.maxFileSizeKb = v;
        break;
      }
      case '--fix':
        opts.fix = 'write';
        break;
      case '--fix-dry-run':
        opts.fix = 'dry-run';
        break;
      case '--no-color':
        opts.color = false;
        break;
      case '--':
        opts.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a} (see --help)`);
        opts.paths.push(a);
    }
  }
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}
