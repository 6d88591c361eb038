import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { AuditRow } from '../../../../shared/api/kernel';
import { api } from '../../api/client';
import { useErrorHandler } from '../../api/errors';
import { useApiQuery } from '../../api/hooks';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { formatInstant } from '../../components/format';
import { useT } from '../../i18n';

/** 审计日志: who changed what and when, with before/after values; verifiable hash chain. */
export default function AuditLogPage() {
  const t = useT();
  const onError = useErrorHandler();
  const { modal } = App.useApp();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const filters = { search: search || undefined };
  const list = useApiQuery('audit.list', { ...filters, page, pageSize: 50 });

  const verify = async () => {
    try {
      const r = await api('audit.verify', {});
      if (r.ok) modal.success({ title: t('audit.verifyOk', { rows: r.rows }) });
      else modal.error({ title: t('audit.verifyBroken', { seq: r.firstBrokenSeq ?? '?' }) });
    } catch (err) {
      onError(err);
    }
  };

  const columns: TableProps<AuditRow>['columns'] = [
    { title: '#', dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: formatInstant },
    { title: t('audit.user'), dataIndex: 'username', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('audit.method'), dataIndex: 'method' },
    { title: t('audit.entity'), dataIndex: 'entity', width: 120 },
    { title: t('audit.action'), dataIndex: 'action', width: 140 },
  ];

  return (
    <>
      <PageTitle
        title={t('audit.title')}
        extra={
          <Space>
            <ExportButton list="audit.list" input={filters} testId="audit-export" />
            <Button icon={<SafetyCertificateOutlined />} onClick={verify} data-testid="audit-verify">
              {t('audit.verify')}
            </Button>
          </Space>
        }
      />
      <Input.Search allowClear placeholder={t('common.search')} onSearch={(v) => (setSearch(v.trim()), setPage(1))} style={{ width: 280, marginBottom: 16 }} />
      <Table<AuditRow>
        rowKey="id"
        size="small"
        data-testid="audit-table"
        dataSource={list.data?.rows ?? []}
        loading={list.isFetching}
        columns={columns}
        expandable={{
          expandedRowRender: (r) => (
            <Typography.Paragraph>
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify({ before: r.before, after: r.after }, null, 2)}</pre>
            </Typography.Paragraph>
          ),
        }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
      />
    </>
  );
}
