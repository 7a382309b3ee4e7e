/** The receipt says "nothing new to send" only when nothing was refused and the run succeeded. */
import { describe, expect, it } from 'vitest';
import { nothingNew } from '../../src/ui/screens/sync/ReceiptView';

const sent = (visits: number) => ({ visits, households: 0, persons: 0, removals: 0, other: 0 });

describe('nothingNew', () => {
  it('is true for a good run that had no visit to send', () => {
    expect(nothingNew({ ok: true, rejected: 0, sent: sent(0) })).toBe(true);
  });
  it('is false when visits were sent, refused (a wrong phone date), or the run failed', () => {
    expect(nothingNew({ ok: true, rejected: 0, sent: sent(3) })).toBe(false);
    expect(nothingNew({ ok: true, rejected: 5, sent: sent(0) })).toBe(false);
    expect(nothingNew({ ok: false, rejected: 0, sent: sent(0) })).toBe(false);
  });
});
