/**
 * Hybrid logical clock: wall time (ms) + counter + node (device id), encoded as a fixed-width string so that
 * plain string comparison orders clocks: "000001767225600000:0000:<node>".
 * Pure functions: the caller passes `now`; nothing here reads the clock.
 */
export interface Hlc {
  wallMs: number;
  counter: number;
  node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 4;
const COUNTER_MAX = 36 ** COUNTER_DIGITS - 1;
/** A remote clock further ahead than this is not believed (a phone with a wrong date must not poison everyone). */
export const HLC_MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export const HLC_PATTERN = /^\d{15}:[0-9a-z]{4}:[A-Za-z0-9_-]{1,64}$/;

export function encodeHlc(h: Hlc): string {
  return `${String(h.wallMs).padStart(WALL_DIGITS, '0')}:${h.counter.toString(36).padStart(COUNTER_DIGITS, '0')}:${h.node}`;
}

export function decodeHlc(text: string): Hlc {
  if (!HLC_PATTERN.test(text)) throw new Error(`Not an HLC: ${text}`);
  const [wall, counter, node] = text.split(':') as [string, string, string];
  return { wallMs: Number(wall), counter: parseInt(counter, 36), node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareHlc(a, b) >= 0 ? a : b;
}

/**
 * The last local clock, unless it is further ahead of `now` than any server accepts: then the phone's date was wrong
 * when it was taken and has since been put right. The server refused everything stamped with it, so nothing depends
 * on it; keeping it would get every later edit refused too, until real time caught up (months, for a wrong year).
 */
function believable(last: string | undefined, node: string, now: number): Hlc {
  const prev = last ? decodeHlc(last) : undefined;
  return prev && prev.wallMs <= now + HLC_MAX_DRIFT_MS ? prev : { wallMs: 0, counter: 0, node };
}

/** Next local clock for a local event. */
export function tickHlc(last: string | undefined, node: string, now: number): string {
  const prev = believable(last, node, now);
  if (now > prev.wallMs) return encodeHlc({ wallMs: now, counter: 0, node });
  if (prev.counter >= COUNTER_MAX) return encodeHlc({ wallMs: prev.wallMs + 1, counter: 0, node });
  return encodeHlc({ wallMs: prev.wallMs, counter: prev.counter + 1, node });
}

/** Local clock after seeing a remote clock (pulled data): never goes backwards, ignores absurd future clocks. */
export function receiveHlc(last: string | undefined, remote: string, node: string, now: number): string {
  const r = decodeHlc(remote);
  if (r.wallMs > now + HLC_MAX_DRIFT_MS) return tickHlc(last, node, now);
  const l = believable(last, node, now);
  const wall = Math.max(now, l.wallMs, r.wallMs);
  let counter = 0;
  if (wall === l.wallMs && wall === r.wallMs) counter = Math.max(l.counter, r.counter) + 1;
  else if (wall === l.wallMs) counter = l.counter + 1;
  else if (wall === r.wallMs) counter = r.counter + 1;
  if (counter > COUNTER_MAX) return encodeHlc({ wallMs: wall + 1, counter: 0, node });
  return encodeHlc({ wallMs: wall, counter, node });
}
