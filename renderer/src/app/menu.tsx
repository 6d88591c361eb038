import {
  ApartmentOutlined,
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  HistoryOutlined,
  ScheduleOutlined,
  DatabaseOutlined,
  BellOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  HomeOutlined,
  IdcardOutlined,
  SafetyOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { PermissionKey } from '../../../shared/domain/permissions';
import type { MessageKey } from '../i18n';

/**
 * The side menu, one section per module. `label` is the i18n key; `access` decides who sees it
 * (the same permission the core checks for the page's data).
 */
export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  access: PermissionKey;
  children?: MenuEntry[];
}

export const MENU: MenuEntry[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined />, access: 'session' },
  {
    path: '/org',
    label: 'menu.org',
    icon: <ApartmentOutlined />,
    access: 'org.read',
    children: [
      { path: '/org/employees', label: 'menu.org.employees', icon: <TeamOutlined />, access: 'org.read' },
      { path: '/org/groups', label: 'menu.org.groups', icon: <SolutionOutlined />, access: 'org.read' },
      { path: '/org/positions', label: 'menu.org.positions', icon: <IdcardOutlined />, access: 'org.read' },
      { path: '/org/chart', label: 'menu.org.chart', icon: <ApartmentOutlined />, access: 'org.read' },
    ],
  },
  {
    // 考勤: everyone has their own attendance; the rest by the attendance permissions.
    path: '/attendance',
    label: 'menu.attendance',
    icon: <FieldTimeOutlined />,
    access: 'session',
    children: [
      { path: '/attendance/me', label: 'menu.attendance.me', icon: <CarryOutOutlined />, access: 'session' },
      { path: '/attendance/leave', label: 'menu.attendance.leave', icon: <FileDoneOutlined />, access: 'attendance.read' },
      { path: '/attendance/punches', label: 'menu.attendance.punches', icon: <HistoryOutlined />, access: 'attendance.read' },
      { path: '/attendance/month', label: 'menu.attendance.month', icon: <BarChartOutlined />, access: 'attendance.read' },
      { path: '/attendance/schedules', label: 'menu.attendance.schedules', icon: <ScheduleOutlined />, access: 'attendance.read' },
      { path: '/attendance/calendar', label: 'menu.attendance.calendar', icon: <CalendarOutlined />, access: 'attendance.read' },
      { path: '/attendance/discipline', label: 'menu.attendance.discipline', icon: <AlertOutlined />, access: 'session' },
    ],
  },
  {
    path: '/inbox',
    label: 'menu.inbox',
    icon: <CheckSquareOutlined />,
    access: 'session',
    children: [
      { path: '/inbox/approvals', label: 'menu.inbox.approvals', icon: <CheckSquareOutlined />, access: 'session' },
      { path: '/inbox/reminders', label: 'menu.inbox.reminders', icon: <ClockCircleOutlined />, access: 'session' },
      { path: '/inbox/notifications', label: 'menu.inbox.notifications', icon: <BellOutlined />, access: 'session' },
    ],
  },
  {
    path: '/admin',
    label: 'menu.admin',
    icon: <SafetyOutlined />,
    access: 'session',
    children: [
      { path: '/admin/users', label: 'menu.admin.users', icon: <UserOutlined />, access: 'users.manage' },
      { path: '/admin/audit', label: 'menu.admin.audit', icon: <AuditOutlined />, access: 'audit.read' },
      { path: '/data', label: 'menu.admin.data', icon: <DatabaseOutlined />, access: 'backup.manage' },
    ],
  },
];

/** Pages outside the menu that still have a name of their own (reached from the header). */
const OTHER_PAGES: Pick<MenuEntry, 'path' | 'label'>[] = [{ path: '/account', label: 'menu.account' }];

/**
 * The menu entry a page belongs to: its own, or the list it is a detail of (/org/employees/:id
 * belongs to /org/employees). Null for an address no entry covers.
 */
export function menuEntryFor(pathname: string): Pick<MenuEntry, 'path' | 'label'> | null {
  const entries = [...MENU.flatMap((e) => [e, ...(e.children ?? [])]), ...OTHER_PAGES];
  const covers = (path: string) => pathname === path || (path !== '/' && pathname.startsWith(`${path}/`));
  return entries.filter((e) => covers(e.path)).sort((a, b) => b.path.length - a.path.length)[0] ?? null;
}
