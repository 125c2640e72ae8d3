/**
 * A map where one can render. Taro's H5 <Map> loads Baidu's script from the internet with a
 * hard-coded key: offline it stays blank and raises a page error. So the native map is rendered on
 * weapp only, and H5 always shows the `fallback` (a list of the same places).
 */
import type { ReactNode } from 'react';
import { Map as NativeMap, View } from '@tarojs/components';
import { isWeapp } from '../config/env.ts';

export type MapPoint = { id: number; latitude: number; longitude: number; title: string };

export function PlatformMap(props: {
  latitude: number;
  longitude: number;
  points: readonly MapPoint[];
  fallback: ReactNode;
  onPointTap?: (id: number) => void;
}) {
  if (!isWeapp) return <View data-testid='map-fallback'>{props.fallback}</View>;
  return (
    <NativeMap
      style={{ width: '100%', height: '300px' }}
      latitude={props.latitude}
      longitude={props.longitude}
      scale={13}
      markers={props.points.map((p) => ({ ...p, width: 28, height: 28, iconPath: '' }))}
      onMarkerTap={(event) => props.onPointTap?.(Number(event.detail.markerId))}
      onError={() => undefined}
    />
  );
}
