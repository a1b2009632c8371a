import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdleCompaction, QUIET_MS, type Timers } from '../../server/src/lsp/idle-compaction';

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

  it('waits longer than a pause between keystrokes', () => {
    assert.ok(QUIET_MS >= 500, `${QUIET_MS} ms`);
  });
});
