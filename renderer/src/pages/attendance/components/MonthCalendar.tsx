import { Descriptions, Tag, Tooltip, Typography } from 'antd';
import type { PersonMonth } from '../../../../../shared/api/attendance';
import type { DayVerdict, MonthFigures } from '../../../../../shared/domain/attendance/types';
import { LEAVE_TYPES } from '../../../../../shared/domain/attendance/types';
import { weekdayOf } from '../../../../../shared/domain/attendance/time';
import { useT, type Translate } from '../../../i18n';
import { formatDays, timeOf } from './shared';

/** The words and colour of what a day came to: late 12 min, early, absent, missing punch, a leave, rest day... */
export function dayVerdicts(t: Translate, d: DayVerdict): { text: string; color: string }[] {
  if (d.kind === 'restday') return [{ text: t('attendance.verdict.restday'), color: 'default' }];
  if (d.kind === 'holiday') return [{ text: t('attendance.verdict.holiday'), color: 'volcano' }];
  if (d.kind === 'notEmployed') return [{ text: t('attendance.verdict.notEmployed'), color: 'default' }];
  if (d.kind === 'future') return [];
  const out: { text: string; color: string }[] = [];
  if (d.leave) {
    const type = t(`attendance.leaveType.${d.leave.type}`);
    out.push({ text: d.leave.days < 1 ? t('attendance.verdict.leaveHalf', { type }) : type, color: 'cyan' });
  }
  if (d.absentDays >= 1) out.push({ text: t('attendance.verdict.absent'), color: 'red' });
  else if (d.absentDays > 0) out.push({ text: t('attendance.verdict.absentHalf'), color: 'red' });
  if (d.lateMinutes > 0) out.push({ text: t('attendance.verdict.late', { minutes: d.lateMinutes }), color: 'orange' });
  if (d.earlyMinutes > 0) out.push({ text: t('attendance.verdict.early', { minutes: d.earlyMinutes }), color: 'gold' });
  if (d.missingPunches > 0) out.push({ text: t('attendance.verdict.missing'), color: 'magenta' });
  if (out.length === 0) out.push({ text: t('attendance.verdict.normal'), color: 'green' });
  return out;
}

const CELL_STYLE = { minHeight: 92, padding: 6, border: '1px solid #f0f0f0', borderRadius: 6, background: '#fff' } as const;

function DayCell({ day, timeZone }: { day: DayVerdict; timeZone: string }) {
  const t = useT();
  const muted = day.kind !== 'workday';
  return (
    <div style={{ ...CELL_STYLE, background: muted ? '#fafafa' : '#fff' }} data-testid={`day-${day.date}`} data-kind={day.kind}>
      <Typography.Text strong type={muted ? 'secondary' : undefined}>
        {Number(day.date.slice(8))}
      </Typography.Text>
      <div>
        {dayVerdicts(t, day).map((v) => (
          <Tag key={v.text} color={v.color} style={{ marginTop: 4, marginInlineEnd: 4 }}>
            {v.text}
          </Tag>
        ))}
      </div>
      {day.punches.length > 0 && (
        <Tooltip title={day.punches.map((p) => timeOf(p, timeZone, true)).join(' · ')}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="day-punches">
            {day.punches.length > 2
              ? t('attendance.calendar.punchesMore', { first: timeOf(day.punches[0]!, timeZone), last: timeOf(day.punches.at(-1)!, timeZone), count: day.punches.length })
              : day.punches.map((p) => timeOf(p, timeZone)).join(' – ')}
          </Typography.Text>
        </Tooltip>
      )}
    </div>
  );
}

/** A person's month as a calendar: Monday first, each day's punches and verdict. */
export function MonthCalendar({ month, timeZone }: { month: PersonMonth; timeZone: string }) {
  const t = useT();
  const lead = month.days.length ? weekdayOf(month.days[0]!.date) - 1 : 0;
  return (
    <div data-testid="month-calendar">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 6 }}>
        {[1, 2, 3, 4, 5, 6, 7].map((d) => (
          <Typography.Text key={d} type="secondary" style={{ textAlign: 'center' }}>
            {t(`attendance.weekday.${d}`)}
          </Typography.Text>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`lead-${i}`} />
        ))}
        {month.days.map((d) => (
          <DayCell key={d.date} day={d} timeZone={timeZone} />
        ))}
      </div>
    </div>
  );
}

/** The month's figures (月度考勤统计) as the report names them; leave days by type where any. */
export function MonthFiguresView({ figures }: { figures: MonthFigures }) {
  const t = useT();
  const leave = LEAVE_TYPES.filter((type) => figures.leaveDays[type] > 0);
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, md: 4 }}
      data-testid="month-figures"
      items={[
        { key: 'workdays', label: t('attendance.figures.workdays'), children: formatDays(figures.workdays) },
        { key: 'present', label: t('attendance.figures.presentDays'), children: formatDays(figures.presentDays) },
        { key: 'late', label: t('attendance.figures.late'), children: t('attendance.figures.countMinutes', { count: figures.lateCount, minutes: figures.lateMinutes }) },
        { key: 'early', label: t('attendance.figures.early'), children: t('attendance.figures.countMinutes', { count: figures.earlyCount, minutes: figures.earlyMinutes }) },
        { key: 'absent', label: t('attendance.figures.absentDays'), children: formatDays(figures.absentDays) },
        { key: 'missing', label: t('attendance.figures.missingPunches'), children: figures.missingPunches },
        {
          key: 'leave',
          label: t('attendance.figures.leaveDays'),
          span: 2,
          children: leave.length ? leave.map((type) => `${t(`attendance.leaveType.${type}`)} ${formatDays(figures.leaveDays[type])}`).join(t('attendance.listSeparator')) : t('common.none'),
        },
      ]}
    />
  );
}
