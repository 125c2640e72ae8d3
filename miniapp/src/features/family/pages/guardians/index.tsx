/**
 * 家庭成员: the first guardian invites a second one with a one-time code (7 days, public.invite_guardian);
 * the invited family member joins with the code (public.accept_guardian_invite, after their own consent).
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { GUARDIAN_RELATIONS, GUARDIAN_RELATION_LABELS, errorMessage, formatChinaDateTime, type GuardianRelation } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { navigate } from '../../../../lib/navigation.ts';
import { useSession } from '../../../../lib/session.ts';
import { actionError, useAcceptGuardianInvite, useChildren, useInviteGuardian, type GuardianInvite } from '../../api/use-family.ts';
import { SignInRequired } from '../../components/sign-in-required.tsx';
import '../../components/family.css';

export default function GuardiansPage() {
  const session = useSession();
  const children = useChildren();
  const invite = useInviteGuardian();
  const accept = useAcceptGuardianInvite();
  const [relation, setRelation] = useState<GuardianRelation>('parent');
  const [invites, setInvites] = useState<Record<string, GuardianInvite>>({});
  const [code, setCode] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  if (!session) return <View className='page'><SignInRequired what='邀请家庭成员' /></View>;
  if (children.isPending) return <LoadingState />;
  if (children.isError) return <ErrorState message={errorMessage(children.error, { reading: true })} onRetry={() => void children.refetch()} />;

  const makeInvite = (child: string) => {
    setError('');
    invite.mutate({ child, relation }, {
      onSuccess: (data) => setInvites({ ...invites, [child]: data as GuardianInvite }),
      onError: (e) => setError(actionError(e)),
    });
  };
  const join = () => {
    setError('');
    setMessage('');
    if (!/^[0-9A-Za-z]{8}$/.test(code.trim())) return setError('请输入8位邀请码');
    accept.mutate({ code: code.trim().toUpperCase() }, {
      onSuccess: () => { setMessage('已加入，孩子的信息已出现在“我的孩子”中'); setCode(''); },
      onError: (e) => setError(actionError(e)),
    });
  };

  return (
    <View className='page' data-testid='guardians-page'>
      <View className='family__card'>
        <Text className='family__title'>邀请家人共同管理</Text>
        <Text className='family__text'>生成邀请码发给家人，家人登录后在本页输入邀请码，即可查看孩子信息、办理入托。邀请码7天内有效，只能使用一次。</Text>
        <Text className='family__label'>家人与孩子的关系</Text>
        <View>
          {GUARDIAN_RELATIONS.map((r) => (
            <Text key={r} className={`family__choice ${relation === r ? 'family__choice--on' : ''}`} onClick={() => setRelation(r)}
              data-testid={`guardian-relation-${r}`}>{GUARDIAN_RELATION_LABELS[r]}</Text>
          ))}
        </View>
        {children.data.length === 0 ? <EmptyState text='还没有登记孩子' hint='先在“我的孩子”中添加孩子，再邀请家人' /> : null}
        {children.data.map((c) => (
          <View key={c.id} className='family__row' data-testid='guardian-child'>
            <Text>{c.name}</Text>
            {invites[c.id] ? (
              <View>
                <Text className='family__title' data-testid='guardian-invite-code'
                  onClick={() => void Taro.setClipboardData({ data: invites[c.id]!.code }).catch(() => undefined)}>{invites[c.id]!.code}</Text>
                <Text className='family__label'>{`${formatChinaDateTime(invites[c.id]!.expires_at)} 前有效，点击复制`}</Text>
              </View>
            ) : (
              <Button className='family__button--plain' size='mini' loading={invite.isPending} onClick={() => makeInvite(c.id)}
                data-testid='guardian-invite'>生成邀请码</Button>
            )}
          </View>
        ))}
      </View>
      <View className='family__card'>
        <Text className='family__title'>我收到了邀请码</Text>
        <Input className='family__input family__field' placeholder='8位邀请码' value={code} maxlength={8}
          onInput={(e) => setCode(e.detail.value)} data-testid='guardian-code' />
        <Button className='family__button' loading={accept.isPending} onClick={join} data-testid='guardian-join'>加入</Button>
        <Text className='family__label'>
          加入前需先阅读并同意
          <Text style={{ color: '#1677ff' }} onClick={() => navigate('familyPrivacy')}>《儿童个人信息处理告知书》</Text>
        </Text>
      </View>
      {error ? <Text className='family__error' data-testid='guardian-error'>{error}</Text> : null}
      {message ? <Text className='family__ok' data-testid='guardian-message'>{message}</Text> : null}
    </View>
  );
}
