import { CloudUploadOutlined, FolderOpenOutlined, LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Tooltip, type TableProps } from 'antd';
import { useState } from 'react';
import type { BackupFileView } from '../../../../shared/api/backup';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCan } from '../../app/access';
import { PageTitle } from '../../components/PageTitle';
import { formatBytes, formatInstant } from '../../components/format';
import { useT } from '../../i18n';
import { BackupSettingsCard } from './BackupSettingsCard';
import { CreateBackupModal } from './CreateBackupModal';
import { RestoreElsewhere } from './RestoreElsewhere';
import { RestoreModal } from './RestoreModal';

/** 数据与备份: backups (now and automatic), their verification, and restore. */
export default function DataPage() {
  const t = useT();
  const can = useCan();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const overview = useApiQuery('backup.overview', {});
  const verify = useApiMutation('backup.verify');
  const [creating, setCreating] = useState(false);
  const [restoring, setRestoring] = useState<string | null>(null);
  const data = overview.data;

  const runVerify = async (b: BackupFileView) => {
    try {
      const r = await verify.mutateAsync({ file: b.fileName });
      if (r.ok) void message.success(t('data.verifyOk'));
      else void message.error(t(r.problem ?? 'backup.problem.corrupt'));
    } catch (err) {
      onError(err);
    }
  };

  const status = (b: BackupFileView) =>
    b.verifyOk === null ? <Tag>{t('data.notVerified')}</Tag> : b.verifyOk ? <Tag color="green">{t('data.verified')}</Tag> : <Tooltip title={b.verifyProblem ? t(b.verifyProblem) : ''}><Tag color="red">{t('data.verifyFailed')}</Tag></Tooltip>;

  const columns: TableProps<BackupFileView>['columns'] = [
    { title: t('data.createdAt'), dataIndex: 'createdAt', render: formatInstant },
    { title: t('data.kind'), dataIndex: 'kind', render: (k: string) => t(`data.kind.${k}`) },
    { title: t('data.size'), dataIndex: 'size', render: formatBytes },
    {
      title: t('data.encrypted'),
      dataIndex: 'encrypted',
      render: (e: boolean) =>
        e ? (
          <Space size={4}>
            <LockOutlined aria-label={t('data.encrypted')} />
            {t('common.yes')}
          </Space>
        ) : (
          t('common.no')
        ),
    },
    { title: t('data.status'), key: 'status', render: (_: unknown, b) => status(b) },
    { title: t('data.fileName'), dataIndex: 'fileName', ellipsis: true },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, b) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<SafetyCertificateOutlined />} loading={verify.isPending && verify.variables?.file === b.fileName} onClick={() => void runVerify(b)} disabled={b.encrypted}>
            {t('data.verify')}
          </Button>
          <Button type="link" size="small" danger onClick={() => setRestoring(b.fileName)}>
            {t('data.restore')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('data.title')}
        extra={
          <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setCreating(true)} data-testid="backup-now">
            {t('data.backupNow')}
          </Button>
        }
      />
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {data?.autoProblem && <Alert type="error" showIcon title={t('data.autoFailed', { problem: t(data.autoProblem) })} />}
        <Card loading={overview.isLoading}>
          <Descriptions
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'folder', label: t('data.folder'), children: <Space><FolderOpenOutlined />{data?.folder}</Space> },
              { key: 'last', label: t('data.lastAuto'), children: data?.lastAutoBackupAt ? formatInstant(data.lastAutoBackupAt) : t('common.none') },
              { key: 'next', label: t('data.nextAuto'), children: data?.policy.enabled ? formatInstant(data.nextAutoBackupAt) : t('data.autoOff') },
            ]}
          />
          <Table<BackupFileView>
            rowKey="path"
            size="small"
            data-testid="backups-table"
            dataSource={data?.backups ?? []}
            columns={columns}
            loading={overview.isFetching}
            locale={{ emptyText: t('data.noBackups') }}
            pagination={{ pageSize: 10 }}
          />
          <RestoreElsewhere canPickFile={data?.canPickFile ?? false} onChosen={setRestoring} />
        </Card>
        {can('settings.manage') && <BackupSettingsCard />}
      </Space>
      <CreateBackupModal open={creating} onClose={() => setCreating(false)} />
      <RestoreModal file={restoring} onClose={() => setRestoring(null)} />
    </>
  );
}
