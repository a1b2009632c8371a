/**
 * Suppression: `cognito-guard-ignore CG101,CG203 reason` comments and the CloudFormation
 * `Metadata: {"cognito-guard": {"ignore": [...]}}` form.
 *
 * A comment applies to the line it ends, or, alone on its line, to the next line that is not blank or a
 * comment. If a resource starts on that line the rules are silenced for the whole resource; if a property
 * (or output) starts there, for findings inside it; otherwise for findings that start on that line.
 * Terraform JSON's `"//"` members say what they cover by where they stand (see the parser).
 */
import type { Prop, TemplateModel } from '../core/model';
import type { LineIndex, Span } from '../core/text';

const DIRECTIVE = /cognito-guard-ignore\b[ \t]*(.*)$/;
const ID_LIST = /^([A-Za-z]+\d+(?:[ \t]*,[ \t]*[A-Za-z]+\d+)*)/;

export interface Directive {
  /** The comment, for reporting unknown ids and for merging a new id into it. */
  comment: Span;
  ids: Array<{ id: string; span: Span }>;
  /** What the directive silences. */
  scope: Span | { line: number };
  /** Whether the scope is a whole resource. */
  resource: boolean;
}

/** Parses the ids of a directive comment, with the offset of each id. */
export function directiveIds(text: string, offset: number): Array<{ id: string; span: Span }> | undefined {
  const m = DIRECTIVE.exec(text);
  if (!m || m.index === undefined) return undefined;
  const restStart = offset + m.index + m[0].length - (m[1] ?? '').length;
  const list = ID_LIST.exec(m[1] ?? '');
  if (!list) return [];
  const out: Array<{ id: string; span: Span }> = [];
  const re = /[A-Za-z]+\d+/g;
  for (let x = re.exec(list[1] ?? ''); x; x = re.exec(list[1] ?? '')) {
    out.push({ id: x[0].toUpperCase(), span: { start: restStart + x.index, end: restStart + x.index + x[0].length } });
  }
  return out;
}

function propSpans(props: Prop[], out: Span[]): void {
  for (const p of props) {
    out.push({ start: p.keySpan.start, end: Math.max(p.keySpan.end, p.value.span.end) });
    if (p.children) propSpans(p.children, out);
  }
}

/** Is the line (from its start up to `offset`) only white space? */
function onlySpaceBefore(text: string, lines: LineIndex, offset: number): boolean {
  const pos = lines.position(offset);
  return text.slice(lines.lineStart(pos.line), offset).trim() === '';
}

export function findDirectives(text: string, model: TemplateModel, lines: LineIndex): Directive[] {
  const resources: Span[] = [...model.clients.map((c) => c.span), ...model.resources.map((r) => r.span)];
  const items: Span[] = [...model.outputs.map((o) => o.span)];
  for (const c of model.clients) propSpans(c.props, items);
  const commentLines = new Set(
    model.comments
      .filter((c) => onlySpaceBefore(text, lines, c.span.start))
      .map((c) => lines.position(c.span.start).line),
  );
  const out: Directive[] = [];
  for (const c of model.comments) {
    const raw = text.slice(c.span.start, c.span.end);
    if (!raw.includes('cognito-guard-ignore')) continue;
    const ids = directiveIds(raw, c.span.start);
    if (!ids) continue;
    if (c.target) {
      // placed by structure (Terraform JSON's "//" members), not by line
      const t = c.target;
      const resource = resources.some((r) => r.start === t.start && r.end === t.end);
      out.push({ comment: c.span, ids, scope: t, resource });
      continue;
    }
    const line = lines.position(c.span.start).line;
    let target = line;
    if (onlySpaceBefore(text, lines, c.span.start)) {
      target = line + 1;
      while (target < lines.lineCount && (commentLines.has(target) || blank(text, lines, target))) target++;
    }
    const startsOn = (s: Span): boolean => lines.position(s.start).line === target;
    const resource = resources.filter(startsOn).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    const item = items.filter(startsOn).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    const scope = resource ?? item ?? { line: target };
    out.push({ comment: c.span, ids, scope, resource: !!resource });
  }
  return out;
}

function blank(text: string, lines: LineIndex, line: number): boolean {
  const start = lines.lineStart(line);
  const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  return text.slice(start, end).trim() === '';
}

export function isSuppressed(
  finding: { ruleId: string; span: Span; resource?: string },
  directives: Directive[],
  model: TemplateModel,
  lines: LineIndex,
): boolean {
  for (const d of directives) {
    if (!d.ids.some((i) => i.id === finding.ruleId)) continue;
    const s = d.scope;
    if ('line' in s) {
      if (lines.position(finding.span.start).line === s.line) return true;
    } else if (finding.span.start >= s.start && finding.span.start < s.end) return true;
    else if (
      d.resource &&
      finding.resource &&
      model.clients.some((c) => c.span.start === s.start && c.name === finding.resource)
    ) {
      // A resource-level directive also covers findings of that client reported elsewhere (an Output).
      return true;
    }
  }
  if (finding.resource) {
    const client = model.clients.find((c) => c.name === finding.resource);
    if (client?.metadataIgnore.some((i) => i.id === finding.ruleId)) return true;
  }
  return false;
}
