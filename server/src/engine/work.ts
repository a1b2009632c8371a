/**
 * Work counters: how many syntax nodes were built and how many rule checks ran. They let a test guard
 * the algorithmic shape of the engine (10x the input must not cost much more than 10x the work)
 * without timing anything on a noisy machine.
 */
export const work = { nodes: 0, ruleChecks: 0 };

export function resetWork(): void {
  work.nodes = 0;
  work.ruleChecks = 0;
}
