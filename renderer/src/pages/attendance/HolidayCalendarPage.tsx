import { LeftOutlined, RightOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, InputNumber, Modal, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { fileToUpload } from '../../api/files';
import { useApiQuery } from '../../api/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useCan } from '../../app/access';
import { PageTitle } from '../../components/PageTitle';
import { isMessageKey, useT } from '../../i18n';
import { useListState } from '../../stores/listState';
import { usePreferences } from '../../stores/preferences';
import { CalendarDayModal } from './components/CalendarDayModal';
import { useDepartmentDay, useUploadErrorHandler } from './components/shared';
import { YearCalendar } from './components/YearCalendar';

/** The CSV's layout with one line of it (data, so written as the file holds it). */
function CsvHint() {
  const t = useT();
  const locale = usePreferences((s) => s.locale);
  return (
    <>
      {t('attendance.calendar.csvHint')} <Typography.Text code>{locale === 'zh-CN' ? '2027-10-01,holiday,国庆节' : '2027-10-01,holiday,National Day'}</Typography.Text>
    </>
  );
}

type ImportResult = { imported: number; rejected: { row: number; problem: string }[] };

/** 导入节假日: a CSV of date,kind,name (kind holiday | workday), every row checked before any is stored. */
function ImportCalendarButton() {
  const t = useT();
  const onError = useUploadErrorHandler();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  // A row's problem: a message key, or a code of this import; one this renderer does not know still reads as a sentence.
  const problemText = (p: string) => {
    const key = p.includes('.') ? p : `attendance.calendar.problem.${p}`;
    return isMessageKey(key) ? t(key) : t('attendance.calendar.problem.other');
  };
  const run = async (file: File) => {
    setBusy(true);
    try {
      const r = await api('attendance.calendar.import', await fileToUpload(file));
      void client.invalidateQueries();
      if (r.rejected.length) setResult(r);
      else void message.success(t('attendance.calendar.imported', { count: r.imported }));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Upload accept=".csv,.txt" showUploadList={false} beforeUpload={(file) => (void run(file), false)}>
        <Button icon={<UploadOutlined />} loading={busy} data-testid="calendar-import">
          {t('attendance.calendar.import')}
        </Button>
      </Upload>
      <Modal open={result !== null} title={t('attendance.calendar.importProblems')} onCancel={() => setResult(null)} footer={<Button onClick={() => setResult(null)}>{t('common.close')}</Button>}>
        <Typography.Paragraph>{t('attendance.calendar.importRejected', { imported: result?.imported ?? 0, rejected: result?.rejected.length ?? 0 })}</Typography.Paragraph>
        <Table
          size="small"
          rowKey="row"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={result?.rejected ?? []}
          columns={[
            { title: t('import.row'), dataIndex: 'row', width: 70 },
            { title: t('import.problems'), dataIndex: 'problem', render: (p: string) => problemText(p) },
          ]}
        />
      </Modal>
    </>
  );
}

/**
 * 节假日: the department's year calendar - the PRC holidays and official make-up workdays built
 * in, HR's own changes, a year imported from the State Council's notice. HR and the manager click
 * a day to change it.
 */
export default function HolidayCalendarPage() {
  const t = useT();
  const can = useCan();
  const canEdit = can('attendance.manage');
  const { today } = useDepartmentDay();
  const [state, setState] = useListState('attendance.calendar', { year: 0 });
  const year = state.year || Number(today.slice(0, 4));
  const [editing, setEditing] = useState<string | null>(null);
  const calendar = useApiQuery('attendance.calendar.year', { year });
  const data = calendar.data;

  return (
    <>
      <PageTitle title={t('attendance.calendar.title')} extra={canEdit && <ImportCalendarButton />} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Space.Compact>
          <Button icon={<LeftOutlined />} onClick={() => setState({ year: year - 1 })} aria-label={t('attendance.calendar.previousYear')} />
          <InputNumber min={2000} max={2100} value={year} onChange={(y) => y && setState({ year: y })} aria-label={t('attendance.year')} style={{ width: 90 }} data-testid="calendar-year" />
          <Button icon={<RightOutlined />} onClick={() => setState({ year: year + 1 })} aria-label={t('attendance.calendar.nextYear')} />
        </Space.Compact>
        <Tag color="red">{t('attendance.calendar.legend.holiday')}</Tag>
        <Tag color="orange">{t('attendance.calendar.legend.workday')}</Tag>
        {canEdit && <Typography.Text type="secondary">{t('attendance.calendar.clickHint')}</Typography.Text>}
      </Space>
      {data && !data.hasHolidays && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="calendar-missing" title={t('attendance.calendar.missing', { year })} description={<CsvHint />} />
      )}
      {calendar.isLoading || !data ? <Spin /> : <YearCalendar data={data} today={today} onPick={canEdit ? setEditing : undefined} />}
      <CalendarDayModal date={editing} entry={data?.days.find((d) => d.date === editing)} onClose={() => setEditing(null)} />
    </>
  );
}
