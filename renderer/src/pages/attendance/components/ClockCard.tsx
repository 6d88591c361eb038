import { FieldTimeOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useErrorHandler } from '../../../api/errors';
import { useApiMutation } from '../../../api/hooks';
import { useT } from '../../../i18n';
import { timeOf, useAttendanceToday } from './shared';

/**
 * 打卡: today's punches and one big button. The core stamps the time with its own clock (never
 * the computer's); the first punch of the day is the check-in, the last the check-out. Shown
 * only to a user linked to an employee record.
 */
export function ClockCard({ extra }: { extra?: ReactNode }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const today = useAttendanceToday();
  const clock = useApiMutation('attendance.clock');
  const data = today.data;
  if (!data?.employeeId) return null;

  const punch = async () => {
    try {
      const r = await clock.mutateAsync({});
      void message.success(t('attendance.clock.done', { time: timeOf(r.punchedAt, data.timeZone, true) }));
    } catch (err) {
      onError(err);
    }
  };

  return (
    <Card title={t('attendance.clock.title', { date: data.date })} extra={extra} loading={today.isLoading} data-testid="clock-card" styles={{ title: { whiteSpace: 'normal' } }}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {data.punches.length ? (
          <Space wrap data-testid="clock-punches">
            {data.punches.map((p, i) => (
              <Tag key={p} color={i === 0 ? 'blue' : 'default'}>
                {timeOf(p, data.timeZone, true)}
              </Tag>
            ))}
          </Space>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.clock.none')} style={{ margin: 0 }} />
        )}
        <Button type="primary" size="large" block icon={<FieldTimeOutlined />} loading={clock.isPending} onClick={punch} data-testid="clock-button">
          {data.punches.length ? t('attendance.clock.out') : t('attendance.clock.in')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('attendance.clock.hint')}
        </Typography.Text>
      </Space>
    </Card>
  );
}
