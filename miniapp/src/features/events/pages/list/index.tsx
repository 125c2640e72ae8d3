import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { CONTENT_IMAGE_BUCKET, EVENT_KIND_LABELS, formatEventTime, placesText, errorMessage } from '@tuoyu/domain';
import { getSupabase } from '../../../../lib/supabase/client.ts';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import { isWeapp } from '../../../../config/env.ts';
import { useCampaigns, useEventList, useNearbyEvents } from '../../api/use-events.ts';
import '../../../content.css';
import { formatDate } from '@tuoyu/domain';

/** Where "附近活动" searches from on H5 (no location service offline): county seats of the demo data. */
const PLACES = [
  { label: '汶上县城', lat: 35.7296, lng: 116.4936 },
  { label: '济宁市区', lat: 35.4146, lng: 116.5905 },
  { label: '济南市区', lat: 36.6663, lng: 117.0243 },
] as const;
type Point = { lat: number; lng: number; label: string };

/** 附近活动: nearest first, with the distance; the place is the phone's (WeChat) or a chosen one. */
function NearbyEvents() {
  const [point, setPoint] = useState<Point | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const nearby = useNearbyEvents(point);
  const locate = async () => {
    try {
      const here = await Taro.getFuzzyLocation({ type: 'gcj02' });
      setProblem(null);
      setPoint({ lat: here.latitude, lng: here.longitude, label: '当前位置附近' });
    } catch {
      setProblem('无法获取当前位置：请在设置中允许使用位置信息，或选择下方地点');
    }
  };
  let body;
  if (!point) body = <EmptyState text='请选择位置' hint='将按距离列出20公里内可报名的活动' />;
  else if (nearby.isPending) body = <LoadingState text='正在查找附近活动…' />;
  else if (nearby.isError) body = <ErrorState message={errorMessage(nearby.error, { reading: true })} onRetry={() => void nearby.refetch()} />;
  else if (nearby.data.length === 0) body = <EmptyState text='附近暂无活动' hint='换个地点试试' />;
  else
    body = nearby.data.map((e) => (
      <View key={e.id} className='content-card' data-testid='nearby-event-card' onClick={() => navigate('event', { id: e.id })}>
        <Text className='content-tag'>{EVENT_KIND_LABELS[e.kind]}</Text>
        <Text className='content-tag' data-testid='nearby-event-distance'>{e.distance_m < 1000 ? `${e.distance_m}米` : `${(e.distance_m / 1000).toFixed(1)}公里`}</Text>
        <Text className='content-title'>{e.title}</Text>
        <Text className='content-muted'>{formatEventTime(e.starts_at, e.ends_at)}</Text>
        <Text className='content-muted'>{e.venue}</Text>
        <Text className={`content-places${(e.free_places ?? 0) > 0 ? '' : ' content-places--full'}`}>{placesText(e.free_places, e.waitlist_count)}</Text>
      </View>
    ));
  return (
    <>
      <View className='content-chips'>
        {isWeapp ? <Text className='content-chip' onClick={() => void locate()} data-testid='nearby-locate'>当前位置</Text> : null}
        {PLACES.map((p) => (
          <Text key={p.label} className={`content-chip${point?.label === p.label ? ' content-chip--active' : ''}`} onClick={() => setPoint(p)} data-testid='nearby-place'>
            {p.label}
          </Text>
        ))}
      </View>
      {problem ? <Text className='content-message'>{problem}</Text> : null}
      {body}
    </>
  );
}

/** 宣传月活动: upcoming events, events near me, or one campaign's page with its events (only those inside its dates). */
export default function EventListPage() {
  const params = useRouteParams('events');
  const [campaignId, setCampaignId] = useState<string | undefined>(params.campaign);
  const [nearMe, setNearMe] = useState(false);
  const campaigns = useCampaigns();
  const events = useEventList(campaignId);
  const campaign = campaigns.data?.find((c) => c.id === campaignId);

  let body;
  if (events.isPending) body = <LoadingState text='正在加载活动…' />;
  else if (events.isError) body = <ErrorState message={errorMessage(events.error, { reading: true })} onRetry={() => void events.refetch()} />;
  else if (events.data.length === 0) body = <EmptyState text='暂无活动' hint={campaignId ? '该宣传月暂无已发布的活动' : '近期暂无可报名的活动，请稍后再来看看'} />;
  else
    body = events.data.map((e) => (
      <View key={e.id} className='content-card' data-testid='event-card' onClick={() => navigate('event', { id: e.id })}>
        <Text className='content-tag'>{EVENT_KIND_LABELS[e.kind]}</Text>
        <Text className='content-title' data-testid='event-title'>{e.title}</Text>
        <Text className='content-muted'>{formatEventTime(e.starts_at, e.ends_at)}</Text>
        <Text className='content-muted'>{e.venue}</Text>
        <Text className={`content-places${(e.free_places ?? 0) > 0 ? '' : ' content-places--full'}`} data-testid='event-places'>
          {placesText(e.free_places, e.waitlist_count)}
        </Text>
      </View>
    ));

  return (
    <View className='page content-page' data-testid='events-page'>
      <View className='content-chips'>
        <Text className={`content-chip${campaignId || nearMe ? '' : ' content-chip--active'}`} onClick={() => { setCampaignId(undefined); setNearMe(false); }} data-testid='events-upcoming'>
          近期活动
        </Text>
        <Text className={`content-chip${nearMe ? ' content-chip--active' : ''}`} onClick={() => { setCampaignId(undefined); setNearMe(true); }} data-testid='events-nearby'>
          附近活动
        </Text>
        {(campaigns.data ?? []).map((c) => (
          <Text key={c.id} className={`content-chip${c.id === campaignId ? ' content-chip--active' : ''}`} onClick={() => { setCampaignId(c.id); setNearMe(false); }} data-testid='events-campaign'>
            {c.name}
          </Text>
        ))}
      </View>
      {campaign ? (
        <View className='content-card' data-testid='campaign-card'>
          {campaign.banner_path ? (
            <Image className='content-banner' mode='widthFix' src={getSupabase().storage.from(CONTENT_IMAGE_BUCKET).getPublicUrl(campaign.banner_path).data.publicUrl} />
          ) : null}
          <Text className='content-title'>{`${campaign.name} · ${campaign.theme}`}</Text>
          <Text className='content-muted'>{`${formatDate(campaign.starts_on)} 至 ${formatDate(campaign.ends_on)}`}</Text>
          {campaign.description ? <Text className='content-text'>{campaign.description}</Text> : null}
        </View>
      ) : null}
      {nearMe ? <NearbyEvents /> : body}
    </View>
  );
}
