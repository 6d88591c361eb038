import { App, Button, Card, Form, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useErrorHandler } from '../../../api/errors';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { ExportButton } from '../../../components/ExportButton';
import { useT } from '../../../i18n';
import { EmployeePicker, useGroupOptions } from './pickers';
import { requiredRule } from '../../../components/formRules';

interface DeputyForm {
  employeeId: string;
  groupIds: string[];
}

/** 副经理分管: which groups each deputy manages; this decides a deputy's "group" scope. */
export function DeputiesCard({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const deputies = useApiQuery('org.deputies.list', {});
  const groups = useGroupOptions();
  const assign = useApiMutation('org.deputies.assign');
  const [editing, setEditing] = useState<{ employeeId?: string; name?: string; groupIds: string[] } | null>(null);
  const [form] = Form.useForm<DeputyForm>();
  const groupName = (id: string) => groups.find((g) => g.value === id)?.label ?? id;

  // The form is made anew each time the dialog opens (destroyOnHidden) from these initial values.
  const open = (d: { employeeId?: string; name?: string; groupIds: string[] }) => setEditing(d);
  const submit = async (v: DeputyForm) => {
    try {
      await assign.mutateAsync({ employeeId: v.employeeId, groupIds: v.groupIds ?? [] });
      void message.success(t('org.deputies.saved'));
      setEditing(null);
    } catch (err) {
      onError(err, form);
    }
  };

  return (
    <Card
      title={t('org.deputies.title')}
      extra={
        <Space>
          <ExportButton list="org.deputies.list" input={{}} testId="deputies-export" />
          {canEdit && (
            <Button onClick={() => open({ groupIds: [] })} data-testid="deputies-assign">
              {t('org.deputies.assign')}
            </Button>
          )}
        </Space>
      }
    >
      <Table
        rowKey="employeeId"
        size="small"
        pagination={false}
        dataSource={deputies.data ?? []}
        columns={[
          { title: t('org.deputies.deputy'), dataIndex: 'name' },
          { title: t('org.deputies.groups'), key: 'groups', render: (_: unknown, d) => d.groupIds.map((id) => <Tag key={id}>{groupName(id)}</Tag>) },
          ...(canEdit
            ? [{ title: t('common.actions'), key: 'a', render: (_: unknown, d: { employeeId: string; name: string; groupIds: string[] }) => <Button type="link" size="small" onClick={() => open(d)}>{t('common.edit')}</Button> }]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={t('org.deputies.assign')}
        onCancel={() => setEditing(null)}
        // OK submits the form it sits in, so Enter saves too.
        okButtonProps={{ htmlType: 'submit' }}
        confirmLoading={assign.isPending}
        destroyOnHidden
        modalRender={(dom) => (
          <Form form={form} layout="vertical" onFinish={submit} clearOnDestroy initialValues={{ employeeId: editing?.employeeId, groupIds: editing?.groupIds ?? [] }}>
            {dom}
          </Form>
        )}
      >
        <Form.Item name="employeeId" label={t('org.deputies.deputy')} rules={[requiredRule(t)]}>
          <EmployeePicker current={editing?.employeeId ? { id: editing.employeeId, name: editing.name ?? '' } : null} disabled={Boolean(editing?.employeeId)} />
        </Form.Item>
        <Form.Item name="groupIds" label={t('org.deputies.groups')}>
          <Select mode="multiple" options={groups} allowClear />
        </Form.Item>
      </Modal>
    </Card>
  );
}
