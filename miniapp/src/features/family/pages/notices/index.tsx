/** 消息: what the family was told (also sent as WeChat subscribe messages). */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { formatChinaDateTime, errorMessage } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { useSession } from '../../../../lib/session.ts';
import { useNotices } from '../../api/use-family.ts';
import { askForSubscriptions, subscriptionsAvailable } from '../../api/subscribe.ts';
import { SignInRequired } from '../../components/sign-in-required.tsx';
import '../../components/family.css';

export default function NoticesPage() {
  const session = useSession();
  const notices = useNotices();
  const [subscribed, setSubscribed] = useState('');
  if (!session) return <View className='page'><SignInRequired what='查看办理进度消息' /></View>;
  if (notices.isPending) return <LoadingState />;
  if (notices.isError) return <ErrorState message={errorMessage(notices.error, { reading: true })} onRetry={() => void notices.refetch()} />;
  return (
    <View className='page' data-testid='notices-page'>
      {subscriptionsAvailable() ? (
        <View className='family__card'>
          <Text className='family__text'>开启后，录取通知、录取即将过期、申请未通过或撤回时，会通过微信服务通知提醒您。</Text>
          <Button className='family__button--plain' data-testid='notices-subscribe'
            onClick={() => void askForSubscriptions().then((n) => setSubscribed(n > 0 ? `已开启${n}项微信提醒` : '未开启微信提醒，可稍后再试'))}>
            开启微信消息提醒
          </Button>
          {subscribed ? <Text className='family__label'>{subscribed}</Text> : null}
        </View>
      ) : null}
      {notices.data.length === 0 ? <EmptyState text='暂无消息' hint='录取、申请结果等进度会在这里通知您' /> : null}
      {notices.data.map((n) => (
        <View key={n.id} className='family__card' data-testid='notice-card'>
          <Text className='family__title'>{n.title}</Text>
          <Text className='family__text'>{n.body}</Text>
          <Text className='family__label'>{formatChinaDateTime(n.created_at)}</Text>
        </View>
      ))}
    </View>
  );
}
