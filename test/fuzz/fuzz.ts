/**
 * `npm run fuzz`: a seeded run of 100,000 mutated fixtures through the engine (see engine-fuzz.ts for
 * the mutations and the properties). Prints the documents tried, the failures, the seed and, on failure,
 * the minimal failing document; exits 1 on failure.
 *
 *   node out/test/fuzz/fuzz.js [--runs N] [--seed S] [--deep-percent P]
 *
 * `--deep-percent` (default 50) is the share of documents whose fixes are applied and analysed again
 * and on which fix-all runs; every document is analysed, hovered and completed. FUZZ_RUNS, FUZZ_SEED
 * and FUZZ_DEEP_PERCENT may be given in the environment instead of the options.
 */
import { describeFailure, KNOWN, knownSeen, loadCorpus, runFuzz } from './engine-fuzz';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): number {
  const numRuns = Number(arg('--runs') ?? process.env.FUZZ_RUNS ?? 100000);
  const seed = Number(arg('--seed') ?? process.env.FUZZ_SEED ?? 20240601);
  if (!Number.isInteger(numRuns) || numRuns <= 0 || !Number.isInteger(seed)) {
    console.error('fuzz: --runs takes a positive integer and --seed an integer');
    return 2;
  }
  const corpus = loadCorpus();
  console.log(`fuzz: ${corpus.length} fixtures, ${numRuns} documents, seed ${seed}`);
  const r = runFuzz(corpus, {
    numRuns,
    seed,
    deepPercent: Number(arg('--deep-percent') ?? process.env.FUZZ_DEEP_PERCENT ?? 50),
    log: (s) => console.log(`fuzz: ${s}`),
  });
  const w = r.work;
  console.log(
    `fuzz: ${r.documents} documents tried (${w.templates} analysed as templates, ${w.findings} findings, ` +
      `${w.fixesApplied} fixes applied, ${w.fixAlls} fix-alls), ${r.failed ? 1 : 0} failures, seed ${r.seed}; ` +
      `${Math.round(r.ms / 1000)} s; analyze ${(w.ms / Math.max(1, w.chars / 1024)).toFixed(3)} ms per KB ` +
      `(baseline ${r.msPerKb.toFixed(3)}, ${r.retimed} documents timed again)`,
  );
  for (const [id, n] of knownSeen) {
    console.log(`fuzz: known bug ${id} seen ${n} times (tolerated): ${KNOWN.find((k) => k.id === id)?.reason ?? ''}`);
  }
  if (r.failed) {
    console.log(describeFailure(r));
    return 1;
  }
  return 0;
}

process.exitCode = main();
