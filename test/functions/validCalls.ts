/**
 * One valid call per registered function, the starting point of the fuzz test's mutations.
 * A function added to the registry without an entry here fails `fuzz.test.ts`, so new functions are fuzzed too.
 */
import { FUTURES_A, FUTURES_B, PLAN_A, PLAN_B } from "../helpers/plans";

export const VALID_CALLS: Record<string, unknown[]> = {
  CONTRACTS: [25_000_000, 5000, 250, 1.1, 1, "nearest"],
  EXPOSURE: [PLAN_B],
  EQUITISE: [PLAN_B, FUTURES_B, 60_000_000, 15_000_000, "underweight"],
  REBALANCE: [PLAN_A, FUTURES_A, "edge", "always", "nearest"],
};
