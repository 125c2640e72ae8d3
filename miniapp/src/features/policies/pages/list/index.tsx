import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { POLICY_LEVEL_LABELS, POLICY_TAG_SUGGESTIONS, errorMessage } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import { DEFAULT_POLICY_REGION, usePolicies } from '../../api/use-policies.ts';
import { RegionChooser } from '../../components/region-chooser.tsx';

const REGION_KEY = 'tuoyu.policy-region';

/** The region of the link, else the family's last choice, else the demo family's street. */
function initialRegion(param: string | undefined): string {
  if (param && /^[0-9]{12}$/.test(param)) return param;
  try {
    const stored: unknown = Taro.getStorageSync(REGION_KEY);
    if (typeof stored === 'string' && /^[0-9]{12}$/.test(stored)) return stored;
  } catch {
    // storage unavailable: fall through
  }
  return DEFAULT_POLICY_REGION;
}
import '../../../content.css';
import { formatDate } from '@tuoyu/domain';

/** 托育政策: national + province + city + county policies where the family lives; search and tags. */
export default function PolicyListPage() {
  const params = useRouteParams('policies');
  const [region, setRegion] = useState(() => initialRegion(params.region));
  const chooseRegion = (code: string) => {
    setRegion(code);
    try {
      Taro.setStorageSync(REGION_KEY, code);
    } catch {
      // not remembered; the choice still applies on this page
    }
  };
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [tag, setTag] = useState<string | undefined>();
  const policies = usePolicies(region, q, tag);

  let body;
  if (policies.isPending) body = <LoadingState text='正在加载政策…' />;
  else if (policies.isError) body = <ErrorState message={errorMessage(policies.error, { reading: true })} onRetry={() => void policies.refetch()} />;
  else if (policies.data.length === 0) body = <EmptyState text='没有找到相关政策' hint='换个词语或标签试试' />;
  else
    body = policies.data.map((p) => (
      <View key={p.id} className='content-card' data-testid='policy-card' onClick={() => navigate('policy', { id: p.id })}>
        <Text className='content-tag'>{POLICY_LEVEL_LABELS[p.level]}</Text>
        {p.tags.map((t) => <Text key={t} className='content-tag'>{t}</Text>)}
        <Text className='content-title' data-testid='policy-title'>{p.title}</Text>
        <Text className='content-muted'>{`${p.issuing_body}${p.document_no ? ` · ${p.document_no}` : ''} · ${formatDate(p.issued_on)}`}</Text>
        {p.summary ? <Text className='content-text'>{p.summary}</Text> : null}
      </View>
    ));

  return (
    <View className='page content-page' data-testid='policies-page'>
      <RegionChooser region={region} onChange={chooseRegion} />
      <View className='content-search'>
        <Input className='content-search__input' value={input} placeholder='搜索政策，如“托育补贴”' confirmType='search'
          onInput={(e) => setInput(e.detail.value)} onConfirm={() => setQ(input)} onBlur={() => setQ(input)} data-testid='policy-search' />
      </View>
      <View className='content-chips'>
        <Text className={`content-chip${tag ? '' : ' content-chip--active'}`} onClick={() => setTag(undefined)}>全部</Text>
        {POLICY_TAG_SUGGESTIONS.map((t) => (
          <Text key={t} className={`content-chip${tag === t ? ' content-chip--active' : ''}`} onClick={() => setTag(t)} data-testid='policy-tag'>{t}</Text>
        ))}
      </View>
      {body}
    </View>
  );
}
