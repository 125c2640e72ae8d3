/**
 * The one route map of the mini-program. `app.config.ts` (pages, subPackages, tabBar), every page's
 * navigation-bar title and the navigation helpers (lib/navigation.ts) are derived from it.
 *
 * Main package = the tab pages only; every feature is a subpackage (WeChat limits the main
 * package to 2 MB; tests/e2e/miniapp/weapp-size.test.ts checks it).
 *
 * This module is evaluated at build time by Taro (through app.config.ts) as well as at run time:
 * keep it plain data with no imports.
 */

/**
 * Subpackages: one per feature, rooted at src/features/<name> — except 备案核验 (`pages/verify/index`,
 * where a family types a filing number), kept at its first path so links shared to it keep working.
 * Certificate QR codes open the admin's public /verify page (filingVerificationUrl in @tuoyu/domain).
 */
export const SUBPACKAGES = {
  complaints: 'features/complaints',
  regions: 'features/regions',
  registry: 'features/registry',
  events: 'features/events',
  policies: 'features/policies',
  guidance: 'features/guidance',
  family: 'features/family',
  verify: 'pages/verify',
} as const;
export type SubpackageName = keyof typeof SUBPACKAGES;

type TabRoute = { readonly page: string; readonly title: string; readonly tab: string };
type FeatureRoute = { readonly subpackage: SubpackageName; readonly page: string; readonly title: string };
type RouteDefinition = TabRoute | FeatureRoute;

export const ROUTES = {
  /** 首页 */
  home: { page: 'pages/home/index', title: '托育一件事', tab: '首页' },
  /** 找托育 (tab: the entry to the registry search subpackage) */
  find: { page: 'pages/find/index', title: '找托育', tab: '找托育' },
  /** 我的 */
  mine: { page: 'pages/mine/index', title: '我的', tab: '我的' },
  /** 行政区划 (browse province → city → county → street) */
  regions: { subpackage: 'regions', page: 'pages/list/index', title: '行政区划' },
  /** 找托育机构: public registry search by name and distance, with filters */
  registrySearch: { subpackage: 'registry', page: 'pages/search/index', title: '找托育机构' },
  /** 机构详情: a filed institution's public page */
  institution: { subpackage: 'registry', page: 'pages/institution/index', title: '机构详情' },
  /** 登录 (WeChat; on H5 the demo families and e-mail) */
  familyLogin: { subpackage: 'family', page: 'pages/login/index', title: '登录' },
  /** 隐私政策与儿童个人信息告知书, consent and its withdrawal */
  familyPrivacy: { subpackage: 'family', page: 'pages/privacy/index', title: '隐私与授权' },
  /** 我的孩子: add/edit children (age in months) */
  familyChildren: { subpackage: 'family', page: 'pages/children/index', title: '我的孩子' },
  /** 入托申请: requests, offers with deadlines, placements */
  familyRequests: { subpackage: 'family', page: 'pages/requests/index', title: '入托申请' },
  /** 申请入托 / 预约参观 at one institution (`?institution=<uuid>`) */
  familyApply: { subpackage: 'family', page: 'pages/apply/index', title: '申请入托' },
  /** 评价 an institution (`?institution=<uuid>&child=<uuid>`) and my reviews */
  familyReviews: { subpackage: 'family', page: 'pages/reviews/index', title: '我的评价' },
  /** 家庭成员: invite a second guardian (code), or join a child's family with a code */
  familyGuardians: { subpackage: 'family', page: 'pages/guardians/index', title: '家庭成员' },
  /** 消息 */
  familyNotices: { subpackage: 'family', page: 'pages/notices/index', title: '消息' },
  /** 备案核验 (the filing certificate's QR code opens it with `?no=<filing number>`) */
  verify: { subpackage: 'verify', page: 'index', title: '备案核验' },
  /** 投诉举报: file a complaint about an institution (or an unlicensed place in a county) */
  complaintNew: { subpackage: 'complaints', page: 'pages/new/index', title: '投诉举报' },
  /** 投诉进度查询 by tracking number (public timeline, no personal data) */
  complaintTrack: { subpackage: 'complaints', page: 'pages/track/index', title: '投诉进度查询' },
  /** 宣传月活动: upcoming events, by campaign, near a point */
  events: { subpackage: 'events', page: 'pages/list/index', title: '宣传月活动' },
  /** 活动详情: sign up / cancel, waiting-list position, check-in code */
  event: { subpackage: 'events', page: 'pages/detail/index', title: '活动详情' },
  /** 托育政策查询 */
  policies: { subpackage: 'policies', page: 'pages/list/index', title: '托育政策' },
  /** 政策详情 (a 补贴 policy shows its amounts as a table) */
  policy: { subpackage: 'policies', page: 'pages/detail/index', title: '政策详情' },
  /** 科学育儿 articles by age */
  articles: { subpackage: 'guidance', page: 'pages/articles/index', title: '科学育儿' },
  /** 专家咨询: experts and their slots, booking */
  experts: { subpackage: 'guidance', page: 'pages/experts/index', title: '专家咨询' },
} as const satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof ROUTES;

