/**
 * A WebSocket-like class over Taro.connectSocket (wx.connectSocket), passed to supabase-js as
 * `realtime.transport`. Without it `createClient` throws in WeChat ("Unknown JavaScript runtime
 * without WebSocket support"), even when realtime is never used.
 */
import Taro from '@tarojs/taro';

type SocketTask = Taro.SocketTask;

export class TaroWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  readyState = TaroWebSocket.CONNECTING;
  binaryType = 'arraybuffer';
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string | ArrayBuffer }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  private readonly task: Promise<SocketTask>;

  constructor(
    readonly url: string,
    protocols?: string | string[],
  ) {
    this.task = Taro.connectSocket({
      url,
      ...(protocols ? { protocols: typeof protocols === 'string' ? [protocols] : protocols } : {}),
    }).then((task) => {
      task.onOpen((event) => {
        this.readyState = TaroWebSocket.OPEN;
        this.onopen?.(event);
      });
      task.onMessage((event) => this.onmessage?.({ data: event.data }));
      task.onError((event) => this.onerror?.(event));
      task.onClose((event) => {
        this.readyState = TaroWebSocket.CLOSED;
        this.onclose?.({ code: event.code, reason: event.reason, wasClean: true });
      });
      return task;
    });
    this.task.catch((error: unknown) => {
      this.readyState = TaroWebSocket.CLOSED;
      this.onerror?.(error);
    });
  }

  send(data: string | ArrayBuffer): void {
    void this.task.then((task) => task.send({ data }));
  }

  close(code?: number, reason?: string): void {
    this.readyState = TaroWebSocket.CLOSING;
    void this.task.then((task) => task.close({ code: code ?? 1000, reason: reason ?? '' }));
  }
}
