import { errorMessage } from '@tuoyu/domain';
/** 隐私与授权: the versioned privacy guide and child notice; separate consent and its withdrawal. */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { useSession } from '../../../../lib/session.ts';
import { actionError, useGiveConsent, usePrivacy, useWithdrawConsent } from '../../api/use-family.ts';
import '../../components/family.css';

export default function PrivacyPage() {
  const session = useSession();
  const privacy = usePrivacy();
  const give = useGiveConsent();
  const withdraw = useWithdrawConsent();
  const [message, setMessage] = useState('');

  if (privacy.isPending) return <LoadingState />;
  if (privacy.isError) return <ErrorState message={errorMessage(privacy.error, { reading: true })} onRetry={() => void privacy.refetch()} />;
  const { privacy: guide, childNotice, consent } = privacy.data;

  const onWithdraw = async () => {
    const confirm = await Taro.showModal({ title: '撤回同意', content: '撤回后将删除孩子的姓名、证件号和健康信息，进行中的申请会被撤回。确定撤回吗？' });
    if (!confirm.confirm) return;
    withdraw.mutate({}, { onSuccess: () => setMessage('已撤回同意，孩子的个人信息已删除'), onError: (e) => setMessage(actionError(e)) });
  };

  return (
    <View className='page' data-testid='privacy-page'>
      {guide ? (
        <View className='family__card'>
          <Text className='family__title'>{guide.title}</Text>
          <Text className='family__label'>{`版本 ${guide.version}`}</Text>
          <Text className='family__text'>{guide.body}</Text>
        </View>
      ) : null}
      {childNotice ? (
        <View className='family__card' data-testid='child-notice'>
          <Text className='family__title'>{childNotice.title}</Text>
          <Text className='family__label'>{`版本 ${childNotice.version}`}</Text>
          <Text className='family__text'>{childNotice.body}</Text>
          {!session ? <Text className='family__label'>登录后可在此单独同意。</Text> : null}
          {session && consent ? (
            <View>
              <Text className='family__ok' data-testid='consent-given'>{`您已于 ${consent.granted_at.slice(0, 10)} 同意（版本 ${consent.notice_version}）`}</Text>
              <Button className='family__button--plain' loading={withdraw.isPending} onClick={() => void onWithdraw()} data-testid='consent-withdraw'>
                撤回同意并删除孩子信息
              </Button>
            </View>
          ) : null}
          {session && !consent ? (
            <Button className='family__button' loading={give.isPending}
              onClick={() => give.mutate({ notice_version: childNotice.version }, { onSuccess: () => setMessage('已同意'), onError: (e) => setMessage(actionError(e)) })}
              data-testid='consent-give'>
              我是孩子的监护人，同意以上告知书
            </Button>
          ) : null}
          {message ? <Text className='family__label' data-testid='privacy-message'>{message}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
