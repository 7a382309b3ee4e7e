import { t } from '../../i18n';
import { ToggleChips } from '../../components/Choices';

export type FilterKey = 'notVisited' | 'needsFollowUp' | 'priority';

export function HouseholdFilters({ value, onChange }: { value: FilterKey[]; onChange: (v: FilterKey[]) => void }) {
  return (
    <ToggleChips label={t('list.filters')} values={value} onChange={onChange}
      options={[
        { key: 'notVisited', label: t('list.filter.notVisited') },
        { key: 'needsFollowUp', label: t('list.filter.needsFollowUp') },
        { key: 'priority', label: t('list.filter.priority') },
      ]} />
  );
}
