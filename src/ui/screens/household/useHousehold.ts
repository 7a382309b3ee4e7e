/** The household page's data, live: it re-reads when a visit is saved or a sync lands. */
import { useEffect, useState } from 'preact/hooks';
import { getHousehold, observe, type HouseholdDetail } from '../../../data';

/** undefined = loading, null = not on this phone (removed, or a bad link). */
export function useHousehold(id: string | undefined): HouseholdDetail | null | undefined {
  const [detail, setDetail] = useState<HouseholdDetail | null | undefined>(undefined);
  useEffect(() => {
    if (!id) { setDetail(null); return; }
    return observe(async () => (await getHousehold(id)) ?? null, setDetail);
  }, [id]);
  return detail;
}
