import { attributeReadHint } from '../catalog/resources';
import { lookupAnyKind, nameIn, paramsAt, suggest, type Param } from '../catalog';
import type { ClientResource, Container, Prop } from '../core/model';
import type { Rule, RuleContext } from '../core/rule';
import { fix } from './fixkit';

function where(c: ClientResource, parent?: Param): string {
  return parent ? `the ${nameIn(parent, c.kind)} block of ${c.type}` : c.type;
}

function remove(p: Prop, container: Container | undefined, title: string) {
  return fix(title, [{ op: 'removeEntry', entry: p.entrySpan, ...(container ? { container } : {}) }], { safe: true });
}

function checkLevel(
  c: ClientResource,
  props: Prop[],
  ctx: RuleContext,
  container: Container | undefined,
  parent?: Param,
): void {
  for (const p of props) {
    if (!p.param) {
      const other = lookupAnyKind(c.kind, p.key, parent);
      if (other) {
        ctx.report(
          p.keySpan,
          `\`${p.key}\` cannot be set on ${where(c, parent)}: ${
            c.kind === 'tf-managed-client'
              ? 'the service that created the managed client decides it. Remove it.'
              : 'this resource does not support it. Remove it.'
          }`,
          { fixes: remove(p, container, `Remove \`${p.key}\``) },
        );
        continue;
      }
      const guess = suggest(c.kind, p.key, parent);
      const taken = guess !== undefined && props.some((x) => x.key === guess);
      const valid = paramsAt(c.kind, parent).length;
      ctx.report(
        p.keySpan,
        `\`${p.key}\` is not a known ${c.kind === 'cfn-client' ? 'property' : 'argument'} of ${where(c, parent)}, so the deployment would fail or the setting would be ignored. ` +
          (guess ? `Did you mean \`${guess}\`?` : `Check the spelling against the ${valid} supported names.`),
        {
          fixes:
            guess && !taken
              ? fix(`Rename to \`${guess}\``, [{ op: 'renameKey', key: p.keySpan, name: guess }], {
                  safe: true,
                  reveals: true,
                })
              : [],
        },
      );
      continue;
    }
    if (p.param.readOnlyOn?.includes(c.kind)) {
      const hint = attributeReadHint(c.kind, c.name, p.key);
      const read = hint ? ` and read it with ${hint} where you need it` : '';
      // Terraform refuses a value for a computed-only attribute at plan time; CloudFormation ignores a
      // read-only property without a word (resource schema maintainers, cloudformation-resource-schema#102)
      if (c.kind === 'cfn-client')
        ctx.report(
          p.keySpan,
          `\`${p.key}\` is read-only: CloudFormation ignores the value written here and AWS sets its own when the client is created. Remove it${read}.`,
          { severity: 'warning', fixes: remove(p, container, `Remove the read-only \`${p.key}\``) },
        );
      else
        ctx.report(
          p.keySpan,
          `\`${p.key}\` is read-only: AWS sets it when the client is created, and Terraform refuses a value for it. Remove it${read}.`,
          { fixes: remove(p, container, `Remove the read-only \`${p.key}\``) },
        );
      continue;
    }
    if (p.children) checkLevel(c, p.children, ctx, p.body, p.param);
    for (const b of p.branches ?? []) checkLevel(c, b, ctx, undefined, p.param);
  }
}

export const CG001: Rule = {
  id: 'CG001',
  name: 'unknown-property',
  defaultSeverity: 'error',
  summary: 'An argument, block or property the client resource does not have, or a read-only one set in the template.',
  check(c, ctx) {
    checkLevel(c, c.props, ctx, c.body);
  },
};
