/**
 * The module-resolution figure: a repository of 20 stacks that make 200 module calls into 5 local
 * modules (one of them nested), analysed as the command line does (module calls followed, module files
 * checked with their callers' values) against the same files analysed one by one, in one process,
 * interleaved.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../server/src/engine/analyze';
import { ModuleRuns } from '../server/src/engine/modules';
import { clearParseCache } from '../server/src/parse/terraform';
import { clearClientCache } from '../server/src/engine/client-cache';
import { Workspace } from '../server/src/workspace/workspace';
import { median } from './stats';

export const MODULE_STACKS = 20;
export const CALLS_PER_STACK = 10;
const MODULES = 5;

const FLOWS = [
  '["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]',
  '["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]',
  '["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]',
];

function moduleText(i: number): string {
  const nested =
    i === MODULES - 1
      ? `
module "inner" {
  source       = "../client-0"
  name         = "\${var.name}-inner"
  pool_id      = var.pool_id
  flows        = var.flows
  refresh_days = var.refresh_days
  callbacks    = var.callbacks
  clients      = var.clients
}
`
      : '';
  return `variable "name" {
  type = string
}

variable "pool_id" {
  type = string
}

variable "flows" {
  type    = list(string)
  default = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
}

variable "refresh_days" {
  type    = number
  default = 30
}

variable "callbacks" {
  type    = list(string)
  default = []
}

variable "clients" {
  type    = any
  default = []
}

locals {
  clients = { for c in var.clients : c.name => c }
}

resource "aws_cognito_user_pool_client" "main" {
  name                          = var.name
  user_pool_id                  = var.pool_id
  explicit_auth_flows           = var.flows
  refresh_token_validity        = var.refresh_days
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
  allowed_oauth_flows           = length(var.callbacks) > 0 ? ["code"] : null
  allowed_oauth_scopes          = length(var.callbacks) > 0 ? ["openid", "email"] : null
  callback_urls                 = length(var.callbacks) > 0 ? var.callbacks : null
  allowed_oauth_flows_user_pool_client = length(var.callbacks) > 0
  supported_identity_providers  = ["COGNITO"]

  token_validity_units {
    refresh_token = "days"
  }
}

resource "aws_cognito_user_pool_client" "extra" {
  for_each = local.clients

  name                          = each.key
  user_pool_id                  = var.pool_id
  explicit_auth_flows           = lookup(each.value, "explicit_auth_flows", ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
  refresh_token_validity        = try(each.value.refresh_token_validity, 30)
  prevent_user_existence_errors = lookup(each.value, "prevent_user_existence_errors", "ENABLED")
}
${nested}`;
}

/** The clients one module call makes, written out with the values it passes (the same checks, no modules). */
function inlinedCall(n: number, name: string, flows: string, days: number, cb: string, extra: boolean): string {
  const main = (suffix: string, nm: string): string => `resource "aws_cognito_user_pool_client" "main_${n}${suffix}" {
  name                          = "${nm}"
  user_pool_id                  = aws_cognito_user_pool.pool.id
  explicit_auth_flows           = ${flows}
  refresh_token_validity        = ${days}
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
  allowed_oauth_flows           = ["code"]
  allowed_oauth_scopes          = ["openid", "email"]
  callback_urls                 = ${cb}
  allowed_oauth_flows_user_pool_client = true
  supported_identity_providers  = ["COGNITO"]

  token_validity_units {
    refresh_token = "days"
  }
}
`;
  const extras = (suffix: string): string =>
    extra
      ? `resource "aws_cognito_user_pool_client" "extra_${n}${suffix}_a" {
  name                          = "svc-${n}-a"
  user_pool_id                  = aws_cognito_user_pool.pool.id
  explicit_auth_flows           = ${flows}
  refresh_token_validity        = 30
  prevent_user_existence_errors = "ENABLED"
}

resource "aws_cognito_user_pool_client" "extra_${n}${suffix}_b" {
  name                          = "svc-${n}-b"
  user_pool_id                  = aws_cognito_user_pool.pool.id
  explicit_auth_flows           = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  refresh_token_validity        = 30
  prevent_user_existence_errors = "LEGACY"
}
`
      : '';
  const nested = n % MODULES === MODULES - 1 ? main('_inner', `${name}-inner`) + extras('_inner') : '';
  return main('', name) + extras('') + nested;
}

