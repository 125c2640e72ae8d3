import { ErrorComponent, ThemedLayout, ThemedSider, useNotificationProvider } from '@refinedev/antd';
import { Authenticated, Refine } from '@refinedev/core';
import routerProvider, {
  CatchAllNavigate,
  DocumentTitleHandler,
  UnsavedChangesNotifier,
} from '@refinedev/react-router';
import { App as AntdApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense } from 'react';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import '@refinedev/antd/dist/reset.css';
import { Header } from './components/layout/header.tsx';
import { Title } from './components/layout/title.tsx';
import { SessionWatcher } from './components/session-watcher.tsx';
import { HOME_RESOURCE, resources } from './config/resources.tsx';
import { RegionScopeProvider } from './contexts/region-scope.tsx';
import { accessControlProvider } from './providers/access-control.ts';
import { authProvider } from './providers/auth.ts';
import { dataProvider } from './providers/data.ts';
import { i18nProvider } from './providers/i18n.ts';
import { documentTitle } from './providers/document-title.ts';
import { InstitutionList, InstitutionShow, LoginPage, RegionList } from './routes/index.ts';
import { FilingCertificate, FilingReviewList, FilingReviewShow } from './routes/filing-reviews/index.ts';
import { OverviewPage } from './routes/overview/lazy.ts';
import { StatisticsPage } from './routes/statistics/lazy.ts';
import { GapPlanPage } from './routes/gap-plan/lazy.ts';
import { RegistryList, RegistryShow } from './routes/registry/index.ts';
import { CampaignReport, EventCheckIn, EventList } from './routes/events/index.ts';
import { ComplaintList, ComplaintShow } from './routes/complaints/index.ts';
import { InspectionChecklist, InspectionList, InspectionPlanList, InspectionPlanShow, InspectionRecord, RectificationList } from './routes/inspections/index.ts';
import { EnrollmentPage } from './routes/enrollment/index.ts';
import { ReviewList } from './routes/reviews/index.ts';
import { EnrollmentStatsPage } from './routes/enrollment-stats/index.ts';
import { PolicyList } from './routes/policies/index.ts';
import { ConsultationsPage, ContentPage } from './routes/content/index.ts';
import { VerifyFilingPage } from './routes/verify/lazy.ts';
import { MyInstitutionList, MyInstitutionShow } from './routes/my-institution/index.ts';
import { HomeRedirect } from './components/home-redirect.tsx';
import { FilingCreate, FilingEdit, FilingList, FilingShow } from './routes/filings/index.ts';
import { AuditLogPage, InstitutionCreate, InvitationList, InviteAcceptPage, MemberPage, StaffScopePage } from './routes/accounts/index.ts';
import { WorkbenchPage } from './routes/index.ts';
import { withMenuBadges } from './routes/workbench/menu-badges.tsx';
import { usePrefersReducedMotion } from './lib/reduced-motion.ts';
// issue 15 §5–§7: subsidies, staff registry, open data
import { SubsidyPage } from './routes/subsidies/index.ts';
import { StaffRegistryPage } from './routes/staff-registry/index.ts';
import { OpenDataPage } from './routes/open-data/lazy.ts';
// issue 15: population and targets, bulletins
import { RegionTargetsPage } from './routes/region-targets/index.ts';
import { BulletinsPage } from './routes/bulletins/index.ts';
// issue 15 §5: 补贴标准
import { SubsidyRulesPage } from './routes/subsidy-rules/index.ts';

dayjs.locale('zh-cn');

/** The menu, each entry with the count of what waits behind it (工作台, issue 16). */
const RESOURCES = withMenuBadges(resources);

const PageFallback = () => (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin tip="加载中…" size="large">
      <div style={{ height: 48 }} />
    </Spin>
  </div>
);