/** Query parameters each route accepts (all strings: they travel in the URL). */
export type RouteParams = {
  home: undefined;
  find: undefined;
  mine: undefined;
  /** `parent`: 12-digit code whose children are listed (none: provinces); `name`: its name for the title. */
  regions: { parent?: string; name?: string } | undefined;
  /** `q`: name search; `lat`/`lng`: the chosen location (GCJ-02); `place`: its label; `street`: a street's 12-digit code (its institutions). */
  registrySearch: { q?: string; lat?: string; lng?: string; place?: string; street?: string } | undefined;
  institution: { id: string };
  familyLogin: undefined;
  familyPrivacy: undefined;
  familyChildren: undefined;
  familyRequests: undefined;
  /** `institution`: where to apply; `visit`: '1' opens the visit form. */
  familyApply: { institution: string; visit?: string };
  /** `institution` + `child`: write a review; none: my reviews. */
  familyReviews: { institution?: string; child?: string } | undefined;
  familyGuardians: undefined;
  familyNotices: undefined;
  /** `no`: the filing number to verify (备案编号). */
  verify: { no?: string } | undefined;
  /** `institution`: the institution complained about, `name` its name; or `county` (12-digit code) for an unlicensed place. */
  complaintNew: { institution?: string; name?: string; county?: string } | undefined;
  /** `no`: the tracking number (跟踪编号). */
  complaintTrack: { no?: string } | undefined;
  /** `campaign`: a campaign id (its events only). */
  events: { campaign?: string } | undefined;
  event: { id: string };
  /** `region`: the 12-digit code the policies apply to (default: the demo family's street). */
  policies: { region?: string } | undefined;
  policy: { id: string };
  /** `age`: the child's age in months. */
  articles: { age?: string } | undefined;
  experts: undefined;
};

export type TabRouteName = { [K in RouteName]: (typeof ROUTES)[K] extends TabRoute ? K : never }[RouteName];

export function isTabRoute(name: RouteName): name is TabRouteName {
  return 'tab' in ROUTES[name];
}

/** Page path without leading slash, as app.json lists it ("features/regions/pages/list/index"). */
export function routePath(name: RouteName): string {
  const route: RouteDefinition = ROUTES[name];
  return 'subpackage' in route ? `${SUBPACKAGES[route.subpackage]}/${route.page}` : route.page;
}

/** The URL to navigate to: "/features/regions/pages/list/index?parent=370000000000&name=…". */
export function routeUrl<K extends RouteName>(name: K, params?: RouteParams[K]): string {
  const query = Object.entries((params ?? {}) as Record<string, string | undefined>)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return `/${routePath(name)}${query ? `?${query}` : ''}`;
}

const TAB_ORDER: readonly TabRouteName[] = ['home', 'find', 'mine'];

/** pages / subPackages / tabBar for app.config.ts. */
export function appRoutesConfig() {
  const featureRoutes = (Object.keys(ROUTES) as RouteName[]).filter((name) => !isTabRoute(name));
  const subPackages = (Object.keys(SUBPACKAGES) as SubpackageName[]).map((subpackage) => ({
    root: SUBPACKAGES[subpackage],
    pages: featureRoutes
      .map((name) => ROUTES[name] as RouteDefinition)
      .filter((route): route is FeatureRoute => 'subpackage' in route && route.subpackage === subpackage)
      .map((route) => route.page),
  }));
  return {
    pages: TAB_ORDER.map((name) => routePath(name)),
    subPackages,
    tabBar: {
      color: '#6b7280',
      selectedColor: '#e8590c',
      backgroundColor: '#ffffff',
      borderStyle: 'white' as const,
      // icons: src/assets/tab-bar/<name>.svg rendered to PNG by scripts/render-tab-icons.mjs
      list: TAB_ORDER.map((name) => ({
        pagePath: routePath(name),
        text: ROUTES[name].tab,
        iconPath: `assets/tab-bar/${name}.png`,
        selectedIconPath: `assets/tab-bar/${name}-active.png`,
      })),
    },
  };
}
