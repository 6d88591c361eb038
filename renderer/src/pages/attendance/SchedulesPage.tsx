import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { ScheduleAssignmentRow, ScheduleRow, ScheduleVersion } from '../../../../shared/api/attendance';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCan } from '../../app/access';
import { IncludeArchivedSwitch } from '../../components/ArchivableRowActions';
import { PageTitle } from '../../components/PageTitle';
import { useT, type Translate } from '../../i18n';
import { AssignScheduleModal, ScheduleFormModal } from './components/ScheduleForms';

const workDaysText = (t: Translate, days: number[]) => days.map((d) => t(`attendance.weekday.${d}`)).join(t('attendance.listSeparator'));

/** A version's rules in the words of the form, for the list and the version history. */
function ruleColumns<T>(t: Translate, pick: (r: T) => ScheduleVersion): NonNullable<TableProps<T>['columns']> {
  return [
    { title: t('attendance.schedule.workDays'), key: 'workDays', width: 150, render: (_: unknown, r) => workDaysText(t, pick(r).workDays) },
    { title: t('attendance.schedule.hours'), key: 'hours', width: 110, render: (_: unknown, r) => `${pick(r).workStart}–${pick(r).workEnd}` },
    { title: t('attendance.schedule.lunch'), key: 'lunch', width: 110, render: (_: unknown, r) => `${pick(r).lunchStart}–${pick(r).lunchEnd}` },
    { title: t('attendance.schedule.lateGraceMinutes'), key: 'late', width: 90, render: (_: unknown, r) => pick(r).lateGraceMinutes },
    { title: t('attendance.schedule.earlyGraceMinutes'), key: 'early', width: 90, render: (_: unknown, r) => pick(r).earlyGraceMinutes },
    { title: t('attendance.schedule.halfDayMinutes'), key: 'half', width: 100, render: (_: unknown, r) => pick(r).halfDayMinutes },
    { title: t('attendance.schedule.dayBoundary'), key: 'boundary', width: 90, render: (_: unknown, r) => pick(r).dayBoundary },
    { title: t('attendance.schedule.effectiveFrom'), key: 'from', width: 110, render: (_: unknown, r) => pick(r).effectiveFrom },
  ];
}

function Assignments({ schedule, canEdit }: { schedule: ScheduleRow; canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const unassign = useApiMutation('attendance.schedules.unassign');
  if (schedule.assignments.length === 0) return <Typography.Text type="secondary">{t(schedule.isDefault ? 'attendance.schedule.everyoneElse' : 'attendance.schedule.noAssignments')}</Typography.Text>;
  const label = (a: ScheduleAssignmentRow) => t('attendance.schedule.assignment', { name: a.targetName, kind: t(`attendance.schedule.target.${a.target}`), date: a.effectiveFrom });
  return (
    <Space orientation="vertical" size={2}>
      {schedule.assignments.map((a) => (
        <Space key={a.id} size={4}>
          <Tag color={a.target === 'group' ? 'blue' : 'purple'}>{label(a)}</Tag>
          {canEdit && (
            <Popconfirm
              title={t('attendance.schedule.unassignConfirm', { name: a.targetName })}
              onConfirm={() => unassign.mutateAsync({ assignmentId: a.id }).then(() => message.success(t('attendance.schedule.unassigned')), onError)}
            >
              <Button type="link" size="small">
                {t('attendance.schedule.unassign')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ))}
    </Space>
  );
}

/**
 * 作息制度: the schedules with the rules in effect today, who is on each from when, and every
 * version by date. HR and the manager create, change (from a date) and assign them.
 */
export default function SchedulesPage() {
  const t = useT();
  const can = useCan();
  const canEdit = can('attendance.manage');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<ScheduleRow | 'new' | null>(null);
  const [assigning, setAssigning] = useState<ScheduleRow | null>(null);
  const list = useApiQuery('attendance.schedules.list', { includeArchived });

  const columns: TableProps<ScheduleRow>['columns'] = [
    {
      title: t('attendance.schedule.name'),
      dataIndex: 'name',
      key: 'name',
      width: 140,
      fixed: 'left',
      render: (name: string, s) => (
        <Space size={4} wrap>
          {name}
          {s.isDefault && <Tag color="green">{t('attendance.schedule.default')}</Tag>}
          {s.archived && <Tag>{t('common.archived')}</Tag>}
        </Space>
      ),
    },
    ...ruleColumns<ScheduleRow>(t, (s) => s.current),
    { title: t('attendance.schedule.assignments'), key: 'assignments', render: (_: unknown, s) => <Assignments schedule={s} canEdit={canEdit} /> },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            render: (_: unknown, s: ScheduleRow) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(s)} data-testid="schedule-edit">
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setAssigning(s)} data-testid="schedule-assign">
                  {t('attendance.schedule.assign')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        title={t('attendance.schedule.title')}
        extra={
          <Space>
            <IncludeArchivedSwitch checked={includeArchived} onChange={setIncludeArchived} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="schedule-new">
                {t('attendance.schedule.new')}
              </Button>
            )}
          </Space>
        }
      />
      <Table<ScheduleRow>
        rowKey="id"
        data-testid="schedules-table"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isLoading ? t('common.loading') : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.schedule.empty')} /> }}
        expandable={{
          rowExpandable: (s) => s.versions.length > 1,
          expandedRowRender: (s) => (
            <Table<ScheduleVersion>
              size="small"
              rowKey="effectiveFrom"
              pagination={false}
              title={() => t('attendance.schedule.versions')}
              dataSource={s.versions}
              columns={ruleColumns<ScheduleVersion>(t, (v) => v)}
            />
          ),
        }}
      />
      <ScheduleFormModal open={editing !== null} schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <AssignScheduleModal schedule={assigning} onClose={() => setAssigning(null)} />
    </>
  );
}
