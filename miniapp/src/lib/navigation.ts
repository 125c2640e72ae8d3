/** Typed navigation over the route map (tab pages via switchTab, the rest via navigateTo). */
import Taro from '@tarojs/taro';
import { isTabRoute, routeUrl, type RouteName, type RouteParams } from '../routes.ts';

export function navigate<K extends RouteName>(name: K, params?: RouteParams[K]): void {
  if (isTabRoute(name)) {
    void Taro.switchTab({ url: routeUrl(name) });
    return;
  }
  void Taro.navigateTo({ url: routeUrl(name, params) }).catch(() => {
    // the page stack is full (10 pages in WeChat): replace the current page instead
    void Taro.redirectTo({ url: routeUrl(name, params) });
  });
}

/** The current page's query parameters for `name`, decoded (Taro hands them over URL-encoded on H5). */
export function useRouteParams<K extends RouteName>(_name: K): Partial<NonNullable<RouteParams[K]>> {
  const params = Taro.useRouter().params;
  const decoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') continue;
    try {
      decoded[key] = decodeURIComponent(value);
    } catch {
      decoded[key] = value;
    }
  }
  return decoded as Partial<NonNullable<RouteParams[K]>>;
}
