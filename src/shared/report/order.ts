/**
 * Effective visits of each household, in order, as row indices — the rule of state.ts effectiveVisits and of
 * effective.ts effectiveTimed (an amendment replaces the visit it amends, keeping that visit's time and id; the
 * latest amendment by time, then id, wins; amendments with a malformed time change nothing; malformed times last).
 */
export interface EffectiveOrder {
  /** Per position: the row whose time and id place the visit. */
  orig: Int32Array;
  /** Per position: the row whose content counts (the latest amendment, or the visit itself). */
  content: Int32Array;
  /** Per group: end of its effective visits (they start where the group starts). */
  end: Int32Array;
}

/**
 * Groups are positions [start[g], start[g + 1]) of `order` (row indices). Per row: `ids` its id, or anything that
 * orders as the ids do within a household (a digest's visit index); `targets` the id (same kind) of the visit it
 * amends, read only where `isAmendment`.
 */
export function effectiveOrder(
  ids: ArrayLike<string | number>, targets: ArrayLike<unknown>, ms: Float64Array, isAmendment: Uint8Array, start: Int32Array, order: Int32Array,
): EffectiveOrder {
  const orig = new Int32Array(order.length), content = new Int32Array(order.length), end = new Int32Array(start.length - 1);
  const key = (r: number) => (ms[r] === ms[r] ? ms[r]! : Infinity);
  /** Row a goes after row b (time, then id). */
  const after = (a: number, b: number) => key(a) > key(b) || (key(a) === key(b) && ids[a]! > ids[b]!);
  for (let g = 0; g + 1 < start.length; g++) {
    const s = start[g]!, e = start[g + 1]!;
    let n = s, amended = false;
    for (let p = s; p < e; p++) if (isAmendment[order[p]!]) { amended = true; break; }
    if (!amended) {
      for (let p = s; p < e; p++) { orig[n] = order[p]!; content[n++] = order[p]!; }
    } else {
      const latest = new Map<unknown, number>();
      for (let p = s; p < e; p++) {
        const r = order[p]!;
        if (!isAmendment[r] || ms[r] !== ms[r]) continue;
        const target = targets[r], prev = latest.get(target);
        if (prev === undefined || ms[r]! > ms[prev]! || (ms[r] === ms[prev] && ids[r]! > ids[prev]!)) latest.set(target, r);
      }
      for (let p = s; p < e; p++) {
        const r = order[p]!;
        if (isAmendment[r]) continue;
        orig[n] = r;
        content[n++] = latest.get(ids[r]) ?? r;
      }
    }
    end[g] = n;
    if (n - s > 64) {
      // An unusually busy household: an O(n log n) sort of (orig, content) pairs.
      const pairs = Array.from({ length: n - s }, (_, i) => [orig[s + i]!, content[s + i]!] as const);
      pairs.sort((a, b) => (after(a[0], b[0]) ? 1 : after(b[0], a[0]) ? -1 : 0));
      pairs.forEach(([o, c], i) => { orig[s + i] = o; content[s + i] = c; });
      continue;
    }
    // Insertion sort: a household has a handful of visits, often already in order.
    for (let i = s + 1; i < n; i++) {
      const o = orig[i]!, c = content[i]!;
      let j = i - 1;
      while (j >= s && after(orig[j]!, o)) { orig[j + 1] = orig[j]!; content[j + 1] = content[j]!; j--; }
      orig[j + 1] = o; content[j + 1] = c;
    }
  }
  return { orig, content, end };
}
