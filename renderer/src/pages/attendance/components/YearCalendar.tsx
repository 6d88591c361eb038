import { Card, Col, Row, Tooltip, Typography } from 'antd';
import type { CalendarYear } from '../../../../../shared/api/attendance';
import { monthDates, weekdayOf } from '../../../../../shared/domain/attendance/time';
import { useT } from '../../../i18n';

type Entry = CalendarYear['days'][number];

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

function DayBox({ date, entry, today, onPick }: { date: string; entry: Entry | undefined; today: string; onPick?: (date: string) => void }) {
  const t = useT();
  const weekend = weekdayOf(date) >= 6;
  // A 'normal' override shows as the weekly rule would: only holidays and make-up workdays are marked.
  const kind = entry?.kind === 'normal' ? undefined : entry?.kind;
  const color = kind === 'holiday' ? '#cf1322' : kind === 'workday' ? '#d46b08' : weekend ? '#8c8c8c' : undefined;
  const background = kind === 'holiday' ? '#fff1f0' : kind === 'workday' ? '#fff7e6' : undefined;
  const label = [date, entry?.name, kind && t(`attendance.calendar.kind.${kind}`)].filter(Boolean).join(' ');
  const box = (
    <div
      role={onPick ? 'button' : undefined}
      tabIndex={onPick ? 0 : undefined}
      aria-label={label}
      onClick={onPick ? () => onPick(date) : undefined}
      onKeyDown={onPick ? (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onPick(date)) : undefined}
      data-testid={`calendar-day-${date}`}
      data-kind={kind ?? 'normal'}
      style={{
        position: 'relative',
        height: 34,
        textAlign: 'center',
        lineHeight: '22px',
        borderRadius: 4,
        cursor: onPick ? 'pointer' : 'default',
        color,
        background,
        outline: date === today ? '1px solid #1677ff' : undefined,
      }}
    >
      {Number(date.slice(8))}
      {kind && <div style={{ fontSize: 10, lineHeight: '10px' }}>{t(kind === 'holiday' ? 'attendance.calendar.rest' : 'attendance.calendar.work')}</div>}
    </div>
  );
  return entry?.name ? <Tooltip title={`${entry.name} · ${t(`attendance.calendar.kind.${entry.kind}`)}`}>{box}</Tooltip> : box;
}

/** Twelve months of the department's calendar: holidays (休) and make-up workdays (班) with their names; a click edits a day. */
export function YearCalendar({ data, today, onPick }: { data: CalendarYear; today: string; onPick?: (date: string) => void }) {
  const t = useT();
  const byDate = new Map(data.days.map((d) => [d.date, d]));
  return (
    <Row gutter={[12, 12]} data-testid="year-calendar">
      {MONTHS.map((m) => {
        const dates = monthDates(`${data.year}-${m}`);
        const lead = weekdayOf(dates[0]!) - 1;
        const names = [...new Set(dates.map((d) => byDate.get(d)).filter((e): e is Entry => Boolean(e?.name) && e?.kind === 'holiday').map((e) => e.name))];
        return (
          <Col xs={24} sm={12} lg={8} xxl={6} key={m}>
            <Card size="small" title={t(`attendance.calendar.month.${Number(m)}`)} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{names.join(' ')}</Typography.Text>} data-testid={`calendar-month-${m}`}>
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
                {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                  <Typography.Text key={d} type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>
                    {t(`attendance.weekday.short.${d}`)}
                  </Typography.Text>
                ))}
                {Array.from({ length: lead }, (_, i) => (
                  <div key={`lead-${i}`} />
                ))}
                {dates.map((d) => (
                  <DayBox key={d} date={d} entry={byDate.get(d)} today={today} onPick={onPick} />
                ))}
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
