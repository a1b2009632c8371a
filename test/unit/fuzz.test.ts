/**
 * A small seeded fuzzing run (about 2,000 mutated fixtures, a few seconds) as part of `npm test`; the
 * large run is `npm run fuzz`. The mutations and properties are described in test/fuzz/engine-fuzz.ts.
 * On failure, the message has the seed, the fixture, the mutations and the minimal failing document.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFailure, KNOWN, knownSeen, loadCorpus, runFuzz } from '../fuzz/engine-fuzz';

const RUNS = 2000;
const SEED = 424242;

describe('engine fuzzing (seeded, small)', () => {
  it(`${RUNS} mutated fixtures: no throw, no internal error, fixes apply, time bounded by size`, () => {
    const corpus = loadCorpus();
    assert.ok(corpus.length > 500, `only ${corpus.length} fixtures found`);
    // every tenth document also has its fixes applied and fix-all run (ten times the cost of the rest)
    const r = runFuzz(corpus, { numRuns: RUNS, seed: SEED, deepPercent: 10 });
    const known = [...knownSeen].map(([id, n]) => `${id} x${n}`).join(', ');
    console.log(
      `fuzz: ${r.documents} documents (${r.work.templates} templates, ${r.work.fixesApplied} fixes applied, ` +
        `${r.work.fixAlls} fix-alls), ${r.failed ? 1 : 0} failures, seed ${r.seed}, ${Math.round(r.ms)} ms` +
        (known ? `; known bugs tolerated: ${known}` : ''),
    );
    assert.ok(!r.failed, describeFailure(r));
    assert.equal(r.documents, RUNS);
    assert.ok(r.work.templates > RUNS / 2, 'most mutated documents are still templates');
    for (const id of knownSeen.keys()) assert.ok(KNOWN.some((k) => k.id === id));
  });
});
