import { Card, Col, Empty, List, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/hooks';
import { PageTitle } from '../../components/PageTitle';
import { formatInstant } from '../../components/format';
import { useT } from '../../i18n';
import { useSession } from '../../stores/session';

/** 工作台: what waits for the user - approvals, due reminders, unread notifications. */
export default function HomePage() {
  const t = useT();
  const user = useSession((s) => s.user);
  const summary = useApiQuery('home.summary', {});
  const data = summary.data;
  return (
    <>
      <PageTitle title={t('home.welcome', { name: user?.displayName ?? '' })} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card loading={summary.isLoading}>
            <Statistic title={t('home.pendingApprovals')} value={data?.counts.pendingApprovals ?? 0} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card loading={summary.isLoading}>
            <Statistic title={t('home.dueReminders')} value={data?.counts.dueReminders ?? 0} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card loading={summary.isLoading}>
            <Statistic title={t('home.unreadNotifications')} value={data?.counts.unreadNotifications ?? 0} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('home.pendingApprovals')} extra={<Link to="/inbox/approvals">{t('home.viewAll')}</Link>} loading={summary.isLoading}>
            {data?.pendingApprovals.length ? (
              <List
                dataSource={data.pendingApprovals}
                renderItem={(a) => (
                  <List.Item>
                    <List.Item.Meta title={<Link to="/inbox/approvals">{a.title}</Link>} description={`${a.requestedByName} · ${formatInstant(a.createdAt)}`} />
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noApprovals')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('home.dueReminders')} extra={<Link to="/inbox/reminders">{t('home.viewAll')}</Link>} loading={summary.isLoading}>
            {data?.dueReminders.length ? (
              <List
                dataSource={data.dueReminders}
                renderItem={(r) => (
                  <List.Item extra={r.overdue ? <Tag color="red">{t('reminders.overdue')}</Tag> : null}>
                    <List.Item.Meta title={r.title} description={formatInstant(r.dueAt)} />
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noReminders')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('home.unreadNotifications')} extra={<Link to="/inbox/notifications">{t('home.viewAll')}</Link>} loading={summary.isLoading}>
            {data?.notifications.length ? (
              <List
                dataSource={data.notifications}
                renderItem={(n) => (
                  <List.Item>
                    <List.Item.Meta title={t(n.titleKey, n.params)} description={<Typography.Text type="secondary">{formatInstant(n.createdAt)}</Typography.Text>} />
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noNotifications')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
