import { Button, Form, Input, Modal, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { InputOf } from '../../../../../shared/api/index';
import type { LeaveRow } from '../../../../../shared/api/attendance';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { useCan } from '../../../app/access';
import { formatInstant } from '../../../components/format';
import { useT } from '../../../i18n';
import { useSession } from '../../../stores/session';
import { PagedTable, pageInput, sortOrderOf, type ListTableProps, type Paging } from './PagedTable';
import { formatDays, LeaveStatusTag, leavePeriod } from './shared';
import { useFormSubmit } from './useFormSubmit';

export type LeavePaging = Paging<'startDate' | 'createdAt'>;

type LeaveFilters = Omit<InputOf<'attendance.leave.list'>, 'page' | 'pageSize' | 'sortField' | 'sortOrder'>;

/**
 * 撤销请假, confirmed first: a pending request is withdrawn at once; an approved leave goes to the
 * department head as a cancellation request (the days stay leave until it is approved).
 */
function CancelLeaveModal({ leave, onClose }: { leave: LeaveRow | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason?: string }>();
  const cancel = useApiMutation('attendance.leave.cancel');
  const approved = leave?.status === 'approved';
  const submit = useFormSubmit(
    form,
    (v) => (leave ? cancel.mutateAsync({ id: leave.id, ...(v.reason ? { reason: v.reason } : {}) }) : null),
    t(approved ? 'attendance.leave.cancelRequested' : 'attendance.leave.withdrawn'),
    onClose,
  );
  return (
    <Modal
      open={leave !== null}
      title={t(approved ? 'attendance.leave.cancelApproved' : 'attendance.leave.withdraw')}
      onCancel={onClose}
      okText={t(approved ? 'attendance.leave.cancelApprovedOk' : 'attendance.leave.withdraw')}
      okButtonProps={{ danger: true, htmlType: 'submit', ...({ 'data-testid': 'leave-cancel-confirm' } as Record<string, string>) }}
      cancelText={t('common.back')}
      confirmLoading={cancel.isPending}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" onFinish={submit} clearOnDestroy>
          {dom}
        </Form>
      )}
    >
      {leave && (
        <Typography.Paragraph>
          {t(approved ? 'attendance.leave.cancelApprovedBody' : 'attendance.leave.withdrawBody', { type: t(`attendance.leaveType.${leave.type}`), period: leavePeriod(t, leave) })}
        </Typography.Paragraph>
      )}
      {approved && (
        <Form.Item name="reason" label={t('attendance.leave.cancelReason')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} autoFocus />
        </Form.Item>
      )}
    </Modal>
  );
}

/**
 * The leave's reason, and why it was asked to be cancelled when it was: both only for those who
 * read reasons (the core sends null to the others). Long texts are cut to a line, whole on hover.
 */
function LeaveReason({ leave }: { leave: LeaveRow }) {
  const t = useT();
  if (leave.reason === null && leave.cancelReason === null) return <>—</>;
  return (
    <div style={{ maxWidth: 320 }}>
      <Typography.Text ellipsis={{ tooltip: leave.reason }} style={{ display: 'block' }}>{leave.reason ?? '—'}</Typography.Text>
      {leave.cancelReason !== null && (
        <Typography.Text type="secondary" ellipsis={{ tooltip: leave.cancelReason }} style={{ display: 'block' }} data-testid="leave-cancel-reason">
          {t('attendance.leave.cancelReasonShown', { reason: leave.cancelReason })}
        </Typography.Text>
      )}
    </div>
  );
}

/** A server-paged list of leave requests with their status, and 撤销 where the request can still be cancelled. */
export function LeaveTable({ filters, paging, onPaging, showEmployee, empty, testId }: ListTableProps<LeaveFilters, LeavePaging['sortField']>) {
  const t = useT();
  const can = useCan();
  const me = useSession((s) => s.user?.employeeId);
  const [cancelling, setCancelling] = useState<LeaveRow | null>(null);
  const list = useApiQuery('attendance.leave.list', { ...filters, ...pageInput(paging) });
  const mayCancel = (r: LeaveRow) => (r.status === 'pending' || r.status === 'approved') && (r.employeeId === me || can('attendance.manage'));

  const columns: TableProps<LeaveRow>['columns'] = [
    ...(showEmployee
      ? [
          { title: t('employee.employeeNo'), dataIndex: 'employeeNo', key: 'employeeNo', width: 90 },
          { title: t('employee.name'), dataIndex: 'employeeName', key: 'employeeName', width: 100 },
        ]
      : []),
    { title: t('attendance.leave.type'), dataIndex: 'type', key: 'type', width: 90, render: (v: LeaveRow['type']) => t(`attendance.leaveType.${v}`) },
    { title: t('attendance.leave.when'), key: 'startDate', sorter: true, sortOrder: sortOrderOf(paging, 'startDate'), render: (_: unknown, r) => leavePeriod(t, r) },
    { title: t('attendance.leave.days'), dataIndex: 'days', key: 'days', width: 80, render: (v: number) => formatDays(v) },
    { title: t('attendance.leave.reason'), dataIndex: 'reason', key: 'reason', render: (_: unknown, r) => <LeaveReason leave={r} /> },
    { title: t('attendance.status'), dataIndex: 'status', key: 'status', width: 110, render: (v: LeaveRow['status']) => <LeaveStatusTag status={v} /> },
    { title: t('attendance.submittedAt'), dataIndex: 'createdAt', key: 'createdAt', width: 150, sorter: true, sortOrder: sortOrderOf(paging, 'createdAt'), render: (v: string) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, r) =>
        mayCancel(r) && (
          <Button type="link" size="small" danger onClick={() => setCancelling(r)} data-testid="leave-cancel">
            {t(r.status === 'approved' ? 'attendance.leave.cancelApproved' : 'attendance.leave.withdraw')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PagedTable list={list} columns={columns} paging={paging} onPaging={onPaging} defaultSort="createdAt" empty={empty} testId={testId} size="middle" />
      <CancelLeaveModal leave={cancelling} onClose={() => setCancelling(null)} />
    </>
  );
}
