/**
 * Failed sign-ins are limited per user name and per client address: each attempt costs a 32 MiB scrypt
 * hash, so unlimited guessing would be both a password attack and a way to exhaust the server.
 */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #max: number;
  readonly #windowMs: number;
  constructor(max = 10, windowMs = 15 * 60_000) {
    this.#max = max;
    this.#windowMs = windowMs;
  }

  /** Seconds to wait before another attempt for these keys, or 0 when one is allowed now. */
  retryAfter(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.#recent(key, now);
      if (recent.length >= this.#max)
        wait = Math.max(wait, Math.ceil((recent[0] + this.#windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const recent = this.#recent(key, now);
      recent.push(now);
      this.#failures.set(key, recent);
    }
    // Keep the map small under a spray of names: forget keys whose failures have all expired.
    if (this.#failures.size > 10_000) {
      for (const [k, v] of this.#failures)
        if (v.every((t) => t <= now - this.#windowMs)) this.#failures.delete(k);
    }
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.#failures.delete(key);
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((t) => t > now - this.#windowMs);
  }
}
