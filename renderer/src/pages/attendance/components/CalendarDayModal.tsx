import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import type { CalendarYear } from '../../../../../shared/api/attendance';
import { CALENDAR_KINDS, type CalendarKind } from '../../../../../shared/domain/attendance/types';
import { useErrorHandler } from '../../../api/errors';
import { useApiMutation } from '../../../api/hooks';
import { useT } from '../../../i18n';

/**
 * One day of the department's calendar: a holiday (休), a workday (班, e.g. a make-up Saturday),
 * or back to the weekly rule ('normal'), with a name ("国庆节", "公司年会"). A day in a locked
 * month is refused by the core.
 */
export function CalendarDayModal({ date, entry, onClose }: { date: string | null; entry: CalendarYear['days'][number] | undefined; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<{ kind: CalendarKind; name?: string }>();
  const set = useApiMutation('attendance.calendar.set');
  const submit = async (v: { kind: CalendarKind; name?: string }) => {
    if (!date) return;
    try {
      await set.mutateAsync({ date, kind: v.kind, name: v.kind === 'normal' ? '' : (v.name ?? '') });
      void message.success(t('attendance.calendar.saved', { date }));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={date !== null}
      title={t('attendance.calendar.editDay', { date: date ?? '' })}
      onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', 'data-testid': 'calendar-day-save' } as Record<string, string>}
      confirmLoading={set.isPending}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" onFinish={submit} clearOnDestroy initialValues={{ kind: entry?.kind ?? 'holiday', name: entry?.name ?? '' }} data-testid="calendar-day-form">
          {dom}
        </Form>
      )}
    >
      <Form.Item name="kind" label={t('attendance.calendar.kind')}>
        <Radio.Group optionType="button" options={CALENDAR_KINDS.map((k) => ({ value: k, label: t(`attendance.calendar.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={['kind']}>
        {({ getFieldValue }) =>
          getFieldValue('kind') === 'normal' ? (
            <Typography.Paragraph type="secondary">{t('attendance.calendar.normalHint')}</Typography.Paragraph>
          ) : (
            <Form.Item name="name" label={t('attendance.calendar.name')}>
              <Input maxLength={50} autoFocus placeholder={t('attendance.calendar.namePlaceholder')} />
            </Form.Item>
          )
        }
      </Form.Item>
    </Modal>
  );
}
