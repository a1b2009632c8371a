/**
 * The workspace module (server/src/workspace/workspace.ts), shared by the command line and the language
 * server: finding the nearest .cognito-guard.json (bounded by the workspace folders, or `--config`),
 * reading it once until invalidated, its problems as data, and the tfvars beside a Terraform file. A fake
 * file system counts the reads; one test runs against the disk.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { WorkspaceFs } from '../../server/src/workspace/fs';
import { Workspace } from '../../server/src/workspace/workspace';

type Entry = { kind: 'file'; text: string } | { kind: 'fifo' } | { kind: 'dir' };

/** An in-memory file system: files by absolute path (folders implied), FIFOs and explicit folders. */
class FakeFs implements WorkspaceFs {
  readonly entries = new Map<string, Entry>();
  readonly reads: string[] = [];
  readonly listings: string[] = [];

  constructor(files: Record<string, string | Entry> = {}) {
    for (const [p, e] of Object.entries(files)) this.set(p, e);
  }

  set(p: string, e: string | Entry): void {
    this.entries.set(p, typeof e === 'string' ? { kind: 'file', text: e } : e);
  }

  delete(p: string): void {
    this.entries.delete(p);
  }

  private kind(p: string): Entry['kind'] | undefined {
    const e = this.entries.get(p);
    if (e) return e.kind;
    const prefix = p === '/' ? '/' : p + '/';
    return [...this.entries.keys()].some((k) => k.startsWith(prefix)) ? 'dir' : undefined;
  }

  exists(p: string): boolean {
    return this.kind(p) !== undefined;
  }

  stat(p: string): { isFile(): boolean; isDirectory(): boolean } {
    const k = this.kind(p);
    if (!k) throw Object.assign(new Error(`ENOENT: no such file or directory, stat '${p}'`), { code: 'ENOENT' });
    return { isFile: () => k === 'file', isDirectory: () => k === 'dir' };
  }

  readFile(p: string): string {
    this.reads.push(p);
    const e = this.entries.get(p);
    if (e?.kind !== 'file') throw Object.assign(new Error(`cannot read ${p}`), { code: 'EISDIR' });
    return e.text;
  }

  readDir(p: string): string[] {
    this.listings.push(p);
    if (this.kind(p) !== 'dir') throw Object.assign(new Error(`ENOTDIR: ${p}`), { code: 'ENOTDIR' });
    const names = new Set<string>();
    for (const k of this.entries.keys()) {
      if (k.startsWith(p + '/')) names.add(k.slice(p.length + 1).split('/')[0] ?? '');
    }
    return [...names];
  }
}

const CFG = '.cognito-guard.json';
const off = (id: string): string => JSON.stringify({ rules: { [id]: 'off' } });

