import { EditOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { useListState } from '../../stores/listState';
import { useSession } from '../../stores/session';
import { ClockCard } from './components/ClockCard';
import { CorrectionsTable, type CorrectionPaging } from './components/CorrectionsTable';
import { CorrectionFormModal } from './components/CorrectionFormModal';
import { LeaveFormModal } from './components/LeaveFormModal';
import { LeaveTable, type LeavePaging } from './components/LeaveTable';
import { MonthCalendar, MonthFiguresView } from './components/MonthCalendar';
import { MonthSwitcher } from './components/MonthSwitcher';
import { firstPage } from './components/PagedTable';
import { useDepartmentDay } from './components/shared';

// Ten a page: these lists share the page with the calendar.
const PAGING = firstPage<LeavePaging['sortField']>('createdAt', 10);
const CORRECTION_PAGING = firstPage<CorrectionPaging['sortField']>('createdAt', 10);

/** The caller's month: calendar with each day's punches and verdict, and the month's figures. */
function MyMonth({ employeeId }: { employeeId: string }) {
  const t = useT();
  const { timeZone, today } = useDepartmentDay();
  const [state, setState] = useListState('attendance.me.month', { month: '' });
  const month = state.month || today.slice(0, 7);
  const data = useApiQuery('attendance.month.person', { month, employeeId });
  return (
    <Card
      title={t('attendance.me.month')}
      extra={
        <Space>
          {data.data?.locked && <Tag color="gold">{t('attendance.month.locked')}</Tag>}
          <MonthSwitcher value={month} current={today.slice(0, 7)} onChange={(m) => setState({ month: m })} testId="me-month-switcher" />
        </Space>
      }
    >
      {data.isLoading ? (
        <Spin />
      ) : data.data ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <MonthFiguresView figures={data.data.figures} />
          <MonthCalendar month={data.data} timeZone={timeZone} />
        </Space>
      ) : (
        <Empty description={t('attendance.month.unavailable')} />
      )}
    </Card>
  );
}

/**
 * 我的考勤: clock in or out, this month's calendar, requesting leave or a punch correction, and
 * where the caller's requests stand. Needs an account linked to an employee record.
 */
export default function MyAttendancePage() {
  const t = useT();
  const employeeId = useSession((s) => s.user?.employeeId ?? null);
  const { today } = useDepartmentDay();
  const [requesting, setRequesting] = useState<'leave' | 'correction' | null>(null);
  const [paging, setPaging] = useListState('attendance.me.leave', PAGING);
  const [correctionPaging, setCorrectionPaging] = useListState('attendance.me.corrections', CORRECTION_PAGING);

  if (!employeeId) {
    return (
      <>
        <PageTitle title={t('attendance.me.title')} />
        <Alert type="info" showIcon title={t('attendance.me.noEmployee')} data-testid="me-no-employee" />
      </>
    );
  }
  return (
    <>
      <PageTitle
        title={t('attendance.me.title')}
        extra={
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setRequesting('correction')} data-testid="me-correction">
              {t('attendance.correction.new')}
            </Button>
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => setRequesting('leave')} data-testid="me-leave">
              {t('attendance.leave.new')}
            </Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={6}>
          <ClockCard />
        </Col>
        <Col xs={24} xl={18}>
          <MyMonth employeeId={employeeId} />
        </Col>
        <Col xs={24}>
          <Card title={t('attendance.me.leave')}>
            <LeaveTable
              filters={{ employeeId }}
              paging={paging}
              onPaging={setPaging}
              showEmployee={false}
              empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.leave.emptyMine')} />}
              testId="me-leave-table"
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('attendance.me.corrections')}>
            <CorrectionsTable
              filters={{ employeeId }}
              paging={correctionPaging}
              onPaging={setCorrectionPaging}
              showEmployee={false}
              empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.correction.empty')} />}
              testId="corrections-table"
            />
          </Card>
        </Col>
      </Row>
      <LeaveFormModal open={requesting === 'leave'} onClose={() => setRequesting(null)} />
      <CorrectionFormModal open={requesting === 'correction'} onClose={() => setRequesting(null)} date={today} />
    </>
  );
}
