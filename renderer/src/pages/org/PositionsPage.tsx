import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography, type FormRule, type TableProps } from 'antd';
import { useState } from 'react';
import type { PositionRow } from '../../../../shared/api/org';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCan } from '../../app/access';
import { ArchivableRowActions, IncludeArchivedSwitch } from '../../components/ArchivableRowActions';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { requiredRule } from '../../components/formRules';
import type { Translate } from '../../i18n';

interface PositionForm {
  title: string;
  /** As typed: a number field clamped "0" to 1 and dropped "abc" without a word. */
  level: string;
  duties?: string;
}

/** The level the core accepts: a whole number from 1 to 20 (what else was typed is said, not changed). */
const levelRule = (t: Translate): FormRule => ({
  validator: (_, value: unknown) => {
    const text = String(value ?? '').trim();
    if (text === '') return Promise.resolve(); // the required rule speaks
    const n = Number(text);
    return /^\d+$/.test(text) && n >= 1 && n <= 20 ? Promise.resolve() : Promise.reject(new Error(t('validation.levelRange')));
  },
});

/** 岗位职责: positions and their written duties (regulations 二.(二)). */
export default function PositionsPage() {
  const t = useT();
  const can = useCan();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<PositionRow | 'new' | null>(null);
  const [form] = Form.useForm<PositionForm>();
  const positions = useApiQuery('org.positions.list', { includeArchived });
  const create = useApiMutation('org.positions.create');
  const update = useApiMutation('org.positions.update');
  const archive = useApiMutation('org.positions.archive');
  const restore = useApiMutation('org.positions.restore');
  const canEdit = can('org.structure');

  // The form is made anew each time the dialog opens (destroyOnHidden), from these values.
  const open = (p: PositionRow | 'new') => setEditing(p);
  const initial = editing === 'new' ? { level: '4' } : editing ? { title: editing.title, level: String(editing.level), duties: editing.duties } : undefined;
  const submit = async (v: PositionForm) => {
    const fields = { title: v.title, level: Number(v.level.trim()), duties: v.duties ?? '' };
    try {
      if (editing === 'new') await create.mutateAsync(fields);
      else if (editing) await update.mutateAsync({ id: editing.id, ...fields, version: editing.version });
      void message.success(t('org.positions.saved'));
      setEditing(null);
    } catch (err) {
      onError(err, form);
    }
  };

  const columns: TableProps<PositionRow>['columns'] = [
    { title: t('org.positions.titleField'), dataIndex: 'title', width: 160, render: (v: string, p) => (p.archived ? <Space>{v}<Tag>{t('common.archived')}</Tag></Space> : v) },
    { title: t('org.positions.level'), dataIndex: 'level', width: 80 },
    { title: t('org.positions.duties'), dataIndex: 'duties', render: (v: string) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>{v}</Typography.Paragraph> },
    { title: t('org.positions.employees'), dataIndex: 'employeeCount', width: 100 },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 160,
            render: (_: unknown, p: PositionRow) => (
              <ArchivableRowActions
                archived={p.archived}
                name={p.title}
                onEdit={() => open(p)}
                onArchive={() => archive.mutateAsync({ id: p.id }).then(() => message.success(t('org.positions.archived')), onError)}
                onRestore={() => restore.mutateAsync({ id: p.id }).then(() => message.success(t('org.positions.restored')), onError)}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        title={t('org.positions.title')}
        extra={
          <Space>
            <IncludeArchivedSwitch checked={includeArchived} onChange={setIncludeArchived} />
            <ExportButton list="org.positions.list" input={{ includeArchived }} testId="positions-export" />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="positions-new">
                {t('org.positions.new')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Table<PositionRow> rowKey="id" data-testid="positions-table" loading={positions.isFetching} dataSource={positions.data ?? []} columns={columns} pagination={false} />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('org.positions.new') : t('org.positions.edit')}
        onCancel={() => setEditing(null)}
        // OK submits the form it sits in, so Enter in a field saves too.
        okButtonProps={{ htmlType: 'submit', 'data-testid': 'position-save' } as Record<string, string>}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
        width={640}
        modalRender={(dom) => (
          <Form form={form} layout="vertical" onFinish={submit} initialValues={initial} clearOnDestroy data-testid="position-form">
            {dom}
          </Form>
        )}
      >
        <Form.Item name="title" label={t('org.positions.titleField')} rules={[requiredRule(t)]}>
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item name="level" label={t('org.positions.level')} extra={t('org.positions.levelHint')} rules={[requiredRule(t), levelRule(t)]}>
          <Input inputMode="numeric" maxLength={3} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="duties" label={t('org.positions.duties')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
      </Modal>
    </>
  );
}
