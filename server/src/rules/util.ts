/** Small helpers shared by rules. */
import { nameIn, param } from '../catalog';
import type { ResourceKind } from '../core/params';
import { boolOf, maybeAbsent, prop, type ClientResource, type Prop } from '../core/model';

/** How the user wrote the parameter with this catalogue id, in this client's dialect. */
export function n(c: { kind: ResourceKind }, id: string): string {
  return nameIn(param(id), c.kind);
}

/** Backticked name for messages. */
export function q(c: { kind: ResourceKind }, id: string): string {
  return '`' + n(c, id) + '`';
}

/**
 * Does the client have a secret? `true`/`false` when known, `undefined` when it cannot be told
 * (an unresolved value, or a managed client whose secret is decided by the service that created it).
 */
export function hasSecret(c: ClientResource): boolean | undefined {
  if (c.kind === 'tf-managed-client') return undefined;
  const p = prop(c, 'generateSecret');
  if (maybeAbsent(p) === 'absent') return false;
  return boolOf(p);
}

/** The child property of a block property. */
export function child(p: Prop | undefined, id: string): Prop | undefined {
  return p?.children?.find((x) => x.param?.id === id);
}

/** A readable kind name for messages. */
export function resourceLabel(c: ClientResource): string {
  return c.type;
}
