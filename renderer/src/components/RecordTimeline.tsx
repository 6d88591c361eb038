import { Button, Empty, Input, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { TimelineEntry } from '../../../shared/api/kernel';
import type { RecordType } from '../../../shared/domain/records';
import { useErrorHandler } from '../api/errors';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { useT, type Translate } from '../i18n';
import { formatInstant } from './format';

function describe(t: Translate, e: TimelineEntry, fieldLabel: (field: string) => string): string {
  switch (e.kind) {
    case 'comment':
      return e.body ?? '';
    case 'created':
      return t('timeline.created');
    case 'status':
      return t('timeline.status', { status: e.body ? t(`status.${e.body}`) : '' });
    case 'fields':
      return t('timeline.fields', { fields: (e.changes ?? []).map((c) => fieldLabel(c.field)).join('、') });
    case 'attachment':
      return t('timeline.attachment', { name: e.body ?? '' });
    case 'approval':
      return t('timeline.approval', { body: e.body ?? '' });
  }
}

/** A record's timeline (comments, status and field changes, attachments, approvals) with a comment box. */
export function RecordTimeline({ entity, recordId, fieldLabel = (f) => f }: { entity: RecordType; recordId: string; fieldLabel?: (field: string) => string }) {
  const t = useT();
  const [body, setBody] = useState('');
  const entries = useApiQuery('timeline.list', { entity, recordId });
  const addComment = useApiMutation('timeline.comment');
  const onError = useErrorHandler();
  const send = () =>
    addComment.mutate({ entity, recordId, body }, { onSuccess: () => setBody(''), onError: (err) => onError(err) });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space.Compact style={{ width: '100%' }}>
        <Input.TextArea
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder={t('timeline.commentPlaceholder')}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={5000}
          aria-label={t('common.comment')}
        />
        <Button type="primary" onClick={send} disabled={!body.trim()} loading={addComment.isPending}>
          {t('common.send')}
        </Button>
      </Space.Compact>
      {entries.data?.length ? (
        <Timeline
          items={entries.data.map((e) => ({
            key: e.id,
            color: e.kind === 'comment' ? 'blue' : 'gray',
            content: (
              <>
                <Typography.Text strong>{e.authorName ?? t('timeline.system')}</Typography.Text> <Typography.Text>{describe(t, e, fieldLabel)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{formatInstant(e.at)}</Typography.Text>
                </div>
              </>
            ),
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={entries.isLoading ? t('common.loading') : t('timeline.empty')} />
      )}
    </Space>
  );
}
