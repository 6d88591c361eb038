import { Spin } from 'antd';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { api, onSessionLost } from '../api/client';
import { useSession } from '../stores/session';
import { hasRememberedLocale, usePreferences } from '../stores/preferences';
import { useCan } from './access';
import type { PermissionKey } from '../../../shared/domain/permissions';
import { MainLayout } from './MainLayout';

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
const ApprovalsPage = lazy(() => import('../pages/inbox/ApprovalsPage'));
const RemindersPage = lazy(() => import('../pages/inbox/RemindersPage'));
const NotificationsPage = lazy(() => import('../pages/inbox/NotificationsPage'));
const UsersPage = lazy(() => import('../pages/admin/UsersPage'));
const AuditLogPage = lazy(() => import('../pages/admin/AuditLogPage'));
const AccountPage = lazy(() => import('../pages/account/AccountPage'));
const DataPage = lazy(() => import('../pages/data/DataPage'));

export const pageFallback = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

/** Finds out on start whether setup is needed and whether a session is still valid. */
function useSessionBootstrap(): void {
  const { status, setStatus, signedIn, signedOut } = useSession();
  const setLocale = usePreferences((s) => s.setLocale);
  const client = useQueryClient();
  useEffect(() => {
    onSessionLost(() => {
      if (useSession.getState().status === 'signedIn') signedOut(true);
      client.clear();
    });
  }, [client, signedOut]);
  useEffect(() => {
    if (status !== 'unknown') return;
    void (async () => {
      try {
        const setup = await api('setup.status', {});
        if (!hasRememberedLocale()) await setLocale(setup.defaultLocale);
        if (!setup.initialized) return setStatus('needsSetup');
        const me = await api('auth.me', {});
        await setLocale(me.user.locale);
        signedIn(me.user, me.departmentName);
      } catch {
        signedOut();
      }
    })();
  }, [status, setStatus, signedIn, signedOut, setLocale]);
}

function Guard({ access, children }: { access: PermissionKey; children: ReactNode }) {
  const can = useCan();
  return can(access) ? children : <Navigate to="/" replace />;
}

export function AppRoutes() {
  useSessionBootstrap();
  const status = useSession((s) => s.status);
  const mustChange = useSession((s) => s.user?.mustChangePassword ?? false);
  const location = useLocation();
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
          <Route path="/inbox/approvals" element={<ApprovalsPage />} />
          <Route path="/inbox/reminders" element={<RemindersPage />} />
          <Route path="/inbox/notifications" element={<NotificationsPage />} />
          <Route path="/admin/users" element={<Guard access="users.manage"><UsersPage /></Guard>} />
          <Route path="/admin/audit" element={<Guard access="audit.read"><AuditLogPage /></Guard>} />
          <Route path="/data" element={<Guard access="backup.manage"><DataPage /></Guard>} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </MainLayout>
  );
}
