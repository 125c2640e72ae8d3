/**
 * The filters folded into one bar (so the first result shows on the first screen): a summary of
 * what is on, and 筛选 opening a sheet with the search range and every filter.
 */
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Sheet } from '../../../components/sheet.tsx';
import { RADIUS_CHOICES, activeFilterCount, describeFilters, formatRadius, type RegistryFilters } from '../model/search.ts';
import { FilterBar } from './filter-bar.tsx';
import './chips.css';
import './filter-sheet.css';

export function FilterSheet(props: {
  filters: RegistryFilters;
  onChange: (filters: RegistryFilters) => void;
  /** The range around the location; null when searching without one. */
  radiusM: number | null;
  onRadiusChange: (radiusM: number) => void;
}) {
  const [open, setOpen] = useState(false);
  const count = activeFilterCount(props.filters);
  const summary = [props.radiusM !== null ? `${formatRadius(props.radiusM)}内` : null, ...describeFilters(props.filters)].filter(Boolean).join(' · ');
  return (
    <View className='filter-sheet'>
      <View className='filter-sheet__bar'>
        <Text className={`chip${count > 0 ? ' chip--on' : ''}`} data-testid='registry-filter-toggle' onClick={() => setOpen(true)}>
          {count > 0 ? `筛选 · ${count}` : '筛选'}
        </Text>
        <Text className='filter-sheet__summary' data-testid='registry-filter-summary'>
          {summary || '全部类型与服务'}
        </Text>
      </View>
      <Sheet open={open} title='筛选' onClose={() => setOpen(false)} testId='registry-filter-sheet'>
        {props.radiusM !== null ? (
          <View className='filter-sheet__row' data-testid='registry-radius'>
            <Text className='filter-sheet__label'>范围</Text>
            {RADIUS_CHOICES.map((choice) => (
              <Text key={choice} className={`chip${props.radiusM === choice ? ' chip--on' : ''}`} onClick={() => props.onRadiusChange(choice)}>
                {formatRadius(choice)}
              </Text>
            ))}
          </View>
        ) : null}
        <FilterBar filters={props.filters} onChange={props.onChange} />
        <Button className='filter-sheet__done' data-testid='registry-filter-done' onClick={() => setOpen(false)}>
          查看结果
        </Button>
      </Sheet>
    </View>
  );
}
