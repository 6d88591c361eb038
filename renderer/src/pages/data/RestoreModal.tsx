import { Alert, App, Button, Checkbox, Descriptions, Input, Modal, Space, Spin, Steps, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiCallError } from '../../api/client';
import { useErrorHandler } from '../../api/errors';
import { useApiQuery } from '../../api/hooks';
import { formatBytes, formatInstant } from '../../components/format';
import { useT } from '../../i18n';

/** Tables shown in the manifest summary, with their labels. */
const SUMMARY_TABLES: [string, string][] = [
  ['org_employees', 'menu.org.employees'],
  ['users', 'menu.admin.users'],
  ['org_groups', 'menu.org.groups'],
  ['attachments', 'common.attachments'],
  ['audit_log', 'menu.admin.audit'],
];

/**
 * 恢复: pick a backup, read its manifest (date, version, counts) — asking for the password when it
 * is encrypted — then confirm. The core saves the current data as a backup before replacing it.
 */
export function RestoreModal({ file, onClose }: { file: string | null; onClose: () => void }) {
  const t = useT();
  const onError = useErrorHandler();
  const client = useQueryClient();
  const { modal } = App.useApp();
  const [typed, setTyped] = useState('');
  const [password, setPassword] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const inspect = useApiQuery('backup.inspect', { file: file ?? '', ...(password ? { password } : {}) }, { enabled: file !== null });
  // Never show the previous backup's contents while another one is being read.
  const current = inspect.isPlaceholderData ? undefined : inspect.data;
  const manifest = current?.manifest ?? null;
  const needsPassword = current?.needsPassword ?? false;
  const problem = inspect.error instanceof ApiCallError ? inspect.error.error.message : null;

  const close = () => {
    setTyped('');
    setPassword(null);
    setConfirmed(false);
    onClose();
  };

  /** Asks a second time when the core cannot vouch for the backup's audit log (made elsewhere). */
  const confirmUnverified = (params: Record<string, unknown> | undefined) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('data.restoreUnverifiedTitle'),
        content: (
          <div data-testid="restore-unverified">
            <p>{t('backup.problem.unverifiedAuditLog')}</p>
            <p>{t('data.restoreUnverifiedAdmins', { admins: String(params?.admins || t('data.restoreNoAdmins')) })}</p>
          </div>
        ),
        okText: t('data.restoreAnyway'),
        okButtonProps: { danger: true, 'data-testid': 'restore-unverified-ok' } as ButtonProps,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  const restore = async () => {
    if (!file) return;
    setRestoring(true);
    const input = { file, confirm: true as const, ...(password ? { password } : {}) };
    try {
      let r;
      try {
        r = await api('backup.restore', input);
      } catch (err) {
        const unverified = err instanceof ApiCallError && err.error.message === 'backup.problem.unverifiedAuditLog';
        if (!unverified) throw err;
        if (!(await confirmUnverified(err.error.params))) return;
        r = await api('backup.restore', { ...input, acceptUnverifiedAuditLog: true });
      }
      await client.invalidateQueries();
      close();
      modal.success({ title: t('data.restoreDone'), content: t('data.restoreDoneDetail', { preRestore: r.preRestoreBackup }) });
    } catch (err) {
      onError(err);
    } finally {
      setRestoring(false);
    }
  };

  const step = manifest ? (confirmed ? 2 : 1) : 0;
  return (
    <Modal
      open={file !== null}
      title={t('data.restoreTitle')}
      onCancel={close}
      width={640}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" danger disabled={!manifest || !confirmed} loading={restoring} onClick={restore} data-testid="restore-confirm">
            {t('data.restore')}
          </Button>
        </Space>
      }
    >
      <Steps size="small" current={step} style={{ marginBottom: 16 }} items={[{ title: t('data.restoreStepRead') }, { title: t('data.restoreStepCheck') }, { title: t('data.restoreStepConfirm') }]} />
      <Typography.Paragraph>
        <Typography.Text code>{file}</Typography.Text>
      </Typography.Paragraph>
      {inspect.isFetching && !manifest && <Spin />}
      {problem && !inspect.isFetching && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t(problem)} data-testid="restore-problem" />}
      {needsPassword && !manifest && (
        <Space.Compact style={{ width: '100%' }}>
          <Input.Password placeholder={t('data.backupPassword')} value={typed} onChange={(e) => setTyped(e.target.value)} onPressEnter={() => setPassword(typed)} aria-label={t('data.backupPassword')} />
          <Button onClick={() => setPassword(typed)} disabled={!typed}>
            {t('data.readBackup')}
          </Button>
        </Space.Compact>
      )}
      {manifest && (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            data-testid="restore-manifest"
            items={[
              { key: 'created', label: t('data.createdAt'), children: formatInstant(manifest.createdAt) },
              { key: 'version', label: t('data.appVersion'), children: `${manifest.appVersion} (schema ${manifest.schemaVersion})` },
              { key: 'size', label: t('data.size'), children: formatBytes(manifest.totalBytes) },
              ...SUMMARY_TABLES.map(([table, label]) => ({ key: table, label: t(label), children: manifest.counts[table] ?? 0 })),
            ]}
          />
          <Alert type="warning" showIcon style={{ margin: '16px 0' }} title={t('data.restoreWarning')} />
          <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="restore-understand">
            {t('data.restoreUnderstand')}
          </Checkbox>
        </>
      )}
    </Modal>
  );
}
