import { Spin } from 'antd';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Route, Routes, useLocation } from 'react-router';
import { api, ApiCallError, onSessionLost } from '../api/client';
import { BRIDGE_KEY_REFUSED, hasBridgeKey } from '../api/transport';
import { useSession } from '../stores/session';
import { hasRememberedLocale, usePreferences } from '../stores/preferences';
import { useCan } from './access';
import type { PermissionKey } from '../../../shared/domain/permissions';
import type { BridgeKeyProblem } from './BridgeKeyPage';

// One lazily loaded bundle per module (ARCHITECTURE "Renderer").
const SetupPage = lazy(() => import('../pages/setup/SetupPage'));
const LoginPage = lazy(() => import('../pages/auth/LoginPage'));
const ForcedPasswordPage = lazy(() => import('../pages/auth/ForcedPasswordPage'));
const HomePage = lazy(() => import('../pages/home/HomePage'));
const EmployeesPage = lazy(() => import('../pages/org/EmployeesPage'));
const EmployeeDetailPage = lazy(() => import('../pages/org/EmployeeDetailPage'));
const GroupsPage = lazy(() => import('../pages/org/GroupsPage'));
const PositionsPage = lazy(() => import('../pages/org/PositionsPage'));
const OrgChartPage = lazy(() => import('../pages/org/OrgChartPage'));
const MyAttendancePage = lazy(() => import('../pages/attendance/MyAttendancePage'));
const LeavePage = lazy(() => import('../pages/attendance/LeavePage'));
const PunchesPage = lazy(() => import('../pages/attendance/PunchesPage'));
const MonthReportPage = lazy(() => import('../pages/attendance/MonthReportPage'));
const PersonMonthPage = lazy(() => import('../pages/attendance/PersonMonthPage'));
const SchedulesPage = lazy(() => import('../pages/attendance/SchedulesPage'));
const HolidayCalendarPage = lazy(() => import('../pages/attendance/HolidayCalendarPage'));
const DisciplinePage = lazy(() => import('../pages/attendance/DisciplinePage'));
const ApprovalsPage = lazy(() => import('../pages/inbox/ApprovalsPage'));
const RemindersPage = lazy(() => import('../pages/inbox/RemindersPage'));
const NotificationsPage = lazy(() => import('../pages/inbox/NotificationsPage'));
const UsersPage = lazy(() => import('../pages/admin/UsersPage'));
const AuditLogPage = lazy(() => import('../pages/admin/AuditLogPage'));
const AccountPage = lazy(() => import('../pages/account/AccountPage'));
const DataPage = lazy(() => import('../pages/data/DataPage'));
const BridgeKeyPage = lazy(() => import('./BridgeKeyPage'));
const ForbiddenPage = lazy(() => import('./StatusPages').then((m) => ({ default: m.ForbiddenPage })));
const NotFoundPage = lazy(() => import('./StatusPages').then((m) => ({ default: m.NotFoundPage })));

/**
 * The layout loads lazily too: the sign-in screen, the first one most sessions show, needs none of
 * the menu, header and their widgets.
 */
const LazyMainLayout = lazy(() => import('./MainLayout').then((m) => ({ default: m.MainLayout })));
function MainLayout({ children }: { children: ReactNode }) {
  return (
    <Suspense fallback={pageFallback}>
      <LazyMainLayout>{children}</LazyMainLayout>
    </Suspense>
  );
}

export const pageFallback = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

/**
 * Finds out on start whether setup is needed and whether a session is still valid. In browser
 * mode without a valid launch key nothing can work: that is reported instead of a sign-in.
 */
