/**
 * Spreading an amount over classes in proportion to their shares, each capped by its room
 * ("water filling"): a class that would receive more than its room receives its room, and the rest is
 * shared again among the others. Where the remaining classes' shares are all zero, equal shares.
 *
 * amount may be negative; rooms are magnitudes (>= 0) in the amount's direction, Infinity for no cap.
 * Returns the allocation per class (same sign as amount) and what could not be placed.
 *
 * O(n log n): with level L, class i gets min(L x share_i, room_i); sorting by room_i / share_i (compared in logs,
 * so subnormal shares keep their order), the classes capped at the final level are a prefix of that order.
 */
export function spreadWithRoom(amount: number, shares: readonly number[], rooms: readonly number[]): { alloc: number[]; unplaced: number } {
  const n = shares.length;
  const alloc = new Array<number>(n).fill(0);
  const sign = amount < 0 ? -1 : 1;
  let left = Math.abs(amount);
  const open = (positive: boolean) => {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (rooms[i] > 0 && alloc[i] === 0 && (positive ? shares[i] > 0 : !(shares[i] > 0))) idx.push(i);
    return idx;
  };
  // First the classes with positive shares; if they all fill up, the zero-share classes share equally.
  for (const positive of [true, false]) {
    if (!(left > 0)) break;
    const idx = open(positive);
    if (idx.length === 0) continue;
    const share = (i: number) => (positive ? shares[i] : 1);
    // Ordered by room / share, compared as log room - log share: the quotient overflows to Infinity for subnormal
    // shares (5e-10 / 5e-324), and ties of Infinity would leave a class that needs its room out of the prefix.
    const key = new Float64Array(n);
    for (const i of idx) key[i] = Math.log(rooms[i]) - Math.log(share(i));
    idx.sort((a, b) => (key[a] < key[b] ? -1 : key[a] > key[b] ? 1 : 0));
    // Share totals of the classes from k on, summed from the end (no cancellation from subtracting).
    const rest = new Array<number>(idx.length + 1).fill(0);
    for (let k = idx.length - 1; k >= 0; k--) rest[k] = rest[k + 1] + share(idx[k]);
    let k = 0;
    for (; k < idx.length; k++) {
      const i = idx[k];
      // Below the level when left x share / rest < room, i.e. log left - log rest < key (log room - log share),
      // in logs like the order: with subnormal shares share / rest rounds to 0 (5e-324 / 2) and the product form
      // underflows, so a class at the level would look below it and a later class that needs its room be left out.
      if (Math.log(left) - Math.log(rest[k]) < key[i]) break;
      alloc[i] = rooms[i];
      left -= rooms[i];
    }
    if (k < idx.length) {
      // Below the level every class takes its share; capped at its room, which rounding in share / rest can
      // otherwise pass by an ulp's worth of the amount (subnormal shares), so what is left is what was not placed.
      let placed = 0;
      for (let m = k; m < idx.length; m++) {
        const i = idx[m];
        alloc[i] = Math.min(rooms[i], left * (share(i) / rest[k]));
        placed += alloc[i];
      }
      left = Math.max(0, left - placed);
    }
  }
  return { alloc: alloc.map((a) => sign * a), unplaced: sign * Math.max(0, left) };
}
