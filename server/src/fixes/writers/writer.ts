/**
 * The one interface every dialect's writer implements: a function per neutral edit, so that a new edit
 * does not compile until every writer renders it.
 */
import type { NeutralEdit, TextEdit } from '../../core/edits';
import type { Text } from './text';

export type EditOf<K extends NeutralEdit['op']> = Extract<NeutralEdit, { op: K }>;

export type Writer = {
  readonly [K in NeutralEdit['op']]: (e: EditOf<K>, t: Text) => TextEdit[];
} & {
  /** The line comment that can carry a `cognito-guard-ignore` directive, if the syntax has comments. */
  readonly lineComment?: string;
};

/** Every neutral edit's name; the check below fails to compile when an op is missing here. */
export const OPS = [
  'replace',
  'replaceValue',
  'removeItem',
  'addItem',
  'addProp',
  'removeEntry',
  'renameKey',
  'addDependency',
] as const;
type Missing = Exclude<NeutralEdit['op'], (typeof OPS)[number]>;
const complete: Missing extends never ? true : never = true;
void complete;
