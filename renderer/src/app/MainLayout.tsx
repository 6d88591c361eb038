import { BellOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Dropdown, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Locale } from '../../../shared/domain/locale';
import { api } from '../api/client';
import { useApiQuery } from '../api/hooks';
import { transport } from '../api/transport';
import { useT } from '../i18n';
import { usePreferences } from '../stores/preferences';
import { useSession } from '../stores/session';
import { useClaimedPageName, useDocumentTitle } from '../components/documentTitle';
import { useCan } from './access';
import { MENU, menuEntryFor, type MenuEntry } from './menu';

const { Header, Sider, Content } = Layout;

/** Keeps inbox counts fresh when the core reports new notifications or approvals for this user. */
function useInboxEvents(): void {
  const client = useQueryClient();
  const userId = useSession((s) => s.user?.id);
  useEffect(
    () =>
      transport().on('inbox', (e) => {
        if (userId && e.userIds.includes(userId)) void client.invalidateQueries();
      }),
    [client, userId],
  );
}

/**
 * Side-menu width. The longest label, English "Positions & duties" one level down, needs 209 px
 * of sider with its indent and icon (cut off at antd's usual 208); 240 leaves room for wider
 * system fonts. tests/e2e/shell.spec.ts checks every label fits.
 */
const SIDER_WIDTH = 240;

/** Sections open at sign-in whatever the page (their entries are one click away, as before). */
const DEFAULT_OPEN = ['/org', '/inbox', '/admin'];

/** The menu section holding the page at `pathname` (/attendance/me is in /attendance), if any. */
function sectionOf(pathname: string): string | null {
  const entry = menuEntryFor(pathname);
  return (entry && MENU.find((e) => e.children?.some((c) => c.path === entry.path))?.path) ?? null;
}

const withSectionOf = (keys: string[], pathname: string) => {
  const section = sectionOf(pathname);
  return section && !keys.includes(section) ? [...keys, section] : keys;
};

/**
 * The inline menu's open sections: the default ones plus the current page's, which opens again
 * whenever the route moves into it (an address typed or a link followed); the user may fold any.
 * While the sider is collapsed the menu's popups have their own keys, so folding it and opening
 * it again keeps the sections as they were.
 */
function useOpenSections(pathname: string, collapsed: boolean) {
  const [inline, setInline] = useState(() => withSectionOf(DEFAULT_OPEN, pathname));
  const [popups, setPopups] = useState<string[]>([]);
  const [openedFor, setOpenedFor] = useState(pathname);
  if (openedFor !== pathname) {
    // Adjusted while rendering (not in an effect), so the section is open in the same paint.
    setOpenedFor(pathname);
    setInline(withSectionOf(inline, pathname));
  }
  return {
    openKeys: collapsed ? popups : inline,
    onOpenChange: (keys: string[]) => (collapsed ? setPopups(keys) : setInline(keys)),
  };
}

/** The desktop menu (File > Backup and Restore) asks for a page. */
function useShellNavigation(): void {
  const navigate = useNavigate();
  useEffect(() => transport().on('navigate', (e) => navigate(e.path)), [navigate]);
}

export function useSwitchLocale() {
  const setLocale = usePreferences((s) => s.setLocale);
  const updateUser = useSession((s) => s.updateUser);
  return async (locale: Locale) => {
    await setLocale(locale);
    updateUser({ locale });
    await api('auth.setLocale', { locale });
  };
}

export function MainLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const location = useLocation();
  const { user, departmentName, signedOut } = useSession();
  const { locale, siderCollapsed, setSiderCollapsed } = usePreferences();
  const switchLocale = useSwitchLocale();
  const client = useQueryClient();
  useInboxEvents();
  useShellNavigation();
  const unread = useApiQuery('notifications.list', { unreadOnly: true, pageSize: 1 });
  const sections = useOpenSections(location.pathname, siderCollapsed);

  const toItems = (entries: MenuEntry[]): MenuProps['items'] =>
    entries
      .filter((e) => can(e.access) && (!e.children || e.children.some((c) => can(c.access))))
      .map((e) => ({
        key: e.path,
        icon: e.icon,
        label: t(e.label),
        ...(e.children ? { children: toItems(e.children) } : {}),
      }));
  const entry = menuEntryFor(location.pathname);
  const selected = entry?.path ?? location.pathname;
  const claimedName = useClaimedPageName();
  useDocumentTitle(claimedName ?? (entry ? t(entry.label) : null));

  const logout = async () => {
    try {
      await api('auth.logout', {});
    } finally {
      client.clear();
      signedOut();
      navigate('/');
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={siderCollapsed} onCollapse={setSiderCollapsed} theme="light" width={SIDER_WIDTH}>
        <div style={{ padding: '16px 20px', fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {siderCollapsed ? t('app.shortName') : t('app.name')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          openKeys={sections.openKeys}
          onOpenChange={sections.onOpenChange}
          items={toItems(MENU)}
          onClick={({ key }) => navigate(key)}
          data-testid="main-menu"
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
          <Typography.Text strong data-testid="department-name">
            {departmentName}
          </Typography.Text>
          <Space size="middle">
            <Badge count={unread.data?.total ?? 0} size="small">
              <Button type="text" icon={<BellOutlined />} aria-label={t('menu.inbox.notifications')} onClick={() => navigate('/inbox/notifications')} />
            </Badge>
            <Dropdown
              menu={{
                selectedKeys: [locale],
                items: [
                  { key: 'zh-CN', label: '简体中文' },
                  { key: 'en-US', label: 'English' },
                ],
                onClick: ({ key }) => void switchLocale(key as Locale),
              }}
            >
              <Button type="text" icon={<GlobalOutlined />} data-testid="language-switch">
                {locale === 'zh-CN' ? '中文' : 'EN'}
              </Button>
            </Dropdown>
            <Dropdown
              menu={{
                items: [
                  { key: 'account', icon: <UserOutlined />, label: t('menu.account') },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('common.logout') },
                ],
                onClick: ({ key }) => (key === 'logout' ? void logout() : navigate('/account')),
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {user?.displayName}
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
