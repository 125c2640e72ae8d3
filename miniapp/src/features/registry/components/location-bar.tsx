/**
 * Where to search from, in one line: the device's location (定位), a region picked province →
 * street (选地区, the fallback when the device gives none) and, in WeChat, a point on the map.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { isWeapp } from '../../../config/env.ts';
import type { Origin } from '../model/search.ts';
import { RegionPicker } from './region-picker.tsx';
import './location-bar.css';

export function LocationBar(props: {
  origin: Origin | null;
  locating: boolean;
  /** Why the device gave no location (shown next to the field, with what to do). */
  problem: string | null;
  onLocate: () => void;
  onChooseOnMap: () => void;
  onChange: (origin: Origin | null) => void;
}) {
  const [picking, setPicking] = useState(false);
  const { origin } = props;
  return (
    <View className='location-bar' data-testid='registry-location'>
      <View className='location-bar__row'>
        <Text className='location-bar__pin'>位置</Text>
        <Text className='location-bar__current' data-testid='registry-location-current'>
          {props.locating ? '正在定位…' : origin ? origin.label : '未选择位置'}
        </Text>
        {origin ? (
          <Text className='location-bar__action location-bar__action--plain' data-testid='registry-location-clear' onClick={() => props.onChange(null)}>
            清除
          </Text>
        ) : null}
        <Text className='location-bar__action' data-testid='registry-location-locate' onClick={props.onLocate}>
          定位
        </Text>
        <Text className='location-bar__action' data-testid='registry-location-region' onClick={() => setPicking(true)}>
          选地区
        </Text>
        {isWeapp ? (
          <Text className='location-bar__action' data-testid='registry-location-map' onClick={props.onChooseOnMap}>
            地图
          </Text>
        ) : null}
      </View>
      {props.problem ? (
        <Text className='location-bar__problem' data-testid='registry-location-error'>
          {props.problem}
        </Text>
      ) : null}
      <RegionPicker open={picking} onClose={() => setPicking(false)} onPick={(picked) => props.onChange(picked)} />
    </View>
  );
}
