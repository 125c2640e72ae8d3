/** 我的孩子: list (age in months), add and edit; consent to the child notice comes first. */
import { useState } from 'react';
import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import { SEX_LABELS, ageInMonths, formatAgeMonths, errorMessage } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { navigate } from '../../../../lib/navigation.ts';
import { useSession } from '../../../../lib/session.ts';
import { actionError, useChildren, usePrivacy, useSaveChild, type Child } from '../../api/use-family.ts';
import { SignInRequired } from '../../components/sign-in-required.tsx';
import '../../components/family.css';
import { taroEnv } from '../../../../config/env.ts';
import { chinaToday } from '@tuoyu/domain';

const today = () => chinaToday();

function ChildForm({ child, onDone }: { child?: Child; onDone: () => void }) {
  const save = useSaveChild();
  const [name, setName] = useState(child?.name ?? '');
  const [birthDate, setBirthDate] = useState(child?.birth_date ?? '');
  const [sex, setSex] = useState<'female' | 'male'>(child?.sex ?? 'female');
  const [idNumber, setIdNumber] = useState('');
  const [health, setHealth] = useState(child?.health_notes ?? '');
  const [record, setRecord] = useState(child?.has_health_record ?? false);
  const [error, setError] = useState('');

  const submit = () => {
    if (!name.trim()) return setError('请填写孩子姓名');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || Number.isNaN(Date.parse(birthDate))) return setError('请填写出生日期（如 2025-04-01）');
    if (birthDate > today()) return setError('出生日期不能晚于今天');
    if (idNumber && !/^[0-9]{17}[0-9X]$/.test(idNumber.trim().toUpperCase())) return setError('身份证号应为18位');
    setError('');
    save.mutate({
      id: child?.id, name: name.trim(), birth_date: birthDate, sex,
      ...(idNumber ? { id_number: idNumber.trim().toUpperCase() } : child ? {} : { id_number: null }),
      health_notes: health.trim() || null, has_health_record: record,
    } as Parameters<typeof save.mutate>[0], { onSuccess: onDone, onError: (e) => setError(actionError(e)) });
  };

  return (
    <View className='family__card' data-testid='child-form'>
      <Text className='family__title'>{child ? '修改孩子信息' : '添加孩子'}</Text>
      <Text className='family__label'>姓名</Text>
      <Input className='family__input family__field' value={name} maxlength={32} onInput={(e) => setName(e.detail.value)} data-testid='child-name' />
      <Text className='family__label'>出生日期</Text>
      {taroEnv === 'weapp' ? (
        <Picker mode='date' value={birthDate || '2025-01-01'} end={today()} onChange={(e) => setBirthDate(String(e.detail.value))}>
          <View className='family__input family__field' data-testid='child-birth'>{birthDate || '请选择'}</View>
        </Picker>
      ) : (
        <Input className='family__input family__field' placeholder='如 2025-04-01' value={birthDate} maxlength={10}
          onInput={(e) => setBirthDate(e.detail.value.trim())} data-testid='child-birth' />
      )}
      {/^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? <Text className='family__label' data-testid='child-age'>{`月龄：${formatAgeMonths(ageInMonths(birthDate, today()))}`}</Text> : null}
      <View className='family__field'>
        {(['female', 'male'] as const).map((s) => (
          <Text key={s} className={`family__choice ${sex === s ? 'family__choice--on' : ''}`} onClick={() => setSex(s)} data-testid={`child-sex-${s}`}>
            {SEX_LABELS[s]}
          </Text>
        ))}
      </View>
      <Text className='family__label'>{child?.id_number_masked ? `身份证号（已登记 ${child.id_number_masked}，如需修改请重新填写）` : '身份证号（选填）'}</Text>
      <Input className='family__input family__field' value={idNumber} maxlength={18} onInput={(e) => setIdNumber(e.detail.value)} data-testid='child-id-number' />
      <Text className='family__label'>健康信息（过敏、特殊需要，选填）</Text>
      <Textarea className='family__input family__field' value={health} maxlength={500} onInput={(e) => setHealth(e.detail.value)} data-testid='child-health' />
      <View className='family__row'>
        <Text className='family__label'>已建立婴幼儿电子健康档案</Text>
        <Switch checked={record} onChange={(e) => setRecord(e.detail.value)} />
      </View>
      <Button className='family__button' loading={save.isPending} onClick={submit} data-testid='child-save'>保存</Button>
      <Button className='family__button--plain' onClick={onDone}>取消</Button>
      {error ? <Text className='family__error' data-testid='child-error'>{error}</Text> : null}
    </View>
  );
}

export default function ChildrenPage() {
  const session = useSession();
  const privacy = usePrivacy();
  const children = useChildren();
  const [editing, setEditing] = useState<Child | 'new' | null>(null);

  if (!session) return <View className='page'><SignInRequired what='登记孩子信息' /></View>;
  if (privacy.isPending || children.isPending) return <LoadingState />;
  if (children.isError) return <ErrorState message={errorMessage(children.error, { reading: true })} onRetry={() => void children.refetch()} />;
  if (privacy.data && !privacy.data.consent) {
    return (
      <View className='page' data-testid='children-page'>
        <View className='family__card' data-testid='consent-required'>
          <Text className='family__title'>需要您的单独同意</Text>
          <Text className='family__text'>孩子的信息属于敏感个人信息。登记前，请阅读并同意《儿童个人信息处理告知书》。</Text>
          <Button className='family__button' onClick={() => navigate('familyPrivacy')} data-testid='go-consent'>阅读并同意</Button>
        </View>
      </View>
    );
  }
  return (
    <View className='page' data-testid='children-page'>
      {editing ? <ChildForm child={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} /> : null}
      {!editing && children.data.length === 0 ? <EmptyState text='还没有登记孩子' hint='添加孩子后即可在线申请托位' /> : null}
      {!editing
        ? children.data.map((c) => (
            <View key={c.id} className='family__card' data-testid='child-card'>
              <Text className='family__title'>{c.name}</Text>
              <Text className='family__text' data-testid='child-card-age'>{`${SEX_LABELS[c.sex]} · ${formatAgeMonths(ageInMonths(c.birth_date, today()))}`}</Text>
              {c.health_notes ? <Text className='family__label'>{`健康信息：${c.health_notes}`}</Text> : null}
              {c.id_number_masked ? <Text className='family__label'>{`身份证号：${c.id_number_masked}`}</Text> : null}
              <Button className='family__button--plain' size='mini' onClick={() => setEditing(c)}>修改</Button>
            </View>
          ))
        : null}
      {!editing ? <Button className='family__button' style={{ margin: '24px' }} onClick={() => setEditing('new')} data-testid='child-add'>添加孩子</Button> : null}
    </View>
  );
}
