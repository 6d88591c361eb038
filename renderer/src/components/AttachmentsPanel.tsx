import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Empty, List, Popconfirm, Upload } from 'antd';
import type { RecordType } from '../../../shared/domain/records';
import { api } from '../api/client';
import { useErrorHandler } from '../api/errors';
import { fileToUpload, saveDownload } from '../api/files';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { useT } from '../i18n';
import { formatBytes, formatInstant } from './format';

/** Files attached to a record: stored by content hash in the data folder, archived rather than deleted. */
export function AttachmentsPanel({ entity, recordId, canWrite }: { entity: RecordType; recordId: string; canWrite: boolean }) {
  const t = useT();
  const list = useApiQuery('attachments.list', { entity, recordId });
  const upload = useApiMutation('attachments.upload');
  const archive = useApiMutation('attachments.archive');
  const onError = useErrorHandler();
  return (
    <>
      {canWrite && (
        <Upload
          showUploadList={false}
          beforeUpload={async (file) => {
            try {
              await upload.mutateAsync({ entity, recordId, file: await fileToUpload(file) });
            } catch (err) {
              onError(err);
            }
            return false;
          }}
        >
          <Button icon={<PaperClipOutlined />} loading={upload.isPending} style={{ marginBottom: 12 }}>
            {t('common.upload')}
          </Button>
        </Upload>
      )}
      {list.data?.length ? (
        <List
          dataSource={list.data}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button key="dl" type="link" icon={<DownloadOutlined />} onClick={() => api('attachments.download', { id: a.id }).then(saveDownload, onError)}>
                  {t('common.download')}
                </Button>,
                canWrite ? (
                  <Popconfirm key="ar" title={t('common.confirmArchive', { name: a.fileName })} onConfirm={() => archive.mutateAsync({ id: a.id }).catch(onError)}>
                    <Button type="link">{t('common.archive')}</Button>
                  </Popconfirm>
                ) : null,
              ]}
            >
              <List.Item.Meta title={a.fileName} description={`${formatBytes(a.size)} · ${a.createdByName ?? ''} · ${formatInstant(a.createdAt)}`} />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />
      )}
    </>
  );
}
