import { Card, Col, Empty, List, Row, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/hooks';
import { PageTitle } from '../../components/PageTitle';
import { formatInstant } from '../../components/format';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../stores/session';
import { HomeAttendance } from '../attendance/components/HomeAttendance';

interface WaitingItem {
  key: string;
  title: ReactNode;
  description: ReactNode;
  extra?: ReactNode;
}

/** One kind of waiting item: its count, its newest entries and a link to the full inbox page. */
interface Section {
  title: MessageKey;
  empty: MessageKey;
  to: string;
  count: number;
  items: WaitingItem[];
}

function WaitingCard({ section, loading }: { section: Section; loading: boolean }) {
  const t = useT();
  return (
    // Titles wrap rather than end in "…" in a narrow column (English at 1024 px).
    <Card title={t(section.title)} extra={<Link to={section.to}>{t('home.viewAll')}</Link>} loading={loading} styles={{ title: { whiteSpace: 'normal' } }}>
      {section.items.length ? (
        <List
          dataSource={section.items}
          renderItem={(item) => (
            <List.Item key={item.key} extra={item.extra}>
              <List.Item.Meta title={item.title} description={item.description} />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(section.empty)} />
      )}
    </Card>
  );
}

/** 工作台: clocking in (考勤), and what waits for the user - approvals, due reminders, unread notifications. */
export default function HomePage() {
  const t = useT();
  const user = useSession((s) => s.user);
  const summary = useApiQuery('home.summary', {});
  const data = summary.data;
  const sections: Section[] = [
    {
      title: 'home.pendingApprovals',
      empty: 'home.noApprovals',
      to: '/inbox/approvals',
      count: data?.counts.pendingApprovals ?? 0,
      items: (data?.pendingApprovals ?? []).map((a) => ({
        key: a.id,
        title: <Link to="/inbox/approvals">{a.title}</Link>,
        description: `${a.requestedByName} · ${formatInstant(a.createdAt)}`,
      })),
    },
    {
      title: 'home.dueReminders',
      empty: 'home.noReminders',
      to: '/inbox/reminders',
      count: data?.counts.dueReminders ?? 0,
      items: (data?.dueReminders ?? []).map((r) => ({
        key: r.id,
        title: r.title,
        description: formatInstant(r.dueAt),
        extra: r.overdue ? <Tag color="red">{t('reminders.overdue')}</Tag> : null,
      })),
    },
    {
      title: 'home.unreadNotifications',
      empty: 'home.noNotifications',
      to: '/inbox/notifications',
      count: data?.counts.unreadNotifications ?? 0,
      items: (data?.notifications ?? []).map((n) => ({
        key: n.id,
        title: t(n.titleKey, n.params),
        description: <Typography.Text type="secondary">{formatInstant(n.createdAt)}</Typography.Text>,
      })),
    },
  ];
  return (
    <>
      <PageTitle title={t('home.welcome', { name: user?.displayName ?? '' })} documentTitle={t('home.title')} />
      <HomeAttendance />
      <Row gutter={[16, 16]}>
        {sections.map((s) => (
          <Col xs={24} md={8} key={`count-${s.to}`}>
            <Card loading={summary.isLoading}>
              <Statistic title={t(s.title)} value={s.count} />
            </Card>
          </Col>
        ))}
        {sections.map((s) => (
          <Col xs={24} lg={8} key={s.to}>
            <WaitingCard section={s} loading={summary.isLoading} />
          </Col>
        ))}
      </Row>
    </>
  );
}
