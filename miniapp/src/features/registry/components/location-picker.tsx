/**
 * Where to search from. In WeChat: the fuzzy current location or a point chosen on the map
 * (Taro.getFuzzyLocation / Taro.chooseLocation). Everywhere (and only option on H5, where the
 * map cannot load offline): preset county seats and typed coordinates.
 */
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { LOCATION_PRESETS, parseCoordinates, type Origin } from '../model/search.ts';
import './chips.css';
import './location-picker.css';
import { isWeapp } from '../../../config/env.ts';
import { requirePrivacy } from '../../../lib/privacy.ts';
import { PrivacyPopup } from '../../../components/privacy-popup.tsx';

export function LocationPicker({ origin, onChange }: { origin: Origin | null; onChange: (origin: Origin | null) => void }) {
  const [latText, setLatText] = useState('');
  const [lngText, setLngText] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const applyTyped = () => {
    const parsed = parseCoordinates(latText, lngText);
    if (!parsed.ok) {
      setMessage(parsed.message);
      return;
    }
    setMessage(null);
    onChange({ ...parsed.value, label: `${parsed.value.lat}, ${parsed.value.lng}` });
  };

  const locateMe = async () => {
    try {
      await requirePrivacy('需要同意隐私保护指引后才能使用位置');
      const here = await Taro.getFuzzyLocation({ type: 'gcj02' });
      setMessage(null);
      onChange({ lat: here.latitude, lng: here.longitude, label: '当前位置附近' });
    } catch {
      setMessage('无法获取当前位置：请在设置中允许使用位置信息，或从下方选择地点');
    }
  };

  const chooseOnMap = async () => {
    try {
      await requirePrivacy('需要同意隐私保护指引后才能使用位置');
      const place = await Taro.chooseLocation({});
      setMessage(null);
      onChange({ lat: place.latitude, lng: place.longitude, label: place.name || place.address || '地图选点' });
    } catch {
      // cancelled by the family: keep the previous location
    }
  };

  return (
    <View className='location-picker' data-testid='registry-location'>
      <PrivacyPopup />
      <View className='location-picker__current'>
        <Text className='location-picker__label'>搜索位置：</Text>
        <Text data-testid='registry-location-current'>{origin ? origin.label : '未选择'}</Text>
        {origin ? (
          <Text className='location-picker__clear' data-testid='registry-location-clear' onClick={() => onChange(null)}>
            清除
          </Text>
        ) : null}
      </View>
      {isWeapp ? (
        <View className='location-picker__actions'>
          <Button size='mini' type='primary' onClick={() => void locateMe()} data-testid='registry-location-here'>
            使用当前位置
          </Button>
          <Button size='mini' onClick={() => void chooseOnMap()} data-testid='registry-location-map'>
            在地图上选点
          </Button>
        </View>
      ) : null}
      <View className='location-picker__presets'>
        {LOCATION_PRESETS.map((preset) => (
          <Text
            key={preset.label}
            className={`chip${origin?.label === preset.label ? ' chip--on' : ''}`}
            data-testid='registry-location-preset'
            onClick={() => {
              setMessage(null);
              onChange(preset);
            }}
          >
            {preset.label}
          </Text>
        ))}
      </View>
      <View className='location-picker__manual'>
        <Input
          className='location-picker__input'
          type='digit'
          placeholder='纬度，如 35.73'
          value={latText}
          onInput={(event) => setLatText(event.detail.value)}
          data-testid='registry-lat'
        />
        <Input
          className='location-picker__input'
          type='digit'
          placeholder='经度，如 116.49'
          value={lngText}
          onInput={(event) => setLngText(event.detail.value)}
          data-testid='registry-lng'
        />
        <Button size='mini' onClick={applyTyped} data-testid='registry-location-apply'>
          使用坐标
        </Button>
      </View>
      {message ? (
        <Text className='location-picker__message' data-testid='registry-location-error'>
          {message}
        </Text>
      ) : null}
    </View>
  );
}