function stackText(s: number, inline = false): string {
  const calls: string[] = [];
  for (let c = 0; c < CALLS_PER_STACK; c++) {
    const n = s * CALLS_PER_STACK + c;
    const flows = FLOWS[n % FLOWS.length] as string;
    const days = n % 7 === 0 ? 3650 : 30;
    const cb = n % 4 === 0 ? '["http://app.example.com/callback"]' : `["https://app${n}.example.com/callback"]`;
    const extra =
      n % 3 === 0
        ? `
  clients = [
    { name = "svc-${n}-a", explicit_auth_flows = ${flows} },
    { name = "svc-${n}-b", prevent_user_existence_errors = "LEGACY" },
  ]`
        : '';
    if (inline) {
      calls.push(inlinedCall(n, `stack-${s}-client-${c}`, flows, days, cb, n % 3 === 0));
      continue;
    }
    calls.push(`module "client_${c}" {
  source       = "../../modules/client-${n % MODULES}"
  name         = "stack-${s}-client-${c}"
  pool_id      = aws_cognito_user_pool.pool.id
  flows        = ${flows}
  refresh_days = ${days}
  callbacks    = ${cb}${extra}
}
`);
  }
  return `resource "aws_cognito_user_pool" "pool" {
  name = "stack-${s}"
}

${calls.join('\n')}`;
}

/**
 * Writes the repository (again, the same bytes each time); returns its Terraform files, and the texts of
 * the same stacks with every module call's clients written out in place.
 */
export function generateModuleRepo(dir: string): { files: string[]; inlined: Array<[string, string]> } {
  const inlined: Array<[string, string]> = [];
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}-inlined`, { recursive: true, force: true });
  const files: string[] = [];
  for (let i = 0; i < MODULES; i++) {
    const f = path.join(dir, 'modules', `client-${i}`, 'main.tf');
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, moduleText(i));
    files.push(f);
  }
  for (let s = 0; s < MODULE_STACKS; s++) {
    const f = path.join(dir, 'stacks', `env-${s}`, 'main.tf');
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, stackText(s));
    files.push(f);
    inlined.push([path.join(`${dir}-inlined`, `env-${s}`, 'main.tf'), stackText(s, true)]);
  }
  return { files, inlined };
}

export interface ModuleFigure {
  /** Median of the per-pair ratios of CPU time: resolved / the clients written out, one file at a time. */
  ratio: number;
  resolvedMs: number;
  inlinedMs: number;
  /** The repository's own files one by one, no call followed (the stacks then hold no client to check). */
  asWrittenMs: number;
  resolvedFindings: number;
  inlinedFindings: number;
}

function cpu(fn: () => number): { ms: number; findings: number } {
  const c0 = process.cpuUsage();
  const findings = fn();
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, findings };
}

/**
 * Resolved: as the command line does, a fresh workspace each time (nothing cached from the run before),
 * every file read from disk. Against it, in the same process and interleaved: the same repository with
 * every call's clients written out in its stack, each file analysed on its own (the cost of checking the
 * same clients without resolution), and the repository's files one by one as they are.
 */
export function moduleResolution(
  dir: string,
  repo: { files: string[]; inlined: Array<[string, string]> },
  iterations: number,
  gc: () => void,
): ModuleFigure {
  // both read the files they check from disk, as the command line does
  for (const [f, t] of repo.inlined) {
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, t);
  }
  const moduleFiles = repo.files.filter((f) => f.includes(`${path.sep}modules${path.sep}`));
  // each run starts as a fresh process would: nothing parsed yet
  const oneByOne = (list: readonly string[]) => (): number => {
    clearParseCache();
    clearClientCache();
    return list.reduce((n, f) => n + analyze(fs.readFileSync(f, 'utf8'), f, {}).findings.length, 0);
  };
  const asWritten = oneByOne(repo.files);
  const inlined = oneByOne([...moduleFiles, ...repo.inlined.map(([f]) => f)]);
  const resolved = (): number => {
    clearParseCache();
    clearClientCache();
    const ws = new Workspace({ scanRoots: () => [dir], stableFiles: true });
    const moduleRuns = new ModuleRuns();
    return repo.files.reduce((n, f) => {
      const t = fs.readFileSync(f, 'utf8');
      return n + analyze(t, f, { ...ws.inputsFor(f, t), moduleRuns }).findings.length;
    }, 0);
  };
  const warm = performance.now();
  for (let i = 0; i < 3 || performance.now() - warm < 2000; i++) {
    inlined();
    resolved();
  }
  gc();
  const ratios: number[] = [];
  const r: number[] = [];
  const o: number[] = [];
  const w: number[] = [];
  let rf = 0;
  let of = 0;
  for (let i = 0; i < iterations; i++) {
    // alternate which goes first, so that neither always pays for the other's garbage
    const first = i % 2 === 0;
    const a = first ? cpu(resolved) : undefined;
    const b = cpu(inlined);
    const c = a ?? cpu(resolved);
    w.push(cpu(asWritten).ms);
    r.push(c.ms);
    o.push(b.ms);
    ratios.push(c.ms / b.ms);
    rf = c.findings;
    of = b.findings;
  }
  return {
    ratio: median(ratios),
    resolvedMs: median(r),
    inlinedMs: median(o),
    asWrittenMs: median(w),
    resolvedFindings: rf,
    inlinedFindings: of,
  };
}
