/**
 * Sign-in inside a page that needs it (events, expert booking): the family's session of
 * lib/session.ts (WeChat login, the H5 demo picker, or e-mail and password of the demo accounts).
 * The full sign-in page (微信登录, 演示家庭) is the family feature's login page.
 */
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { errorMessage } from '@tuoyu/domain';
import { useSession as useFamilySession } from '../lib/session.ts';
import { navigate } from '../lib/navigation.ts';
import { LoginError, loginWithPassword } from '../features/family/api/auth.ts';
import './demo-sign-in.css';

/** The signed-in family (null when signed out); the session is read synchronously, so always ready. */
export function useSession(): { session: { user: { id: string } } | null; ready: boolean } {
  const family = useFamilySession();
  return { session: family ? { user: { id: family.userId } } : null, ready: true };
}

export function DemoSignIn({ reason }: { reason: string }) {
  const [email, setEmail] = useState('family.zhang@demo.tuoyu.cn');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const signIn = async () => {
    setBusy(true);
    setError('');
    try {
      await loginWithPassword(email.trim(), password);
    } catch (failed) {
      setError(failed instanceof LoginError ? failed.message : errorMessage(failed));
    } finally {
      setBusy(false);
    }
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
      <Text className='demo-sign-in__hint' onClick={() => navigate('familyLogin')}>微信登录或选择演示家庭 ›</Text>
    </View>
  );
}
