import { App, Checkbox, Form, Modal, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { useT } from '../../i18n';
import { NewPasswordFields } from '../../components/NewPasswordFields';

interface Values {
  encrypt: boolean;
  password?: string;
  confirm?: string;
}

/** 立即备份: a verified backup into the backup folder, optionally protected by a password. */
export function CreateBackupModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const create = useApiMutation('backup.create', { onProgress: (p) => setProgress(p) });
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const encrypt = Form.useWatch('encrypt', form);

  const submit = async (v: Values) => {
    try {
      const made = await create.mutateAsync(v.encrypt && v.password ? { password: v.password } : {});
      void message.success(t('data.backupDone', { fileName: made.fileName }));
      form.resetFields();
      onClose();
    } catch (err) {
      onError(err, form);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal open={open} title={t('data.backupNow')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText={t('data.startBackup')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('data.backupHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ encrypt: false }} data-testid="backup-form">
        <Form.Item name="encrypt" valuePropName="checked">
          <Checkbox>{t('data.encrypt')}</Checkbox>
        </Form.Item>
        {encrypt && <NewPasswordFields name="password" label={t('data.backupPassword')} confirmLabel={t('data.confirmBackupPassword')} extra={t('data.passwordWarning')} />}
      </Form>
      {progress && <Progress percent={Math.round((progress.done / Math.max(progress.total, 1)) * 100)} status="active" />}
    </Modal>
  );
}
