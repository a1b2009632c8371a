import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { IdleCompaction, QUIET_MS, type Timers } from '../../server/src/lsp/idle-compaction';

const MODULE = path.join(__dirname, '..', '..', 'server', 'src', 'lsp', 'idle-compaction.js');

/** Runs `body` in a new Node with `flags`, the module loaded as `m`; what it prints, parsed as JSON. */
function inNode(flags: string[], body: string): unknown {
  const r = spawnSync(process.execPath, [...flags, '-e', `const m = require(${JSON.stringify(MODULE)});\n${body}`], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** Timers run by hand: `advance(ms)` fires what falls due, in order. */
class ManualTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  unrefs = 0;

  setTimeout(fn: () => void, ms: number): { unref(): void; id: number } {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, fn });
    return { id, unref: () => void this.unrefs++ };
  }

  clearTimeout(t: unknown): void {
    this.due.delete((t as { id: number }).id);
  }

  get pending(): number {
    return this.due.size;
  }

  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const first = [...this.due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!first || first[1].at > end) break;
      this.due.delete(first[0]);
      this.now = first[1].at;
      first[1].fn();
    }
    this.now = end;
  }
}

describe('idle compaction', () => {
  it('collects once after the work stops, not while it goes on', () => {
    const timers = new ManualTimers();
    let collected = 0;
    const idle = new IdleCompaction(() => collected++, 1000, timers);
    assert.equal(idle.enabled, true);
    // work every 400 ms for 4 seconds: never quiet for a whole second
    for (let t = 0; t < 4000; t += 400) {
      idle.worked();
      timers.advance(400);
    }
    assert.equal(collected, 0);
    timers.advance(599);
    assert.equal(collected, 0);
    timers.advance(1);
    assert.equal(collected, 1);
    assert.equal(idle.collections, 1);
    // quiet from then on: no second collection, nothing left pending
    timers.advance(10_000);
    assert.equal(collected, 1);
    assert.equal(timers.pending, 0);
    // more work, then quiet again: one more
    idle.worked();
    timers.advance(1000);
    assert.equal(collected, 2);
    assert.ok(timers.unrefs >= 1, 'a pending collection must not keep the process alive');
  });

  it('does nothing without a collector, and dispose cancels the pending one', () => {
    const timers = new ManualTimers();
    const off = new IdleCompaction(undefined, 1000, timers);
    assert.equal(off.enabled, false);
    off.worked();
    assert.equal(timers.pending, 0);
    let collected = 0;
    const on = new IdleCompaction(() => collected++, 1000, timers);
    on.worked();
    on.dispose();
    timers.advance(5000);
    assert.equal(collected, 0);
  });

  it('with --expose-gc, compacts what a plain collection leaves fragmented; without it, is off', () => {
    assert.deepEqual(inNode([], 'console.log(JSON.stringify(new m.IdleCompaction().enabled))'), false);
    // a million small objects of which one in fifty stays alive: every page keeps a few live objects
    const heapAfter = (collect: string): { enabled: boolean; after: number; kept: number } =>
      inNode(
        ['--expose-gc'],
        `const all = [];
        for (let i = 0; i < 1e6; i++) all.push({ i, s: 'x' + i });
        for (let i = 0; i < all.length; i++) if (i % 50) all[i] = null;
        const idle = new m.IdleCompaction();
        ${collect};
        const kept = all.filter(Boolean).length;
        console.log(JSON.stringify({ enabled: idle.enabled, after: process.memoryUsage().heapTotal, kept }));`,
      ) as { enabled: boolean; after: number; kept: number };
    const plain = heapAfter('gc()');
    const compacting = heapAfter('m.exposedGc()()');
    assert.equal(compacting.enabled, true);
    assert.equal(compacting.kept, 20_000);
    assert.equal(plain.kept, 20_000);
    assert.ok(
      compacting.after < plain.after * 0.7,
      `heap after a plain collection ${plain.after >> 20} MiB, after the compacting one ${compacting.after >> 20} MiB`,
    );
  });

  it('waits longer than a pause between keystrokes', () => {
    assert.ok(QUIET_MS >= 500, `${QUIET_MS} ms`);
  });
});
