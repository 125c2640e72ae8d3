/**
 * The app's one supabase-js client. On weapp it runs through the WeChat shims (fetch on
 * wx.request, a wx.connectSocket realtime transport, Taro storage for the session; Headers and
 * URL come from config/index.ts); on H5 it uses the browser's fetch and WebSocket. Sign-in is
 * lib/session.ts (WeChat login through the wechat-login function, or e-mail on H5), so
 * `supabase.auth` is not used.
 */
import Taro from '@tarojs/taro';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '@tuoyu/db-types';
import { env, taroEnv } from '../../config/env.ts';
import { validAccessToken } from '../session.ts';
import { createTaroFetch, type WxRequest } from './taro-fetch.ts';
import { TaroWebSocket } from './taro-websocket.ts';

export type TuoyuClient = SupabaseClient<Database>;

const isWeapp = taroEnv !== 'h5';

const wxRequest: WxRequest = (options) => Taro.request(options as unknown as Taro.request.Option);

let client: TuoyuClient | undefined;

/** Created on first use, so pages that never reach the API never build a client. */
export function getSupabase(): TuoyuClient {
  client ??= createClient<Database>(env.supabaseUrl, env.supabaseAnonKey, {
    // the family's token (WeChat login or e-mail), renewed by lib/session.ts; none → the anon key
    accessToken: validAccessToken,
    ...(isWeapp
      ? {
          global: { fetch: createTaroFetch(wxRequest) as unknown as typeof fetch },
          realtime: { transport: TaroWebSocket as unknown as typeof WebSocket },
        }
      : {}),
  });
  return client;
}
