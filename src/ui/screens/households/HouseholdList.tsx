/**
 * The hamlet's households: search as you type (diacritic-insensitive, pure function over summaries loaded once),
 * filters, Vietnamese name order. The list re-reads when IndexedDB changes (a sync landing, another tab).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { HouseholdSummary, SearchFilters } from '../../../data';
import { isIOS, isStandalone } from '../../../data/storage';
import { searchHouseholds } from '../../../shared/search';
import { dataLayer } from '../../state/data';
import { Icon } from '../../components/Icon';
import { t } from '../../i18n';
import { currentHamlet, hamletId, session, unsyncedCount } from '../../state/session';
import { iosAdvice } from '../../lib/ios-advice';
import { Screen, Loading } from '../../components/Screen';
import { HouseholdFilters, type FilterKey } from './HouseholdFilters';
import { HouseholdRow } from './HouseholdRow';
import { takeFirstList } from './first-list';
import { readListPaint, rememberListPaint, type ListPaint } from '../../../data/first-paint';
import { OfflineNotice } from '../../pwa/OfflineNotice';

/**
 * Rows rendered at first, and added per "Xem thêm" tap. A screenful and a bit: on a cheap phone each row costs a
 * few milliseconds to render, and the list must answer the first tap within a second of opening the app (a hamlet
 * has ~500 households; searching is the quick way to the one you want).
 */
const LIST_PAGE_ROWS = 40;
/**
 * Rows painted from the remembered copy on a cold start (D21): two screenfuls, so the first frame stays small;
 * the full first page follows when IndexedDB answers, about a second later.
 */
const EARLY_ROWS = 15;
/** Once the list has shown IndexedDB's data, the copy is never painted again in this page (it may be older). */
let liveShown = false;
const rememberedFor = (id: string | null) => (id && !liveShown ? readListPaint(id) : null);

function toFilters(keys: readonly FilterKey[]): SearchFilters {
  return {
    notVisited: keys.includes('notVisited'),
    needsFollowUp: keys.includes('needsFollowUp'),
    priority: keys.includes('priority') ? ['elderly', 'vulnerable', 'poor', 'remote', 'noSmartphone'] : [],
  };
}

export function HouseholdList() {
  const id = hamletId.value;
  const [all, setAll] = useState<HouseholdSummary[] | null>(null);
  // Until IndexedDB answers on a cold start: the first rows as last shown (D21), painted at once.
  const [remembered, setRemembered] = useState<ListPaint | null>(() => rememberedFor(id));
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<FilterKey[]>([]);
  const [shown, setShown] = useState(LIST_PAGE_ROWS);
  useEffect(() => setShown(LIST_PAGE_ROWS), [id, query, filters]);

  useEffect(() => {
    if (!id) return;
    setAll(null);
    setRemembered((r) => (r?.hamletId === id && !liveShown ? r : rememberedFor(id)));
    let live = true;
    const show = (list: HouseholdSummary[]) => {
      if (!live) return;
      liveShown = true;
      if (!performance.getEntriesByName('tn:list-data').length) performance.mark('tn:list-data'); // cold-start benchmark
      setAll(list);
    };
    // The read started with the app (first-list.ts) usually lands first; the live query then keeps the list current.
    let fromLiveQuery = false;
    void takeFirstList(id).then((list) => list && !fromLiveQuery && show(list));
    let stop: (() => void) | undefined;
    void dataLayer().then(({ observe, listHouseholdSummaries }) => {
      if (live) stop = observe(() => listHouseholdSummaries(id), (list) => { fromLiveQuery = true; show(list); });
    });
    return () => { live = false; stop?.(); };
  }, [id]);

  const hits = useMemo(() => (all ? searchHouseholds(all, query, toFilters(filters)) : []), [all, query, filters]);
  const unfiltered = !query && !filters.length;
  useEffect(() => {
    // Copy the first page for the next cold start, as shown (default order, no search or filter).
    if (all && id && unfiltered) rememberListPaint({ hamletId: id, total: all.length, rows: hits.slice(0, EARLY_ROWS) });
  }, [all, hits]);
  // The remembered rows stand in only for the plain list: a search or filter waits for the real data.
  const early = !all && unfiltered && remembered?.hamletId === id ? remembered : null;
  const hamlet = currentHamlet.value;
  const many = (session.value?.hamlets.length ?? 0) > 1;
  const ios = iosAdvice({ ios: isIOS(), standalone: isStandalone(), enrolled: !!session.value?.device, unsynced: unsyncedCount.value });

  return (
    <Screen title={t('list.title')}>
      <div class="row">
        <div class="grow">
          <strong>{hamlet?.name ?? t('list.noHamlet')}</strong>
          {hamlet?.demo && <span class="tag demo" style={{ marginLeft: '6px' }}>DEMO</span>}
        </div>
        {many && <a class="btn secondary" href="/hamlets">{t('list.changeHamlet')}</a>}
      </div>
      {ios && <p class="notice warn small" role="note"><a href="/settings">{ios === 'syncThenInstall' ? t('list.iosHintSync', { n: unsyncedCount.value }) : ios === 'installFirst' ? t('list.iosHintFirst') : t('list.iosHint')}</a></p>}
      <OfflineNotice />
      <div class="field">
        <label for="search">{t('list.search')}</label>
        <input id="search" type="search" inputMode="search" autoComplete="off" placeholder={t('list.searchPlaceholder')}
          value={query} onInput={(e) => setQuery(e.currentTarget.value)} data-testid="search" />
      </div>
      <HouseholdFilters value={filters} onChange={setFilters} />
      <a class="btn block" href="/households/new" data-testid="new-household"><Icon name="plus" /> {t('list.add')}</a>
      {early ? (
        <>
          <p class="muted small" role="status" aria-live="polite">{t('list.count', { n: early.total, total: early.total })}</p>
          <ul class="list" data-testid="household-list" data-early="">
            {early.rows.map((h) => <HouseholdRow key={h.id} h={h} />)}
          </ul>
        </>
      ) : !id ? <p class="notice warn" role="status">{t('list.noHamletHelp')}</p> : !all ? <Loading /> : (
        <>
          <p class="muted small" role="status" aria-live="polite">{t('list.count', { n: hits.length, total: all.length })}</p>
          <ul class="list" data-testid="household-list">
            {hits.slice(0, shown).map((h) => <HouseholdRow key={h.id} h={h} />)}
          </ul>
          {hits.length > shown && (
            <>
              <p class="muted small">{t('list.refine', { n: shown })}</p>
              <button type="button" class="btn secondary block" onClick={() => setShown(shown + LIST_PAGE_ROWS)} data-testid="list-more">
                {t('list.more', { n: Math.min(LIST_PAGE_ROWS, hits.length - shown) })}
              </button>
            </>
          )}
          {all.length === 0 && <p>{t('list.empty')}</p>}
          {all.length > 0 && hits.length === 0 && (
            <div class="notice stack" data-testid="list-no-match">
              <p>{query ? t('list.noMatch', { q: query }) : t('list.noMatchFilters')}</p>
              <button type="button" class="btn secondary block" onClick={() => { setQuery(''); setFilters([]); }}>{t('list.clearSearch')}</button>
            </div>
          )}
        </>
      )}
    </Screen>
  );
}
