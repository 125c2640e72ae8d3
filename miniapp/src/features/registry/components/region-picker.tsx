/**
 * 选择地区: province → city → county → street, one level at a time; picking a street (or "use the
 * whole county") searches from that region's centre. The fallback when the device gives no location.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { errorMessage, labelOf, REGION_LEVEL_LABELS } from '@tuoyu/domain';
import { EmptyState, ErrorState, LoadingState } from '../../../components/state-view.tsx';
import { Sheet } from '../../../components/sheet.tsx';
import { useChildRegions, type RegionItem } from '../../regions/api/use-child-regions.ts';
import { useRegionCentreLookup } from '../api/location.ts';
import type { Origin } from '../model/search.ts';
import './region-picker.css';

export function RegionPicker({ open, onClose, onPick }: { open: boolean; onClose: () => void; onPick: (origin: Origin) => void }) {
  const [path, setPath] = useState<RegionItem[]>([]);
  const current = path[path.length - 1] ?? null;
  const children = useChildRegions(open ? (current?.code ?? null) : null);
  const centre = useRegionCentreLookup();
  const [problem, setProblem] = useState<string | null>(null);

  const pick = (region: RegionItem, trail: RegionItem[]) => {
    setProblem(null);
    centre.mutate(region.code, {
      onSuccess: (point) => {
        if (!point) {
          setProblem(`${region.name}暂无中心位置，请选择上一级地区`);
          return;
        }
        // 山东省济宁市汶上县中都街道 → 汶上县中都街道 (the last two levels read well)
        const label = trail.slice(-2).map((r) => r.name).join('');
        onPick({ lat: point.lat, lng: point.lng, label });
        onClose();
      },
      onError: (error) => setProblem(errorMessage(error, { reading: true })),
    });
  };

  const tap = (region: RegionItem) => {
    if (region.level === 'street') pick(region, [...path, region]);
    else setPath([...path, region]);
  };

  let list;
  if (children.isPending) list = <LoadingState text='正在加载地区…' />;
  else if (children.isError) list = <ErrorState message={errorMessage(children.error, { reading: true })} onRetry={() => void children.refetch()} />;
  else if (children.data.length === 0) list = <EmptyState text='暂无下级地区' />;
  else {
    list = children.data.map((region) => (
      <View key={region.code} className='region-picker__item' data-testid='region-picker-item' data-code={region.code} onClick={() => tap(region)}>
        <Text>{region.name}</Text>
        <Text className='region-picker__level'>{labelOf(REGION_LEVEL_LABELS, region.level)} ›</Text>
      </View>
    ));
  }

  return (
    <Sheet open={open} title='选择所在地区' onClose={onClose} testId='region-picker'>
      <View className='region-picker__path' data-testid='region-picker-path'>
        <Text className={`region-picker__crumb${path.length === 0 ? ' region-picker__crumb--on' : ''}`} onClick={() => setPath([])}>
          全国
        </Text>
        {path.map((region, index) => (
          <Text
            key={region.code}
            className={`region-picker__crumb${index === path.length - 1 ? ' region-picker__crumb--on' : ''}`}
            onClick={() => setPath(path.slice(0, index + 1))}
          >
            {` › ${region.name}`}
          </Text>
        ))}
      </View>
      {current && current.level !== 'province' ? (
        <Text className='region-picker__use' data-testid='region-picker-use' onClick={() => pick(current, path)}>
          {`在${current.name}范围内查找（以${labelOf(REGION_LEVEL_LABELS, current.level)}中心为准）`}
        </Text>
      ) : null}
      {problem ? (
        <Text className='region-picker__problem' data-testid='region-picker-problem'>
          {problem}
        </Text>
      ) : null}
      {centre.isPending ? <LoadingState text='正在确定位置…' /> : list}
    </Sheet>
  );
}
