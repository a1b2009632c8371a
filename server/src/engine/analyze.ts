/**
 * The engine's entry point: text in, findings out. No I/O, no protocol types; the CLI and the language
 * server are thin doors onto this.
 */
import type { ClientResource, TemplateModel } from '../core/model';
import { ClientResults, keptReport, type KeptReport } from './client-cache';
import { cloudFormationModel, parseCloudFormation } from '../parse/cloudformation';
import { LineIndex, lineIndexOf, type Span } from '../core/text';
import { isTerraformPlan, planModel } from '../parse/plan';
import { placePlanFindings, type PlanFiles } from './plan';
import { terraformModel, type BoundVariable, type ModuleFile, type SiblingFile } from '../parse/terraform';
import {
  asCalledFindings,
  editsAtLevel,
  instanceNames,
  levelOf,
  moduleCallFindings,
  type CallerFile,
  type CallerText,
  type ModuleSource,
  CALLER_BASE,
  type ModuleRuns,
} from './modules';
import { RULES, SYNTAX_RULE, ruleIds } from '../rules';
import { defaultConfig, type Config } from '../core/config';
import { WorkMeter } from '../core/work';
import type { Fix, FixSpec } from '../core/edits';
import { renderEdits } from '../fixes/writers';
import { ignoreFixes } from './ignore';
import { findDirectives, isSuppressed } from './suppress';
import type { Finding, Rule, RuleContext, Severity } from '../core/rule';

export type FileKind = 'terraform' | 'terraform-json' | 'yaml' | 'json';

export interface AnalyzeOptions {
  /** Variable files beside a Terraform file (`terraform.tfvars`, `*.auto.tfvars`), read by the caller. */
  tfvars?: SiblingFile[];
  /** The declarations of the other Terraform files of the same folder (one module), read by the caller. */
  moduleFiles?: ModuleFile[];
  /** The files of the modules this file calls, by the module block's name, read by the caller. */
  modules?: Readonly<Record<string, ModuleSource>>;
  /** Variables of this module set by its caller (the engine's own use, for a module's files). */
  bound?: ReadonlyMap<string, BoundVariable>;
  /**
   * The files that call this file's folder as a module, read by the caller: the file is also checked with
   * each call's values, and what that brings out in this file is reported here.
   */
  calledBy?: CallerFile[];
  /** With `bound`: the texts of the files that call this module, innermost first (fixes of their values). */
  callers?: CallerText[];
  /**
   * A Terraform plan's configuration files, by module call path, read by the caller: findings on the
   * planned clients then name the configuration line they come from.
   */
  planFiles?: PlanFiles;
  /**
   * Shared by the analyses of one run (the command line's): a module file checked with a call's values
   * is analysed once for the caller and the module file.
   */
  moduleRuns?: ModuleRuns;
  /** At most this many syntax errors are reported per file (the first ones matter most). */
  maxSyntaxErrors?: number;
  /** Severities and thresholds (`.cognito-guard.json`); the defaults when absent. */
  config?: Config;
  /** Counts the work done (syntax nodes, rule checks); a fresh meter per analysis when absent. */
  meter?: WorkMeter;
}

/** A rule or parser that threw: reported once so the other rules still run. */
export interface InternalError {
  where: string;
  message: string;
}

export interface Analysis {
  fileName: string;
  kind: FileKind | undefined;
  /** Was the file analysed as a template, and why (or why not). */
  isTemplate: boolean;
  reason: string;
  model: TemplateModel | undefined;
  findings: Finding[];
  internalErrors: InternalError[];
  lines: LineIndex;
  /** The work this analysis did. */
  work: WorkMeter;
  /** Not a file read, only the place the findings of another file are reported (a plan's configuration). */
  derived?: true;
}

/** Decides the syntax from the file name; unknown endings are sniffed from the first character. */
export function fileKind(fileName: string, text?: string): FileKind | undefined {
  const f = fileName.toLowerCase();
  if (f.endsWith('.tfvars') || f.endsWith('.tfvars.json')) return undefined;
  if (f.endsWith('.tf.json')) return 'terraform-json';
  if (f.endsWith('.tf')) return 'terraform';
  if (f.endsWith('.yaml') || f.endsWith('.yml')) return 'yaml';
  if (f.endsWith('.json')) return 'json';
  if (text === undefined) return undefined;
  const first = /^\uFEFF?\s*(\S)/.exec(text)?.[1];
  return first === '{' ? 'json' : 'yaml';
}

