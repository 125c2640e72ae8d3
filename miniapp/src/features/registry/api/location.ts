/**
 * Where the family is: the device's fuzzy location (WeChat: Taro.getFuzzyLocation, GCJ-02; H5: the
 * browser's geolocation, WGS-84 converted to GCJ-02), or the centre of a region the family picks
 * (rpc region_centre: the street's stored centre, else where its filed institutions are).
 */
import Taro from '@tarojs/taro';
import { useMutation } from '@tanstack/react-query';
import { wgs84ToGcj02 } from '@tuoyu/domain';
import { isWeapp } from '../../../config/env.ts';
import { throwIfError } from '../../../lib/api-error.ts';
import { requirePrivacy } from '../../../lib/privacy.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

export class LocationUnavailable extends Error {}

export async function deviceLocation(): Promise<{ lat: number; lng: number }> {
  if (isWeapp) {
    // The privacy guide first (WeChat refuses location APIs until the family agrees).
    await requirePrivacy('需要同意隐私保护指引后才能使用位置，也可以选择所在地区').catch((error: Error) => {
      throw new LocationUnavailable(error.message);
    });
    try {
      const here = await Taro.getFuzzyLocation({ type: 'gcj02' });
      return { lat: here.latitude, lng: here.longitude };
    } catch {
      throw new LocationUnavailable('无法获取当前位置：请在设置中允许使用位置信息，或选择所在地区');
    }
  }
  const geo = typeof navigator === 'undefined' ? undefined : navigator.geolocation;
  if (!geo) throw new LocationUnavailable('此浏览器不能提供位置：请选择所在地区');
  return new Promise((resolve, reject) => {
    geo.getCurrentPosition(
      (position) => resolve(wgs84ToGcj02(position.coords.latitude, position.coords.longitude)),
      (error) =>
        reject(
          new LocationUnavailable(
            error.code === error.PERMISSION_DENIED
              ? '未获得位置权限：请在浏览器设置中允许使用位置，或选择所在地区'
              : '暂时无法获取当前位置：请稍后重试，或选择所在地区',
          ),
        ),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 10 * 60_000 },
    );
  });
}

/** A point on the map the family chooses (WeChat only); null when cancelled. */
export async function chooseOnMap(): Promise<{ lat: number; lng: number; label: string } | null> {
  try {
    await requirePrivacy('需要同意隐私保护指引后才能使用位置');
    const place = await Taro.chooseLocation({});
    return { lat: place.latitude, lng: place.longitude, label: place.name || place.address || '地图选点' };
  } catch {
    return null;
  }
}

export interface RegionCentre {
  lat: number;
  lng: number;
  /** region: stored centre; institutions: where its filed institutions are; parent: an ancestor's. */
  source: string;
}

export async function fetchRegionCentre(code: string, signal?: AbortSignal): Promise<RegionCentre | null> {
  const call = getSupabase().rpc('region_centre', { region_code: code });
  const result = await (signal ? call.abortSignal(signal) : call);
  throwIfError(result);
  const row = result.data?.[0];
  return row && row.lat !== null && row.lng !== null ? { lat: Number(row.lat), lng: Number(row.lng), source: row.source ?? '' } : null;
}

/** Looks up a picked region's centre (the region picker calls it when the family picks). */
export function useRegionCentreLookup() {
  return useMutation({ mutationFn: (code: string) => fetchRegionCentre(code) });
}
