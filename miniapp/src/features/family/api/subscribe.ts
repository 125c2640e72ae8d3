/**
 * WeChat subscribe messages (订阅消息): the family opts in with a tap for the templates of
 * 录取通知 / 录取即将过期 / 申请未通过或已撤回 (template ids from config/env, see README). One-time
 * subscriptions: each tap allows one message per template, so we ask at the moments that lead to one
 * (sending a request, opening 消息). Outside weapp, or without template ids, nothing happens.
 */
import Taro from '@tarojs/taro';
import { env, taroEnv } from '../../../config/env.ts';

export function subscriptionsAvailable(): boolean {
  return taroEnv === 'weapp' && env.subscribeTemplateIds.length > 0;
}

/** Must run inside a tap handler (WeChat refuses it otherwise). Resolves with the accepted template count. */
export async function askForSubscriptions(): Promise<number> {
  if (!subscriptionsAvailable()) return 0;
  try {
    const result = (await Taro.requestSubscribeMessage({ tmplIds: env.subscribeTemplateIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    return env.subscribeTemplateIds.filter((id) => result[id] === 'accept').length;
  } catch {
    return 0;
  }
}