function useSessionBootstrap(): BridgeKeyProblem | null {
  const { status, setStatus, signedIn, signedOut } = useSession();
  const setLocale = usePreferences((s) => s.setLocale);
  const client = useQueryClient();
  const [keyProblem, setKeyProblem] = useState<BridgeKeyProblem | null>(() => (hasBridgeKey() ? null : 'missing'));
  useEffect(() => {
    onSessionLost(() => {
      if (useSession.getState().status === 'signedIn') signedOut(true);
      client.clear();
    });
  }, [client, signedOut]);
  useEffect(() => {
    if (status !== 'unknown' || keyProblem) return;
    void (async () => {
      try {
        const setup = await api('setup.status', {});
        if (!hasRememberedLocale()) await setLocale(setup.defaultLocale);
        if (!setup.initialized) return setStatus('needsSetup');
        const me = await api('auth.me', {});
        await setLocale(me.user.locale);
        signedIn(me.user, me.departmentName);
      } catch (err) {
        if (err instanceof ApiCallError && err.error.message === BRIDGE_KEY_REFUSED) setKeyProblem('invalid');
        else signedOut();
      }
    })();
  }, [status, keyProblem, setStatus, signedIn, signedOut, setLocale]);
  return keyProblem;
}

/** A page behind a permission: says so when the user may not open it (the core refuses its data anyway). */
function Guard({ access, children }: { access: PermissionKey; children: ReactNode }) {
  const can = useCan();
  return can(access) ? children : <ForbiddenPage />;
}

export function AppRoutes() {
  const keyProblem = useSessionBootstrap();
  const status = useSession((s) => s.status);
  const mustChange = useSession((s) => s.user?.mustChangePassword ?? false);
  const location = useLocation();
  if (keyProblem) {
    return (
      <Suspense fallback={pageFallback}>
        <BridgeKeyPage problem={keyProblem} />
      </Suspense>
    );
  }
  if (status === 'unknown') return pageFallback;
  if (status === 'needsSetup') {
    return (
      <Suspense fallback={pageFallback}>
        <SetupPage />
      </Suspense>
    );
  }
  if (status === 'signedOut') {
    return (
      <Suspense fallback={pageFallback}>
        <LoginPage />
      </Suspense>
    );
  }
  if (mustChange) {
    return (
      <Suspense fallback={pageFallback}>
        <ForcedPasswordPage />
      </Suspense>
    );
  }
  return (
    <MainLayout>
      <Suspense fallback={pageFallback} key={location.pathname}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/org/employees" element={<Guard access="org.read"><EmployeesPage /></Guard>} />
          <Route path="/org/employees/:id" element={<Guard access="org.read"><EmployeeDetailPage /></Guard>} />
          <Route path="/org/groups" element={<Guard access="org.read"><GroupsPage /></Guard>} />
          <Route path="/org/positions" element={<Guard access="org.read"><PositionsPage /></Guard>} />
          <Route path="/org/chart" element={<Guard access="org.read"><OrgChartPage /></Guard>} />
          <Route path="/attendance/me" element={<MyAttendancePage />} />
          <Route path="/attendance/leave" element={<Guard access="attendance.read"><LeavePage /></Guard>} />
          <Route path="/attendance/punches" element={<Guard access="attendance.read"><PunchesPage /></Guard>} />
          <Route path="/attendance/month" element={<Guard access="attendance.read"><MonthReportPage /></Guard>} />
          <Route path="/attendance/month/:month/:employeeId" element={<Guard access="attendance.read"><PersonMonthPage /></Guard>} />
          <Route path="/attendance/schedules" element={<Guard access="attendance.read"><SchedulesPage /></Guard>} />
          <Route path="/attendance/calendar" element={<Guard access="attendance.read"><HolidayCalendarPage /></Guard>} />
          <Route path="/attendance/discipline" element={<DisciplinePage />} />
          <Route path="/inbox/approvals" element={<ApprovalsPage />} />
          <Route path="/inbox/reminders" element={<RemindersPage />} />
          <Route path="/inbox/notifications" element={<NotificationsPage />} />
          <Route path="/admin/users" element={<Guard access="users.manage"><UsersPage /></Guard>} />
          <Route path="/admin/audit" element={<Guard access="audit.read"><AuditLogPage /></Guard>} />
          <Route path="/data" element={<Guard access="backup.manage"><DataPage /></Guard>} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </MainLayout>
  );
}
