/**
 * The benchmark harness (`npm run bench`): every bench/*.bench.ts file exports `groups()`, a list of groups
 * of cases measured with tinybench and printed side by side, with each case's ratio to the group's first
 * case (our implementation) and the target where the issue sets one.
 */
export interface BenchCase {
  name: string;
  fn: () => unknown | Promise<unknown>;
  /** Items one call processes (options priced, rows parsed): the table shows items per second. */
  items?: number;
  /** The target this case must meet, in words ("< 5 ms a call", ">= 10M/s"). */
  target?: string;
  /** Checks the measured mean (ms per call) against the target; shown as ok / MISSED. */
  meets?: (msPerCall: number) => boolean;
}

export interface BenchGroup {
  title: string;
  cases: BenchCase[];
  /** Lines printed under the group: accuracy of peers, scaling ratios, anything measured beside the timing. */
  notes?: (means: Map<string, number>) => string[] | Promise<string[]>;
  /** Minimum time per case in ms (default 500). */
  time?: number;
  /** Minimum runs per case (tinybench's default 64): fewer for cases that take a second. Warm-up runs scale with it. */
  iterations?: number;
}

export type BenchFile = { groups: () => BenchGroup[] | Promise<BenchGroup[]> };
