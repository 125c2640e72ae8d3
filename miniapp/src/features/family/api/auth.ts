/**
 * Signing in and out. WeChat: Taro.login → wechat-login (the function calls code2session); on H5,
 * where there is no wx.login, the demo picker sends the stand-in's `dev:<name>` codes through the
 * same function, and the demo families may also use e-mail and password (GoTrue).
 */
import Taro from '@tarojs/taro';
import { postJson, saveSession, sessionFrom, type FamilySession } from '../../../lib/session.ts';
import { requirePrivacy } from '../../../lib/privacy.ts';

export class LoginError extends Error {}

/** Asks for the privacy guide's consent where WeChat requires it (base library ≥ 2.32.3). */
async function privacyAuthorized(): Promise<void> {
  await requirePrivacy('需要同意隐私保护指引后才能登录').catch((e: Error) => {
    throw new LoginError(e.message);
  });
}

async function loginWithCode(code: string): Promise<FamilySession> {
  let res;
  try {
    res = await postJson('/functions/v1/wechat-login', { code });
  } catch {
    throw new LoginError('网络连接失败，请检查网络后重试');
  }
  if (res.status !== 200 || !res.data.access_token) throw new LoginError(res.data.message ?? '登录失败，请稍后重试');
  const session = sessionFrom(res.data, 'wechat');
  saveSession(session);
  return session;
}

/** 微信一键登录 (weapp). */
export async function loginWithWechat(): Promise<FamilySession> {
  await privacyAuthorized();
  const { code } = await Taro.login();
  if (!code) throw new LoginError('微信登录失败，请重试');
  return loginWithCode(code);
}

/** H5 demo: the stand-in maps `dev:<name>` to the same family every time. */
export function loginAsDemoFamily(name: string): Promise<FamilySession> {
  return loginWithCode(`dev:${name}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
}

export async function loginWithPassword(email: string, password: string): Promise<FamilySession> {
  let res;
  try {
    res = await postJson('/auth/v1/token?grant_type=password', { email: email.trim(), password });
  } catch {
    throw new LoginError('网络连接失败，请检查网络后重试');
  }
  if (res.status === 400) throw new LoginError('邮箱或密码不正确');
  if (res.status === 429) throw new LoginError('尝试次数过多，请稍后再试');
  if (res.status !== 200 || !res.data.access_token) throw new LoginError('登录失败，请稍后重试');
  const session = sessionFrom(res.data, 'password');
  saveSession(session);
  return session;
}

export function signOut(): void {
  saveSession(null);
}

/** 获取手机号 button: the code goes to wechat-login, which stores the verified number. */
export async function sharePhone(phoneCode: string, accessToken: string): Promise<string> {
  const res = await postJson('/functions/v1/wechat-login', { phone_code: phoneCode }, { authorization: `Bearer ${accessToken}` });
  if (res.status !== 200) throw new LoginError(res.data.message ?? '手机号授权失败');
  return (res.data as unknown as { phone: string }).phone;
}
