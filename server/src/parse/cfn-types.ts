/** The CloudFormation document tree both syntaxes are read into (YAML and JSON alike). */
import type { Span } from '../core/text';

export type CfnNode =
  | { t: 'scalar'; v: string | number | boolean | null; raw: string; quoted: boolean; span: Span }
  | { t: 'seq'; items: CfnNode[]; span: Span; flow: boolean }
  | { t: 'map'; entries: CfnEntry[]; span: Span; flow: boolean }
  | { t: 'fn'; fn: string; arg: CfnNode; span: Span; short: boolean }
  /** Something we could not turn into a value (an unresolved alias, a tree too deep). */
  | { t: 'opaque'; span: Span; why: string };

export interface CfnEntry {
  key: string;
  keySpan: Span;
  value: CfnNode;
}

export interface CfnComment {
  span: Span;
  text: string;
}

export interface CfnSyntaxError {
  message: string;
  span: Span;
}

export interface CfnDoc {
  format: 'yaml' | 'json';
  root: CfnNode | null;
  errors: CfnSyntaxError[];
  comments: CfnComment[];
}
