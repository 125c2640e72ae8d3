/** Shown when WeChat needs the privacy guide agreed before a privacy API runs (lib/privacy.ts). */
import { Button, Text, View } from '@tarojs/components';
import { navigate } from '../lib/navigation.ts';
import { answerPrivacy, usePrivacyRequest } from '../lib/privacy.ts';

export function PrivacyPopup() {
  const open = usePrivacyRequest();
  if (!open) return null;
  return (
    <View style={{ position: 'fixed', left: 0, right: 0, bottom: 0, top: 0, background: 'rgba(0,0,0,0.45)', zIndex: 1000 }} data-testid='privacy-popup'>
      <View style={{ position: 'absolute', left: 0, right: 0, bottom: 0, background: '#fff', padding: '32px', borderRadius: '16px 16px 0 0' }}>
        <Text style={{ display: 'block', fontSize: '32px', fontWeight: 600 }}>隐私保护提示</Text>
        <Text style={{ display: 'block', fontSize: '28px', lineHeight: 1.7, margin: '16px 0' }}>
          使用登录、位置和手机号等功能前，请阅读并同意《隐私保护指引》。我们只在办理托育服务时使用这些信息。
        </Text>
        <Text style={{ color: '#1677ff', fontSize: '28px' }} onClick={() => navigate('familyPrivacy')}>查看《隐私保护指引》</Text>
        <Button id='privacy-agree' openType='agreePrivacyAuthorization' style={{ marginTop: '24px', background: '#e8590c', color: '#fff' }}
          onAgreePrivacyAuthorization={() => answerPrivacy(true, 'privacy-agree')} data-testid='privacy-agree'>同意并继续</Button>
        <Button style={{ marginTop: '16px' }} onClick={() => answerPrivacy(false)} data-testid='privacy-disagree'>不同意</Button>
      </View>
    </View>
  );
}
