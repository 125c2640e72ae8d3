import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { EVENT_KIND_LABELS, formatEventTime, placesText, signupStatusText, errorMessage } from '@tuoyu/domain';
import { DemoSignIn, useSession } from '../../../../components/demo-sign-in.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { useRouteParams } from '../../../../lib/navigation.ts';
import { useEvent, useMySignup, useSignupActions } from '../../api/use-events.ts';
import { CheckInQr } from '../../components/check-in-qr.tsx';
import '../../../content.css';

/** The database's Chinese message (报名已截止, 请勿重复报名 …) or a generic one. */

/** 活动详情 (`?id=`): sign up a child or oneself, the waiting-list position, the check-in code. */
export default function EventDetailPage() {
  const { id } = useRouteParams('event');
  const event = useEvent(id);
  const { session, ready } = useSession();
  const mine = useMySignup(id, session?.user.id);
  const { signUp, cancel } = useSignupActions(id ?? '');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'child' | 'adult'>('child');

  if (!id) return <ErrorState message='链接无效：缺少活动编号' />;
  if (event.isPending) return <LoadingState text='正在加载活动…' />;
  if (event.isError) return <ErrorState message={errorMessage(event.error, { reading: true })} onRetry={() => void event.refetch()} />;
  const e = event.data;
  if (!e) return <EmptyState text='未找到该活动' hint='活动可能尚未发布或已删除' />;

  const signup = mine.data;
  return (
    <View className='page content-page' data-testid='event-page'>
      <View className='content-card'>
        <Text className='content-tag'>{EVENT_KIND_LABELS[e.kind]}</Text>
        <Text className='content-title' data-testid='event-detail-title'>{e.title}</Text>
        <Text className='content-muted'>{formatEventTime(e.starts_at, e.ends_at)}</Text>
        <Text className='content-muted'>{`地点：${e.venue}`}</Text>
        <Text className='content-muted'>{`适合：${e.min_age_months}-${e.max_age_months}月龄 · 名额 ${e.capacity} 个`}</Text>
        <Text className={`content-places${(e.free_places ?? 0) > 0 ? '' : ' content-places--full'}`} data-testid='event-detail-places'>
          {e.status === 'cancelled' ? '活动已取消' : placesText(e.free_places, e.waitlist_count)}
        </Text>
        {e.description ? <Text className='content-text'>{e.description}</Text> : null}
      </View>

      {!ready ? null : !session ? (
        <DemoSignIn reason='登录后即可报名' />
      ) : signup ? (
        <View className='content-card' data-testid='my-signup'>
          <Text className='content-title' data-testid='my-signup-status'>{signupStatusText(signup.status, signup.waitlist_position)}</Text>
          {signup.status === 'waitlisted' ? <Text className='content-muted'>有人取消时，第一位候补将自动转为确认。</Text> : null}
          {signup.status === 'confirmed' || signup.status === 'attended' ? (
            <>
              <Text className='content-muted'>签到码（到场后出示给工作人员扫码，或报出6位数字）</Text>
              {signup.status === 'confirmed' ? <CheckInQr code={signup.short_code} /> : null}
              <Text className='content-code' data-testid='my-signup-code'>{signup.short_code}</Text>
            </>
          ) : null}
          {signup.status === 'confirmed' || signup.status === 'waitlisted' ? (
            <Button className='content-button--plain' loading={cancel.isPending} onClick={() => cancel.mutate(signup.id)} data-testid='signup-cancel'>
              取消报名
            </Button>
          ) : null}
          {cancel.isError ? <Text className='content-message'>{errorMessage(cancel.error)}</Text> : null}
        </View>
      ) : e.status === 'published' ? (
        <View className='content-card' data-testid='signup-form'>
          <View className='content-chips'>
            <Text className={`content-chip${kind === 'child' ? ' content-chip--active' : ''}`} onClick={() => setKind('child')}>为孩子报名</Text>
            <Text className={`content-chip${kind === 'adult' ? ' content-chip--active' : ''}`} onClick={() => setKind('adult')}>本人参加</Text>
          </View>
          <Input className='content-search__input' value={name} placeholder={kind === 'child' ? '孩子的称呼（选填）' : '您的称呼（选填）'} onInput={(v) => setName(v.detail.value)} />
          <Button className='content-button' loading={signUp.isPending} disabled={signUp.isPending}
            onClick={() => signUp.mutate({ attendeeKind: kind, attendeeName: name })} data-testid='signup-submit'>
            {(e.free_places ?? 0) > 0 ? '立即报名' : '加入候补'}
          </Button>
          {signUp.isError ? <Text className='content-message' data-testid='signup-error'>{errorMessage(signUp.error)}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
