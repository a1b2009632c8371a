/**
 * The command line reports a plan's findings where a person changes them: at the configuration line the
 * plan maps them to (with the planned value as related information), once per line, listing the planned
 * instances. A finding the files checked in the same run already report there is not repeated.
 */
import * as path from 'node:path';
import type { Analysis } from '../engine/analyze';
import type { Finding } from '../core/rule';
import { LineIndex } from '../core/text';
import { WorkMeter } from '../core/work';

export function placePlanFindings(results: Analysis[], cwd: string): Analysis[] {
  const byFile = new Map<string, Analysis>();
  for (const r of results) byFile.set(path.resolve(cwd, r.fileName), r);
  const added: Analysis[] = [];
  const groups = new Map<string, { finding: Finding; addresses: string[]; base: string }>();
  for (const r of results) {
    const keep: Finding[] = [];
    for (const f of r.findings) {
      const configured = f.planned?.configured;
      if (!f.planned || !configured) {
        keep.push(f);
        continue;
      }
      const target = path.resolve(cwd, configured.fileName);
      const key = `${target}|${f.ruleId}|${configured.span.start}|${configured.span.end}|${f.planned.message}`;
      const planRange = f.range;
      const related = { fileName: r.fileName, range: planRange, message: `the planned values of ${f.planned.address}` };
      const g = groups.get(key);
      if (g) {
        if (!g.addresses.includes(f.planned.address)) g.addresses.push(f.planned.address);
        g.finding.related?.push(related);
        continue;
      }
      const moved: Finding = {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.planned.message,
        span: configured.span,
        range: configured.range,
        ...(f.resource ? { resource: f.resource } : {}),
        fixes: [],
        related: [related],
        planned: f.planned,
      };
      groups.set(key, { finding: moved, addresses: [f.planned.address], base: f.planned.message });
      let into = byFile.get(target);
      if (!into) {
        into = {
          fileName: configured.fileName,
          kind: /\.json$/i.test(target) ? 'terraform-json' : 'terraform',
          isTemplate: false,
          reason: 'the configuration of a Terraform plan',
          model: undefined,
          findings: [],
          internalErrors: [],
          lines: new LineIndex(''),
          work: new WorkMeter(),
          derived: true,
        };
        byFile.set(target, into);
        added.push(into);
      }
      // the same problem found in the file itself is reported once, with the file's own fixes
      const same = into.findings.some(
        (x) => !x.planned && x.ruleId === f.ruleId && x.range.start.line === configured.range.start.line,
      );
      if (!same) into.findings.push(moved);
    }
    r.findings = keep;
  }
  for (const { finding, addresses, base } of groups.values()) {
    const shown =
      addresses.length > 5
        ? `${addresses.slice(0, 5).join(', ')} and ${addresses.length - 5} more`
        : addresses.join(', ');
    finding.message = `${base} (planned: ${shown})`;
  }
  for (const r of [...results, ...added])
    r.findings.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
  return [...results, ...added];
}
