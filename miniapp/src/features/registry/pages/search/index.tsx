import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { PlatformMap } from '../../../../components/platform-map.tsx';
import { PrivacyPopup } from '../../../../components/privacy-popup.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../../components/state-view.tsx';
import { errorMessage } from '@tuoyu/domain';
import { navigate, useRouteParams } from '../../../../lib/navigation.ts';
import { chooseOnMap, deviceLocation, LocationUnavailable } from '../../api/location.ts';
import { useRegistrySearch, type RegistryItem, type RegistryQuery } from '../../api/use-registry-search.ts';
import { FilterSheet } from '../../components/filter-sheet.tsx';
import { LocationBar } from '../../components/location-bar.tsx';
import { ResultCard } from '../../components/result-card.tsx';
import { REGION_CODE } from '../../../regions/api/use-child-regions.ts';
import '../../components/chips.css';
import {
  DEFAULT_RADIUS,
  NO_FILTERS,
  formatRadius,
  nameProblem,
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

/**
 * 找托育机构: filed institutions by name, near a location (the device's, or a picked region's
 * centre), or in one street (`?street=<code>&place=<name>` from the regions page). Laid out for a
 * phone: one search row, one location row, the filters folded into a bar — the first result
 * shows on the first screen.
 */
export default function RegistrySearchPage() {
  const params = useRouteParams('registrySearch');
  const street = params.street && REGION_CODE.test(params.street) ? params.street : null;
  const [nameText, setNameText] = useState(params.q ?? '');
  const [name, setName] = useState(params.q?.trim() ?? '');
  const [nameHint, setNameHint] = useState<string | null>(null);
  const [origin, setOrigin] = useState<Origin | null>(() => initialOrigin(params));
  const [radiusM, setRadiusM] = useState<number>(DEFAULT_RADIUS);
  const [filters, setFilters] = useState<RegistryFilters>(NO_FILTERS);
  const [locating, setLocating] = useState(false);
  const [locationProblem, setLocationProblem] = useState<string | null>(null);

  // A location answer that arrives after the family picked a place by hand is dropped.
  const locateRequest = useRef(0);
  const locate = async () => {
    const request = ++locateRequest.current;
    setLocating(true);
    setLocationProblem(null);
    try {
      const here = await deviceLocation();
      if (request === locateRequest.current) {
        setNameHint(null);
        setOrigin({ ...here, label: '当前位置附近' });
      }
    } catch (error) {
      if (request === locateRequest.current) {
        setLocationProblem(error instanceof LocationUnavailable ? error.message : '暂时无法获取当前位置，请选择所在地区');
      }
    } finally {
      if (request === locateRequest.current) setLocating(false);
    }
  };

  // Opened without a question (the 找托育 entry): start from where the family is.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!params.q && !params.lat && !street) void locate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const changeOrigin = (next: Origin | null) => {
    locateRequest.current += 1;
    setLocating(false);
    setLocationProblem(null);
    setNameHint(null);
    setOrigin(next);
  };

  const submitName = (text: string) => {
    const problem = nameProblem(text, origin !== null || street !== null);
    setNameHint(problem);
    if (!problem) setName(text.trim());
  };

  const query = useMemo<RegistryQuery | null>(() => {
    if (name) return { mode: 'name', name, origin, filters };
    if (origin) return { mode: 'nearby', origin, radiusM, filters };
    if (street) return { mode: 'street', street, origin: null, filters };
    return null;
  }, [name, origin, radiusM, filters, street]);
  const results = useRegistrySearch(query);

  const open = (item: RegistryItem) => navigate('institution', { id: item.id });
  const points = (results.data ?? [])
    .filter((item) => item.lat !== null && item.lng !== null)
    .map((item, index) => ({ id: index, latitude: item.lat ?? 0, longitude: item.lng ?? 0, title: item.name }));

  let body;
  if (!query) {
    body = locating ? (
      <LoadingState text='正在获取当前位置…' />
    ) : (
      <EmptyState text='输入机构名称，或点“定位”“选地区”查找附近的机构' hint='只显示已在卫生健康部门备案的托育机构' />
    );
  } else if (results.isPending) {
    body = <LoadingState text='正在查找托育机构…' />;
  } else if (results.isError) {
    body = <ErrorState message={errorMessage(results.error, { reading: true })} onRetry={() => void results.refetch()} />;
  } else if (results.data.length === 0) {
    body = (
      <EmptyState
        text='没有找到符合条件的已备案机构'
        hint={query.mode === 'nearby' ? '可以在“筛选”里扩大范围或减少条件' : query.mode === 'street' ? '该街道（乡镇）暂无已备案机构，可以“选地区”查看附近' : '换个名称关键字，或减少筛选条件'}
      />
    );
  } else {
    const items = results.data;
    const countText =
      query.mode === 'nearby'
        ? `${query.origin.label} ${formatRadius(query.radiusM)}内共 ${items.length} 家`
        : query.mode === 'street'
          ? `${params.place ?? '该街道'}共 ${items.length} 家`
          : `“${query.name}”共找到 ${items.length} 家`;
    body = (
      <View data-testid='registry-results' data-state={results.isPlaceholderData ? 'updating' : 'ready'}>
        <Text className='registry__count' data-testid='registry-result-count'>
          {results.isPlaceholderData ? '正在更新…' : countText}
        </Text>
        {items.map((item) => (
          <ResultCard key={item.id} item={item} onOpen={open} />
        ))}
        {origin ? (
          <PlatformMap
            latitude={origin.lat}
            longitude={origin.lng}
            points={points}
            onPointTap={(index) => {
              const item = items[index];
              if (item) open(item);
            }}
            fallback={null}
          />
        ) : null}
      </View>
    );
  }

  return (
    <View className='page registry' data-testid='registry-search-page'>
      <PrivacyPopup />
      <View className='registry__panel'>
        <View className='registry__name'>
          <Input
            className={`registry__name-input${nameHint ? ' registry__name-input--invalid' : ''}`}
            data-testid='registry-name-input'
            placeholder='输入机构名称，如“爱心”'
            confirmType='search'
            value={nameText}
            onInput={(event) => {
              setNameText(event.detail.value);
              if (event.detail.value.trim() === '' && name) setName('');
            }}
            onConfirm={(event) => submitName(event.detail.value)}
          />
          <Button className='registry__name-submit' data-testid='registry-name-submit' onClick={() => submitName(nameText)}>
            搜索
          </Button>
        </View>
        {nameHint ? (
          <Text className='registry__field-problem' data-testid='registry-name-problem'>
            {nameHint}
          </Text>
        ) : null}
        <LocationBar
          origin={origin}
          locating={locating}
          problem={locationProblem}
          onLocate={() => void locate()}
          onChooseOnMap={() => {
            void chooseOnMap().then((place) => {
              if (place) changeOrigin(place);
            });
          }}
          onChange={changeOrigin}
        />
        <FilterSheet filters={filters} onChange={setFilters} radiusM={origin && !name ? radiusM : null} onRadiusChange={setRadiusM} />
      </View>
      {body}
    </View>
  );
}
