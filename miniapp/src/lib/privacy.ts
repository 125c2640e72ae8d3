/**
 * The mini-program privacy guide (微信小程序隐私保护指引, base library ≥ 2.32.3). WeChat asks before
 * a privacy API (login, location, phone number) runs for the first time: `wx.onNeedPrivacyAuthorization`
 * hands us a `resolve`, and the family agrees through a button with open-type
 * `agreePrivacyAuthorization` (components/privacy-popup.tsx) or declines. `requirePrivacy()` asks up
 * front, before we call such an API. Elsewhere (H5, older base libraries) both do nothing.
 */
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { taroEnv } from '../config/env.ts';

type Resolve = (result: { buttonId?: string; event: 'agree' | 'disagree' }) => void;
type WxPrivacy = {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve, info: { referrer: string }) => void) => void;
  requirePrivacyAuthorize?: (o: { success?: () => void; fail?: () => void }) => void;
};

const wxPrivacy = (): WxPrivacy | null => (taroEnv === 'weapp' ? (Taro as unknown as WxPrivacy) : null);

let pending: Resolve | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Registers the listener once (app start); the popup shows while a request waits. */
export function installPrivacyGuide(): void {
  const wx = wxPrivacy();
  if (typeof wx?.onNeedPrivacyAuthorization !== 'function') return;
  wx.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve;
    emit();
  });
}

export function usePrivacyRequest(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pending !== null,
    () => false,
  );
}

/** The family's answer from the popup. */
export function answerPrivacy(agree: boolean, buttonId?: string): void {
  pending?.(agree ? { buttonId, event: 'agree' } : { event: 'disagree' });
  pending = null;
  emit();
}

/** Before login, location and the phone number: resolves once the guide is agreed (or not needed). */
export function requirePrivacy(refused: string): Promise<void> {
  const wx = wxPrivacy();
  if (typeof wx?.requirePrivacyAuthorize !== 'function') return Promise.resolve();
  return new Promise<void>((resolve, reject) =>
    wx.requirePrivacyAuthorize!({ success: resolve, fail: () => reject(new Error(refused)) }));
}
