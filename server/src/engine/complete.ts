/**
 * Completion: parameter names at a key position inside a client (or inside one of its blocks), and
 * allowed values at a value position. Works on half-typed text: the position is read from the line,
 * the client and block from the analysis.
 */
import { nameIn, paramsAt, type Param } from '../catalog';
import type { ClientResource, Prop } from '../core/model';
import type { Analysis } from './analyze';
import { paramMarkdown } from './hover';

export interface CompletionData {
  label: string;
  kind: 'property' | 'value';
  detail: string;
  documentation: string;
  insertText: string;
  /** Offset where the word being completed starts (the rest up to the cursor is replaced). */
  replaceFrom: number;
}

function lineAt(text: string, offset: number): { start: number; prefix: string } {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  return { start: s, prefix: text.slice(s, offset) };
}

/** The innermost block property containing the offset. */
function blockAt(props: Prop[], o: number): Prop | undefined {
  for (const p of props) {
    if (p.param?.type === 'block' && o > p.keySpan.end && o <= p.entrySpan.end + 1) {
      return (p.children && blockAt(p.children, o)) ?? p;
    }
  }
  return undefined;
}

function findParamByName(c: ClientResource, name: string, parent?: Param): Param | undefined {
  return paramsAt(c.kind, parent).find((p) => nameIn(p, c.kind) === name);
}

/** For a YAML list item line (`- x`), the key of the nearest less-indented line above. */
function yamlListKey(text: string, lineStart: number, indent: number): string | undefined {
  let e = lineStart - 1;
  while (e > 0) {
    let s = e;
    while (s > 0 && text[s - 1] !== '\n') s--;
    const line = text.slice(s, e).replace(/\r$/, '');
    const m = /^(\s*)([A-Za-z][\w]*):\s*$/.exec(line);
    const ind = /^\s*/.exec(line)?.[0].length ?? 0;
    if (line.trim() && ind < indent) return m?.[2];
    if (line.trim() && !line.trim().startsWith('-') && !line.trim().startsWith('#') && ind <= indent) return undefined;
    e = s - 1;
  }
  return undefined;
}

export function completionsAt(a: Analysis, text: string, offset: number): CompletionData[] {
  const model = a.model;
  if (!model?.isTemplate) return [];
  const c = model.clients.find((x) => offset > x.nameSpan.end && offset <= x.span.end + 1);
  if (!c) return [];
  const json = c.dialect === 'cloudformation-json' || c.dialect === 'terraform-json';
  const yaml = c.dialect === 'cloudformation-yaml';
  const { start, prefix } = lineAt(text, offset);
  const block = blockAt(c.props, offset);
  const parent = block?.param;
  const word = /[\w:.-]*$/.exec(prefix)?.[0] ?? '';
  const from = offset - word.length;

  // value position
  let key: string | undefined;
  let m: RegExpExecArray | null;
  if (!yaml && !json && (m = /^\s*([A-Za-z_][\w-]*)\s*=\s*(\[[^\]]*)?"?[\w.:-]*$/.exec(prefix))) key = m[1];
  else if (yaml && (m = /^\s*([A-Za-z][\w]*):\s+(\[[^\]]*)?[\w.:-]*$/.exec(prefix))) key = m[1];
  else if (yaml && /^\s*-\s+[\w.:-]*$/.test(prefix))
    key = yamlListKey(text, start, /^\s*/.exec(prefix)?.[0].length ?? 0);
  else if (json && (m = /"([A-Za-z_][\w]*)"\s*:\s*(\[[^\]]*)?"?[\w.:-]*$/.exec(prefix))) key = m[1];
  if (key !== undefined) {
    const p = findParamByName(c, key, parent) ?? findParamByName(c, key);
    const values = p?.constraints?.enum;
    if (!p || !values) return [];
    const quoted = !yaml;
    const typedQuote = /"[\w.:-]*$/.test(prefix);
    return values
      .filter((e) => !e.legacy)
      .map((e) => ({
        label: e.value,
        kind: 'value' as const,
        detail: nameIn(p, c.kind),
        documentation: `${e.doc}${e.advice ? ` ${e.advice}` : ''}`,
        insertText: quoted && !typedQuote ? JSON.stringify(e.value) : e.value,
        replaceFrom: from,
      }));
  }
  // key position
  const keyLine = yaml ? /^\s*[\w]*$/.test(prefix) : json ? /^\s*"?[\w]*$/.test(prefix) : /^\s*[\w]*$/.test(prefix);
  if (!keyLine) return [];
  const present = new Set((block ? (block.children ?? []) : c.props).map((p) => p.key));
  const indentOk = yaml ? prefix.length - prefix.trimStart().length > 0 : true;
  if (!indentOk) return [];
  const typedQuote = /"[\w]*$/.test(prefix);
  return paramsAt(c.kind, parent)
    .filter((p) => !present.has(nameIn(p, c.kind)) && !p.readOnlyOn?.includes(c.kind))
    .map((p) => {
      const name = nameIn(p, c.kind);
      const insertText = yaml
        ? `${name}: `
        : json
          ? `${typedQuote ? '' : '"'}${name}": `
          : p.type === 'block'
            ? `${name} {`
            : `${name} = `;
      return {
        label: name,
        kind: 'property' as const,
        detail: p.doc.summary,
        documentation: paramMarkdown(p, c.kind),
        insertText,
        replaceFrom: typedQuote ? from : from,
      };
    });
}
