/** Counts failed password attempts per key in a sliding window (in memory: one process serves). */
export class FailureThrottle {
  readonly #failures = new Map<string, number[]>();

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

  record(key: string, now = Date.now()): void {
    this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  clear(key: string): void {
    this.#failures.delete(key);
  }
}
