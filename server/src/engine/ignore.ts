/**
 * "Ignore CGxxx for this resource": a `cognito-guard-ignore` comment above the resource header (HCL and
 * YAML), merged into an existing one, the resource's `Metadata` entry (CloudFormation JSON) or a `"//"`
 * member at the top of its body (Terraform JSON), merged likewise.
 */
import { directiveIds } from './suppress';
import type { ClientResource, TemplateModel } from '../core/model';
import type { Fix, NeutralEdit, TextEdit } from '../core/edits';
import { renderEdits, writerFor } from '../fixes/writers';

function lineStart(src: string, o: number): number {
  let p = o;
  while (p > 0 && src[p - 1] !== '\n' && src[p - 1] !== '\r') p--;
  return p;
}

function commentFix(
  ruleId: string,
  c: ClientResource,
  src: string,
  model: TemplateModel,
  marker: string,
): TextEdit[] | undefined {
  const headerLine = lineStart(src, c.span.start);
  const indent = /^[ \t]*/.exec(src.slice(headerLine))?.[0] ?? '';
  // an existing directive on the line just above the header: extend it
  if (headerLine > 0) {
    const prevStart = lineStart(src, headerLine - 1);
    const comment = model.comments.find((x) => x.span.start >= prevStart && x.span.start < headerLine);
    if (comment && src.slice(prevStart, comment.span.start).trim() === '') {
      const raw = src.slice(comment.span.start, comment.span.end);
      const ids = directiveIds(raw, comment.span.start);
      const last = ids?.[ids.length - 1];
      if (ids && ids.some((i) => i.id === ruleId)) return undefined;
      if (last) return [{ span: { start: last.span.end, end: last.span.end }, newText: `,${ruleId}` }];
    }
  }
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  return [
    {
      span: { start: headerLine, end: headerLine },
      newText: `${indent}${marker} cognito-guard-ignore ${ruleId}${eol}`,
    },
  ];
}

function metadataFix(ruleId: string, c: ClientResource, src: string): TextEdit[] | undefined {
  let edits: NeutralEdit[];
  const list = c.metadata?.ignoreList;
  if (list && list.k === 'list') {
    const items = list.items.map((i) => i.span);
    edits = [{ op: 'addItem', list: list.span, items, value: ruleId }];
  } else if (c.metadata && !list) {
    edits = [
      { op: 'addProp', container: c.metadata.body, key: 'cognito-guard', value: { block: [['ignore', [ruleId]]] } },
    ];
  } else if (!c.metadata && c.resourceBody) {
    edits = [
      {
        op: 'addProp',
        container: c.resourceBody,
        key: 'Metadata',
        value: { block: [['cognito-guard', { block: [['ignore', [ruleId]]] }]] },
      },
    ];
  } else return undefined;
  return renderEdits(edits, src, c.dialect);
}

/**
 * Terraform JSON has no comments but a `"//"` member, which Terraform skips in any block body: one
 * before the resource's first argument covers the resource. An existing one there takes the new id.
 */
function jsonCommentFix(ruleId: string, c: ClientResource, src: string, model: TemplateModel): TextEdit[] | undefined {
  const own = model.comments
    .filter((x) => x.target?.start === c.span.start && x.target.end === c.span.end)
    .map((x) => directiveIds(src.slice(x.span.start, x.span.end), x.span.start) ?? []);
  if (own.some((ids) => ids.some((i) => i.id === ruleId))) return undefined;
  const last = own.find((ids) => ids.length > 0)?.at(-1);
  if (last) return [{ span: { start: last.span.end, end: last.span.end }, newText: `,${ruleId}` }];
  const body = c.body;
  if (!body) return undefined;
  const member = `"//": "cognito-guard-ignore ${ruleId}"`;
  const first = body.entries[0];
  if (!first)
    return renderEdits(
      [{ op: 'addProp', container: body, key: '//', value: `cognito-guard-ignore ${ruleId}` }],
      src,
      c.dialect,
    );
  const start = lineStart(src, first.start);
  const alone = src.slice(start, first.start).trim() === '';
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  const indent = alone ? src.slice(start, first.start) : ' ';
  return [{ span: { start: first.start, end: first.start }, newText: `${member},${alone ? eol + indent : indent}` }];
}

export function ignoreFixes(ruleId: string, c: ClientResource, src: string, model: TemplateModel): Fix[] {
  // a syntax with comments takes a directive above the resource; a CloudFormation resource in JSON takes
  // a Metadata entry, and a Terraform JSON one a "//" member
  const marker = writerFor(c.dialect).lineComment;
  let edits: TextEdit[] | undefined;
  if (marker) edits = commentFix(ruleId, c, src, model, marker);
  else if (c.kind === 'cfn-client') edits = metadataFix(ruleId, c, src);
  else if (c.dialect === 'terraform-json') edits = jsonCommentFix(ruleId, c, src, model);
  if (!edits) return [];
  return [{ title: `Ignore ${ruleId} for ${c.name}`, edits, preferred: false, safe: false, kind: 'ignore' }];
}
