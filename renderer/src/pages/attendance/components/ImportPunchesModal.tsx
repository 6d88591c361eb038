import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Collapse, Modal, Progress, Result, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { PunchImportPreview, PunchImportResult } from '../../../../../shared/api/attendance';
import { api } from '../../../api/client';
import { fileToUpload } from '../../../api/files';
import { isMessageKey, useT, type Translate } from '../../../i18n';
import { MappingEditor, MappingSummary, type Mapping } from './PunchMapping';
import { dateTimeOf, useDepartmentDay, useUploadErrorHandler } from './shared';

type PickedFile = { fileName: string; contentBase64: string };
type Stage = { step: 'upload' } | { step: 'preview'; file: PickedFile; preview: PunchImportPreview } | { step: 'done'; result: PunchImportResult };
type ProblemRow = PunchImportPreview['problems'][number];

/** A row's problem in words; a code this renderer does not know yet still reads as a sentence. */
export const problemText = (t: Translate, problem: string) => {
  const key = `attendance.import.problem.${problem}`;
  return isMessageKey(key) ? t(key) : t('attendance.import.problem.other');
};

function PreviewView({ preview, editing, onApply, busy }: { preview: PunchImportPreview; editing: boolean; onApply: (m: Mapping) => void; busy: boolean }) {
  const t = useT();
  const { timeZone } = useDepartmentDay();
  const problems = preview.totalRows - preview.validCount - preview.duplicateCount;
  const unmapped = preview.fileProblem === 'unmapped';
  return (
    <>
      {preview.fileProblem && <Alert type="error" showIcon title={t(`attendance.import.fileProblem.${preview.fileProblem}`)} style={{ marginBottom: 12 }} data-testid="import-file-problem" />}
      {unmapped && preview.headers.length > 0 && (
        <Typography.Paragraph data-testid="import-headers">{t('attendance.import.headersFound', { headers: preview.headers.join(t('attendance.listSeparator')) })}</Typography.Paragraph>
      )}
      {(unmapped || editing) && <MappingEditor headers={preview.headers} initial={preview.mapping} onApply={onApply} busy={busy} />}
      {!preview.fileProblem && (
        <>
          <MappingSummary mapping={preview.mapping} />
          <Alert
            type={problems || preview.duplicateCount ? 'warning' : 'success'}
            showIcon
            data-testid="import-summary"
            title={t('attendance.import.summary', { total: preview.totalRows, valid: preview.validCount, duplicates: preview.duplicateCount, problems: Math.max(problems, 0) })}
            style={{ margin: '12px 0' }}
          />
          {preview.problems.length > 0 && (
            <Table<ProblemRow>
              size="small"
              rowKey={(r) => `${r.row}-${r.problem}`}
              data-testid="import-problems"
              dataSource={preview.problems}
              pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
              scroll={{ y: 300 }}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 70 },
                { title: t('employee.employeeNo'), dataIndex: 'employeeNo', width: 110 },
                { title: t('attendance.import.value'), dataIndex: 'value', ellipsis: true },
                { title: t('import.problems'), dataIndex: 'problem', render: (p: string) => <Tag color={p.startsWith('duplicate') ? 'default' : 'red'}>{problemText(t, p)}</Tag> },
              ]}
            />
          )}
          {preview.sample.length > 0 && (
            <Collapse
              size="small"
              style={{ marginTop: 12 }}
              items={[
                {
                  key: 'sample',
                  label: t('attendance.import.sample'),
                  children: (
                    <Table
                      size="small"
                      rowKey="row"
                      pagination={false}
                      dataSource={preview.sample}
                      columns={[
                        { title: t('import.row'), dataIndex: 'row', width: 70 },
                        { title: t('employee.employeeNo'), dataIndex: 'employeeNo' },
                        { title: t('attendance.import.readAs'), dataIndex: 'punchedAt', render: (v: string | null) => (v ? dateTimeOf(v, timeZone) : '—') },
                      ]}
                    />
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </>
  );
}

/**
 * 导入考勤机记录: pick a punch machine's export (.csv UTF-8 or GBK, .xlsx, tab-separated .txt or .tsv) ->
 * the core recognises the columns (or the user maps them) and checks every row -> import writes
 * the valid rows, with the progress the worker reports. Nothing is written before "Import";
 * importing the same file again adds nothing.
 */
export function ImportPunchesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const onError = useUploadErrorHandler();
  const client = useQueryClient();
  const [stage, setStage] = useState<Stage>({ step: 'upload' });
  const [mapping, setMapping] = useState<Mapping | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; phase: string } | null>(null);

  const reset = () => {
    setStage({ step: 'upload' });
    setMapping(undefined);
    setEditing(false);
  };
  const close = () => {
    reset();
    setProgress(null);
    onClose();
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  const preview = async (file: PickedFile, m: Mapping | undefined) => {
    const result = await api('attendance.import.preview', { ...file, ...(m ? { mapping: m } : {}) }, { onProgress: setProgress });
    setStage({ step: 'preview', file, preview: result });
    setMapping(m);
    setEditing(false);
  };
  const pick = (picked: File) => void run(async () => preview(await fileToUpload(picked), undefined));
  const applyMapping = (file: PickedFile, m: Mapping) => void run(() => preview(file, m));
  const commit = () =>
    run(async () => {
      if (stage.step !== 'preview') return;
      const result = await api('attendance.import.commit', { ...stage.file, ...(mapping ? { mapping } : {}) }, { onProgress: setProgress });
      setStage({ step: 'done', result });
      void client.invalidateQueries();
    });

  const stepIndex = stage.step === 'upload' ? 0 : stage.step === 'preview' ? 1 : 2;
  const canCommit = stage.step === 'preview' && stage.preview.fileProblem === null && stage.preview.validCount > 0;
  return (
    <Modal
      open={open}
      title={t('attendance.import.title')}
      width={960}
      onCancel={close}
      destroyOnHidden
      footer={
        stage.step === 'preview' ? (
          <Space wrap>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button onClick={reset} disabled={busy} data-testid="import-choose-another">
              {t('import.chooseAnother')}
            </Button>
            {!stage.preview.fileProblem && !editing && !mapping && (
              <Button onClick={() => setEditing(true)} disabled={busy} data-testid="import-edit-mapping">
                {t('attendance.import.editMapping')}
              </Button>
            )}
            <Button type="primary" disabled={!canCommit} loading={busy} onClick={() => void commit()} data-testid="import-commit">
              {canCommit ? t('import.commit', { count: stage.preview.validCount }) : t('import.nothingValid')}
            </Button>
          </Space>
        ) : (
          <Button onClick={close}>{stage.step === 'done' ? t('common.close') : t('common.cancel')}</Button>
        )
      }
    >
      <Steps current={stepIndex} size="small" style={{ marginBottom: 16 }} items={[{ title: t('import.step.upload') }, { title: t('import.step.preview') }, { title: t('import.step.done') }]} />
      {progress && (
        <Progress percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0} status="active" format={() => t(`phase.${progress.phase}`)} data-testid="import-progress" />
      )}
      {stage.step === 'upload' && (
        <>
          <Upload.Dragger accept=".csv,.xlsx,.txt,.tsv" showUploadList={false} disabled={busy} beforeUpload={(file) => (pick(file), false)} data-testid="import-dropzone">
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('attendance.import.dropHint')}</p>
          </Upload.Dragger>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('attendance.import.formatHint')}
          </Typography.Paragraph>
        </>
      )}
      {/* A mapping made by hand stays in view, to be saved as a preset or changed again. */}
      {stage.step === 'preview' && <PreviewView preview={stage.preview} editing={editing || mapping !== undefined} busy={busy} onApply={(m) => applyMapping(stage.file, m)} />}
      {stage.step === 'done' && (
        <Result
          status="success"
          data-testid="import-done"
          title={t('attendance.import.done', { imported: stage.result.imported })}
          subTitle={t('attendance.import.doneDetail', { duplicates: stage.result.duplicates, rejected: stage.result.rejected.length })}
          extra={
            stage.result.rejected.length > 0 && (
              <Table
                size="small"
                rowKey="row"
                style={{ textAlign: 'start' }}
                dataSource={stage.result.rejected}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: t('import.row'), dataIndex: 'row', width: 70 },
                  { title: t('import.problems'), dataIndex: 'problem', render: (p: string) => problemText(t, p) },
                ]}
              />
            )
          }
        />
      )}
    </Modal>
  );
}
