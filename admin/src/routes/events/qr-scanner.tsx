import { CameraOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';

/** The same text read again within this time is one scan (the code stays in front of the camera). */
const REPEAT_MS = 4000;

function cameraError(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return '未获得摄像头权限：请在浏览器中允许使用摄像头，或直接输入签到码';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return '未找到摄像头：请直接输入签到码';
  if (name === 'NotReadableError') return '摄像头被其他应用占用：请关闭后重试，或直接输入签到码';
  if (typeof navigator !== 'undefined' && !navigator.mediaDevices) return '当前页面不能使用摄像头（需 HTTPS）：请直接输入签到码';
  return `摄像头打开失败：${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Camera QR scanner for the check-in page. The decoder (@zxing/browser: Chromium on desktop and
 * Android WebViews lack a usable BarcodeDetector everywhere we need it) is loaded only when the
 * worker turns the camera on; the back camera is asked for. Calls onText once per code read.
 */
export function QrScanner({ onText }: { onText: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const handler = useRef(onText);
  handler.current = onText;
  const last = useRef<{ text: string; at: number } | null>(null);
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!on || !video.current) return;
    const element = video.current;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void (async () => {
      try {
        const { BrowserQRCodeReader } = await import('@zxing/browser');
        const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150 });
        const controls = await reader.decodeFromConstraints({ audio: false, video: { facingMode: 'environment' } }, element, (result) => {
          if (!result) return;
          const text = result.getText();
          const now = Date.now();
          if (last.current && last.current.text === text && now - last.current.at < REPEAT_MS) return;
          last.current = { text, at: now };
          handler.current(text);
        });
        if (cancelled) controls.stop();
        else stop = () => controls.stop();
      } catch (e) {
        if (!cancelled) {
          setError(cameraError(e));
          setOn(false);
        }
      }
    })();
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [on]);

  return (
    <div data-testid="qr-scanner">
      {on ? (
        <>
          <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000' }} data-testid="qr-scanner-video" />
          <Button block icon={<StopOutlined />} onClick={() => setOn(false)} style={{ marginTop: 8 }} data-testid="qr-scanner-stop">关闭摄像头</Button>
        </>
      ) : (
        <Button block size="large" type="primary" icon={<CameraOutlined />} onClick={() => { setError(null); setOn(true); }} data-testid="qr-scanner-start">
          扫码签到
        </Button>
      )}
      {error ? <Alert style={{ marginTop: 8 }} type="warning" showIcon message={error} data-testid="qr-scanner-error" /> : null}
    </div>
  );
}
