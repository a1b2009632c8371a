/** What the engine reports, and the small interface every rule implements. */
import type { ResourceKind } from './params';
import type { ClientResource, TemplateModel } from './model';
import type { Range, Span } from './text';
import type { Config } from './config';
import type { Fix, FixSpec } from './edits';
import type { Severity } from './severity';

export type { Severity } from './severity';

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Plain text for a person: what is wrong, why it matters, what to do. Never contains the rule id. */
  message: string;
  span: Span;
  range: Range;
  /** The client (Terraform resource name or CloudFormation logical id) the finding belongs to, if any. */
  resource?: string;
  /** Quick fixes, rendered as text edits in this file (the first preferred one is the obvious one). */
  fixes: Fix[];
  /** Other places that explain the finding (the client in a module a caller's value reaches). */
  related?: RelatedLocation[];
  /** A finding on a client read from a Terraform plan: its address, and the configuration line it maps to. */
  planned?: PlanPlacement;
}

/** Where a finding made on a planned client (`terraform show -json`) stands in the configuration. */
export interface PlanPlacement {
  /** The client's full address in the plan. */
  address: string;
  /** The message without the address (to list several instances under one configuration line). */
  message: string;
  /** The configuration line it maps to, when the configuration's files were found. */
  configured?: RelatedLocation & { span: Span };
}

/** A place in another file that belongs to a finding (LSP `relatedInformation`, SARIF `relatedLocations`). */
export interface RelatedLocation {
  fileName: string;
  range: Range;
  message: string;
}

/** What a rule sees besides the client: the whole file's model. */
export interface RuleContext {
  model: TemplateModel;
  config: Config;
  /**
   * `absence`: the finding is about something missing. Findings at the resource name are about absence
   * by the contract; a finding elsewhere that is (a block without its required setting) says so here.
   * In a client whose text has a syntax error such findings are guesses, and are dropped.
   */
  report(span: Span, message: string, options?: { severity?: Severity; fixes?: FixSpec[]; absence?: boolean }): void;
}

export interface Rule {
  id: string;
  /** Stable kebab-case name (`unknown-property`). */
  name: string;
  defaultSeverity: Severity;
  /** One line for the rules table and SARIF `shortDescription`. */
  summary: string;
  /** Resource kinds the rule applies to (all when absent). */
  appliesTo?: ResourceKind[];
  check(client: ClientResource, ctx: RuleContext): void;
  /**
   * For a rule that reads the file's model: every part of it the rule reads besides the client (pools,
   * other resources, outputs), the same parts whichever client asks. While a client and these parts are
   * as they were (the same text, each moved at most), and the model's `scope` is the same, the rule's
   * findings on the client are the same ones, moved with what they stand in: they are kept between
   * analyses. So a rule's result must not depend on anything else of the model, nor on where the parts
   * stand. A rule that reads the model without saying what is run again on every analysis.
   */
  reads?(model: TemplateModel): ReadonlyArray<{ span: Span }>;
}

export const RULE_DOCS_BASE = 'https://github.com/cognito-guard/cognito-guard/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}
