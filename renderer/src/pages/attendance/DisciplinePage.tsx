import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { DisciplineRow } from '../../../../shared/api/attendance';
import type { DisciplineType } from '../../../../shared/domain/attendance/types';
import { useApiQuery } from '../../api/hooks';
import { useCan } from '../../app/access';
import { PageTitle } from '../../components/PageTitle';
import { formatInstant } from '../../components/format';
import { useT } from '../../i18n';
import { useListState } from '../../stores/listState';
import { useSession } from '../../stores/session';
import { EmployeePicker } from '../org/components/pickers';
import { DisciplineCommentModal, DisciplineFormModal } from './components/DisciplineForms';
import { DisciplineTypeTag, disciplineTypeOptions, useSeesOthers } from './components/shared';

type SortField = 'date' | 'createdAt';

const DEFAULTS = {
  page: 1,
  pageSize: 20,
  sortField: 'date' as SortField,
  sortOrder: 'desc' as 'asc' | 'desc',
  type: undefined as DisciplineType | undefined,
  employeeId: undefined as string | undefined,
};

/**
 * 违纪记录: the cases in reach (one's own for staff). Leads, deputies, HR and the manager record
 * a case; the person it is about reads it and may add their comment.
 */
export default function DisciplinePage() {
  const t = useT();
  const can = useCan();
  const me = useSession((s) => s.user?.employeeId);
  const seesOthers = useSeesOthers() || can('attendance.discipline');
  const [state, setState] = useListState('attendance.discipline', DEFAULTS);
  const [recording, setRecording] = useState(false);
  const [commenting, setCommenting] = useState<DisciplineRow | null>(null);
  const list = useApiQuery('attendance.discipline.list', {
    page: state.page,
    pageSize: state.pageSize,
    sortField: state.sortField,
    sortOrder: state.sortOrder,
    type: state.type,
    employeeId: state.employeeId,
  });
  const filtered = Boolean(state.type || state.employeeId);
  const clear = () => setState({ type: undefined, employeeId: undefined, page: 1 });
  const sortOrderOf = (key: SortField) => (state.sortField === key ? (state.sortOrder === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableProps<DisciplineRow>['columns'] = [
    { title: t('attendance.discipline.date'), dataIndex: 'date', key: 'date', width: 110, sorter: true, sortOrder: sortOrderOf('date') },
    { title: t('employee.employeeNo'), dataIndex: 'employeeNo', key: 'employeeNo', width: 90 },
    { title: t('employee.name'), dataIndex: 'employeeName', key: 'employeeName', width: 100 },
    { title: t('attendance.discipline.type'), dataIndex: 'type', key: 'type', width: 140, render: (v: DisciplineType) => <DisciplineTypeTag type={v} /> },
    { title: t('attendance.discipline.description'), dataIndex: 'description', key: 'description', ellipsis: true },
    { title: t('attendance.discipline.recordedBy'), dataIndex: 'recordedByName', key: 'recordedByName', width: 100 },
    { title: t('attendance.discipline.employeeComment'), dataIndex: 'employeeComment', key: 'employeeComment', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('attendance.discipline.recordedAt'), dataIndex: 'createdAt', key: 'createdAt', width: 150, sorter: true, sortOrder: sortOrderOf('createdAt'), render: (v: string) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, r) =>
        r.employeeId === me && (
          <Button type="link" size="small" onClick={() => setCommenting(r)} data-testid="discipline-comment">
            {t(r.employeeComment ? 'attendance.discipline.editComment' : 'attendance.discipline.comment')}
          </Button>
        ),
    },
  ];

  const onChange: TableProps<DisciplineRow>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    setState({
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? 20,
      sortField: s?.order ? (s.columnKey as SortField) : 'date',
      sortOrder: s?.order ? (s.order === 'descend' ? 'desc' : 'asc') : 'desc',
    });
  };

  const emptyText = list.isLoading ? (
    t('common.loading')
  ) : filtered ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.discipline.noMatch')}>
      <Button onClick={clear}>{t('org.employees.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(seesOthers ? 'attendance.discipline.empty' : 'attendance.discipline.emptyOwn')} data-testid="discipline-empty" />
  );

  return (
    <>
      <PageTitle
        title={t('attendance.discipline.title')}
        extra={
          can('attendance.discipline') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="discipline-new">
              {t('attendance.discipline.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('attendance.discipline.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('attendance.discipline.type')}
          value={state.type}
          onChange={(type) => setState({ type, page: 1 })}
          options={disciplineTypeOptions(t)}
          style={{ width: 180 }}
          aria-label={t('attendance.discipline.type')}
        />
        {seesOthers && (
          <EmployeePicker value={state.employeeId} onChange={(employeeId) => setState({ employeeId, page: 1 })} placeholder={t('attendance.employee')} style={{ width: 180 }} aria-label={t('attendance.employee')} />
        )}
      </Space>
      <Table<DisciplineRow>
        rowKey="id"
        data-testid="discipline-table"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        columns={columns}
        onChange={onChange}
        locale={{ emptyText }}
        pagination={{ current: state.page, pageSize: state.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 'max-content' }}
      />
      <DisciplineFormModal open={recording} onClose={() => setRecording(false)} />
      <DisciplineCommentModal record={commenting} onClose={() => setCommenting(null)} />
    </>
  );
}
