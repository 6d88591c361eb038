import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { REMINDER_SCOPES, type ReminderRow, type ReminderScope } from '../../../../shared/api/kernel';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { formatInstant } from '../../components/format';
import { useT } from '../../i18n';
import { useSession } from '../../stores/session';
import { requiredRule } from '../../components/formRules';

interface ReminderForm {
  title: string;
  note?: string;
  dueAt: Dayjs;
  assigneeId?: string;
}

/** Roles that hand out work may remind others (the core checks the same rule). */
const ASSIGNING_ROLES = ['admin', 'manager', 'deputy', 'lead', 'hr'];

/**
 * 提醒事项: the user's reminders; modules add theirs (due tasks, SLA deadlines...). People who
 * hand out work also see what they set for others ("assigned by me") until it is done.
 */
export default function RemindersPage() {
  const t = useT();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const user = useSession((s) => s.user);
  const [scope, setScope] = useState<ReminderScope>('mine');
  const [includeDone, setIncludeDone] = useState(false);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ReminderForm>();
  const list = useApiQuery('reminders.mine', { scope, includeDone });
  const mayAssign = user?.roles.some((r) => ASSIGNING_ROLES.includes(r)) ?? false;
  const people = useApiQuery('directory.users', {}, { enabled: mayAssign && creating });
  const create = useApiMutation('reminders.create');
  const complete = useApiMutation('reminders.complete');

  const submit = async (v: ReminderForm) => {
    try {
      await create.mutateAsync({ title: v.title, note: v.note ?? '', dueAt: v.dueAt.toISOString(), ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}) });
      void message.success(t('reminders.saved'));
      setCreating(false);
    } catch (err) {
      onError(err, form);
    }
  };

  // Under "mine", who set a reminder for the user; under "assigned by me", whom it is for.
  const person: NonNullable<TableProps<ReminderRow>['columns']>[number] =
    scope === 'assignedByMe'
      ? { title: t('reminders.assignee'), dataIndex: 'assigneeName', key: 'person' }
      : { title: t('reminders.createdBy'), key: 'person', render: (_: unknown, r) => (r.createdById && r.createdById !== user?.id ? r.createdByName : '') };
  const columns: TableProps<ReminderRow>['columns'] = [
    { title: t('reminders.titleField'), dataIndex: 'title' },
    { title: t('reminders.note'), dataIndex: 'note', ellipsis: true },
    {
      title: t('reminders.dueAt'),
      dataIndex: 'dueAt',
      render: (v: string, r) => (
        <Space>
          {formatInstant(v)}
          {r.overdue && <Tag color="red">{t('reminders.overdue')}</Tag>}
          {r.doneAt && <Tag color="green">{t('reminders.done')}</Tag>}
        </Space>
      ),
    },
    person,
    {
      title: t('common.actions'),
      key: 'a',
      render: (_: unknown, r) =>
        !r.doneAt && (
          <Button type="link" size="small" onClick={() => complete.mutateAsync({ id: r.id }).catch(onError)}>
            {t('reminders.complete')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('reminders.title')}
        extra={
          <Space>
            <Space>
              <Switch size="small" checked={includeDone} onChange={setIncludeDone} id="reminders-include-done" />
              <label htmlFor="reminders-include-done">{t('reminders.includeDone')}</label>
            </Space>
            <ExportButton list="reminders.mine" input={{ scope, includeDone }} testId="reminders-export" />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="reminders-new"
            >
              {t('reminders.new')}
            </Button>
          </Space>
        }
      />
      {mayAssign && (
        <Tabs activeKey={scope} onChange={(k) => setScope(k as ReminderScope)} items={REMINDER_SCOPES.map((k) => ({ key: k, label: t(`reminders.tab.${k}`) }))} />
      )}
      <Table<ReminderRow>
        rowKey="id"
        dataSource={list.data ?? []}
        loading={list.isFetching}
        columns={columns}
        locale={{ emptyText: t(scope === 'assignedByMe' ? 'reminders.emptyAssigned' : 'reminders.empty') }}
        pagination={{ pageSize: 20 }}
        data-testid="reminders-table"
      />
      <Modal
        open={creating}
        title={t('reminders.new')}
        onCancel={() => setCreating(false)}
        // The OK button submits the form it sits in, so Enter in a field submits too.
        okButtonProps={{ htmlType: 'submit' }}
        confirmLoading={create.isPending}
        destroyOnHidden
        modalRender={(dom) => (
          // Made anew each time the dialog opens (destroyOnHidden): due tomorrow at 9 by default.
          <Form form={form} layout="vertical" onFinish={submit} clearOnDestroy initialValues={{ dueAt: dayjs().add(1, 'day').hour(9).minute(0).second(0) }}>
            {dom}
          </Form>
        )}
      >
        <Form.Item name="title" label={t('reminders.titleField')} rules={[requiredRule(t)]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="note" label={t('reminders.note')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="dueAt" label={t('reminders.dueAt')} rules={[requiredRule(t)]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        {mayAssign && (
          <Form.Item name="assigneeId" label={t('reminders.assignee')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(people.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
          </Form.Item>
        )}
      </Modal>
    </>
  );
}
