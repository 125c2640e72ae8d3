import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { EVENT_KIND_LABELS, formatEventTime, placesText, errorMessage } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import { useCampaigns, useEventList } from '../../api/use-events.ts';
import '../../../content.css';
import { formatDate } from '@tuoyu/domain';

/** 宣传月活动: upcoming events, or one campaign's events (only those inside its dates). */
export default function EventListPage() {
  const params = useRouteParams('events');
  const [campaignId, setCampaignId] = useState<string | undefined>(params.campaign);
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
        <Text className={`content-chip${campaignId ? '' : ' content-chip--active'}`} onClick={() => setCampaignId(undefined)} data-testid='events-upcoming'>
          近期活动
        </Text>
        {(campaigns.data ?? []).map((c) => (
          <Text key={c.id} className={`content-chip${c.id === campaignId ? ' content-chip--active' : ''}`} onClick={() => setCampaignId(c.id)} data-testid='events-campaign'>
            {c.name}
          </Text>
        ))}
      </View>
      {campaign ? (
        <View className='content-card' data-testid='campaign-card'>
          <Text className='content-title'>{`${campaign.name} · ${campaign.theme}`}</Text>
          <Text className='content-muted'>{`${formatDate(campaign.starts_on)} 至 ${formatDate(campaign.ends_on)}`}</Text>
          {campaign.description ? <Text className='content-text'>{campaign.description}</Text> : null}
        </View>
      ) : null}
      {body}
    </View>
  );
}
