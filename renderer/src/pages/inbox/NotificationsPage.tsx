import { Badge, Button, Space, Switch, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationRow } from '../../../../shared/api/kernel';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { formatInstant } from '../../components/format';
import { useT } from '../../i18n';

/** Where a notification about a record leads. Modules add their record pages here. */
const RECORD_PAGES: Partial<Record<string, (id: string) => string>> = {
  employee: (id) => `/org/employees/${id}`,
};

/** 通知: the in-app inbox. Opening a notification marks it read. */
export default function NotificationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useApiQuery('notifications.list', { unreadOnly, page, pageSize: 20 });
  const markRead = useApiMutation('notifications.markRead');

  const open = (n: NotificationRow) => {
    if (!n.readAt) markRead.mutateAsync({ ids: [n.id] }).catch(onError);
    const to = n.entity && n.recordId ? RECORD_PAGES[n.entity]?.(n.recordId) : n.kind === 'approval' ? '/inbox/approvals' : undefined;
    if (to) navigate(to);
  };

  const columns: TableProps<NotificationRow>['columns'] = [
    {
      title: t('notifications.title'),
      key: 'title',
      render: (_: unknown, n) => (
        <Button type="link" onClick={() => open(n)} style={{ padding: 0 }}>
          <Badge status={n.readAt ? 'default' : 'processing'} />
          {t(n.titleKey, n.params)}
        </Button>
      ),
    },
    { title: t('audit.at'), dataIndex: 'createdAt', width: 180, render: formatInstant },
  ];

  return (
    <>
      <PageTitle
        title={t('notifications.title')}
        extra={
          <Space>
            <Space>
              <Switch size="small" checked={unreadOnly} onChange={(v) => (setUnreadOnly(v), setPage(1))} />
              {t('notifications.unreadOnly')}
            </Space>
            <ExportButton list="notifications.list" input={{ unreadOnly }} testId="notifications-export" />
            <Button onClick={() => markRead.mutateAsync({ all: true }).catch(onError)}>{t('notifications.markAllRead')}</Button>
          </Space>
        }
      />
      <Table<NotificationRow>
        rowKey="id"
        dataSource={list.data?.rows ?? []}
        loading={list.isFetching}
        columns={columns}
        locale={{ emptyText: t('notifications.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
      />
    </>
  );
}
