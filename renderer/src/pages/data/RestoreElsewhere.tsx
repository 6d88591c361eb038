import { FolderOpenOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useErrorHandler } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { useT } from '../../i18n';

/**
 * 从其他位置恢复: a backup outside the backup folder (USB disk, share). The desktop app opens the
 * system's file dialog (backup.pickFile), and only a file chosen there is read. Browser mode has
 * no such dialog: the full path is typed, and the core reads it only if it is a backup file.
 */
export function RestoreElsewhere({ canPickFile, onChosen }: { canPickFile: boolean; onChosen: (file: string) => void }) {
  const t = useT();
  const onError = useErrorHandler();
  const pick = useApiMutation('backup.pickFile');
  const [typed, setTyped] = useState('');

  if (canPickFile) {
    const choose = async () => {
      try {
        const { file } = await pick.mutateAsync({});
        if (file) onChosen(file);
      } catch (err) {
        onError(err);
      }
    };
    return (
      <Space style={{ marginTop: 12 }}>
        <Button icon={<FolderOpenOutlined />} loading={pick.isPending} onClick={() => void choose()} data-testid="restore-pick-file">
          {t('data.pickFile')}
        </Button>
        <Typography.Text type="secondary">{t('data.pickFileHint')}</Typography.Text>
      </Space>
    );
  }
  const submit = () => {
    if (typed.trim()) onChosen(typed.trim());
  };
  return (
    <Form onFinish={submit} style={{ marginTop: 12 }} data-testid="restore-other-form">
      <Space.Compact style={{ width: '100%' }}>
        <Input placeholder={t('data.otherFilePlaceholder')} value={typed} onChange={(e) => setTyped(e.target.value)} aria-label={t('data.restoreOther')} />
        <Button htmlType="submit" disabled={!typed.trim()}>
          {t('data.restoreOther')}
        </Button>
      </Space.Compact>
    </Form>
  );
}
