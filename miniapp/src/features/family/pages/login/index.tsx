/**
 * 登录. weapp: 微信一键登录 (privacy guide first). H5 (no wx.login): the demo families through the
 * same wechat-login function against the WeChat stand-in, or e-mail and password.
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, Checkbox, Input, Text, View } from '@tarojs/components';
import { navigate } from '../../../../lib/navigation.ts';
import { LoginError, loginAsDemoFamily, loginWithPassword, loginWithWechat } from '../../api/auth.ts';
import '../../components/family.css';
import { taroEnv } from '../../../../config/env.ts';
import { PrivacyPopup } from '../../../../components/privacy-popup.tsx';

const DEMO_FAMILIES = [
  { name: 'zhang', label: '张女士（汶上县，已有孩子和申请）' },
  { name: 'li', label: '李先生（重庆渝中区）' },
  { name: `guest-${Math.random().toString(36).slice(2, 8)}`, label: '新家长（首次登录）' },
];

export default function LoginPage() {
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const h5 = taroEnv === 'h5';
  const toggleAgreed = () => {
    setAgreed((on) => !on);
    setError('');
  };

  const run = async (login: () => Promise<unknown>) => {
    if (!agreed) {
      setError('请先阅读并同意《隐私保护指引》');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await login();
      void Taro.showToast({ title: '登录成功', icon: 'success' });
      navigate('mine');
    } catch (e) {
      setError(e instanceof LoginError ? e.message : '登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page' data-testid='login-page'>
      <PrivacyPopup />
      <View className='family__card'>
        <Text className='family__title'>登录托育一件事</Text>
        <Text className='family__text'>登录后可以登记孩子信息、在线申请托位、预约参观、评价机构并接收办理进度通知。</Text>
        <View className='family__row' onClick={toggleAgreed} data-testid='login-agree-row'>
          <Checkbox value='agree' checked={agreed} data-testid='login-agree' />
          <Text className='family__label' onClick={(e) => { e.stopPropagation(); toggleAgreed(); }}>我已阅读并同意</Text>
          <Text style={{ color: '#1677ff' }} onClick={(e) => { e.stopPropagation(); navigate('familyPrivacy'); }}>《隐私保护指引》</Text>
        </View>
        {h5 ? null : (
          <Button className='family__button' loading={busy} disabled={busy} onClick={() => void run(loginWithWechat)} data-testid='login-wechat'>
            微信一键登录
          </Button>
        )}
        {error ? <Text className='family__error' data-testid='login-error'>{error}</Text> : null}
      </View>
      {h5 ? (
        <View className='family__card' data-testid='login-demo'>
          <Text className='family__title'>演示家庭（微信登录模拟）</Text>
          <Text className='family__text'>浏览器中没有微信登录，以下账号通过同一登录接口和本地微信替身登录。</Text>
          {DEMO_FAMILIES.map((f) => (
            <Button key={f.name} className='family__button--plain' disabled={busy} onClick={() => void run(() => loginAsDemoFamily(f.name))}
              data-testid={`login-demo-${f.name.startsWith('guest') ? 'guest' : f.name}`}>
              {f.label}
            </Button>
          ))}
          <Text className='family__title' style={{ marginTop: '32px' }}>邮箱登录（演示账号）</Text>
          <Input className='family__input family__field' placeholder='邮箱，如 family.zhang@demo.tuoyu.cn' value={email}
            onInput={(e) => setEmail(e.detail.value)} data-testid='login-email' />
          <Input className='family__input family__field' password placeholder='密码' value={password}
            onInput={(e) => setPassword(e.detail.value)} data-testid='login-password' />
          <Button className='family__button' disabled={busy} onClick={() => void run(() => loginWithPassword(email, password))} data-testid='login-submit'>
            登录
          </Button>
        </View>
      ) : null}
    </View>
  );
}
