/**
 * 申请入托 / 预约参观 at one institution: pick a child, a class type that suits the child's age
 * (the national bands; the database checks the region's), a service and the wished month — or a
 * visit date. Free places per class type are shown with their freshness.
 */
import { useMemo, useState } from 'react';
import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import { CLASS_TYPE_LABELS, NATIONAL_CLASS_RULES, SERVICE_LABELS, ageInMonths, formatAgeMonths, type ClassType, errorMessage } from '@tuoyu/domain';
import { ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import { taroEnv } from '../../../../config/env.ts';
import { askForSubscriptions } from '../../api/subscribe.ts';
import { useSession } from '../../../../lib/session.ts';
import { LoginError, sharePhone } from '../../api/auth.ts';
import { useInstitution } from '../../../registry/api/use-institution.ts';
import { actionError, useChildren, useRequestEnrollment, useRequestVisit, useVisitSlots } from '../../api/use-family.ts';
import { PrivacyPopup } from '../../../../components/privacy-popup.tsx';
import { SignInRequired } from '../../components/sign-in-required.tsx';
import '../../components/family.css';
import { chinaToday } from '@tuoyu/domain';

function months(count: number): string[] {
  const [y, m] = chinaToday().split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return d.toISOString().slice(0, 7);
  });
}

export default function ApplyPage() {
  const { institution: institutionId, visit } = useRouteParams('familyApply');
  const session = useSession();
  const institution = useInstitution(institutionId);
  const children = useChildren();
  const request = useRequestEnrollment();
  const requestVisit = useRequestVisit();
  const slots = useVisitSlots(institutionId ?? '');
  const [mode, setMode] = useState<'place' | 'visit'>(visit === '1' ? 'visit' : 'place');
  const [childId, setChildId] = useState('');
  const [classType, setClassType] = useState<ClassType | ''>('');
  const [service, setService] = useState('full_day');
  const [month, setMonth] = useState(months(1)[0]!);
  const [visitDate, setVisitDate] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [phone, setPhone] = useState('');
  const monthOptions = useMemo(() => months(12), []);

  if (!session) return <View className='page'><SignInRequired what='申请托位或预约参观' /></View>;
  if (institution.isPending || children.isPending) return <LoadingState />;
  if (institution.isError) return <ErrorState message={errorMessage(institution.error, { reading: true })} onRetry={() => void institution.refetch()} />;
  if (children.isError) return <ErrorState message={errorMessage(children.error, { reading: true })} onRetry={() => void children.refetch()} />;
  if (!institution.data) return <ErrorState message='未找到该机构，它可能尚未备案或已注销' />;
  const inst = institution.data;
  const child = children.data.find((c) => c.id === childId) ?? children.data[0];
  const startDay = `${month}-01`;
  const age = child ? ageInMonths(child.birth_date, startDay > chinaToday() ? startDay : chinaToday()) : 0;
  const typesHere = [...new Set(inst.classes.map((c) => c.classType as ClassType))];
  const suits = (t: ClassType) => age >= NATIONAL_CLASS_RULES[t].minAgeMonths && age < NATIONAL_CLASS_RULES[t].maxAgeMonths;
  const free = (t: ClassType) => inst.classes.filter((c) => c.classType === t).reduce((n, c) => n + Math.max(c.capacity - c.enrolled, 0), 0);

  const done = () => navigate('familyRequests');
  const onPhone = (code: string | undefined) => {
    if (!code || !session) return setError('未获得手机号授权');
    sharePhone(code, session.accessToken).then(setPhone, (e: unknown) => setError(e instanceof LoginError ? e.message : '手机号授权失败'));
  };
  const submit = () => {
    setError('');
    void askForSubscriptions(); // WeChat: the family opts in to the progress messages with this tap
    if (!child) return setError('请先添加孩子');
    if (mode === 'visit') {
      if (!visitDate) return setError('请选择参观日期');
      requestVisit.mutate({ child: child.id, institution: inst.id, visit_date: visitDate, note: note || undefined },
        { onSuccess: done, onError: (e) => setError(actionError(e)) });
      return;
    }
    if (!classType) return setError('请选择班型');
    request.mutate({ child: child.id, institution: inst.id, class_type: classType, service, wished_start: startDay, note: note || undefined },
      { onSuccess: done, onError: (e) => setError(actionError(e)) });
  };

  return (
    <View className='page' data-testid='apply-page'>
      <PrivacyPopup />
      <View className='family__card'>
        <Text className='family__title'>{inst.name}</Text>
        <View>
          {(['place', 'visit'] as const).map((m) => (
            <Text key={m} className={`family__choice ${mode === m ? 'family__choice--on' : ''}`} onClick={() => setMode(m)} data-testid={`apply-mode-${m}`}>
              {m === 'place' ? '申请托位' : '预约参观'}
            </Text>
          ))}
        </View>
      </View>
      <View className='family__card'>
        <Text className='family__label'>孩子</Text>
        {children.data.length === 0 ? (
          <View>
            <Text className='family__text'>还没有登记孩子。</Text>
            <Button className='family__button--plain' onClick={() => navigate('familyChildren')} data-testid='apply-add-child'>添加孩子</Button>
          </View>
        ) : (
          <View>
            {children.data.map((c) => (
              <Text key={c.id} className={`family__choice ${child?.id === c.id ? 'family__choice--on' : ''}`} onClick={() => setChildId(c.id)}
                data-testid='apply-child'>
                {`${c.name}（${formatAgeMonths(ageInMonths(c.birth_date, chinaToday()))}）`}
              </Text>
            ))}
          </View>
        )}
        {mode === 'place' ? (
          <View>
            <Text className='family__label'>希望入托月份</Text>
            <Picker mode='selector' range={monthOptions} value={Math.max(monthOptions.indexOf(month), 0)}
              onChange={(e) => setMonth(monthOptions[Number(e.detail.value)]!)}>
              <View className='family__input family__field' data-testid='apply-month'>{month.replace('-', '年') + '月'}</View>
            </Picker>
            <Text className='family__label'>{child ? `班型（孩子届时 ${age} 个月）` : '班型'}</Text>
            <View>
              {typesHere.map((t) => (
                <Text key={t} className={`family__choice ${classType === t ? 'family__choice--on' : ''} ${suits(t) ? '' : 'family__choice--off'}`}
                  onClick={() => (suits(t) ? setClassType(t) : setError(`${CLASS_TYPE_LABELS[t]}招收${NATIONAL_CLASS_RULES[t].minAgeMonths}～${NATIONAL_CLASS_RULES[t].maxAgeMonths}月龄婴幼儿`))}
                  data-testid={`apply-class-${t}`}>
                  {`${CLASS_TYPE_LABELS[t]} · 空位 ${free(t)}`}
                </Text>
              ))}
            </View>
            <Text className='family__label'>服务类型</Text>
            <View>
              {inst.services.map((s) => (
                <Text key={s} className={`family__choice ${service === s ? 'family__choice--on' : ''}`} onClick={() => setService(s)}>
                  {SERVICE_LABELS[s as keyof typeof SERVICE_LABELS] ?? s}
                </Text>
              ))}
            </View>
          </View>
        ) : (
          <View>
            <Text className='family__label'>参观日期（机构公布的日期）</Text>
            {slots.isPending ? <Text className='family__text'>正在加载参观日期…</Text> : null}
            {slots.isError ? <Text className='family__error'>{errorMessage(slots.error, { reading: true })}</Text> : null}
            {slots.data?.length === 0 ? (
              <Text className='family__text' data-testid='apply-visit-none'>机构暂未公布参观日期，请稍后再来看看或电话咨询机构。</Text>
            ) : null}
            <View>
              {(slots.data ?? []).map((slot) => {
                const full = slot.booked >= slot.capacity;
                return (
                  <Text key={slot.id} className={`family__choice ${visitDate === slot.visit_on ? 'family__choice--on' : ''} ${full ? 'family__choice--off' : ''}`}
                    onClick={() => (full ? setError('该参观日期已约满，请选择其他日期') : setVisitDate(slot.visit_on))} data-testid='apply-visit-slot'>
                    {`${slot.visit_on.slice(5).replace('-', '月')}日 ${slot.time_label}${full ? ' · 已约满' : ` · 余${slot.capacity - slot.booked}`}`}
                  </Text>
                );
              })}
            </View>
            {slots.data?.find((slot) => slot.visit_on === visitDate)?.note ? (
              <Text className='family__label'>{slots.data.find((slot) => slot.visit_on === visitDate)!.note}</Text>
            ) : null}
          </View>
        )}
        {taroEnv === 'weapp' ? (
          <View className='family__field'>
            <Text className='family__label'>{phone ? `联系电话：${phone}（已验证，仅申请的机构可见）` : '授权手机号后，机构可以电话联系您'}</Text>
            {phone ? null : (
              <Button className='family__button--plain' size='mini' openType='getPhoneNumber'
                onGetPhoneNumber={(e) => onPhone((e.detail as { code?: string }).code)}>授权手机号</Button>
            )}
          </View>
        ) : null}
        <Text className='family__label'>留言（选填）</Text>
        <Textarea className='family__input family__field' value={note} maxlength={200} onInput={(e) => setNote(e.detail.value)} />
        <Button className='family__button' loading={request.isPending || requestVisit.isPending} onClick={submit} data-testid='apply-submit'>
          {mode === 'place' ? '提交申请' : '预约参观'}
        </Button>
        {error ? <Text className='family__error' data-testid='apply-error'>{error}</Text> : null}
        <Text className='family__label'>每名孩子最多同时申请3家机构；机构录取后请在期限内确认。</Text>
      </View>
    </View>
  );
}
