import { App, Button, Form, Input, Modal, Table, Typography, type TableProps } from 'antd';
import { useState, type ReactNode } from 'react';
import type { InputOf } from '../../../../../shared/api/index';
import type { LeaveRow } from '../../../../../shared/api/attendance';
import { useErrorHandler } from '../../../api/errors';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { useCan } from '../../../app/access';
import { formatInstant } from '../../../components/format';
import { useT } from '../../../i18n';
import { useSession } from '../../../stores/session';
import { formatDays, LeaveStatusTag, leavePeriod } from './shared';

export interface Paging {
  page: number;
  pageSize: number;
  sortField: 'startDate' | 'createdAt';
  sortOrder: 'asc' | 'desc';
}

type LeaveFilters = Omit<InputOf<'attendance.leave.list'>, 'page' | 'pageSize' | 'sortField' | 'sortOrder'>;

/**
 * 撤销请假, confirmed first: a pending request is withdrawn at once; an approved leave goes to the
 * department head as a cancellation request (the days stay leave until it is approved).
 */
function CancelLeaveModal({ leave, onClose }: { leave: LeaveRow | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<{ reason?: string }>();
  const cancel = useApiMutation('attendance.leave.cancel');
  const approved = leave?.status === 'approved';
  const submit = async (v: { reason?: string }) => {
    if (!leave) return;
    try {
      await cancel.mutateAsync({ id: leave.id, ...(v.reason ? { reason: v.reason } : {}) });
      void message.success(t(approved ? 'attendance.leave.cancelRequested' : 'attendance.leave.withdrawn'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
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
export function LeaveTable({
  filters,
  paging,
  onPaging,
  showEmployee,
  empty,
  testId,
}: {
  filters: LeaveFilters;
  paging: Paging;
  onPaging: (p: Partial<Paging>) => void;
  showEmployee: boolean;
  empty: ReactNode;
  testId: string;
}) {
  const t = useT();
  const can = useCan();
  const me = useSession((s) => s.user?.employeeId);
  const [cancelling, setCancelling] = useState<LeaveRow | null>(null);
  const list = useApiQuery('attendance.leave.list', { ...filters, page: paging.page, pageSize: paging.pageSize, sortField: paging.sortField, sortOrder: paging.sortOrder });
  const mayCancel = (r: LeaveRow) => (r.status === 'pending' || r.status === 'approved') && (r.employeeId === me || can('attendance.manage'));

  const sortOrderOf = (key: Paging['sortField']) => (paging.sortField === key ? (paging.sortOrder === 'asc' ? 'ascend' : 'descend') : null);
  const columns: TableProps<LeaveRow>['columns'] = [
    ...(showEmployee
      ? [
          { title: t('employee.employeeNo'), dataIndex: 'employeeNo', key: 'employeeNo', width: 90 },
          { title: t('employee.name'), dataIndex: 'employeeName', key: 'employeeName', width: 100 },
        ]
      : []),
    { title: t('attendance.leave.type'), dataIndex: 'type', key: 'type', width: 90, render: (v: LeaveRow['type']) => t(`attendance.leaveType.${v}`) },
    { title: t('attendance.leave.when'), key: 'startDate', sorter: true, sortOrder: sortOrderOf('startDate'), render: (_: unknown, r) => leavePeriod(t, r) },
    { title: t('attendance.leave.days'), dataIndex: 'days', key: 'days', width: 80, render: (v: number) => formatDays(v) },
    { title: t('attendance.leave.reason'), dataIndex: 'reason', key: 'reason', render: (_: unknown, r) => <LeaveReason leave={r} /> },
    { title: t('attendance.status'), dataIndex: 'status', key: 'status', width: 110, render: (v: LeaveRow['status']) => <LeaveStatusTag status={v} /> },
    { title: t('attendance.submittedAt'), dataIndex: 'createdAt', key: 'createdAt', width: 150, sorter: true, sortOrder: sortOrderOf('createdAt'), render: (v: string) => formatInstant(v) },
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

  const onChange: TableProps<LeaveRow>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    onPaging({
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? 20,
      sortField: s?.order ? (s.columnKey as Paging['sortField']) : 'createdAt',
      sortOrder: s?.order ? (s.order === 'descend' ? 'desc' : 'asc') : 'desc',
    });
  };

  return (
    <>
      <Table<LeaveRow>
        rowKey="id"
        size="middle"
        data-testid={testId}
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        columns={columns}
        onChange={onChange}
        locale={{ emptyText: list.isLoading ? t('common.loading') : empty }}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 'max-content' }}
      />
      <CancelLeaveModal leave={cancelling} onClose={() => setCancelling(null)} />
    </>
  );
}
