import { Table, Typography } from 'antd';
import type { AuditRow } from '../../../../shared/api/kernel';
import { changedFields, type FieldChangeRow } from '../../components/recordFields';
import { useT } from '../../i18n';
import { usePreferences } from '../../stores/preferences';

/** One audit row's changes: a table of the fields it changed, each with its old and new value in words. */
export function AuditChanges({ row }: { row: AuditRow }) {
  const t = useT();
  const locale = usePreferences((s) => s.locale);
  const rows = changedFields({ t, locale, entity: row.entity, labels: row.refLabels }, row.before, row.after);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table<FieldChangeRow>
      rowKey="field"
      size="small"
      pagination={false}
      data-testid={`audit-changes-${row.seq}`}
      dataSource={rows}
      columns={[
        { title: t('audit.field'), dataIndex: 'label', width: 180 },
        { title: t('audit.before'), dataIndex: 'before', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v}</span> },
        { title: t('audit.after'), dataIndex: 'after', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v}</span> },
      ]}
    />
  );
}
