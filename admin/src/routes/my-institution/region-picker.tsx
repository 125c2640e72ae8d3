import { Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useRegionChildren } from './queries.ts';

type Level = 'province' | 'city' | 'county' | 'street';

const ancestors = (street: string | undefined) =>
  street && /^\d{12}$/.test(street)
    ? { province: `${street.slice(0, 2)}0000000000`, city: `${street.slice(0, 4)}00000000`, county: `${street.slice(0, 6)}000000` }
    : { province: undefined, city: undefined, county: undefined };

/**
 * 省 → 市 → 县区 → 街道（乡镇） from `regions`, children loaded on demand. The value is the street's
 * 12-digit code (institutions.street_code; the database derives the county from it).
 */
export function StreetPicker({
  value,
  onChange,
  disabled,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  disabled?: boolean;
}) {
  const initial = ancestors(value);
  const [province, setProvince] = useState<string | undefined>(initial.province);
  const [city, setCity] = useState<string | undefined>(initial.city);
  const [county, setCounty] = useState<string | undefined>(initial.county);

  useEffect(() => {
    const next = ancestors(value);
    if (value && next.county !== county) {
      setProvince(next.province);
      setCity(next.city);
      setCounty(next.county);
    }
    // only when the value comes from outside (form reset)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const provinces = useRegionChildren(null, 'province', !disabled || !!province);
  const cities = useRegionChildren(province ?? null, 'city');
  const counties = useRegionChildren(city ?? null, 'county');
  const streets = useRegionChildren(county ?? null, 'street');

  const select = (level: Level, code: string | undefined) => {
    if (level === 'province') {
      setProvince(code);
      setCity(undefined);
      setCounty(undefined);
      onChange?.(undefined);
    } else if (level === 'city') {
      setCity(code);
      setCounty(undefined);
      onChange?.(undefined);
    } else if (level === 'county') {
      setCounty(code);
      onChange?.(undefined);
    } else {
      onChange?.(code);
    }
  };

  const options = (rows: { code: string; name: string }[] | undefined) => (rows ?? []).map((r) => ({ value: r.code, label: r.name }));
  const common = { showSearch: true, optionFilterProp: 'label', style: { width: 180 }, disabled } as const;
  return (
    <Space wrap data-testid="street-picker">
      <Select {...common} data-testid="street-picker-province" placeholder="省" loading={provinces.isLoading} value={province} options={options(provinces.data)} onChange={(v: string) => select('province', v)} />
      <Select {...common} data-testid="street-picker-city" placeholder="市" loading={cities.isLoading} value={city} options={options(cities.data)} onChange={(v: string) => select('city', v)} />
      <Select {...common} data-testid="street-picker-county" placeholder="县（区）" loading={counties.isLoading} value={county} options={options(counties.data)} onChange={(v: string) => select('county', v)} />
      <Select
        {...common}
        data-testid="street-picker-street"
        placeholder="街道（乡镇）"
        loading={streets.isLoading}
        value={value}
        options={options(streets.data)}
        onChange={(v: string) => select('street', v)}
        notFoundContent={county ? '该县区暂无街道数据' : '请先选择县区'}
      />
    </Space>
  );
}
