/** 消息: what the family was told (also sent as WeChat subscribe messages). */
import { Text, View } from '@tarojs/components';
import { formatChinaDateTime, errorMessage } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { useSession } from '../../../../lib/session.ts';
import { useNotices } from '../../api/use-family.ts';
import { SignInRequired } from '../../components/sign-in-required.tsx';
import '../../components/family.css';

export default function NoticesPage() {
  const session = useSession();
  const notices = useNotices();
  if (!session) return <View className='page'><SignInRequired what='查看办理进度消息' /></View>;
  if (notices.isPending) return <LoadingState />;
  if (notices.isError) return <ErrorState message={errorMessage(notices.error, { reading: true })} onRetry={() => void notices.refetch()} />;
  return (
    <View className='page' data-testid='notices-page'>
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
