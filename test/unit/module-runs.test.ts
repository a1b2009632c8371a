/**
 * The work a run with module calls shares: a module file checked with one call's values is analysed once
 * for the caller and for the module file (same findings as without sharing), a Terraform text is parsed
 * once however many calls read it, and the command line's workspace reads a file on disk once until it
 * is told the folder changed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { ModuleRuns } from '../../server/src/engine/modules';
import { WorkMeter } from '../../server/src/core/work';
import { terraformModel } from '../../server/src/parse/terraform';
import type { WorkspaceFs } from '../../server/src/workspace/fs';
import { Workspace } from '../../server/src/workspace/workspace';
import { fixturePath } from './helpers';

function tfFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tfFiles(p));
    else if (e.name.endsWith('.tf')) out.push(p);
  }
  return out.sort();
}

/** Everything a person sees of a finding: rule, place, message, related places, fixes. */
function shown(a: Analysis): string[] {
  return a.findings.map((f) =>
    JSON.stringify([f.ruleId, f.range, f.message, f.related ?? [], f.fixes.map((x) => [x.title, x.edits, x.safe])]),
  );
}

describe('a run with module calls', () => {
  for (const fixture of ['basic', 'nested', 'community']) {
    it(`${fixture}: each call is analysed once for both files, with the same findings as without sharing`, () => {
      const dir = fixturePath('modules', fixture);
      const files = tfFiles(dir);
      const run = (runs?: ModuleRuns): string[][] => {
        const ws = new Workspace({ scanRoots: () => [dir], stableFiles: true });
        return files.map((f) => {
          const t = fs.readFileSync(f, 'utf8');
          return shown(analyze(t, f, { ...ws.inputsFor(f, t), ...(runs ? { moduleRuns: runs } : {}) }));
        });
      };
      const runs = new ModuleRuns();
      let made = 0;
      let asked = 0;
      const original = runs.run.bind(runs);
      runs.run = (parts, config, make) => {
        asked++;
        return original(parts, config, () => {
          made++;
          return make();
        });
      };
      const shared = run(runs);
      assert.deepEqual(shared, run(), 'sharing changes no finding');
      assert.ok(asked > 0, 'the fixture has module calls');
      // every call is asked for from both sides (the caller and the module file); it is made once
      assert.ok(made < asked, `${made} analyses for ${asked} requests`);
      assert.equal(made * 2, asked, 'each analysis made serves the other side once');
    });
  }

  it('a text is parsed once for every analysis of it; the work meter counts it each time', () => {
    const text = fs.readFileSync(path.join(fixturePath('modules', 'basic'), 'main.tf'), 'utf8');
    const a = new WorkMeter();
    const b = new WorkMeter();
    const m1 = terraformModel(text, 'main.tf', [], a);
    const m2 = terraformModel(text, 'main.tf', [], b);
    assert.ok(a.nodes > 0);
    assert.equal(b.nodes, a.nodes, 'the shared parse is counted as if it were done again');
    assert.deepEqual(
      m2.moduleCalls?.map((c) => c.name),
      m1.moduleCalls?.map((c) => c.name),
    );
  });

  it("the command line's workspace reads a file on disk once, and again after its folder is said to change", () => {
    const files: Record<string, string> = {
      '/m/main.tf': 'resource "aws_cognito_user_pool_client" "c" {\n  explicit_auth_flows = var.flows\n}\n',
      '/m/variables.tf': 'variable "flows" {\n  default = ["ALLOW_USER_PASSWORD_AUTH"]\n}\n',
    };
    const reads: string[] = [];
    const io: WorkspaceFs = {
      exists: (p) => p in files,
      stat: (p) => {
        if (p in files) return { isFile: () => true, isDirectory: () => false };
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      },
      readFile: (p) => {
        reads.push(p);
        const t = files[p];
        if (t === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        return t;
      },
      readDir: (d) =>
        Object.keys(files)
          .filter((f) => path.dirname(f) === d)
          .map((f) => path.basename(f)),
    };
    const ws = new Workspace({ fs: io, stableFiles: true });
    const check = (): boolean =>
      analyze(
        files['/m/main.tf'] as string,
        '/m/main.tf',
        ws.inputsFor('/m/main.tf', files['/m/main.tf'] as string),
      ).findings.some((f) => f.ruleId === 'CG104');
    assert.ok(check());
    const n = reads.filter((r) => r === '/m/variables.tf').length;
    files['/m/variables.tf'] = 'variable "flows" {\n  default = ["ALLOW_USER_SRP_AUTH"]\n}\n';
    assert.ok(check(), 'not read again during the run');
    assert.equal(reads.filter((r) => r === '/m/variables.tf').length, n);
    ws.invalidateModuleFiles('/m'); // what the command line does after writing a fix there
    assert.ok(!check(), 'the new text is read');
  });
});
