/** The registry filters: 普惠, type, service, the child's age in months (→ class types). */
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import {
  SERVICE_CHOICES,
  TYPE_CHOICES,
  describeAge,
  parseAgeMonths,
  type RegistryFilters,
} from '../model/search.ts';
import './chips.css';
import './filter-bar.css';

function Chip({ on, label, onTap }: { on: boolean; label: string; onTap: () => void }) {
  return (
    <Text className={`chip${on ? ' chip--on' : ''}`} onClick={onTap}>
      {label}
    </Text>
  );
}

export function FilterBar({ filters, onChange }: { filters: RegistryFilters; onChange: (filters: RegistryFilters) => void }) {
  const [ageText, setAgeText] = useState(filters.ageMonths === null ? '' : String(filters.ageMonths));
  const age = parseAgeMonths(ageText);

  const changeAge = (text: string) => {
    setAgeText(text);
    const parsed = parseAgeMonths(text);
    if (parsed.ok) onChange({ ...filters, ageMonths: parsed.value });
  };

  return (
    <View className='filter-bar' data-testid='registry-filters'>
      <View className='filter-bar__row'>
        <Text className='filter-bar__label'>普惠</Text>
        <View data-testid='registry-filter-affordable'>
          <Chip
            on={filters.affordableOnly}
            label='只看普惠'
            onTap={() => onChange({ ...filters, affordableOnly: !filters.affordableOnly })}
          />
        </View>
      </View>
      <View className='filter-bar__row'>
        <Text className='filter-bar__label'>空位</Text>
        <View data-testid='registry-filter-vacant'>
          <Chip on={filters.vacantOnly} label='有空位' onTap={() => onChange({ ...filters, vacantOnly: !filters.vacantOnly })} />
        </View>
      </View>
      <View className='filter-bar__row' data-testid='registry-filter-type'>
        <Text className='filter-bar__label'>类型</Text>
        <Chip on={filters.type === null} label='不限' onTap={() => onChange({ ...filters, type: null })} />
        {TYPE_CHOICES.map(([value, label]) => (
          <Chip key={value} on={filters.type === value} label={label} onTap={() => onChange({ ...filters, type: value })} />
        ))}
      </View>
      <View className='filter-bar__row' data-testid='registry-filter-service'>
        <Text className='filter-bar__label'>服务</Text>
        <Chip on={filters.service === null} label='不限' onTap={() => onChange({ ...filters, service: null })} />
        {SERVICE_CHOICES.map(([value, label]) => (
          <Chip key={value} on={filters.service === value} label={label} onTap={() => onChange({ ...filters, service: value })} />
        ))}
      </View>
      <View className='filter-bar__row'>
        <Text className='filter-bar__label'>月龄</Text>
        <View data-testid='registry-filter-age' className='filter-bar__age'>
          <Input
            className='filter-bar__age-input'
            type='number'
            maxlength={2}
            placeholder='宝宝几个月'
            value={ageText}
            onInput={(event) => changeAge(event.detail.value)}
            onConfirm={(event) => changeAge(event.detail.value)}
          />
        </View>
        <Text className='filter-bar__hint' data-testid='registry-filter-age-hint'>
          {!age.ok ? age.message : age.value === null ? '不限' : describeAge(age.value)}
        </Text>
      </View>
    </View>
  );
}
