/**
 * The cache of parsed parts (server/src/parse/part-cache.ts): one budget in characters for every
 * syntax, least recently used first out.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PartCache } from '../../server/src/parse/part-cache';

describe('parsed parts cache', () => {
  it('keeps the parts used last within its budget', () => {
    const c = new PartCache(10);
    c.set('yaml', 'aaaa', 1);
    c.set('hcl', 'bbbb', 2);
    assert.equal(c.get('yaml', 'aaaa'), 1); // used again: now the most recent
    c.set('json', 'cccc', 3); // 12 characters: the least recently used goes, whatever its syntax
    assert.equal(c.get('hcl', 'bbbb'), undefined);
    assert.equal(c.get('yaml', 'aaaa'), 1);
    assert.equal(c.get('json', 'cccc'), 3);
  });

  it('keeps one text apart for each syntax, counted once', () => {
    const c = new PartCache(8);
    c.set('yaml', 'aaaa', 1);
    c.set('yaml', 'aaaa', 9); // the same text again: the first value stays
    c.set('hcl', 'aaaa', 5); // the same text read as another syntax: its own slot, not counted again
    c.set('json', 'bbbb', 2);
    assert.equal(c.get('yaml', 'aaaa'), 1);
    assert.equal(c.get('hcl', 'aaaa'), 5);
    assert.equal(c.get('json', 'aaaa'), undefined);
    assert.equal(c.get('json', 'bbbb'), 2);
  });

  it('forgets one syntax or all, and then has that budget again', () => {
    const c = new PartCache(8);
    c.set('yaml', 'aaaa', 1);
    c.set('hcl', 'bbbb', 2);
    c.clear('yaml');
    assert.equal(c.get('yaml', 'aaaa'), undefined);
    assert.equal(c.get('hcl', 'bbbb'), 2);
    c.set('json', 'cccc', 3);
    assert.equal(c.get('hcl', 'bbbb'), 2, 'the cleared part no longer counts');
    c.clear();
    assert.equal(c.get('hcl', 'bbbb'), undefined);
    c.set('json', 'dddddddd', 4);
    assert.equal(c.get('json', 'dddddddd'), 4);
  });

  it('does not keep a part larger than the budget', () => {
    const c = new PartCache(4);
    c.set('yaml', 'toolong', 1);
    assert.equal(c.get('yaml', 'toolong'), undefined);
  });
});
