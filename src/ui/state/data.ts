/**
 * The data layer for the first route, loaded after the first paint (D21). The first paint needs only the
 * localStorage copy (src/data/first-paint.ts); Dexie and the readers are ≈ 60 % of the first route's JavaScript,
 * so they are fetched while the first frame is drawn and run after it instead of before. One promise for the app:
 * the module loads once, and every caller awaits the same one.
 */
type DataLayer = typeof import('../../data');

let loading: Promise<DataLayer> | undefined;

export function dataLayer(): Promise<DataLayer> {
  // A failed load (a chunk missing after an interrupted update) is not kept: the next caller tries again.
  return (loading ??= import('../../data').catch((e: unknown) => { loading = undefined; throw e; }));
}
