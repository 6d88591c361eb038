import { Button, Card, Form, Input, Modal, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import type { ApprovalRequestView } from '../../../shared/api/kernel';
import { useErrorHandler } from '../api/errors';
import { useApiMutation } from '../api/hooks';
import { useT } from '../i18n';
import { useSession } from '../stores/session';
import { formatInstant } from './format';
import { ApprovalStatusTag } from './StatusTag';

const STEP_STATUS = { waiting: 'wait', pending: 'process', approved: 'finish', rejected: 'error', skipped: 'wait' } as const;

/** One approval request: its steps, who decided what, and approve/reject/withdraw where allowed. */
export function ApprovalCard({ request }: { request: ApprovalRequestView }) {
  const t = useT();
  const me = useSession((s) => s.user?.id);
  const decide = useApiMutation('approvals.decide');
  const cancel = useApiMutation('approvals.cancel');
  const onError = useErrorHandler();
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();

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
        <Space>
          {request.title}
          <ApprovalStatusTag status={request.status} />
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
