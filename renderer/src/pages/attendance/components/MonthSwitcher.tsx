import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../../i18n';
import { shiftMonth } from './shared';

/** Previous / a month picked / next, and back to the current month. The value is 'YYYY-MM'. */
export function MonthSwitcher({ value, onChange, current, testId }: { value: string; onChange: (month: string) => void; current: string; testId?: string }) {
  const t = useT();
  return (
    <Space.Compact data-testid={testId}>
      <Button icon={<LeftOutlined />} onClick={() => onChange(shiftMonth(value, -1))} aria-label={t('attendance.month.previous')} />
      <DatePicker
        picker="month"
        format="YYYY-MM"
        allowClear={false}
        value={dayjs(`${value}-01`)}
        onChange={(d) => d && onChange(d.format('YYYY-MM'))}
        aria-label={t('attendance.month.pick')}
        style={{ width: 120 }}
      />
      <Button icon={<RightOutlined />} onClick={() => onChange(shiftMonth(value, 1))} aria-label={t('attendance.month.next')} />
      <Button onClick={() => onChange(current)} disabled={value === current}>
        {t('attendance.month.current')}
      </Button>
    </Space.Compact>
  );
}
