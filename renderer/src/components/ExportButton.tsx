import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import type { ExportableList } from '../../../shared/api/exports';
import type { FileDownload, InputOf } from '../../../shared/api/index';
import { api } from '../api/client';
import { useErrorHandler } from '../api/errors';
import { saveDownload } from '../api/files';
import { useT } from '../i18n';
import { usePreferences } from '../stores/preferences';

interface Props<M extends ExportableList> {
  /** The list method the page shows. */
  list: M;
  /** The page's current filters (and sort): the file holds every row they match, not one page. */
  input: InputOf<M>;
  testId?: string;
}

/**
 * 导出 Excel for any list: the core runs the list with these filters and the user's permission
 * and returns an .xlsx in the current language. The button shows the progress the core reports
 * (rows read, then writing), then saves the file and says so.
 */
export function ExportButton<M extends ExportableList>({ list, input, testId }: Props<M>) {
  const locale = usePreferences((s) => s.locale);
  return <DownloadButton fetch={(onProgress) => api('exports.list', { list, input, locale }, { onProgress })} testId={testId} />;
}

type Progress = { done: number; total: number; phase: string };

/**
 * A button that asks the core for a file (an export, a printable report), shows the progress it
 * reports, then saves the file and says so; a refusal goes to the page's error handler.
 */
export function DownloadButton({ fetch, testId }: { fetch: (onProgress: (p: Progress) => void) => Promise<FileDownload>; testId?: string | undefined }) {
  const t = useT();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);

  const run = async () => {
    setBusy(true);
    try {
      const file = await fetch(setProgress);
      saveDownload(file);
      void message.success(t('common.exportDone', { fileName: file.fileName }));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run} data-testid={testId}>
      {busy && progress ? t('common.progress', { phase: t(`phase.${progress.phase}`), done: progress.done, total: progress.total }) : t('common.export')}
    </Button>
  );
}
