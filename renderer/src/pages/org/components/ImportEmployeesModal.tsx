import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Result, Space, Steps, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ImportPreview, ImportPreviewRow } from '../../../../../shared/api/org';
import type { EmployeeImportField } from '../../../../../shared/domain/org';
import { api } from '../../../api/client';
import { useErrorHandler } from '../../../api/errors';
import { fileToUpload, saveDownload } from '../../../api/files';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../../../i18n';
import { usePreferences } from '../../../stores/preferences';

const FIELD_LABEL: Record<EmployeeImportField, string> = {
  employeeNo: 'employee.employeeNo',
  name: 'employee.name',
  gender: 'employee.gender',
  position: 'employee.position',
  group: 'employee.group',
  manager: 'employee.manager',
  hireDate: 'employee.hireDate',
  phone: 'employee.phone',
  email: 'employee.email',
  status: 'employee.status',
  leftDate: 'employee.leftDate',
};
const PREVIEW_COLUMNS: EmployeeImportField[] = ['employeeNo', 'name', 'gender', 'position', 'group', 'manager', 'hireDate'];

type Stage = { step: 'upload' } | { step: 'preview'; file: { fileName: string; contentBase64: string }; preview: ImportPreview } | { step: 'done'; imported: number; skipped: number };

/**
 * Import employees from .xlsx/.csv: pick a file (or first download the template) -> the core checks
 * every row and the preview shows each problem -> import the valid rows, choose another file, or
 * cancel (nothing is written before "Import").
 */
export function ImportEmployeesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const onError = useErrorHandler();
  const client = useQueryClient();
  const [stage, setStage] = useState<Stage>({ step: 'upload' });
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; phase: string } | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const locale = usePreferences((s) => s.locale);

  const downloadTemplate = async () => {
    try {
      saveDownload(await api('org.employees.importTemplate', { locale }));
    } catch (err) {
      onError(err);
    }
  };
  // After a file that cannot be imported, or one with problems fixed meanwhile: start again.
  const chooseAnother = () => {
    setStage({ step: 'upload' });
    setOnlyProblems(false);
  };

  const close = () => {
    setStage({ step: 'upload' });
    setProgress(null);
    onClose();
  };

  const previewFile = async (picked: File) => {
    setBusy(true);
    try {
      const file = await fileToUpload(picked);
      const preview = await api('org.employees.importPreview', file, { onProgress: setProgress });
      setStage({ step: 'preview', file, preview });
      setOnlyProblems(preview.invalidCount > 0 && preview.validCount > 20);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const commit = async () => {
    if (stage.step !== 'preview') return;
    setBusy(true);
    try {
      const result = await api('org.employees.importCommit', stage.file, { onProgress: setProgress });
      setStage({ step: 'done', ...result });
      void client.invalidateQueries();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const problemText = (row: ImportPreviewRow) =>
    row.problems.map((p) => t(`import.problem.${p.code}`, { field: t(FIELD_LABEL[p.field]) }));

  const stepIndex = stage.step === 'upload' ? 0 : stage.step === 'preview' ? 1 : 2;
  return (
    <Modal
      open={open}
      title={t('import.title')}
      width={960}
      onCancel={close}
      destroyOnHidden
      footer={
        stage.step === 'preview' ? (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button onClick={chooseAnother} disabled={busy} data-testid="import-choose-another">
              {t('import.chooseAnother')}
            </Button>
            <Button type="primary" disabled={stage.preview.validCount === 0 || stage.preview.fileProblem !== null} loading={busy} onClick={commit} data-testid="import-commit">
              {t('import.commit', { count: stage.preview.validCount })}
            </Button>
          </Space>
        ) : (
          <Button onClick={close}>{stage.step === 'done' ? t('common.close') : t('common.cancel')}</Button>
        )
      }
    >
      <Steps current={stepIndex} size="small" style={{ marginBottom: 16 }} items={[{ title: t('import.step.upload') }, { title: t('import.step.preview') }, { title: t('import.step.done') }]} />
      {progress && <Progress percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0} status="active" format={() => t(`phase.${progress.phase}`)} />}
      {stage.step === 'upload' && (
        <>
          <Upload.Dragger accept=".xlsx,.csv" showUploadList={false} disabled={busy} beforeUpload={(file) => (void previewFile(file), false)} data-testid="import-dropzone">
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.dropHint')}</p>
          </Upload.Dragger>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('import.formatHint')}
          </Typography.Paragraph>
          <Button icon={<DownloadOutlined />} onClick={downloadTemplate} data-testid="import-template">
            {t('import.template')}
          </Button>
        </>
      )}
      {stage.step === 'preview' && stage.preview.fileProblem && <Alert type="error" showIcon title={t(`import.fileProblem.${stage.preview.fileProblem}`)} />}
      {stage.step === 'preview' && !stage.preview.fileProblem && (
        <>
          <Alert
            type={stage.preview.invalidCount ? 'warning' : 'success'}
            showIcon
            data-testid="import-summary"
            title={t('import.summary', { total: stage.preview.rows.length, valid: stage.preview.validCount, invalid: stage.preview.invalidCount })}
            action={
              <Space>
                {t('import.onlyProblems')}
                <Switch size="small" checked={onlyProblems} onChange={setOnlyProblems} />
              </Space>
            }
            style={{ marginBottom: 12 }}
          />
          <Table<ImportPreviewRow>
            size="small"
            rowKey="rowNumber"
            data-testid="import-preview"
            dataSource={onlyProblems ? stage.preview.rows.filter((r) => r.problems.length) : stage.preview.rows}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            scroll={{ x: true, y: 360 }}
            rowClassName={(r) => (r.problems.length ? 'import-row-invalid' : '')}
            columns={[
              { title: t('import.row'), dataIndex: 'rowNumber', width: 64 },
              ...PREVIEW_COLUMNS.map((f) => ({ title: t(FIELD_LABEL[f]), key: f, render: (_: unknown, r: ImportPreviewRow) => r.values[f] ?? '' })),
              {
                title: t('import.problems'),
                key: 'problems',
                render: (_: unknown, r: ImportPreviewRow) =>
                  r.problems.length ? (
                    problemText(r).map((text) => (
                      <Tag color="red" key={text}>
                        {text}
                      </Tag>
                    ))
                  ) : (
                    <Tag color="green">{t('import.ok')}</Tag>
                  ),
              },
            ]}
          />
        </>
      )}
      {stage.step === 'done' && <Result status="success" title={t('import.done', { imported: stage.imported, skipped: stage.skipped })} data-testid="import-done" />}
    </Modal>
  );
}
