import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareHlc, decodeHlc, encodeHlc, receiveHlc, tickHlc, HLC_MAX_DRIFT_MS } from '../../src/shared/hlc';

describe('hlc', () => {
  it('encodes so that string order is clock order', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 1000 }),
      (w1, c1, w2, c2) => {
        const a = encodeHlc({ wallMs: w1, counter: c1, node: 'a' });
        const b = encodeHlc({ wallMs: w2, counter: c2, node: 'a' });
        const expected = w1 !== w2 ? Math.sign(w1 - w2) : Math.sign(c1 - c2);
        expect(Math.sign(compareHlc(a, b))).toBe(expected);
      }));
  });
  it('ticks forward even when the wall clock goes backwards', () => {
    const a = tickHlc(undefined, 'dev', 1000);
    const b = tickHlc(a, 'dev', 500);
    expect(compareHlc(b, a)).toBe(1);
    expect(decodeHlc(b)).toEqual({ wallMs: 1000, counter: 1, node: 'dev' });
  });
  it('receive moves past a remote clock but ignores absurd future clocks', () => {
    const remote = encodeHlc({ wallMs: 5000, counter: 3, node: 'other' });
    expect(decodeHlc(receiveHlc(undefined, remote, 'me', 1000))).toEqual({ wallMs: 5000, counter: 4, node: 'me' });
    const future = encodeHlc({ wallMs: 1000 + HLC_MAX_DRIFT_MS + 1, counter: 0, node: 'bad' });
    expect(decodeHlc(receiveHlc(undefined, future, 'me', 1000)).wallMs).toBe(1000);
  });
  it('a phone whose date was a year ahead and is put right gets clocks the server accepts again', () => {
    const day = 86_400_000;
    const now = Date.UTC(2026, 10, 26);
    const wrong = tickHlc(undefined, 'dev', now + 365 * day); // saved while the phone thought it was 2027
    const remote = encodeHlc({ wallMs: now - 1000, counter: 0, node: 'server' });
    for (const next of [tickHlc(wrong, 'dev', now), receiveHlc(wrong, remote, 'dev', now)]) {
      expect(decodeHlc(next).wallMs).toBe(now); // within HLC_MAX_DRIFT_MS: the server's check passes
    }
    // A clock only a little ahead (another phone's, or a small drift) is still never stepped back.
    const ahead = tickHlc(undefined, 'dev', now + HLC_MAX_DRIFT_MS - 1);
    expect(compareHlc(tickHlc(ahead, 'dev', now), ahead)).toBe(1);
  });
});
