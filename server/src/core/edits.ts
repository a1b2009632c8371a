/**
 * Fixes: rules describe them as neutral edits against the model; one writer per dialect renders those
 * as text edits. No rule knows HCL, YAML or JSON syntax.
 */
import { editableOrigin, type ClientResource, type Container, type Prop } from './model';
import type { Span } from './text';

/** A value a fix writes. `block` is a nested block / object. */
export type NewValue = string | number | boolean | string[] | { block: Array<[string, NewValue]> } | Raw;

/** Text written as it is (a Terraform reference such as `aws_cognito_identity_provider.google`). */
export interface Raw {
  raw: string;
}

export type NeutralEdit =
  /** Replace a scalar value (a property value or a list item) with another scalar. */
  | { op: 'replace'; target: Span; value: string | number | boolean }
  /** Replace a whole value (a list, an expression) with a new value. */
  | { op: 'replaceValue'; target: Span; value: NewValue; indentOf: number }
  /** Remove one item of a list. */
  | { op: 'removeItem'; list: Span; item: Span; items: Span[] }
  /** Append an item to a list. */
  | { op: 'addItem'; list: Span; items: Span[]; value: string | Raw }
  /** Add a property (argument, block, CloudFormation property) at the end of a container. */
  | { op: 'addProp'; container: Container; key: string; value: NewValue }
  /** Remove a whole property or entry. */
  | { op: 'removeEntry'; entry: Span; container?: Container }
  /** Rename a key (argument name, property name). */
  | { op: 'renameKey'; key: Span; name: string }
  /** Make a resource depend on another (`depends_on`, `DependsOn`), extending what is there. */
  | { op: 'addDependency'; owner: DependencyOwner; on: { type: string; name: string } };

/** What a writer needs of the resource that gets a dependency. */
export type DependencyOwner = Pick<ClientResource, 'kind' | 'body' | 'resourceBody' | 'dependsOnValue'>;

export interface FixSpec {
  /** What the fix does, for a menu ("Set prevent_user_existence_errors to "ENABLED""). */
  title: string;
  edits: NeutralEdit[];
  /** The obvious fix for the finding (editor: isPreferred). */
  preferred?: boolean;
  /**
   * Applied by `--fix` and "fix all": it cannot break a working deployment or app. Fixes that replace
   * the client or change what apps must do are offered one by one only.
   */
  safe: boolean;
  /**
   * The fix makes a setting take effect (a misspelled name, an invalid value corrected), which can bring
   * out findings the broken setting hid. Those findings are real, so the fix is still offered when it
   * does; it then stops being safe, and its title names what it brings out.
   */
  reveals?: boolean;
}

/** A text edit in the analysed file: replace `span` with `newText`. */
export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred: boolean;
  safe: boolean;
  /** See FixSpec.reveals. */
  reveals?: boolean;
  /** Suppression fixes (`cognito-guard-ignore`) are offered in the editor but never applied by --fix. */
  kind: 'quickfix' | 'ignore';
}

/** Helper for rules: set a property to a value, replacing a literal in place or adding it. */
export function setProp(
  owner: { body?: Container } | Prop,
  key: string,
  value: NewValue,
  existing?: Prop,
): NeutralEdit[] {
  if (existing && existing.value.k === 'scalar' && editableOrigin(existing.value) && typeof value !== 'object') {
    return [{ op: 'replace', target: existing.value.span, value }];
  }
  if (existing) {
    if (existing.value.k === 'unknown' || existing.value.k === 'alt' || !editableOrigin(existing.value)) return [];
    return [{ op: 'replaceValue', target: existing.value.span, value, indentOf: existing.keySpan.start }];
  }
  const container = owner.body;
  if (!container) return [];
  return [{ op: 'addProp', container, key, value }];
}