describe('workspace: finding .cognito-guard.json', () => {
  const files = {
    [`/ws/${CFG}`]: off('CG201'),
    [`/ws/a/${CFG}`]: off('CG202'),
    '/ws/a/b/main.tf': '',
    '/ws/c/stack.yaml': '',
    '/ws/stack.yaml': '',
  };

  it('takes the nearest file walking up from the file', () => {
    const ws = new Workspace({ fs: new FakeFs(files) });
    assert.equal(ws.configFileFor('/ws/a/b/main.tf'), `/ws/a/${CFG}`);
    assert.equal(ws.configFileFor('/ws/a/x.yaml'), `/ws/a/${CFG}`);
    assert.equal(ws.configFileFor('/ws/c/stack.yaml'), `/ws/${CFG}`);
    assert.equal(ws.configFileFor('/ws/stack.yaml'), `/ws/${CFG}`);
    assert.equal(ws.configFileFor('/elsewhere/x.tf'), undefined);
    assert.deepEqual(ws.configFor('/ws/a/b/main.tf')?.load.config?.rules, { CG202: 'off' });
    assert.deepEqual(ws.configFor('/ws/c/stack.yaml')?.load.config?.rules, { CG201: 'off' });
    assert.equal(ws.configFor('/elsewhere/x.tf'), undefined, 'no file: the caller applies the defaults');
  });

  it('without roots the search goes up to the file system root', () => {
    const ws = new Workspace({ fs: new FakeFs({ [`/${CFG}`]: off('CG203') }) });
    assert.equal(ws.configFileFor('/deep/down/in/x.tf'), `/${CFG}`);
  });

  it('stays inside the workspace folders', () => {
    let roots = ['/ws/a'];
    const ws = new Workspace({ fs: new FakeFs(files), roots: () => roots });
    assert.equal(ws.configFileFor('/ws/a/b/main.tf'), `/ws/a/${CFG}`);
    assert.equal(ws.configFileFor('/ws/c/stack.yaml'), undefined, '/ws/c is outside /ws/a');
    const nested = new Workspace({ fs: new FakeFs({ [`/ws/${CFG}`]: '{}' }), roots: () => ['/ws/a', '/ws/x'] });
    assert.equal(nested.configFileFor('/ws/a/b/main.tf'), undefined, 'the file above the root is not used');
    assert.equal(
      new Workspace({ fs: new FakeFs({ [`/ws/${CFG}`]: '{}' }), roots: () => ['/w'] }).configFileFor('/ws/x.tf'),
      undefined,
      '/w is not a prefix folder of /ws',
    );
    // the roots are asked again after an invalidation (the server's folders changed)
    roots = ['/ws'];
    assert.equal(ws.configFileFor('/ws/c/stack.yaml'), undefined, 'remembered until invalidated');
    ws.invalidateConfig();
    assert.equal(ws.configFileFor('/ws/c/stack.yaml'), `/ws/${CFG}`);
  });

  it('with no workspace folder only the file’s own folder is looked at', () => {
    const ws = new Workspace({ fs: new FakeFs(files), roots: () => [] });
    assert.equal(ws.configFileFor('/ws/stack.yaml'), `/ws/${CFG}`);
    assert.equal(ws.configFileFor('/ws/c/stack.yaml'), undefined);
  });

  it('--config: one file for every file, whatever is nearer', () => {
    const io = new FakeFs({ ...files, '/etc/cg.json': off('CG204') });
    const ws = new Workspace({ fs: io, configFile: '/etc/cg.json' });
    for (const f of ['/ws/a/b/main.tf', '/ws/stack.yaml', '/elsewhere/x.tf'])
      assert.equal(ws.configFileFor(f), '/etc/cg.json');
    const first = ws.configFor('/ws/a/b/main.tf');
    assert.equal(first?.firstRead, true);
    assert.deepEqual(first?.load.config?.rules, { CG204: 'off' });
    assert.equal(ws.configFor('/ws/stack.yaml')?.firstRead, false);
    assert.deepEqual(io.reads, ['/etc/cg.json'], 'read once, the nearer files never');
  });

  it('--config naming a missing file: the error as data, never thrown', () => {
    const ws = new Workspace({ fs: new FakeFs(files), configFile: 'missing.json' });
    const r = ws.loadConfig('missing.json');
    assert.equal(r.load.file, 'missing.json');
    assert.equal((r.load.error as NodeJS.ErrnoException | undefined)?.code, 'ENOENT');
    assert.equal(r.load.config, undefined);
  });
});

