/** 入托申请: requests and visits with their status, offers with deadlines (accept / decline), placements. */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { CLASS_TYPE_LABELS, ENROLLMENT_STATUS_LABELS, REQUEST_KIND_LABELS, SERVICE_LABELS, formatChinaDateTime, type EnrollmentStatus, errorMessage } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { navigate } from '../../../../lib/navigation.ts';
import { useSession } from '../../../../lib/session.ts';
import { actionError, useAcceptOffer, useDeclineOffer, useRequests, useWithdrawRequest, type Request } from '../../api/use-family.ts';
import { SignInRequired } from '../../components/sign-in-required.tsx';
import '../../components/family.css';
import { formatDate } from '@tuoyu/domain';

const label = (labels: Record<string, string>, key: string | null) => (key ? labels[key] ?? key : '');

function RequestCard({ r, onError }: { r: Request; onError: (m: string) => void }) {
  const accept = useAcceptOffer();
  const decline = useDeclineOffer();
  const withdraw = useWithdrawRequest();
  const expired = r.status === 'offered' && r.offer_expires_at !== null && new Date(r.offer_expires_at).getTime() <= Date.now();
  const status = expired ? '录取已过期' : label(ENROLLMENT_STATUS_LABELS, r.status as EnrollmentStatus);
  const fail = (e: unknown) => onError(actionError(e));
  const confirmThen = async (content: string, action: () => void) => {
    const answer = await Taro.showModal({ title: '请确认', content });
    if (answer.confirm) action();
  };
  return (
    <View className='family__card' data-testid='request-card' data-status={r.status}>
      <View className='family__row'>
        <Text className='family__title'>{r.institution?.name ?? '托育机构'}</Text>
        <Text className='tag' data-testid='request-status'>{status}</Text>
      </View>
      <Text className='family__text'>
        {r.kind === 'visit'
          ? `${REQUEST_KIND_LABELS.visit} · ${r.child?.name ?? ''} · ${r.visit_date ? formatDate(r.visit_date) : ''}`
          : `${r.child?.name ?? ''} · ${label(CLASS_TYPE_LABELS, r.class_type)} · ${label(SERVICE_LABELS, r.service)} · 希望 ${r.wished_start?.slice(0, 7) ?? ''} 入托`}
      </Text>
      {r.status === 'offered' && r.offer_expires_at && !expired ? (
        <View>
          <Text className='family__text'>{`录取班级：${r.class?.name ?? ''}`}</Text>
          <Text className='family__deadline' data-testid='offer-deadline'>{`请在 ${formatChinaDateTime(r.offer_expires_at)} 前确认`}</Text>
          <View className='family__actions'>
            <Button className='family__button' size='mini' loading={accept.isPending}
              onClick={() => void confirmThen('确认入托后，孩子的其他申请将自动撤回。', () => accept.mutate({ request: r.id }, { onError: fail }))}
              data-testid='offer-accept'>确认入托</Button>
            <Button className='family__button--plain' size='mini' loading={decline.isPending}
              onClick={() => void confirmThen('放弃后名额将释放给其他家庭。', () => decline.mutate({ request: r.id }, { onError: fail }))}
              data-testid='offer-decline'>放弃</Button>
          </View>
        </View>
      ) : null}
      {r.reason && ['declined', 'withdrawn', 'offer_declined', 'lapsed'].includes(r.status) ? (
        <Text className='family__label'>{`原因：${r.reason}`}</Text>
      ) : null}
      {r.status === 'pending' ? (
        <Button className='family__button--plain' size='mini' loading={withdraw.isPending}
          onClick={() => void confirmThen('确定撤回这份申请吗？', () => withdraw.mutate({ request: r.id }, { onError: fail }))}
          data-testid='request-withdraw'>撤回</Button>
      ) : null}
      {r.kind === 'visit' && r.status === 'visited' ? (
        <Button className='family__button--plain' size='mini' onClick={() => navigate('familyReviews', { institution: r.institution_id })}>评价机构</Button>
      ) : null}
      <Text className='family__label'>{`提交于 ${formatChinaDateTime(r.created_at)}`}</Text>
    </View>
  );
}

export default function RequestsPage() {
  const session = useSession();
  const data = useRequests();
  const [error, setError] = useState('');
  if (!session) return <View className='page'><SignInRequired what='查看入托申请和录取通知' /></View>;
  if (data.isPending) return <LoadingState />;
  if (data.isError) return <ErrorState message={errorMessage(data.error, { reading: true })} onRetry={() => void data.refetch()} />;
  const { requests, placements } = data.data;
  return (
    <View className='page' data-testid='requests-page'>
      {error ? <View className='family__card'><Text className='family__error' data-testid='requests-error'>{error}</Text></View> : null}
      <Text className='section-title'>在托</Text>
      {placements.length === 0 ? <EmptyState text='暂无在托记录' /> : null}
      {placements.map((p) => (
        <View key={p.id} className='family__card' data-testid='placement-card'>
          <Text className='family__title'>{`${p.child?.name ?? ''} · ${p.institution?.name ?? ''}`}</Text>
          <Text className='family__text'>{`${p.class?.name ?? ''} · ${formatDate(p.started_on)} 入托${p.ended_on ? ` · ${formatDate(p.ended_on)} 离园` : ''}`}</Text>
          <Button className='family__button--plain' size='mini' onClick={() => navigate('familyReviews', { institution: p.institution_id, child: p.child_id })}
            data-testid='placement-review'>评价机构</Button>
        </View>
      ))}
      <Text className='section-title'>申请与预约</Text>
      {requests.length === 0 ? <EmptyState text='还没有入托申请' hint='在“找托育”中打开机构页面，即可申请托位或预约参观' /> : null}
      {requests.map((r) => <RequestCard key={r.id} r={r} onError={setError} />)}
    </View>
  );
}