const CLIENT_TYPE_NAMES = {
  terraform: ['aws_cognito_user_pool_client', 'aws_cognito_managed_user_pool_client'],
  cloudformation: ['AWS::Cognito::UserPoolClient'],
};

/** The cheap negative path: a file that never names a client type cannot contain one. */
export function mentionsClient(kind: FileKind, text: string, plan = false): boolean {
  const names =
    kind === 'terraform' || kind === 'terraform-json' || plan
      ? CLIENT_TYPE_NAMES.terraform
      : CLIENT_TYPE_NAMES.cloudformation;
  return names.some((n) => text.includes(n));
}

function buildModel(
  kind: FileKind,
  text: string,
  fileName: string,
  options: AnalyzeOptions,
  meter: WorkMeter,
  plan: boolean,
): TemplateModel {
  if (plan) return planModel(text, meter);
  if (kind === 'terraform' || kind === 'terraform-json')
    return terraformModel(text, fileName, options.tfvars ?? [], meter, options.moduleFiles ?? [], options.bound);
  return cloudFormationModel(parseCloudFormation(text, kind, meter));
}

export function analyze(text: string, fileName: string, options: AnalyzeOptions = {}): Analysis {
  // a module's file is analysed again for each call, with the same text: those share one line index;
  // a document being edited is a new text each time, not worth keeping (nor hashing to look up)
  const lines = options.bound || options.callers ? lineIndexOf(text) : new LineIndex(text);
  const kind = fileKind(fileName, text);
  const result: Analysis = {
    fileName,
    kind,
    isTemplate: false,
    reason: '',
    model: undefined,
    findings: [],
    internalErrors: [],
    lines,
    work: options.meter ?? new WorkMeter(),
  };
  if (!kind) {
    result.reason = 'not a Terraform, YAML or JSON file';
    return result;
  }
  const callsModules = options.modules !== undefined && Object.keys(options.modules).length > 0;
  const plan = kind === 'json' && isTerraformPlan(text);
  if (!mentionsClient(kind, text, plan) && !callsModules) {
    result.reason =
      kind === 'terraform' || kind === 'terraform-json' || plan
        ? 'no aws_cognito_user_pool_client or aws_cognito_managed_user_pool_client resource in this file'
        : 'no AWS::Cognito::UserPoolClient resource in this file';
    return result;
  }
  let model: TemplateModel;
  try {
    model = buildModel(kind, text, fileName, options, result.work, plan);
  } catch (err) {
    result.internalErrors.push({ where: `parser (${kind})`, message: errorText(err) });
    result.reason = 'the file could not be read because of an internal error';
    return result;
  }
  result.model = model;
  result.isTemplate = model.isTemplate;
  result.reason = model.reason;
  if (!model.isTemplate) return result;

  const config = options.config ?? defaultConfig();
  const findings: Finding[] = [];
  const push = (
    ruleId: string,
    severity: Severity,
    span: Span,
    message: string,
    resource?: string,
    fixes: () => Fix[] = () => [],
  ): void => {
    findings.push(
      withLazyFixes(
        {
          ruleId,
          severity,
          message: plainText(message),
          span,
          range: lines.range(span),
          ...(resource ? { resource } : {}),
        },
        fixes,
      ),
    );
  };
  /** Fixes rendered in the file the finding is in: this one (level 0) or a caller's (a module argument). */
  const render = (specs: FixSpec[] | undefined, level = 0): Fix[] => {
    const out: Fix[] = [];
    const target = level === 0 ? { text, dialect: model.dialect } : options.callers?.[level - 1];
    if (!target) return out;
    for (const s of specs ?? []) {
      const moved = editsAtLevel(s.edits, level);
      const edits = moved && renderEdits(moved, target.text, target.dialect);
      if (edits)
        out.push({
          title: plainText(s.title),
          edits,
          preferred: !!s.preferred,
          safe: s.safe,
          ...(s.reveals ? { reveals: true } : {}),
          kind: 'quickfix',
        });
    }
    return out;
  };
  const maxSyntax = options.maxSyntaxErrors ?? 20;
  for (const e of model.syntaxErrors.slice(0, maxSyntax)) {
    push(SYNTAX_RULE.id, SYNTAX_RULE.defaultSeverity, e.span, e.message);
  }
  const brokenAt = model.syntaxErrors.map((e) => e.span);
  /** The instance address of each finding made on one instance of a repeated resource. */
  const instanceOf = new Map<Finding, string>();
  // the results of rules that read only the client are kept per file and used again while the client
  // stays the same (a module's file checked with a caller's values is not one of them)
  const keptResults =
    options.bound || options.callers || plan
      ? undefined
      : new ClientResults(fileName, settingsKey(config), text, model);
  for (const client of model.clients) {
    // the parser could not read all of this client: what looks missing may sit in the unread part
    const unread = brokenAt.some((b) => b.start >= client.span.start && b.start <= client.span.end);
    const cached = unread ? undefined : keptResults?.begin(client);
    /** One finding of `rule` on this client; `fixes` describes its fixes when they are asked for. */
    const emit = (
      rule: Rule,
      span: Span,
      message: string,
      severity: Severity | undefined,
      fixes: () => FixSpec[] | undefined,
    ): void => {
      const level = levelOf(span.start);
      push(rule.id, severity ?? rule.defaultSeverity, span, message, client.name, () =>
        // a finding in a caller's file gets no suppression comment here: it is silenced there
        level === 0 ? [...render(fixes()), ...ignoreFixes(rule.id, client, text, model)] : render(fixes(), level),
      );
      const made = findings[findings.length - 1];
      if (client.instance !== undefined && made)
        instanceOf.set(made, `${client.type}.${client.name}${client.instance}`);
    };
    for (const rule of RULES) {
      if (rule.appliesTo && !rule.appliesTo.includes(client.kind)) continue;
      const kept = cached?.reuse?.get(rule.id);
      // what a rule that read the model read: kept only while it is as it was
      const read = kept?.readModel ? keptResults?.parts(rule) : undefined;
      if (kept && kept.check === rule.check && (!kept.readModel || read?.same)) {
        // the same client as in the last analysis, moved: the same findings, moved; fixes by running it again
        const base = client.span.start;
        kept.reports.forEach((r, i) => {
          const at = r.anchor < 0 ? base : (read?.spans[r.anchor]?.start ?? base);
          emit(
            rule,
            { start: r.start + at, end: r.end + at },
            r.message,
            r.severity,
            () => rerun(rule, client, model, config)[i]?.fixes,
          );
        });
        cached?.keep.set(rule.id, kept);
        result.work.nodes += 1;
        continue;
      }
      let readModel = false;
      /** Set when a report stands where it cannot be kept (outside the client and what the rule reads). */
      let unplaced = false;
      const reports: KeptReport[] = [];
      const ok = runRule(rule, client.name, result, () => {
        const ctx: RuleContext = {
          get model(): TemplateModel {
            readModel = true;
            return model;
          },
          config,
          report: (span, message, opts) => {
            const absence = opts?.absence || (span.start === client.nameSpan.start && span.end === client.nameSpan.end);
            // (a finding outside the client made from the client alone stands in a value it holds: one
            // written elsewhere, a variable's default, kept while the client is the same)
            if (!readModel || (span.start >= client.span.start && span.end <= client.span.end))
              reports.push(keptReport(span, client.span.start, message, opts?.severity, !!absence));
            else {
              // in one of the parts of the model the rule reads (the output it finds the secret in); one
              // elsewhere (in a local an output reads) is not kept
              const spans = keptResults?.parts(rule)?.spans ?? [];
              const anchor = spans.findIndex((p) => span.start >= p.start && span.end <= p.end);
              if (anchor < 0) unplaced = true;
              else
                reports.push(
                  keptReport(span, (spans[anchor] as Span).start, message, opts?.severity, !!absence, anchor),
                );
            }
            if (unread && absence) return;
            emit(rule, span, message, opts?.severity, () => opts?.fixes);
          },
        };
        rule.check(client, ctx);
      });
      if (ok && !unplaced) {
        if (!readModel) cached?.keep.set(rule.id, { check: rule.check, reports });
        else if (rule.reads && keptResults?.keepsModel) {
          // (what it read is recorded for the next analysis)
          keptResults.parts(rule);
          cached?.keep.set(rule.id, { check: rule.check, reports, readModel: true });
        }
      }
    }
  }
  keptResults?.finish();
  mergeInstances(findings, instanceOf);
  // The clients of called local modules, with the values written here.
  if (model.moduleCalls && options.modules && text.length < CALLER_BASE) {
    findings.push(
      ...moduleCallFindings(
        model.moduleCalls,
        options.modules,
        lines,
        (t, f, extra, label) => {
          const run = (): Analysis => analyze(t, f, { config, meter: result.work, ...extra });
          // a top-level caller's run is the same one its module file makes when checked with its callers
          // (a module file with no client and no module call is not checked as called: nothing to share)
          const checked = mentionsClient(kind, t) || Object.keys(extra.modules ?? {}).length > 0;
          const shared = options.moduleRuns && !options.bound && checked;
          return shared && options.moduleRuns
            ? options.moduleRuns.run(
                { moduleFile: f, moduleText: t, callerFile: fileName, callerText: text, label },
                config,
                run,
              )
            : run();
        },
        [{ text, dialect: model.dialect }, ...(options.callers ?? [])],
      ),
    );
  }
  // This file as its callers use it: what their values bring out in its own text.
  if (options.calledBy?.length && !options.bound && (kind === 'terraform' || kind === 'terraform-json')) {
    // a called module's own tfvars are not read (Terraform reads them only in the root module)
    const { calledBy, tfvars, moduleRuns, ...rest } = options;
    void calledBy;
    void tfvars;
    findings.push(
      ...asCalledFindings(
        options.calledBy,
        findings,
        lines,
        result.work,
        (bound, callers, call) => {
          const run = (): Analysis =>
            analyze(text, fileName, { ...rest, config, meter: result.work, bound: bound(), callers });
          return moduleRuns ? moduleRuns.run({ moduleFile: fileName, moduleText: text, ...call }, config, run) : run();
        },
        moduleRuns,
      ),
    );
  }
  // Suppression comments and Metadata; an id that is not a rule is pointed out.
  const known = ruleIds();
  const directives = findDirectives(text, model, lines);
  for (const d of directives) {
    for (const i of d.ids.filter((x) => !known.includes(x.id))) {
      push(
        SYNTAX_RULE.id,
        'info',
        d.comment,
        `This cognito-guard-ignore comment names ${i.id}, which is not a rule id, so it silences nothing. Check the id against the rule list.`,
      );
    }
    if (d.ids.length === 0) {
      push(
        SYNTAX_RULE.id,
        'info',
        d.comment,
        'This cognito-guard-ignore comment names no rule id, so it silences nothing. Write the ids after it, as in "cognito-guard-ignore CG101".',
      );
    }
  }
  for (const c of model.clients) {
    for (const i of c.metadataIgnore.filter((x) => !known.includes(x.id))) {
      push(
        SYNTAX_RULE.id,
        'info',
        i.span,
        `The cognito-guard Metadata of ${c.name} names ${i.id}, which is not a rule id, so it silences nothing.`,
        c.name,
      );
    }
  }
  // A finding inside a syntax error's span is made from broken text: leave it to CG000. So is one inside
  // a client setting whose value holds a syntax error (an unclosed list swallows what follows it).
  const broken = model.syntaxErrors.map((e) => e.span).filter((s) => s.end > s.start);
  for (const c of model.clients) {
    for (const p of c.props) {
      if (brokenAt.some((b) => b.start > p.value.span.start && b.start < p.value.span.end)) broken.push(p.value.span);
    }
  }
  const kept: Finding[] = [];
  for (const f of findings) {
    if (f.ruleId !== SYNTAX_RULE.id && broken.some((b) => f.span.start < b.end && b.start < f.span.end)) continue;
    if (f.ruleId !== SYNTAX_RULE.id && isSuppressed(f, directives, model, lines)) continue;
    // Severity overrides are applied here, at the edge, never inside rules.
    const level = config.rules[f.ruleId];
    if (level === 'off') continue;
    if (level) f.severity = level;
    kept.push(f);
  }
  // A value whose text is written elsewhere (a variable's default, a local, a tfvars file): say where.
  const placedAt = new Map<number, NonNullable<TemplateModel['placed']>>();
  for (const x of model.placed ?? []) {
    const same = placedAt.get(x.span.start);
    if (same) same.push(x);
    else placedAt.set(x.span.start, [x]);
  }
  for (const f of kept) {
    if (f.related?.length) continue;
    // (the first recorded at the finding's span, as a search in order finds it)
    const p = placedAt.get(f.span.start)?.find((x) => x.span.end === f.span.end);
    if (p)
      f.related = [
        { fileName: p.fileName, range: p.range, message: `the value is written here: ${plainText(p.origin)}` },
      ];
  }
  // A plan's findings name the planned address, and the configuration line where it can be found.
  if (plan) placePlanFindings(kept, model, options.planFiles);
  result.findings = dedupe(kept).sort(
    (a, b) => a.span.start - b.span.start || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message),
  );
  return result;
}

