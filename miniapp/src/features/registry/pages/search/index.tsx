import { Button, Input, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { PlatformMap } from '../../../../components/platform-map.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { errorMessage } from '@tuoyu/domain';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import { useRegistrySearch, type RegistryItem, type RegistryQuery } from '../../api/use-registry-search.ts';
import { FilterBar } from '../../components/filter-bar.tsx';
import { LocationPicker } from '../../components/location-picker.tsx';
import { ResultCard } from '../../components/result-card.tsx';
import '../../components/chips.css';
import {
  DEFAULT_RADIUS,
  NO_FILTERS,
  RADIUS_CHOICES,
  formatRadius,
  parseCoordinates,
  type Origin,
  type RegistryFilters,
} from '../../model/search.ts';
import './index.css';

function initialOrigin(params: { lat?: string; lng?: string; place?: string }): Origin | null {
  if (!params.lat || !params.lng) return null;
  const parsed = parseCoordinates(params.lat, params.lng);
  return parsed.ok ? { ...parsed.value, label: params.place || `${parsed.value.lat}, ${parsed.value.lng}` } : null;
}

/** 找托育机构: filed institutions by name or by distance, with filters. */
export default function RegistrySearchPage() {
  const params = useRouteParams('registrySearch');
  const [nameText, setNameText] = useState(params.q ?? '');
  const [name, setName] = useState(params.q?.trim() ?? '');
  const [origin, setOrigin] = useState<Origin | null>(() => initialOrigin(params));
  const [radiusM, setRadiusM] = useState<number>(DEFAULT_RADIUS);
  const [filters, setFilters] = useState<RegistryFilters>(NO_FILTERS);

  const query = useMemo<RegistryQuery | null>(() => {
    if (name) return { mode: 'name', name, origin, filters };
    if (origin) return { mode: 'nearby', origin, radiusM, filters };
    return null;
  }, [name, origin, radiusM, filters]);
  const results = useRegistrySearch(query);

  const open = (item: RegistryItem) => navigate('institution', { id: item.id });
  const points = (results.data ?? [])
    .filter((item) => item.lat !== null && item.lng !== null)
    .map((item, index) => ({ id: index, latitude: item.lat ?? 0, longitude: item.lng ?? 0, title: item.name }));

  let body;
  if (!query) {
    body = <EmptyState text='请输入机构名称，或选择搜索位置' hint='只显示已在卫生健康部门备案的托育机构' />;
  } else if (results.isPending) {
    body = <LoadingState text='正在查找托育机构…' />;
  } else if (results.isError) {
    body = <ErrorState message={errorMessage(results.error, { reading: true })} onRetry={() => void results.refetch()} />;
  } else if (results.data.length === 0) {
    body = (
      <EmptyState
        text='没有找到符合条件的已备案机构'
        hint={query.mode === 'nearby' ? '可以扩大搜索范围或减少筛选条件' : '换个名称关键字，或减少筛选条件'}
      />
    );
  } else {
    const items = results.data;
    body = (
      <View data-testid='registry-results' data-state={results.isPlaceholderData ? 'updating' : 'ready'}>
        {results.isPlaceholderData ? (
          <Text className='registry__count' data-testid='registry-refreshing'>
            正在更新…
          </Text>
        ) : null}
        <Text className='registry__count' data-testid='registry-result-count'>
          {query.mode === 'nearby'
            ? `${query.origin.label} ${formatRadius(query.radiusM)}内共 ${items.length} 家`
            : `“${query.name}”共找到 ${items.length} 家`}
        </Text>
        {origin ? (
          <PlatformMap
            latitude={origin.lat}
            longitude={origin.lng}
            points={points}
            onPointTap={(index) => {
              const item = items[index];
              if (item) open(item);
            }}
            fallback={<Text className='registry__map-note'>地图仅在微信小程序中显示，以下按距离由近到远列出</Text>}
          />
        ) : null}
        {items.map((item) => (
          <ResultCard key={item.id} item={item} onOpen={open} />
        ))}
      </View>
    );
  }

  return (
    <View className='page registry' data-testid='registry-search-page'>
      <View className='registry__panel'>
        <View className='registry__name'>
          <Input
            className='registry__name-input'
            data-testid='registry-name-input'
            placeholder='输入机构名称，如“爱心”'
            confirmType='search'
            value={nameText}
            onInput={(event) => setNameText(event.detail.value)}
            onConfirm={(event) => setName(event.detail.value.trim())}
          />
          <Button
            className='registry__name-submit'
            size='mini'
            type='primary'
            data-testid='registry-name-submit'
            onClick={() => setName(nameText.trim())}
          >
            搜索
          </Button>
        </View>
        <LocationPicker origin={origin} onChange={setOrigin} />
        {origin && !name ? (
          <View className='registry__radius' data-testid='registry-radius'>
            <Text className='registry__radius-label'>范围</Text>
            {RADIUS_CHOICES.map((choice) => (
              <Text
                key={choice}
                className={`chip${radiusM === choice ? ' chip--on' : ''}`}
                onClick={() => setRadiusM(choice)}
              >
                {formatRadius(choice)}
              </Text>
            ))}
          </View>
        ) : null}
        <FilterBar filters={filters} onChange={setFilters} />
      </View>
      {body}
    </View>
  );
}
