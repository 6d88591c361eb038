import { Button, Card, Form, Input, Modal, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { ApprovalRequestView } from '../../../shared/api/kernel';
import { auditEntityName } from '../../../shared/domain/operations';
import type { PermissionKey } from '../../../shared/domain/permissions';
import type { RecordType } from '../../../shared/domain/records';
import { useErrorHandler } from '../api/errors';
import { useApiMutation } from '../api/hooks';
import { useCan } from '../app/access';
import { useT } from '../i18n';
import { usePreferences } from '../stores/preferences';
import { useSession } from '../stores/session';
import { formatInstant } from './format';
import { ApprovalStatusTag } from './StatusTag';

const STEP_STATUS = { waiting: 'wait', pending: 'process', approved: 'finish', rejected: 'error', skipped: 'wait' } as const;

/**
 * Where a request's record is seen, and who may open that page: the record's own page where it
 * has one, else the list that holds it (leave and corrections have no page of their own).
 */
const RECORD_PAGES: Record<RecordType, { to: (id: string) => string; access: PermissionKey }> = {
  employee: { to: (id) => `/org/employees/${id}`, access: 'org.read' },
  group: { to: () => '/org/groups', access: 'org.read' },
  position: { to: () => '/org/positions', access: 'org.read' },
  user: { to: () => '/admin/users', access: 'users.manage' },
  leave: { to: () => '/attendance/leave', access: 'attendance.read' },
  punchCorrection: { to: () => '/attendance/punches?view=corrections', access: 'attendance.read' },
  discipline: { to: () => '/attendance/discipline', access: 'session' },
};

/** The page showing the request's record, unless the card is on that page already or the user may not open it. */
function useRecordPage(request: ApprovalRequestView): string | null {
  const can = useCan();
  const location = useLocation();
  // A kind of record from a newer core has no page here yet.
  const page: (typeof RECORD_PAGES)[RecordType] | undefined = RECORD_PAGES[request.entity];
  if (!page || !can(page.access)) return null;
  const to = page.to(request.recordId);
  return `${location.pathname}${location.search}` === to ? null : to;
}

/** One approval request: its kind and record, its steps, who decided what, and approve/reject/withdraw where allowed. */
export function ApprovalCard({ request }: { request: ApprovalRequestView }) {
  const t = useT();
  const me = useSession((s) => s.user?.id);
  const decide = useApiMutation('approvals.decide');
  const cancel = useApiMutation('approvals.cancel');
  const onError = useErrorHandler();
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();
  const zh = usePreferences((s) => s.locale) === 'zh-CN';
  const recordPage = useRecordPage(request);

  const submit = async ({ comment }: { comment?: string }) => {
    if (!deciding) return;
    try {
      await decide.mutateAsync({ requestId: request.id, decision: deciding, ...(comment ? { comment } : {}) });
      setDeciding(null);
      form.resetFields();
    } catch (err) {
      onError(err, form);
    }
  };

  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Tag data-testid="approval-record-type">{auditEntityName(request.entity, zh)}</Tag>
          {request.title}
          <ApprovalStatusTag status={request.status} />
          {recordPage && (
            <Link to={recordPage} data-testid="approval-record-link">
              {t('approvals.openRecord')}
            </Link>
          )}
        </Space>
      }
      extra={<Typography.Text type="secondary">{`${request.requestedByName} · ${formatInstant(request.createdAt)}`}</Typography.Text>}
      data-testid="approval-card"
    >
      <Steps
        size="small"
        items={request.steps.map((s) => ({
          title: s.approverName ?? (s.approverRole ? t(`role.${s.approverRole}`) : t('approvals.step', { seq: s.seq })),
          status: STEP_STATUS[s.status],
          content: s.decidedByName ? `${s.decidedByName}${s.comment ? `：${s.comment}` : ''}` : undefined,
        }))}
      />
      {(request.canDecide || (request.status === 'pending' && request.requestedById === me)) && (
        <Space style={{ marginTop: 12 }}>
          {request.canDecide && (
            <>
              <Button type="primary" onClick={() => setDeciding('approve')}>
                {t('approvals.approve')}
              </Button>
              <Button danger onClick={() => setDeciding('reject')}>
                {t('approvals.reject')}
              </Button>
            </>
          )}
          {request.status === 'pending' && request.requestedById === me && (
            <Button onClick={() => cancel.mutateAsync({ requestId: request.id }).catch(onError)}>{t('approvals.cancel')}</Button>
          )}
        </Space>
      )}
      <Modal
        open={deciding !== null}
        title={deciding === 'reject' ? t('approvals.reject') : t('approvals.approve')}
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        confirmLoading={decide.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="comment"
            label={t('approvals.comment')}
            rules={deciding === 'reject' ? [{ required: true, message: t('validation.rejectNeedsComment') }] : []}
          >
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
