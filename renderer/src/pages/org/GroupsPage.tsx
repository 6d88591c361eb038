import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import type { GroupRow } from '../../../../shared/api/org';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCan } from '../../app/access';
import { ArchivableRowActions, IncludeArchivedSwitch } from '../../components/ArchivableRowActions';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { usePreferences } from '../../stores/preferences';
import { EmployeePicker } from './components/pickers';
import { DeputiesCard } from './components/DeputiesCard';
import { requiredRule } from '../../components/formRules';

interface GroupForm {
  name: string;
  description?: string;
  leadEmployeeId?: string | null;
}

/** 小组: the department's functional groups, their leads and the deputies in charge (分管). */
export default function GroupsPage() {
  const t = useT();
  const locale = usePreferences((s) => s.locale);
  const can = useCan();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<GroupRow | 'new' | null>(null);
  const [form] = Form.useForm<GroupForm>();
  const groups = useApiQuery('org.groups.list', { includeArchived });
  const create = useApiMutation('org.groups.create');
  const update = useApiMutation('org.groups.update');
  const archive = useApiMutation('org.groups.archive');
  const restore = useApiMutation('org.groups.restore');
  const canEdit = can('org.structure');

  // The form is made anew each time the dialog opens (destroyOnHidden), from these values.
  const open = (g: GroupRow | 'new') => setEditing(g);
  const initial = editing && editing !== 'new' ? { name: editing.name, description: editing.description, leadEmployeeId: editing.leadEmployeeId } : undefined;
  const submit = async (v: GroupForm) => {
    const fields = { name: v.name, description: v.description ?? '', leadEmployeeId: v.leadEmployeeId ?? null };
    try {
      if (editing === 'new') await create.mutateAsync(fields);
      else if (editing) await update.mutateAsync({ id: editing.id, ...fields, version: editing.version });
      void message.success(t('org.groups.saved'));
      setEditing(null);
    } catch (err) {
      onError(err, form);
    }
  };

  const columns: TableProps<GroupRow>['columns'] = [
    { title: t('org.groups.name'), dataIndex: 'name', render: (name: string, g) => (g.archived ? <Space>{name}<Tag>{t('common.archived')}</Tag></Space> : name) },
    { title: t('org.groups.description'), dataIndex: 'description', ellipsis: true },
    { title: t('org.groups.lead'), dataIndex: 'leadName', render: (v: string | null) => v ?? '—' },
    { title: t('org.groups.deputies'), key: 'deputies', render: (_: unknown, g) => g.deputies.map((d) => d.name).join(locale === 'zh-CN' ? '、' : ', ') || '—' },
    { title: t('org.groups.members'), dataIndex: 'memberCount', width: 100 },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, g: GroupRow) => (
              <ArchivableRowActions
                archived={g.archived}
                name={g.name}
                onEdit={() => open(g)}
                onArchive={() => archive.mutateAsync({ id: g.id }).then(() => message.success(t('org.groups.archived')), onError)}
                onRestore={() => restore.mutateAsync({ id: g.id }).then(() => message.success(t('org.groups.restored')), onError)}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        title={t('org.groups.title')}
        extra={
          <Space>
            <IncludeArchivedSwitch checked={includeArchived} onChange={setIncludeArchived} />
            <ExportButton list="org.groups.list" input={{ includeArchived }} testId="groups-export" />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="groups-new">
                {t('org.groups.new')}
              </Button>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Table<GroupRow> rowKey="id" data-testid="groups-table" loading={groups.isFetching} dataSource={groups.data ?? []} columns={columns} pagination={false} />
      </Card>
      <DeputiesCard canEdit={canEdit} />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('org.groups.new') : t('org.groups.edit')}
        onCancel={() => setEditing(null)}
        // OK submits the form it sits in, so Enter in a field saves too.
        okButtonProps={{ htmlType: 'submit', 'data-testid': 'group-save' } as Record<string, string>}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
        modalRender={(dom) => (
          <Form form={form} layout="vertical" onFinish={submit} initialValues={initial} clearOnDestroy data-testid="group-form">
            {dom}
          </Form>
        )}
      >
        <Form.Item name="name" label={t('org.groups.name')} rules={[requiredRule(t)]}>
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item name="description" label={t('org.groups.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item name="leadEmployeeId" label={t('org.groups.lead')}>
          <EmployeePicker current={editing && editing !== 'new' && editing.leadEmployeeId ? { id: editing.leadEmployeeId, name: editing.leadName ?? '' } : null} />
        </Form.Item>
      </Modal>
    </>
  );
}
