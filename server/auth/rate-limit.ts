/**
 * Fixed-window attempt counter per key (client IP for enrolment), successful attempts taken back: enough to make
 * guessing 8-character codes hopeless. In memory: a restart resets it, which is acceptable for a single-process
 * commune server.
 */
export interface RateLimit { max: number; windowMs: number }

export class AttemptLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly limit: RateLimit) {}

  /** Counts an attempt as it arrives (a burst in parallel is limited too); returns the ms to wait when over the limit, else 0. */
  attempt(key: string, nowMs: number): number {
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.resetAt <= nowMs) this.hits.delete(k);
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= nowMs) {
      this.hits.set(key, { count: 1, resetAt: nowMs + this.limit.windowMs });
      return 0;
    }
    entry.count += 1;
    return entry.count > this.limit.max ? entry.resetAt - nowMs : 0;
  }

  /** Takes back a successful attempt: only failures count, as the phones enrolling on one cultural-house Wi-Fi share an address. */
  succeeded(key: string, nowMs: number): void {
    const entry = this.hits.get(key);
    if (entry && entry.resetAt > nowMs && entry.count > 0) entry.count -= 1;
  }
}
