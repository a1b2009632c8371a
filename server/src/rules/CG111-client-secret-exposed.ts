import {
  clientAttribute,
  isClientAttribute,
  isNeighbour,
  metaName,
  neighbours,
  neighbourField,
  neighbourPath,
  SECURE_STRING,
} from '../catalog/resources';
import {
  asString,
  references,
  type ClientResource,
  type OtherResource,
  type OutputEntry,
  type TemplateModel,
  type RefAt,
  type Reference,
  type Value,
} from '../core/model';
import type { Rule, RuleContext } from '../core/rule';
import { fix } from './fixkit';
import type { FixSpec } from '../core/edits';
import type { Span } from '../core/text';

function isSecretOf(c: ClientResource, r: Reference): boolean {
  if (r.name !== c.name || r.attr !== clientAttribute(c.kind, 'clientSecret')) return false;
  return c.kind === 'cfn-client' || !r.type || r.type === c.type;
}

/** The client-secret references inside a value, found once per value (every client asks). */
const secretRefs = new WeakMap<Value, RefAt[]>();

function secretSpans(c: ClientResource, v: Value | undefined): Span[] {
  if (!v) return [];
  return secretSpansAll(v)
    .filter((x) => isSecretOf(c, x.ref))
    .map((x) => x.span);
}

interface Sites {
  outputs: OutputEntry[];
  resources: Array<{ r: OtherResource; value: Value }>;
}

/** Where a secret could be exposed, with at least one client-secret reference: found once per file. */
const sites = new WeakMap<TemplateModel, Sites>();

function sitesOf(model: TemplateModel): Sites {
  let s = sites.get(model);
  if (!s) {
    const hasSecret = (v: Value | undefined): boolean => !!v && secretSpansAll(v).length > 0;
    const resources: Sites['resources'] = [];
    for (const r of model.resources) {
      const value = isNeighbour(r, 'function')
        ? neighbourField(r, 'environmentVariables')
        : isNeighbour(r, 'ssmParameter')
          ? neighbourField(r, 'value')
          : undefined;
      if (value && hasSecret(value)) resources.push({ r, value });
    }
    s = { outputs: model.outputs.filter((o) => hasSecret(o.value)), resources };
    sites.set(model, s);
  }
  return s;
}

function secretSpansAll(v: Value): RefAt[] {
  let refs = secretRefs.get(v);
  if (!refs) {
    refs = references(v).filter((x) => isClientAttribute(x.ref.attr, 'clientSecret'));
    secretRefs.set(v, refs);
  }
  return refs;
}

function reportAll(ctx: RuleContext, fixes: FixSpec[], spans: Span[], message: string): void {
  for (const s of spans) ctx.report(s, message, { fixes });
}

export const CG111: Rule = {
  id: 'CG111',
  name: 'client-secret-exposed',
  defaultSeverity: 'warning',
  summary:
    'The client secret placed in an output, an export, a function environment variable or a plain-text parameter.',
  // every place a secret could be put, whether it holds one or not
  reads: (model) => [...model.outputs, ...neighbours(model, 'function'), ...neighbours(model, 'ssmParameter')],
  check(c, ctx) {
    const { outputs, resources } = sitesOf(ctx.model);
    for (const o of outputs) {
      const spans = secretSpans(c, o.value);
      if (!spans.length) continue;
      const removeOutput = fix(
        `Remove the ${metaName(c.kind, 'output')} ${o.name} (whatever reads it must get the secret elsewhere)`,
        [{ op: 'removeEntry', entry: o.span, ...(o.container ? { container: o.container } : {}) }],
        { safe: false },
      );
      reportAll(
        ctx,
        removeOutput,
        spans,
        c.kind === 'cfn-client'
          ? `The client secret of ${c.name} is published in Output ${o.name}${o.exported ? ' and exported to other stacks' : ''}: anyone who can describe the stack can read it. Remove the output; let the consumer read the secret from Secrets Manager or the Cognito API.`
          : `The client secret of ${c.name} is published in output "${o.name}": it is stored in plain text in the state and shown to whatever reads the outputs. Remove the output, or hand the secret over through a SecureString parameter or Secrets Manager.`,
      );
    }
    for (const { r, value } of resources) {
      const spans = secretSpans(c, value);
      if (!spans.length) continue;
      if (isNeighbour(r, 'function')) {
        reportAll(
          ctx,
          [],
          spans,
          `The client secret of ${c.name} is put in an environment variable of function ${r.name}: anyone who can read the function's configuration can read it. Read it at run time from Secrets Manager or a SecureString parameter instead.`,
        );
      } else if (!neighbourPath(r, 'type')) {
        // a parameter type the template cannot make secure
        reportAll(
          ctx,
          [],
          spans,
          `The client secret of ${c.name} is stored in SSM parameter ${r.name} as plain text (CloudFormation cannot create SecureString parameters). Store it in Secrets Manager, or write it as a SecureString outside CloudFormation.`,
        );
      } else {
        const type = neighbourField(r, 'type');
        const t = type?.k === 'scalar' ? asString(type) : undefined;
        if (t === SECURE_STRING || !type || type.k !== 'scalar') continue;
        reportAll(
          ctx,
          !type.from
            ? fix(
                'Make the parameter a SecureString (replaces the parameter)',
                [{ op: 'replace', target: type.span, value: SECURE_STRING }],
                { safe: false },
              )
            : [],
          spans,
          `The client secret of ${c.name} is stored in SSM parameter ${r.name} as a plain ${t}: anyone allowed to read parameters can read it. Make the parameter a SecureString.`,
        );
      }
    }
  },
};
