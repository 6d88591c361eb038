import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useMemo } from 'react';
import { contract, METHOD_NAMES } from '../../../../shared/api/index';
import type { AuditIntegrity, AuditRow } from '../../../../shared/api/kernel';
import { actionName, INTERNAL_OPERATIONS, operationName, recordText } from '../../../../shared/domain/operations';
import { api } from '../../api/client';
import { useErrorHandler } from '../../api/errors';
import { useApiQuery } from '../../api/hooks';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { formatInstant } from '../../components/format';
import { useT, type Translate } from '../../i18n';
import { useListState } from '../../stores/listState';
import { usePreferences } from '../../stores/preferences';
import { AuditChanges } from './AuditChanges';

const DEFAULTS = { page: 1, pageSize: 50, search: '', method: undefined as string | undefined };

/** Who acted: the signed-in user by name; on a sign-in row the username tried; else the system. */
function UserCell({ row, t }: { row: AuditRow; t: Translate }) {
  if (row.userId) {
    return (
      <Space size={4} wrap>
        <span>{row.userDisplayName ?? row.username}</span>
        {row.userDisplayName && row.username && row.userDisplayName !== row.username && <Typography.Text type="secondary">{row.username}</Typography.Text>}
      </Space>
    );
  }
  if (!row.username) return <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>;
  return <span>{row.action === 'login' ? row.username : t('audit.triedAs', { username: row.username })}</span>;
}

/** What audit.verify found, as the lines of a message. */
function verifyLines(t: Translate, r: AuditIntegrity, zh: boolean): string[] {
  return [
    ...(r.firstBrokenSeq !== null ? [t('audit.verifyBroken', { seq: r.firstBrokenSeq })] : []),
    ...(r.truncated ? [t('audit.verifyTruncated', { rows: r.rows, expected: r.checkpointRows ?? 0 })] : []),
    ...(r.checkpoint !== 'matches' && !r.truncated ? [t(`audit.verifyCheckpoint.${r.checkpoint}`)] : []),
    ...(r.keyedFromSeq !== 1 && r.rows > 0 ? [t('audit.verifyPlainRows', { rows: (r.keyedFromSeq ?? r.rows + 1) - 1 })] : []),
    ...(r.incidents.length > 0 ? [t('audit.verifyIncidents')] : []),
    ...r.incidents.map((i) => t('audit.verifyIncident', { seq: i.seq, at: formatInstant(i.at), what: actionName(i.kind, zh) ?? '' })),
  ];
}

/** The operations a filter offers: those that write audit rows (changes, sign-ins, the core's own), by their words. */
function useOperationOptions(zh: boolean) {
  return useMemo(() => {
    const writes = METHOD_NAMES.filter((m) => contract[m].mutates);
    return [...writes, ...INTERNAL_OPERATIONS]
      .map((m) => ({ value: m as string, label: operationName(m, zh) }))
      .sort((a, b) => a.label.localeCompare(b.label, zh ? 'zh-CN' : 'en'));
  }, [zh]);
}

/** 审计日志: who changed what and when, in words, with the changed fields; the signed chain verifiable. */
export default function AuditLogPage() {
  const t = useT();
  const zh = usePreferences((s) => s.locale) === 'zh-CN';
  const onError = useErrorHandler();
  const { modal } = App.useApp();
  const [state, setState] = useListState('admin.audit', DEFAULTS);
  const filters = { search: state.search || undefined, method: state.method };
  const filtered = Boolean(filters.search || filters.method);
  const list = useApiQuery('audit.list', { ...filters, page: state.page, pageSize: state.pageSize });
  const operations = useOperationOptions(zh);

  const verify = async () => {
    try {
      const r = await api('audit.verify', {});
      const lines = verifyLines(t, r, zh);
      const content = (shown: string[]) => (shown.length ? shown.map((line) => <Typography.Paragraph key={line}>{line}</Typography.Paragraph>) : undefined);
      if (r.ok) modal.success({ title: t('audit.verifyOk', { rows: r.rows }), content: content(lines) });
      else modal.error({ title: lines[0], content: content(lines.slice(1)) });
    } catch (err) {
      onError(err);
    }
  };

  const columns: TableProps<AuditRow>['columns'] = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: formatInstant },
    { title: t('audit.user'), key: 'user', width: 200, render: (_: unknown, r) => <UserCell row={r} t={t} /> },
    { title: t('audit.operation'), key: 'operation', width: 170, render: (_: unknown, r) => operationName(r.method, zh) },
    { title: t('audit.outcome'), key: 'outcome', width: 200, render: (_: unknown, r) => actionName(r.action, zh) ?? t('audit.value.empty') },
    { title: t('audit.record'), key: 'record', render: (_: unknown, r) => recordText(r.entity, r.recordLabel, zh) },
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
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          data-testid="audit-search"
          placeholder={t('audit.searchPlaceholder')}
          aria-label={t('audit.searchPlaceholder')}
          defaultValue={state.search}
          onSearch={(v) => setState({ search: v.trim(), page: 1 })}
          style={{ width: 320 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="audit-operation"
          placeholder={t('audit.operationFilter')}
          aria-label={t('audit.operation')}
          value={state.method}
          onChange={(method?: string) => setState({ method, page: 1 })}
          options={operations}
          style={{ width: 220 }}
        />
      </Space>
      <Table<AuditRow>
        rowKey="id"
        size="small"
        data-testid="audit-table"
        dataSource={list.data?.rows ?? []}
        loading={list.isFetching}
        columns={columns}
        locale={{ emptyText: list.isLoading ? t('common.loading') : filtered ? t('audit.noMatch') : t('audit.empty') }}
        expandable={{ expandedRowRender: (r) => <AuditChanges row={r} /> }}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setState({ page, pageSize }),
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </>
  );
}
