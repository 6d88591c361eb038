import { Alert, Col, Row } from 'antd';
import { Link } from 'react-router';
import { useCan } from '../../../app/access';
import { useT } from '../../../i18n';
import { ClockCard } from './ClockCard';
import { useAttendanceToday } from './shared';

/**
 * The home page's attendance part: the clock card for a user linked to an employee, and for HR
 * and the manager a notice when next year's holiday calendar is still missing (no package has
 * it before the State Council publishes it, usually in November).
 */
export function HomeAttendance() {
  const t = useT();
  const can = useCan();
  const today = useAttendanceToday().data;
  if (!today) return null;
  const nextYear = Number(today.date.slice(0, 4)) + 1;
  return (
    <>
      {can('attendance.manage') && today.nextYearCalendarMissing && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="home-calendar-missing"
          title={t('attendance.home.calendarMissing', { year: nextYear })}
          action={<Link to="/attendance/calendar">{t('attendance.home.openCalendar')}</Link>}
        />
      )}
      {today.employeeId && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={12} lg={8}>
            <ClockCard extra={<Link to="/attendance/me">{t('attendance.home.myAttendance')}</Link>} />
          </Col>
        </Row>
      )}
    </>
  );
}
