import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography, type TableProps } from 'antd';
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
import { DisciplineCommentModal, DisciplineFormModal } from './components/DisciplineForms';
import { firstPage, ListEmpty, PagedTable, pageInput, sortOrderOf } from './components/PagedTable';
import { EmployeeFilter } from './components/ListFilters';
import { DisciplineTypeTag, disciplineTypeOptions, useSeesOthers } from './components/shared';

type SortField = 'date' | 'createdAt';

const DEFAULTS = {
  ...firstPage<SortField>('date'),
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
    ...pageInput(state),
    type: state.type,
    employeeId: state.employeeId,
  });
  const filtered = Boolean(state.type || state.employeeId);
  const clear = () => setState({ type: undefined, employeeId: undefined, page: 1 });

  const columns: TableProps<DisciplineRow>['columns'] = [
    { title: t('attendance.discipline.date'), dataIndex: 'date', key: 'date', width: 110, sorter: true, sortOrder: sortOrderOf(state, 'date') },
    { title: t('employee.employeeNo'), dataIndex: 'employeeNo', key: 'employeeNo', width: 90 },
    { title: t('employee.name'), dataIndex: 'employeeName', key: 'employeeName', width: 100 },
    { title: t('attendance.discipline.type'), dataIndex: 'type', key: 'type', width: 140, render: (v: DisciplineType) => <DisciplineTypeTag type={v} /> },
    { title: t('attendance.discipline.description'), dataIndex: 'description', key: 'description', ellipsis: true },
    { title: t('attendance.discipline.recordedBy'), dataIndex: 'recordedByName', key: 'recordedByName', width: 100 },
    { title: t('attendance.discipline.employeeComment'), dataIndex: 'employeeComment', key: 'employeeComment', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('attendance.discipline.recordedAt'), dataIndex: 'createdAt', key: 'createdAt', width: 150, sorter: true, sortOrder: sortOrderOf(state, 'createdAt'), render: (v: string) => formatInstant(v) },
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

  const empty = (
    <ListEmpty filtered={filtered} onClear={clear} noMatch={t('attendance.discipline.noMatch')} empty={t(seesOthers ? 'attendance.discipline.empty' : 'attendance.discipline.emptyOwn')} testId="discipline" hint={false} />
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
        {seesOthers && <EmployeeFilter value={state.employeeId} onChange={setState} />}
      </Space>
      <PagedTable list={list} columns={columns} paging={state} onPaging={setState} defaultSort="date" empty={empty} testId="discipline-table" />
      <DisciplineFormModal open={recording} onClose={() => setRecording(false)} />
      <DisciplineCommentModal record={commenting} onClose={() => setCommenting(null)} />
    </>
  );
}
