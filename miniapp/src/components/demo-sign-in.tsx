/**
 * Minimal family sign-in for the content features (e-mail and password of the demo accounts,
 * supabase/demo-accounts.json). WeChat sign-in comes with the family feature (branch `families`);
 * once merged, its session is the same supabase-js session and this form is no longer shown.
 */
import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Session } from '@supabase/supabase-js';
import { getSupabase } from '../lib/supabase/client.ts';
import './demo-sign-in.css';

/** The current session (null when signed out), kept in sync with supabase-js. */
export function useSession(): { session: Session | null; ready: boolean } {
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const supabase = getSupabase();
    void supabase.auth.getSession().then(({ data }) => {
      setSession(data.session);
      setReady(true);
    });
    const { data } = supabase.auth.onAuthStateChange((_event, next) => setSession(next));
    return () => data.subscription.unsubscribe();
  }, []);
  return { session, ready };
}

export function DemoSignIn({ reason }: { reason: string }) {
  const [email, setEmail] = useState('family.zhang@demo.tuoyu.cn');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const signIn = async () => {
    setBusy(true);
    setError('');
    const { error: failed } = await getSupabase().auth.signInWithPassword({ email: email.trim(), password });
    setBusy(false);
    if (failed) setError(failed.status === 400 ? '邮箱或密码不正确' : '登录失败，请稍后重试');
  };
  return (
    <View className='demo-sign-in' data-testid='demo-sign-in'>
      <Text className='demo-sign-in__title'>{reason}</Text>
      <Input className='demo-sign-in__input' value={email} placeholder='邮箱' onInput={(e) => setEmail(e.detail.value)} data-testid='sign-in-email' />
      <Input className='demo-sign-in__input' value={password} password placeholder='密码' onInput={(e) => setPassword(e.detail.value)} data-testid='sign-in-password' />
      {error ? <Text className='demo-sign-in__error' data-testid='sign-in-error'>{error}</Text> : null}
      <Button className='demo-sign-in__button' loading={busy} disabled={busy} onClick={() => void signIn()} data-testid='sign-in-submit'>
        登录
      </Button>
      <Text className='demo-sign-in__hint'>演示账号见 supabase/demo-accounts.json（密码 Tuoyu-demo-2025）</Text>
    </View>
  );
}