describe('workspace: reading and invalidation', () => {
  it('reads a file once, says when it was read, and reads it again after invalidation', () => {
    const io = new FakeFs({ [`/ws/${CFG}`]: off('CG201'), [`/ws/other/${CFG}`]: off('CG206') });
    const ws = new Workspace({ fs: io, roots: () => ['/ws'] });
    const a = ws.configFor('/ws/main.tf');
    assert.equal(a?.firstRead, true);
    assert.deepEqual(a?.load.config?.rules, { CG201: 'off' });
    assert.equal(ws.configFor('/ws/sub/x.yaml')?.firstRead, false, 'a second folder, the same file');
    io.set(`/ws/${CFG}`, off('CG202'));
    assert.deepEqual(ws.configFor('/ws/main.tf')?.load.config?.rules, { CG201: 'off' }, 'cached');
    assert.deepEqual(io.reads, [`/ws/${CFG}`]);

    ws.configFor('/ws/other/y.tf');
    ws.invalidateConfig([`/ws/${CFG}`]);
    const b = ws.configFor('/ws/main.tf');
    assert.equal(b?.firstRead, true);
    assert.deepEqual(b?.load.config?.rules, { CG202: 'off' }, 'the new contents');
    assert.equal(ws.configFor('/ws/other/y.tf')?.firstRead, false, 'a file not named stays read');
    assert.deepEqual(io.reads, [`/ws/${CFG}`, `/ws/other/${CFG}`, `/ws/${CFG}`]);

    ws.invalidateConfig();
    assert.equal(ws.configFor('/ws/other/y.tf')?.firstRead, true, 'none named: every file');
  });

  it('invalidation searches again: a new nearer file is found, a deleted one is gone', () => {
    const io = new FakeFs({ [`/ws/${CFG}`]: off('CG201') });
    const ws = new Workspace({ fs: io, roots: () => ['/ws'] });
    assert.equal(ws.configFileFor('/ws/a/main.tf'), `/ws/${CFG}`);
    io.set(`/ws/a/${CFG}`, off('CG202'));
    assert.equal(ws.configFileFor('/ws/a/main.tf'), `/ws/${CFG}`, 'remembered per folder');
    ws.invalidateConfig([`/ws/a/${CFG}`]);
    assert.equal(ws.configFileFor('/ws/a/main.tf'), `/ws/a/${CFG}`);
    io.delete(`/ws/a/${CFG}`);
    io.delete(`/ws/${CFG}`);
    ws.invalidateConfig([`/ws/a/${CFG}`, `/ws/${CFG}`]);
    assert.equal(ws.configFor('/ws/a/main.tf'), undefined);
  });

  it('returns the problems of a malformed file as data, with the defaults for the rest', () => {
    const text = '{\n  "rules": { "CG999": "off", "CG203": "off" },\n  "maxAccessTokenMinutes": -5\n}\n';
    const ws = new Workspace({ fs: new FakeFs({ [`/ws/${CFG}`]: text }) });
    const { load } = ws.configFor('/ws/main.tf') ?? assert.fail('no configuration found');
    assert.equal(load.error, undefined);
    assert.deepEqual(load.config?.rules, { CG203: 'off' });
    assert.equal(load.config?.maxAccessTokenMinutes, 60, 'the default applies');
    assert.deepEqual(
      load.problems?.map((p) => [p.fileName, p.range.start.line, p.range.start.character, p.message.slice(0, 30)]),
      [
        [`/ws/${CFG}`, 1, 13, '"CG999" is not a cognito-guard'],
        [`/ws/${CFG}`, 2, 27, '"maxAccessTokenMinutes" must b'],
      ],
    );
    const broken = new Workspace({ fs: new FakeFs({ [`/ws/${CFG}`]: '{ not json' }) }).configFor('/ws/x.yaml');
    assert.equal(broken?.load.problems?.length, 1);
    assert.match(broken?.load.problems?.[0]?.message ?? '', /is not valid JSON/);
  });

  it('the rule ids a configuration may name can be given', () => {
    const ws = new Workspace({ fs: new FakeFs({ [`/ws/${CFG}`]: off('CG203') }), knownRuleIds: ['CG101'] });
    const load = ws.configFor('/ws/x.tf')?.load;
    assert.deepEqual(load?.config?.rules, {});
    assert.match(load?.problems?.[0]?.message ?? '', /"CG203" is not a cognito-guard rule id/);
  });

  it('never reads a folder or a FIFO named .cognito-guard.json: an error as data, read once', () => {
    const io = new FakeFs({ [`/ws/d/${CFG}`]: { kind: 'dir' }, [`/ws/f/${CFG}`]: { kind: 'fifo' } });
    const ws = new Workspace({ fs: io });
    const dir = ws.configFor('/ws/d/x.tf');
    assert.equal(dir?.firstRead, true);
    assert.equal(dir?.load.error?.message, 'it is not a regular file');
    assert.equal((dir?.load.error as NodeJS.ErrnoException | undefined)?.code, 'EISDIR');
    assert.equal(ws.configFor('/ws/d/y.tf')?.firstRead, false, 'the failure is remembered too');
    const fifo = ws.configFor('/ws/f/x.tf');
    assert.equal(fifo?.load.error?.message, 'it is not a regular file');
    assert.equal((fifo?.load.error as NodeJS.ErrnoException | undefined)?.code, undefined);
    assert.deepEqual(io.reads, [], 'nothing was read');
  });
});