export function App() {
  // prefers-reduced-motion: no antd animations (modals, drawers, popconfirms, menus, messages)
  const reducedMotion = usePrefersReducedMotion();
  return (
    <BrowserRouter>
      <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1677ff', motion: !reducedMotion } }}>
        <AntdApp>
          <Refine
            dataProvider={dataProvider}
            authProvider={authProvider}
            accessControlProvider={accessControlProvider}
            i18nProvider={i18nProvider}
            routerProvider={routerProvider}
            notificationProvider={useNotificationProvider}
            resources={RESOURCES}
            options={{
              liveMode: 'off',
              syncWithLocation: true,
              warnWhenUnsavedChanges: true,
              disableTelemetry: true,
              title: { text: '托育一件事' },
            }}
          >
            <SessionWatcher />
            <RegionScopeProvider>
              <Routes>
                {/* Public: the filing certificate's QR code opens this without sign-in. */}
                <Route
                  path="/verify/:filingNo"
                  element={
                    <Suspense fallback={<PageFallback />}>
                      <VerifyFilingPage />
                    </Suspense>
                  }
                />
                {/* Public: an invitee accepts the one-time invitation and sets a password (issue 13 §1). */}
                <Route
                  path="/invite/:code"
                  element={
                    <Suspense fallback={<PageFallback />}>
                      <InviteAcceptPage />
                    </Suspense>
                  }
                />
                {/* Public: the open registry downloads (issue 15 §7). */}
                <Route
                  path="/open-data"
                  element={
                    <Suspense fallback={<PageFallback />}>
                      <OpenDataPage />
                    </Suspense>
                  }
                />
                <Route
                  element={
                    <Authenticated key="authenticated-routes" fallback={<CatchAllNavigate to="/login" />}>
                      <ThemedLayout Header={Header} Title={Title} Sider={(props) => <ThemedSider {...props} fixed render={({ items }) => items} />}>
                        <Suspense fallback={<PageFallback />}>
                          <Outlet />
                        </Suspense>
                      </ThemedLayout>
                    </Authenticated>
                  }
                >
                  <Route index element={<HomeRedirect resource={HOME_RESOURCE} />} />
                  <Route path="/workbench" element={<WorkbenchPage />} />
                  <Route path="/regions" element={<RegionList />} />
                  <Route path="/institutions">
                    <Route index element={<InstitutionList />} />
                    <Route path="new" element={<InstitutionCreate />} />
                    <Route path=":id" element={<InstitutionShow />} />
                  </Route>
                  <Route path="/filing-reviews">
                    <Route index element={<FilingReviewList />} />
                    <Route path=":id" element={<FilingReviewShow />} />
                    <Route path=":id/certificate" element={<FilingCertificate />} />
                  </Route>
                  <Route path="/registry">
                    <Route index element={<RegistryList />} />
                    <Route path=":id" element={<RegistryShow />} />
                  </Route>
                  <Route path="/overview" element={<OverviewPage />} />
                  <Route path="/statistics" element={<StatisticsPage />} />
                  <Route path="/gap-plan" element={<GapPlanPage />} />
                  <Route path="/events">
                    <Route index element={<EventList />} />
                    <Route path=":id/check-in" element={<EventCheckIn />} />
                  </Route>
                  <Route path="/campaign-report" element={<CampaignReport />} />
                  <Route path="/enrollment" element={<EnrollmentPage />} />
                  <Route path="/reviews" element={<ReviewList />} />
                  <Route path="/enrollment-stats" element={<EnrollmentStatsPage />} />
                  <Route path="/complaints">
                    <Route index element={<ComplaintList />} />
                    <Route path=":id" element={<ComplaintShow />} />
                  </Route>
                  <Route path="/policies" element={<PolicyList />} />
                  {/* 监督检查 (issue 13 §4): plans, the inspector's recording, rectifications */}
                  <Route path="/inspection-plans">
                    <Route index element={<InspectionPlanList />} />
                    <Route path=":id" element={<InspectionPlanShow />} />
                  </Route>
                  <Route path="/inspections">
                    <Route index element={<InspectionList />} />
                    <Route path=":id" element={<InspectionRecord />} />
                  </Route>
                  <Route path="/rectifications" element={<RectificationList />} />
                  <Route path="/inspection-checklist" element={<InspectionChecklist />} />
                  <Route path="/content" element={<ContentPage />} />
                  <Route path="/consultations" element={<ConsultationsPage />} />
                  {/* Operator: own institution profile and filings */}
                  <Route path="/my-institution">
                    <Route index element={<MyInstitutionList />} />
                    <Route path=":id" element={<MyInstitutionShow />} />
                  </Route>
                  <Route path="/filings">
                    <Route index element={<FilingList />} />
                    <Route path="new" element={<FilingCreate />} />
                    <Route path=":id" element={<FilingShow />} />
                    <Route path=":id/edit" element={<FilingEdit />} />
                  </Route>
                  {/* Accounts (issue 13 §1) */}
                  <Route path="/invitations" element={<InvitationList />} />
                  <Route path="/members" element={<MemberPage />} />
                  <Route path="/staff-scopes" element={<StaffScopePage />} />
                  <Route path="/audit-log" element={<AuditLogPage />} />
                  {/* issue 15 §5–§6 */}
                  <Route path="/subsidies" element={<SubsidyPage />} />
                  <Route path="/staff-registry" element={<StaffRegistryPage />} />
                  <Route path="/region-targets" element={<RegionTargetsPage />} />
                  <Route path="/bulletins" element={<BulletinsPage />} />
                  {/* issue 15 §5: 补贴标准 */}
                  <Route path="/subsidy-rules" element={<SubsidyRulesPage />} />
                  <Route path="*" element={<ErrorComponent />} />
                </Route>
                <Route
                  element={
                    <Authenticated key="anonymous-routes" fallback={<Outlet />}>
                      <HomeRedirect resource={HOME_RESOURCE} />
                    </Authenticated>
                  }
                >
                  <Route
                    path="/login"
                    element={
                      <Suspense fallback={<PageFallback />}>
                        <LoginPage />
                      </Suspense>
                    }
                  />
                </Route>
              </Routes>
            </RegionScopeProvider>
            <UnsavedChangesNotifier />
            <DocumentTitleHandler handler={documentTitle} />
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
