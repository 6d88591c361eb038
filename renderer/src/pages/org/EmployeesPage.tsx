import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Input, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { EMPLOYEE_SORT_FIELDS, type EmployeeRow } from '../../../../shared/api/org';
import type { EmployeeStatus } from '../../../../shared/domain/org';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCan, useReaches } from '../../app/access';
import { ArchivableRowActions, IncludeArchivedSwitch } from '../../components/ArchivableRowActions';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { EmployeeStatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { useListState } from '../../stores/listState';
import { EmployeeFormDrawer } from './components/EmployeeFormDrawer';
import { HiddenContact } from './components/HiddenContact';
import { ImportEmployeesModal } from './components/ImportEmployeesModal';
import { useGroupOptions, usePositionOptions } from './components/pickers';

type SortField = (typeof EMPLOYEE_SORT_FIELDS)[number];

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  search: '',
  groupId: undefined as string | undefined,
  positionId: undefined as string | undefined,
  status: undefined as EmployeeStatus | undefined,
  includeArchived: false,
  sortField: 'employeeNo' as SortField,
  sortOrder: 'asc' as 'asc' | 'desc',
};

/**
 * 员工: the server-paged, filterable, sortable employee list with create, import and export.
 * Column widths are fixed and the number and name stay in view, so the table reads at 1024×768
 * (less important columns appear from 1200 px on).
 */
export default function EmployeesPage() {
  const t = useT();
  const can = useCan();
  const reaches = useReaches();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [state, setState] = useListState('org.employees', DEFAULTS);
  const [searchText, setSearchText] = useState(state.search);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const groups = useGroupOptions();
  const positions = usePositionOptions();
  const archive = useApiMutation('org.employees.archive');
  const restore = useApiMutation('org.employees.restore');

  const filters = {
    search: state.search || undefined,
    groupId: state.groupId,
    positionId: state.positionId,
    status: state.status,
    includeArchived: state.includeArchived,
  };
  const sorted = { ...filters, sortField: state.sortField, sortOrder: state.sortOrder };
  const list = useApiQuery('org.employees.list', { ...sorted, page: state.page, pageSize: state.pageSize });
  const canWrite = can('org.write');
  // The whole list as a file carries contact details: the core asks for org.contacts.
  const canExport = can('org.contacts');
  const filtered = Boolean(state.search || state.groupId || state.positionId || state.status);
  const clearFilters = () => {
    setSearchText('');
    setState({ search: '', groupId: undefined, positionId: undefined, status: undefined, page: 1 });
  };

  const onTableChange: TableProps<EmployeeRow>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    setState({
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? 20,
      sortField: (s?.order ? (s.columnKey as SortField) : 'employeeNo') ?? 'employeeNo',
      sortOrder: s?.order === 'descend' ? 'desc' : 'asc',
    });
  };
  const sortOrderOf = (key: SortField) => (state.sortField === key ? (state.sortOrder === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableProps<EmployeeRow>['columns'] = [
    { title: t('employee.employeeNo'), key: 'employeeNo', dataIndex: 'employeeNo', width: 100, fixed: 'left', ellipsis: true, sorter: true, sortOrder: sortOrderOf('employeeNo'), render: (v: string, r) => <Link to={`/org/employees/${r.id}`}>{v}</Link> },
    { title: t('employee.name'), key: 'name', dataIndex: 'name', width: 110, fixed: 'left', ellipsis: true, sorter: true, sortOrder: sortOrderOf('name') },
    { title: t('employee.gender'), key: 'gender', dataIndex: 'gender', width: 70, responsive: ['xl'], render: (g: string) => t(`gender.${g}`) },
    { title: t('employee.position'), key: 'positionTitle', dataIndex: 'positionTitle', width: 110, ellipsis: true, sorter: true, sortOrder: sortOrderOf('positionTitle') },
    { title: t('employee.group'), key: 'groupName', dataIndex: 'groupName', width: 120, ellipsis: true, sorter: true, sortOrder: sortOrderOf('groupName') },
    { title: t('employee.manager'), key: 'managerName', dataIndex: 'managerName', width: 100, ellipsis: true, responsive: ['xl'] },
    { title: t('employee.hireDate'), key: 'hireDate', dataIndex: 'hireDate', width: 120, sorter: true, sortOrder: sortOrderOf('hireDate') },
    { title: t('employee.phone'), key: 'phone', dataIndex: 'phone', width: 140, ellipsis: true, render: (v: string | null, r) => (r.contactsHidden ? <HiddenContact /> : (v ?? '—')) },
    { title: t('employee.status'), key: 'status', dataIndex: 'status', width: 100, sorter: true, sortOrder: sortOrderOf('status'), render: (_: unknown, r) => <EmployeeStatusTag status={r.status} archived={r.archived} /> },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, r: EmployeeRow) =>
              reaches('org.write', { groupId: r.groupId, employeeId: r.id }) ? (
                <ArchivableRowActions
                  archived={r.archived}
                  name={r.name}
                  onArchive={() => archive.mutateAsync({ id: r.id }).then(() => message.success(t('org.employees.archived')), onError)}
                  onRestore={() => restore.mutateAsync({ id: r.id }).then(() => message.success(t('org.employees.restored')), onError)}
                />
              ) : null,
          },
        ]
      : []),
  ];

  // No match for the filters is not an empty department: say which, and offer the way back.
  const emptyText = list.isLoading ? (
    t('common.loading')
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.employees.noMatch')} data-testid="employees-no-match">
      <Typography.Paragraph type="secondary">{t('org.employees.noMatchHint')}</Typography.Paragraph>
      <Button onClick={clearFilters}>{t('org.employees.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.employees.emptyHint')} data-testid="employees-empty" />
  );

  return (
    <>
      <PageTitle
        title={t('org.employees.title')}
        extra={
          <Space>
            {canWrite && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="employees-import">
                {t('common.import')}
              </Button>
            )}
            {canExport && <ExportButton list="org.employees.list" input={sorted} testId="employees-export" />}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="employees-new">
                {t('org.employees.new')}
              </Button>
            )}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t(can('org.contacts') ? 'org.employees.searchPlaceholder' : 'org.employees.searchPlaceholderNoContacts')}
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(v) => setState({ search: v.trim(), page: 1 })}
          style={{ width: 280 }}
          data-testid="employees-search"
        />
        <Select allowClear placeholder={t('employee.group')} options={groups} value={state.groupId} onChange={(groupId) => setState({ groupId, page: 1 })} style={{ width: 160 }} />
        <Select allowClear placeholder={t('employee.position')} options={positions} value={state.positionId} onChange={(positionId) => setState({ positionId, page: 1 })} style={{ width: 140 }} />
        <Select
          allowClear
          placeholder={t('employee.status')}
          value={state.status}
          onChange={(status) => setState({ status, page: 1 })}
          style={{ width: 120 }}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'left', label: t('status.left') },
          ]}
        />
        <IncludeArchivedSwitch checked={state.includeArchived} onChange={(includeArchived) => setState({ includeArchived, page: 1 })} />
      </Space>
      <Table<EmployeeRow>
        rowKey="id"
        data-testid="employees-table"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        columns={columns}
        onChange={onTableChange}
        locale={{ emptyText }}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
        scroll={{ x: 'max-content' }}
      />
      <EmployeeFormDrawer open={creating} employee={null} onClose={() => setCreating(false)} />
      <ImportEmployeesModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
