/** The cache of parsed parts (server/src/parse/part-cache.ts): a budget in characters, least recently used first out. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PartCache } from '../../server/src/parse/part-cache';

describe('parsed parts cache', () => {
  it('keeps the parts used last within its budget', () => {
    const c = new PartCache<number>(10);
    c.set('aaaa', 1);
    c.set('bbbb', 2);
    assert.equal(c.get('aaaa'), 1); // used again: now the most recent
    c.set('cccc', 3); // 12 characters: the least recently used goes
    assert.equal(c.get('bbbb'), undefined);
    assert.equal(c.get('aaaa'), 1);
    assert.equal(c.get('cccc'), 3);
  });

  it('counts a part once, and forgets everything when cleared', () => {
    const c = new PartCache<number>(8);
    c.set('aaaa', 1);
    c.set('aaaa', 9); // the same text again: not counted twice, the first value stays
    c.set('bbbb', 2);
    assert.equal(c.get('aaaa'), 1);
    assert.equal(c.get('bbbb'), 2);
    c.clear();
    assert.equal(c.get('aaaa'), undefined);
    c.set('cccccccc', 3);
    assert.equal(c.get('cccccccc'), 3, 'a cleared cache has its whole budget again');
  });

  it('does not keep a part larger than the budget', () => {
    const c = new PartCache<number>(4);
    c.set('toolong', 1);
    assert.equal(c.get('toolong'), undefined);
  });
});
