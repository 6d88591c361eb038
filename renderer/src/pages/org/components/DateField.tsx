import { CalendarOutlined } from '@ant-design/icons';
import { Button, Calendar, Input, Popover, Space } from 'antd';
import type { FormRule } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { parseLooseDate } from '../../../../../shared/domain/dates';
import { useT, type Translate } from '../../../i18n';

/**
 * A calendar date typed the way the import reads it (2024-03-05, 2024/3/5, 2024年3月5日,
 * 20240305) or picked from a calendar. The form value is the text as typed; leaving the field
 * writes it as YYYY-MM-DD when it is a real date, so what was understood is visible. (antd's
 * DatePicker silently dropped a date typed in another format, and the form then said 必填.)
 */
export function DateField({ id, value, onChange, disabled }: { id?: string; value?: string; onChange?: (value: string) => void; disabled?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const iso = parseLooseDate(value ?? '');
  const normalise = () => {
    if (iso && iso !== value) onChange?.(iso);
  };
  const calendar = (
    <div style={{ width: 300 }}>
      <Calendar
        fullscreen={false}
        value={iso ? dayjs(iso) : dayjs()}
        onSelect={(date, info) => {
          if (info.source !== 'date') return;
          onChange?.(date.format('YYYY-MM-DD'));
          setOpen(false);
        }}
      />
    </div>
  );
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input id={id} value={value} disabled={disabled} onChange={(e) => onChange?.(e.target.value)} onBlur={normalise} placeholder={t('org.employees.datePlaceholder')} autoComplete="off" />
      <Popover open={open} onOpenChange={setOpen} trigger="click" content={calendar} placement="bottomRight">
        <Button icon={<CalendarOutlined />} disabled={disabled} aria-label={t('org.employees.pickDate')} />
      </Popover>
    </Space.Compact>
  );
}

/** The date field's own check: a date it cannot read is 日期格式不正确, not a silently empty field. */
export const dateRule = (t: Translate): FormRule => ({
  validator: (_, value: unknown) =>
    typeof value !== 'string' || value.trim() === '' || parseLooseDate(value) ? Promise.resolve() : Promise.reject(new Error(t('validation.dateFormat'))),
});

/** A warning, not an error: a future hire date is allowed (someone joining next month) but often a slip. */
export const notInFutureWarning = (t: Translate, message: string): FormRule => ({
  warningOnly: true,
  validator: (_, value: unknown) => {
    const iso = typeof value === 'string' ? parseLooseDate(value) : null;
    return iso && iso > dayjs().format('YYYY-MM-DD') ? Promise.reject(new Error(t(message))) : Promise.resolve();
  },
});
