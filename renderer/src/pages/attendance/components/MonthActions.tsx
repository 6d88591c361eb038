import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import type { MonthReport } from '../../../../../shared/api/attendance';
import { api } from '../../../api/client';
import { useErrorHandler } from '../../../api/errors';
import { DownloadButton } from '../../../components/ExportButton';
import { useApiMutation } from '../../../api/hooks';
import { useCan } from '../../../app/access';
import { requiredRule } from '../../../components/formRules';
import { useT } from '../../../i18n';
import { usePreferences } from '../../../stores/preferences';
import { useFormSubmit } from './useFormSubmit';

/** 导出 the month as the office's printable .xlsx (title, department, month, one row a person, totals). */
function ExportMonthButton({ month, groupId }: { month: string; groupId?: string }) {
  const locale = usePreferences((s) => s.locale);
  return <DownloadButton fetch={(onProgress) => api('attendance.month.export', { month, locale, ...(groupId ? { groupId } : {}) }, { onProgress })} testId="month-export" />;
}

/** 解锁, with the reason the audit log keeps. */
function UnlockModal({ month, open, onClose }: { month: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const unlock = useApiMutation('attendance.month.unlock');
  const submit = useFormSubmit(form, (v) => unlock.mutateAsync({ month, reason: v.reason }), t('attendance.month.unlocked', { month }), onClose);
  return (
    <Modal
      open={open}
      title={t('attendance.month.unlockTitle', { month })}
      onCancel={onClose}
      okText={t('attendance.month.unlock')}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'month-unlock-confirm' } as Record<string, string>}
      confirmLoading={unlock.isPending}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" onFinish={submit} clearOnDestroy>
          {dom}
        </Form>
      )}
    >
      <Form.Item name="reason" label={t('attendance.month.unlockReason')} rules={[requiredRule(t)]} extra={t('attendance.month.unlockHint')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} autoFocus />
      </Form.Item>
    </Modal>
  );
}

/** The month report's actions: export for every reader; lock or unlock for HR and the manager. */
export function MonthActions({ report, groupId }: { report: MonthReport; groupId?: string }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const lock = useApiMutation('attendance.month.lock');
  const [unlocking, setUnlocking] = useState(false);
  const manage = can('attendance.manage');
  return (
    <Space>
      <ExportMonthButton month={report.month} groupId={groupId} />
      {manage &&
        (report.locked ? (
          <Button icon={<UnlockOutlined />} onClick={() => setUnlocking(true)} data-testid="month-unlock">
            {t('attendance.month.unlock')}
          </Button>
        ) : (
          <Popconfirm
            title={t('attendance.month.lockConfirm', { month: report.month })}
            okButtonProps={{ 'data-testid': 'month-lock-confirm' } as Record<string, string>}
            onConfirm={() => lock.mutateAsync({ month: report.month }).then(() => message.success(t('attendance.month.lockedDone', { month: report.month })), onError)}
          >
            <Button type="primary" icon={<LockOutlined />} loading={lock.isPending} data-testid="month-lock">
              {t('attendance.month.lock')}
            </Button>
          </Popconfirm>
        ))}
      <UnlockModal month={report.month} open={unlocking} onClose={() => setUnlocking(false)} />
    </Space>
  );
}