describe('workspace: tfvars and the other inputs of an analysis', () => {
  const files = {
    '/ws/tf/main.tf': '',
    '/ws/tf/terraform.tfvars': 'a = 1\n',
    '/ws/tf/z.auto.tfvars.json': '{"b": 2}',
    '/ws/tf/prod.tfvars': 'c = 3\n',
    '/ws/tf/pipe.auto.tfvars': { kind: 'fifo' } as Entry,
    '/ws/stack.yaml': '',
  };

  it('reads terraform.tfvars and *.auto.tfvars beside a Terraform file, by name, never a FIFO', () => {
    const io = new FakeFs(files);
    const ws = new Workspace({ fs: io });
    assert.deepEqual(ws.tfvarsFor('/ws/tf/main.tf'), [
      { fileName: '/ws/tf/terraform.tfvars', text: 'a = 1\n' },
      { fileName: '/ws/tf/z.auto.tfvars.json', text: '{"b": 2}' },
    ]);
    assert.deepEqual(ws.inputsFor('/ws/tf/main.tf', 'resource "x" "y" {}\n').tfvars?.length, 2);
    assert.deepEqual(ws.inputsFor('/ws/tf/main.tf.json', '{}').tfvars?.length, 2, 'Terraform JSON too');
    assert.deepEqual(ws.inputsFor('/ws/stack.yaml', 'Resources: {}\n'), {}, 'nothing for CloudFormation');
    assert.ok(!io.reads.includes('/ws/tf/prod.tfvars'), 'a named tfvars file is passed with -var-file, not read');
  });

  it('reads a folder’s tfvars once, and again after invalidation', () => {
    const io = new FakeFs(files);
    const ws = new Workspace({ fs: io });
    ws.tfvarsFor('/ws/tf/main.tf');
    ws.tfvarsFor('/ws/tf/other.tf');
    assert.deepEqual(io.listings, ['/ws/tf']);
    io.set('/ws/tf/terraform.tfvars', 'a = 5\n');
    assert.equal(ws.tfvarsFor('/ws/tf/main.tf')[0]?.text, 'a = 1\n', 'cached');
    ws.invalidateTfvars('/ws/elsewhere');
    assert.equal(ws.tfvarsFor('/ws/tf/main.tf')[0]?.text, 'a = 1\n', 'another folder changed');
    ws.invalidateTfvars('/ws/tf');
    assert.equal(ws.tfvarsFor('/ws/tf/main.tf')[0]?.text, 'a = 5\n');
    io.set('/ws/tf/terraform.tfvars', 'a = 6\n');
    ws.invalidateTfvars();
    assert.equal(ws.tfvarsFor('/ws/tf/main.tf')[0]?.text, 'a = 6\n', 'none named: every folder');
    assert.deepEqual(io.listings, ['/ws/tf', '/ws/tf', '/ws/tf']);
  });

  it('an unlistable folder means no tfvars', () => {
    assert.deepEqual(new Workspace({ fs: new FakeFs() }).tfvarsFor('/nowhere/main.tf'), []);
  });
});

describe('workspace: on the disk', () => {
  it('reads through node:fs by default', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-workspace-'));
    try {
      fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
      fs.writeFileSync(path.join(dir, CFG), off('CG203'));
      fs.writeFileSync(path.join(dir, 'a', 'terraform.tfvars'), 'x = 1\n');
      fs.mkdirSync(path.join(dir, 'a', 'b', CFG));
      const ws = new Workspace({ roots: () => [dir] });
      assert.equal(ws.configFileFor(path.join(dir, 'a', 'main.tf')), path.join(dir, CFG));
      assert.deepEqual(ws.configFor(path.join(dir, 'a', 'main.tf'))?.load.config?.rules, { CG203: 'off' });
      assert.deepEqual(ws.tfvarsFor(path.join(dir, 'a', 'main.tf')), [
        { fileName: path.join(dir, 'a', 'terraform.tfvars'), text: 'x = 1\n' },
      ]);
      const folder = ws.configFor(path.join(dir, 'a', 'b', 'main.tf'));
      assert.equal((folder?.load.error as NodeJS.ErrnoException | undefined)?.code, 'EISDIR');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
