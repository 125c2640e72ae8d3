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
import { RegistryList, RegistryShow } from './routes/registry/index.ts';
import { CampaignReport, EventCheckIn, EventList } from './routes/events/index.ts';
import { ComplaintList, ComplaintShow } from './routes/complaints/index.ts';
import { EnrollmentPage } from './routes/enrollment/index.ts';
import { PolicyList } from './routes/policies/index.ts';
import { VerifyFilingPage } from './routes/verify/lazy.ts';
import { MyInstitutionList, MyInstitutionShow } from './routes/my-institution/index.ts';
import { HomeRedirect } from './components/home-redirect.tsx';
import { FilingCreate, FilingEdit, FilingList, FilingShow } from './routes/filings/index.ts';
// issue 15 §5–§7: subsidies, staff registry, open data
import { SubsidyPage } from './routes/subsidies/index.ts';
import { StaffRegistryPage } from './routes/staff-registry/index.ts';
import { OpenDataPage } from './routes/open-data/lazy.ts';

dayjs.locale('zh-cn');

const PageFallback = () => (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin tip="加载中…" size="large">
      <div style={{ height: 48 }} />
    </Spin>
  </div>
);

export function App() {
  return (
    <BrowserRouter>
      <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
        <AntdApp>
          <Refine
            dataProvider={dataProvider}
            authProvider={authProvider}
            accessControlProvider={accessControlProvider}
            i18nProvider={i18nProvider}
            routerProvider={routerProvider}
            notificationProvider={useNotificationProvider}
            resources={resources}
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
                      <ThemedLayout Header={Header} Title={Title} Sider={(props) => <ThemedSider {...props} fixed />}>
                        <Suspense fallback={<PageFallback />}>
                          <Outlet />
                        </Suspense>
                      </ThemedLayout>
                    </Authenticated>
                  }
                >
                  <Route index element={<HomeRedirect resource={HOME_RESOURCE} />} />
                  <Route path="/regions" element={<RegionList />} />
                  <Route path="/institutions">
                    <Route index element={<InstitutionList />} />
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
                  <Route path="/events">
                    <Route index element={<EventList />} />
                    <Route path=":id/check-in" element={<EventCheckIn />} />
                  </Route>
                  <Route path="/campaign-report" element={<CampaignReport />} />
                  <Route path="/enrollment" element={<EnrollmentPage />} />
                  <Route path="/complaints">
                    <Route index element={<ComplaintList />} />
                    <Route path=":id" element={<ComplaintShow />} />
                  </Route>
                  <Route path="/policies" element={<PolicyList />} />
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
                  {/* issue 15 §5–§6 */}
                  <Route path="/subsidies" element={<SubsidyPage />} />
                  <Route path="/staff-registry" element={<StaffRegistryPage />} />
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
