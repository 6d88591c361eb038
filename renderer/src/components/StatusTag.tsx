import { Tag } from 'antd';
import type { EmployeeStatus } from '../../../shared/domain/org';
import type { ApprovalStatus } from '../../../shared/api/kernel';
import { useT } from '../i18n';

export function EmployeeStatusTag({ status, archived }: { status: EmployeeStatus; archived?: boolean }) {
  const t = useT();
  return (
    <>
      <Tag color={status === 'active' ? 'green' : 'default'}>{t(`status.${status}`)}</Tag>
      {archived && <Tag>{t('common.archived')}</Tag>}
    </>
  );
}

const APPROVAL_COLORS: Record<ApprovalStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error', cancelled: 'default' };

export function ApprovalStatusTag({ status }: { status: ApprovalStatus }) {
  const t = useT();
  return <Tag color={APPROVAL_COLORS[status]}>{t(`approvals.status.${status}`)}</Tag>;
}
