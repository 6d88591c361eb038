import { Empty, Space } from 'antd';
import type { RecordType } from '../../../shared/domain/records';
import { useApiQuery } from '../api/hooks';
import { useT } from '../i18n';
import { ApprovalCard } from './ApprovalCard';

/** The approvals on one record, newest first. */
export function ApprovalPanel({ entity, recordId }: { entity: RecordType; recordId: string }) {
  const t = useT();
  const requests = useApiQuery('approvals.forRecord', { entity, recordId });
  if (!requests.data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {requests.data.map((r) => (
        <ApprovalCard key={r.id} request={r} />
      ))}
    </Space>
  );
}
