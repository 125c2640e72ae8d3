/**
 * Minimal AbortController / AbortSignal for the WeChat app service, which has neither.
 * @tanstack/react-query creates an AbortController for every fetch; supabase-js forwards the
 * signal to fetch (taroFetch aborts the wx.request task). Provided as free variables on the weapp
 * build only (config/index.ts).
 */
type AbortListener = (event: { type: 'abort'; target: TaroAbortSignal }) => void;

export class TaroAbortSignal {
  aborted = false;
  reason: unknown = undefined;
  onabort: AbortListener | null = null;
  private readonly listeners: AbortListener[] = [];

  addEventListener(type: string, listener: AbortListener): void {
    if (type === 'abort') this.listeners.push(listener);
  }

  removeEventListener(type: string, listener: AbortListener): void {
    const index = this.listeners.indexOf(listener);
    if (type === 'abort' && index >= 0) this.listeners.splice(index, 1);
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** @internal called by TaroAbortController */
  dispatchAbort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const event = { type: 'abort' as const, target: this };
    this.onabort?.(event);
    for (const listener of this.listeners.slice()) listener(event);
  }
}

export class TaroAbortController {
  readonly signal = new TaroAbortSignal();

  abort(reason?: unknown): void {
    const error = reason ?? Object.assign(new Error('signal is aborted without reason'), { name: 'AbortError' });
    this.signal.dispatchAbort(error);
  }
}

export const AbortController = TaroAbortController as unknown as typeof globalThis.AbortController;
export const AbortSignal = TaroAbortSignal as unknown as typeof globalThis.AbortSignal;
