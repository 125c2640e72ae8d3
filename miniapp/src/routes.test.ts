import { describe, expect, it } from 'vitest';
import { appRoutesConfig, isTabRoute, ROUTES, routeUrl, SUBPACKAGES } from './routes.ts';

describe('route map', () => {
  it('puts only the tab pages in the main package and each feature in its subpackage', () => {
    const config = appRoutesConfig();
    expect(config.pages).toEqual(['pages/home/index', 'pages/find/index', 'pages/mine/index']);
    expect(config.tabBar.list.map((tab) => tab.pagePath)).toEqual(config.pages);
    expect(config.tabBar.list.map((tab) => tab.text)).toEqual(['首页', '找托育', '我的']);
    expect(config.subPackages).toEqual([
      { root: 'features/complaints', pages: ['pages/new/index', 'pages/track/index'] },
      { root: 'features/regions', pages: ['pages/list/index'] },
      { root: 'features/registry', pages: ['pages/search/index', 'pages/institution/index'] },
      { root: 'features/events', pages: ['pages/list/index', 'pages/detail/index'] },
      { root: 'features/policies', pages: ['pages/list/index', 'pages/detail/index'] },
      { root: 'features/guidance', pages: ['pages/articles/index', 'pages/experts/index'] },
      {
        root: 'features/family',
        pages: ['pages/login/index', 'pages/privacy/index', 'pages/children/index', 'pages/requests/index', 'pages/apply/index',
          'pages/reviews/index', 'pages/guardians/index', 'pages/notices/index'],
      },
      { root: 'pages/verify', pages: ['index'] },
    ]);
    for (const subpackage of config.subPackages) {
      expect(Object.values(SUBPACKAGES)).toContain(subpackage.root);
      expect(subpackage.pages.length).toBeGreaterThan(0);
    }
  });

  it('keeps the verification page at its first path', () => {
    expect(routeUrl('verify', { no: '37083020240001' })).toBe('/pages/verify/index?no=37083020240001');
  });

  it('builds URLs with encoded parameters and skips empty ones', () => {
    expect(routeUrl('home')).toBe('/pages/home/index');
    expect(routeUrl('regions')).toBe('/features/regions/pages/list/index');
    expect(routeUrl('regions', { parent: '370000000000', name: '山东省' })).toBe(
      '/features/regions/pages/list/index?parent=370000000000&name=%E5%B1%B1%E4%B8%9C%E7%9C%81',
    );
    expect(routeUrl('regions', { parent: '', name: undefined })).toBe('/features/regions/pages/list/index');
  });

  it('knows which routes are tabs', () => {
    expect((Object.keys(ROUTES) as (keyof typeof ROUTES)[]).filter(isTabRoute)).toEqual(['home', 'find', 'mine']);
  });
});
