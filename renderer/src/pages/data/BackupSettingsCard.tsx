import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Switch, Tooltip, Typography } from 'antd';
import { useEffect } from 'react';
import type { BackupPolicy, MachineSettingName } from '../../../../shared/domain/settings';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useT } from '../../i18n';

type Policy = Omit<BackupPolicy, 'folder'> & { folder: string };
/** Nested as the core names the fields ('backup.folder'), so its field errors land next to them. */
interface Values {
  backup: Policy;
}

/** 自动备份设置: schedule, folder and rotation; settings IT locked show a lock and cannot change. */
export function BackupSettingsCard() {
  const t = useT();
  const settings = useApiQuery('settings.get', {});
  const update = useApiMutation('settings.update');
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const data = settings.data;

  useEffect(() => {
    if (data) form.setFieldsValue({ backup: { ...data.backup, folder: data.backup.folder ?? '' } });
  }, [data, form]);

  const locked = (name: keyof BackupPolicy) => data?.locked.includes(`backup.${name}` as MachineSettingName) ?? false;
  const label = (name: keyof BackupPolicy, text: string) =>
    locked(name) ? (
      <Tooltip title={t('data.lockedByIT')}>
        <Space size={4}>
          {text}
          <LockOutlined />
        </Space>
      </Tooltip>
    ) : (
      text
    );

  const submit = async (v: Values) => {
    const backup = Object.fromEntries(Object.entries(v.backup).filter(([k]) => !locked(k as keyof BackupPolicy))) as Partial<Policy>;
    try {
      await update.mutateAsync({ backup: { ...backup, ...(backup.folder !== undefined ? { folder: backup.folder.trim() || null } : {}) } });
      void message.success(t('common.saved'));
    } catch (err) {
      onError(err, form);
    }
  };

  return (
    <Card title={t('data.autoBackup')} loading={settings.isLoading}>
      {data?.machineFile.problem && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('data.machineFileProblem', { file: data.machineFile.path ?? '', problem: data.machineFile.problem })} />}
      {data?.machineFile.path && !data.machineFile.problem && (
        <Typography.Paragraph type="secondary">{t('data.machineFileInUse', { file: data.machineFile.path })}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="backup-settings">
        <Form.Item name={['backup', 'enabled']} label={label('enabled', t('data.autoEnabled'))} valuePropName="checked">
          <Switch disabled={locked('enabled')} />
        </Form.Item>
        <Form.Item name={['backup', 'folder']} label={label('folder', t('data.folder'))} extra={t('data.folderHint', { default: data?.dataDir ? `${data.dataDir}/backups` : '' })}>
          <Input disabled={locked('folder')} placeholder={data?.backupFolder} />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name={['backup', 'intervalHours']} label={label('intervalHours', t('data.intervalHours'))}>
            <InputNumber min={1} max={168} disabled={locked('intervalHours')} />
          </Form.Item>
          <Form.Item name={['backup', 'keepDaily']} label={label('keepDaily', t('data.keepDaily'))}>
            <InputNumber min={0} max={365} disabled={locked('keepDaily')} />
          </Form.Item>
          <Form.Item name={['backup', 'keepWeekly']} label={label('keepWeekly', t('data.keepWeekly'))}>
            <InputNumber min={0} max={260} disabled={locked('keepWeekly')} />
          </Form.Item>
          <Form.Item name={['backup', 'keepMonthly']} label={label('keepMonthly', t('data.keepMonthly'))}>
            <InputNumber min={0} max={240} disabled={locked('keepMonthly')} />
          </Form.Item>
        </Space>
        <div>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
