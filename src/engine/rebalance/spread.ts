/**
 * Spreading an amount over classes in proportion to their shares, each capped by its room
 * ("water filling"): a class that would receive more than its room receives its room, and the rest is
 * shared again among the others. Where the remaining classes' shares are all zero, equal shares.
 *
 * amount may be negative; rooms are magnitudes (>= 0) in the amount's direction, Infinity for no cap.
 * Returns the allocation per class (same sign as amount) and what could not be placed.
 */
export function spreadWithRoom(amount: number, shares: readonly number[], rooms: readonly number[]): { alloc: number[]; unplaced: number } {
  const alloc = new Array<number>(shares.length).fill(0);
  const sign = amount < 0 ? -1 : 1;
  let left = Math.abs(amount);
  let active = shares.map((_, i) => i).filter((i) => rooms[i] > 0);
  while (left > 0 && active.length > 0) {
    const total = active.reduce((s, i) => s + Math.max(0, shares[i]), 0);
    const share = (i: number) => (total > 0 ? Math.max(0, shares[i]) / total : 1 / active.length);
    const capped = active.filter((i) => left * share(i) >= rooms[i]);
    if (capped.length === 0) {
      for (const i of active) alloc[i] = left * share(i);
      left = 0;
      break;
    }
    for (const i of capped) {
      alloc[i] = rooms[i];
      left -= rooms[i];
    }
    active = active.filter((i) => !capped.includes(i));
  }
  return { alloc: alloc.map((a) => sign * a), unplaced: sign * Math.max(0, left) };
}
