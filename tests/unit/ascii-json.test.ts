/** Push bodies as ASCII JSON (src/shared/ascii-json.ts, D-I7): the same value, in ASCII only. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asciiJson } from '../../src/shared/ascii-json';

describe('asciiJson', () => {
  it('reads back as the same value and holds only ASCII, for any JSON value with any characters', () => {
    fc.assert(fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
      const text = asciiJson(value);
      expect(text).toMatch(/^[\x00-\x7f]*$/);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    }), { numRuns: 500 });
  });

  it('escapes Vietnamese letters and emoji (each UTF-16 unit), leaves ASCII as JSON.stringify writes it', () => {
    const visit = { notes: 'Bà Hoà 👵 "QR"\n', n: 1 };
    expect(asciiJson(visit)).toBe('{"notes":"B\\u00e0 Ho\\u00e0 \\ud83d\\udc75 \\"QR\\"\\n","n":1}');
    expect(asciiJson({ a: 'plain ascii ~' })).toBe(JSON.stringify({ a: 'plain ascii ~' }));
  });
});
