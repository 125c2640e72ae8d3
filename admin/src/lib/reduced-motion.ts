import { useSyncExternalStore } from 'react';

/**
 * Whether the person asked the system for less motion (`prefers-reduced-motion: reduce`): the
 * admin then turns antd's animations off (ConfigProvider `theme.token.motion`), as WCAG 2.3.3
 * asks. The browser tests run Chromium with this preference, so they never wait for an animation.
 */
const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {};
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

const reducedMotion = () => typeof window !== 'undefined' && !!window.matchMedia?.(QUERY).matches;

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, reducedMotion, () => false);
}
