import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space, Spin, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useApiQuery } from '../../api/hooks';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { MonthCalendar, MonthFiguresView } from './components/MonthCalendar';
import { MonthSwitcher } from './components/MonthSwitcher';
import { useDepartmentDay } from './components/shared';

/** A person's month (from the monthly report): the same calendar as 我的考勤, with the month's figures. */
export default function PersonMonthPage() {
  const { month = '', employeeId = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { timeZone, today } = useDepartmentDay();
  const data = useApiQuery('attendance.month.person', { month, employeeId });
  const back = () => navigate('/attendance/month');

  if (data.isLoading) return <Spin />;
  if (data.isError || !data.data) {
    return <Result status="404" title={t('attendance.month.unavailable')} extra={<Button onClick={back}>{t('common.back')}</Button>} />;
  }
  const m = data.data;
  return (
    <>
      <PageTitle
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('common.back')} />
            {t('attendance.person.title', { name: m.employee.name, month: m.month })}
          </Space>
        }
        documentTitle={t('attendance.person.title', { name: m.employee.name, month: m.month })}
        extra={<MonthSwitcher value={m.month} current={today.slice(0, 7)} onChange={(next) => navigate(`/attendance/month/${next}/${employeeId}`)} testId="person-month-switcher" />}
      />
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">
          {m.employee.employeeNo}
          {m.employee.groupName ? ` · ${m.employee.groupName}` : ''}
        </Typography.Text>
        {m.locked ? <Tag color="gold">{t('attendance.month.locked')}</Tag> : <Tag>{t('attendance.month.open')}</Tag>}
      </Space>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <MonthFiguresView figures={m.figures} />
        <Card>
          <MonthCalendar month={m} timeZone={timeZone} />
        </Card>
      </Space>
    </>
  );
}
