import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, type TableProps } from 'antd';
import { useState } from 'react';
import type { UserRow } from '../../../../shared/api/auth';
import { ROLES, type Role } from '../../../../shared/domain/roles';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { formatInstant } from '../../components/format';
import { useT } from '../../i18n';
import { useListState } from '../../stores/listState';
import { UserFormModal } from './UserFormModal';
import { requiredRule, strongPasswordRule } from '../../components/formRules';
import { useSession } from '../../stores/session';

const DEFAULTS = { page: 1, pageSize: 20, search: '', role: undefined as Role | undefined };

/** 用户账号: the administrator's account management (create, roles, disable, reset password, clear failed sign-ins). */
export default function UsersPage() {
  const t = useT();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [state, setState] = useListState('admin.users', DEFAULTS);
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [resetForm] = Form.useForm<{ newPassword: string }>();
  const filters = { search: state.search || undefined, role: state.role };
  const list = useApiQuery('users.list', { ...filters, page: state.page, pageSize: state.pageSize });
  const setDisabled = useApiMutation('users.setDisabled');
  const reset = useApiMutation('users.resetPassword');
  const unlock = useApiMutation('users.unlock');
  const departmentName = useSession((s) => s.departmentName);

  const submitUnlock = async (u: UserRow) => {
    try {
      await unlock.mutateAsync({ id: u.id });
      void message.success(t('users.unlocked', { name: u.displayName }));
    } catch (err) {
      onError(err);
    }
  };

  const submitReset = async ({ newPassword }: { newPassword: string }) => {
    if (!resetting) return;
    try {
      await reset.mutateAsync({ id: resetting.id, newPassword });
      void message.success(t('users.passwordReset'));
      setResetting(null);
    } catch (err) {
      onError(err, resetForm);
    }
  };

  const columns: TableProps<UserRow>['columns'] = [
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.roles'), dataIndex: 'roles', render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>) },
    { title: t('users.employee'), dataIndex: 'employeeName', render: (v: string | null) => v ?? '—' },
    {
      title: t('employee.status'),
      key: 'status',
      render: (_: unknown, u) => (
        <Space size={4}>
          {u.disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.enabled')}</Tag>}
          {u.lockedUntil && new Date(u.lockedUntil) > new Date() && (
            <Tooltip title={t('users.lockedUntil', { time: formatInstant(u.lockedUntil) })}>
              <Tag color="red">{t('users.locked')}</Tag>
            </Tooltip>
          )}
          {u.failedLogins > 0 && <Tag color="orange">{t('users.failedLogins', { count: u.failedLogins })}</Tag>}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', render: formatInstant },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(u)}>
            {t('common.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => {
              resetForm.resetFields();
              setResetting(u);
            }}
          >
            {t('users.resetPassword')}
          </Button>
          {u.failedLogins > 0 && (
            <Popconfirm title={t('users.confirmUnlock', { name: u.displayName, count: u.failedLogins })} onConfirm={() => submitUnlock(u)}>
              <Button type="link" size="small" data-testid="users-unlock">
                {t('users.unlock')}
              </Button>
            </Popconfirm>
          )}
          {u.disabled ? (
            <Button type="link" size="small" onClick={() => setDisabled.mutateAsync({ id: u.id, disabled: false }).catch(onError)}>
              {t('users.enable')}
            </Button>
          ) : (
            <Popconfirm title={t('users.confirmDisable', { name: u.displayName })} onConfirm={() => setDisabled.mutateAsync({ id: u.id, disabled: true }).catch(onError)}>
              <Button type="link" size="small" danger>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('users.title')}
        extra={
          <Space>
            <ExportButton list="users.list" input={filters} testId="users-export" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="users-new">
              {t('users.new')}
            </Button>
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('users.searchPlaceholder')} defaultValue={state.search} onSearch={(v) => setState({ search: v.trim(), page: 1 })} style={{ width: 260 }} />
        <Select allowClear placeholder={t('users.roles')} value={state.role} onChange={(role) => setState({ role, page: 1 })} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} style={{ width: 160 }} />
      </Space>
      <Table<UserRow>
        rowKey="id"
        data-testid="users-table"
        dataSource={list.data?.rows ?? []}
        loading={list.isFetching}
        columns={columns}
        pagination={{ current: state.page, pageSize: state.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setState({ page, pageSize }), showTotal: (total) => t('common.total', { total }) }}
      />
      <UserFormModal open={editing !== null} user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <Modal open={resetting !== null} title={`${t('users.resetPassword')} · ${resetting?.displayName ?? ''}`} onCancel={() => setResetting(null)} okButtonProps={{ htmlType: 'submit', form: 'reset-password-form' }} confirmLoading={reset.isPending} destroyOnHidden>
        <Form id="reset-password-form" form={resetForm} layout="vertical" onFinish={submitReset}>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('users.resetHint')}
            rules={[requiredRule(t), strongPasswordRule(t, () => ({ username: resetting?.username, displayName: resetting?.displayName, departmentName }))]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
