/**
 * Counts failed password attempts per key in a sliding window (in memory: one process serves).
 * Attempts are reserved before they are evaluated, in one synchronous step, so requests sent at
 * once cannot all pass the check before any failure is recorded: failures plus attempts still
 * being evaluated never exceed the limit.
 */
export class FailureThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #pending = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  #recent(key: string, now: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.#failures.set(key, list);
    else this.#failures.delete(key);
    return list;
  }

  /** True when `key` already has `max` failures in the window. */
  blocked(key: string, max: number, now = Date.now()): boolean {
    return this.#recent(key, now).length >= max;
  }

  /**
   * Reserve one attempt on every key, or none when any key's failures plus pending attempts already
   * reach its limit. Each reservation must be settled with `settle`.
   */
  reserve(limits: ReadonlyArray<readonly [key: string, max: number]>, now = Date.now()): boolean {
    for (const [key, max] of limits) {
      if (this.#recent(key, now).length + (this.#pending.get(key) ?? 0) >= max) return false;
    }
    for (const [key] of limits) this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
    return true;
  }

  /** End a reserved attempt: a failure is counted in the window, a success is not. */
  settle(key: string, failed: boolean, now = Date.now()): void {
    const left = (this.#pending.get(key) ?? 1) - 1;
    if (left > 0) this.#pending.set(key, left);
    else this.#pending.delete(key);
    if (failed) this.record(key, now);
  }

  record(key: string, now = Date.now()): void {
    this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  clear(key: string): void {
    this.#failures.delete(key);
  }
}