/**
 * A finding made on several instances of one resource at the same place is reported once, naming the
 * instances it applies to (the first instance's message and fixes stand for all).
 */
function mergeInstances(findings: Finding[], instanceOf: Map<Finding, string>): void {
  if (instanceOf.size === 0) return;
  const groups = new Map<string, { first: Finding; names: string[] }>();
  const drop = new Set<Finding>();
  for (const f of findings) {
    const name = instanceOf.get(f);
    if (name === undefined) continue;
    const key = `${f.ruleId}|${f.span.start}|${f.span.end}|${f.resource ?? ''}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { first: f, names: [name] });
    else {
      if (!g.names.includes(name)) g.names.push(name);
      drop.add(f);
    }
  }
  for (const { first, names } of groups.values()) {
    instanceNames.set(first, { message: first.message, names });
    const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
    first.message = `${first.message} (${names.length === 1 ? 'instance' : 'instances'} ${shown})`;
  }
  for (let i = findings.length - 1; i >= 0; i--) if (drop.has(findings[i] as Finding)) findings.splice(i, 1);
}

/**
 * The rules describe their fixes as neutral edits while they run; turning those into text edits in the
 * file's style waits until someone asks (a code action, --fix, JSON or SARIF output), so typing does not
 * pay for it. Setting `fixes` replaces them.
 */
function withLazyFixes(f: Omit<Finding, 'fixes'>, make: () => Fix[]): Finding {
  let fixes: Fix[] | undefined;
  // accessors written in the literal keep the object a plain fast one (defineProperty would not)
  return {
    ...f,
    get fixes(): Fix[] {
      return (fixes ??= make());
    },
    set fixes(v: Fix[]) {
      fixes = v;
    },
  };
}

/** What a rule reported on a client, with the fixes it described (a kept finding's fixes, when asked for). */
function rerun(
  rule: Rule,
  client: ClientResource,
  model: TemplateModel,
  config: Config,
): Array<{ fixes: FixSpec[] | undefined }> {
  const out: Array<{ fixes: FixSpec[] | undefined }> = [];
  try {
    rule.check(client, { model, config, report: (_span, _message, opts) => out.push({ fixes: opts?.fixes }) });
  } catch {
    // it did not throw the first time: nothing to offer if it does now
  }
  return out;
}

/** The settings rules read, as a key: kept results are used again only under the same ones. */
function settingsKey(config: Config): string {
  return JSON.stringify(config);
}

/** Messages are plain text for any editor: names are quoted, not marked up. */
function plainText(s: string): string {
  return s.includes('`') ? s.replace(/`([^`]*)`/g, "'$1'") : s;
}

/** Runs one rule's check; false when it threw (reported once per rule as an internal error). */
function runRule(rule: Rule, resource: string, result: Analysis, fn: () => void): boolean {
  result.work.ruleChecks++;
  try {
    fn();
    return true;
  } catch (err) {
    const where = `rule ${rule.id}`;
    if (!result.internalErrors.some((e) => e.where === where)) {
      result.internalErrors.push({
        where,
        message: `${errorText(err)} (while checking ${resource} in ${result.fileName})`,
      });
    }
  }
  return false;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The findings less those that repeat an earlier one (same rule, span and message). */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Map<number, Finding[]>();
  return findings.filter((f) => {
    const at = seen.get(f.span.start);
    if (!at) {
      seen.set(f.span.start, [f]);
      return true;
    }
    if (at.some((g) => g.span.end === f.span.end && g.ruleId === f.ruleId && g.message === f.message)) return false;
    at.push(f);
    return true;
  });
}
