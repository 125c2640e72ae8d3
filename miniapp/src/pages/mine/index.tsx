import { Button, Text, View } from '@tarojs/components';
import { navigate } from '../../lib/navigation.ts';
import { saveSession, useSession } from '../../lib/session.ts';
import type { RouteName } from '../../routes.ts';
import './index.css';

const MENU: Array<{ route: RouteName; label: string }> = [
  { route: 'familyChildren', label: '我的孩子' },
  { route: 'familyRequests', label: '入托申请与录取' },
  { route: 'familyReviews', label: '我的评价' },
  { route: 'familyGuardians', label: '家庭成员' },
  { route: 'familyNotices', label: '消息' },
  { route: 'familyPrivacy', label: '隐私与授权' },
];

/** 我的: sign-in state and the family's services (each in the family subpackage). */
export default function MinePage() {
  const session = useSession();
  return (
    <View className='page mine' data-testid='mine-page'>
      <View className='mine__profile'>
        <View className='mine__avatar'>
          <Text>{session ? session.displayName.slice(0, 1) : '托'}</Text>
        </View>
        <Text className='mine__name' data-testid='mine-name'>{session ? session.displayName : '家长，您好'}</Text>
      </View>
      {session ? null : (
        <View className='card' data-testid='mine-signed-out'>
          <Text className='mine__title'>登录后办理</Text>
          <Text className='mine__text'>登记孩子信息、在线申请托位、预约参观、评价机构，办理进度会通过微信通知您。</Text>
          <Button className='mine__login' onClick={() => navigate('familyLogin')} data-testid='mine-login'>登录 / 注册</Button>
        </View>
      )}
      <View className='card'>
        {MENU.map((item) => (
          <View key={item.route} className='mine__item' onClick={() => navigate(item.route)} data-testid={`mine-${item.route}`}>
            <Text>{item.label}</Text>
            <Text className='mine__arrow'>›</Text>
          </View>
        ))}
      </View>
      {session ? (
        <Button className='mine__logout' onClick={() => saveSession(null)} data-testid='mine-logout'>退出登录</Button>
      ) : null}
    </View>
  );
}
