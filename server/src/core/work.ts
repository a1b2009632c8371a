/**
 * Work counters: how many syntax nodes were built and how many rule checks ran. They let a test guard
 * the algorithmic shape of the engine (10x the input must not cost much more than 10x the work)
 * without timing anything on a noisy machine. A meter is passed in by whoever wants the counts (one
 * per analysis); code that is not given one counts into a meter nobody reads.
 */
export class WorkMeter {
  nodes = 0;
  ruleChecks = 0;
}

/** The meter of callers that do not ask for counts. */
export const UNMETERED = new WorkMeter();
