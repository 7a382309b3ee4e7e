/** Message keys for enum values shared with the schema, so screens never spell them out twice. */
import type { MessageKey } from '../../i18n';
import type { PriorityKey, VisitKind } from '../../lib/enums';

export const PRIORITY_LABEL: Record<PriorityKey, MessageKey> = {
  elderly: 'priority.elderly',
  vulnerable: 'priority.vulnerable',
  poor: 'priority.poor',
  remote: 'priority.remote',
  noSmartphone: 'priority.noSmartphone',
};

export const VISIT_KIND_LABEL: Record<VisitKind, MessageKey> = {
  home: 'visitKind.home',
  group_session: 'visitKind.group_session',
  phone: 'visitKind.phone',
  zalo: 'visitKind.zalo',
};
