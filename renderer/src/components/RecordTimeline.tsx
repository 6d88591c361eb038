import { Button, Empty, Input, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { TimelineEntry } from '../../../shared/api/kernel';
import type { RecordType } from '../../../shared/domain/records';
import { useErrorHandler } from '../api/errors';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { isMessageKey, useT, type Translate } from '../i18n';
import { usePreferences } from '../stores/preferences';
import { formatInstant, joinList } from './format';
import { fieldLabel as defaultFieldLabel, formatFieldValue, type ValueContext } from './recordFields';

/** A status written on the timeline: the record's own status words, or archived / restored. */
function statusText(t: Translate, body: string | null): string {
  if (!body) return '';
  for (const key of [`status.${body}`, `timeline.status.${body}`]) if (isMessageKey(key)) return t(key);
  return t('audit.value.otherField');
}

/** An approval step on the timeline: "requested", "cancelled", or a decision with its comment ("approve: 同意调岗"). */
function approvalText(t: Translate, body: string | null): string {
  const [what = '', ...comment] = (body ?? '').split(': ');
  const key = `timeline.approval.${what}`;
  const words = isMessageKey(key) ? t(key) : t('audit.value.otherField');
  return comment.length ? t('timeline.approvalWithComment', { what: words, comment: comment.join(': ') }) : words;
}

function describe(t: Translate, e: TimelineEntry, fieldLabel: (field: string) => string, joiner: (items: string[]) => string): string {
  switch (e.kind) {
    case 'comment':
      return e.body ?? '';
    case 'created':
      return t('timeline.created');
    case 'status':
      return t('timeline.status', { status: statusText(t, e.body) });
    case 'fields':
      return t('timeline.fields', { fields: joiner((e.changes ?? []).map((c) => fieldLabel(c.field))) });
    case 'attachment':
      return t('timeline.attachment', { name: e.body ?? '' });
    case 'approval':
      return t('timeline.approval', { body: approvalText(t, e.body) });
  }
}

/** Each changed field with its old and new value, in words ("电话：— → 13800000000"). */
function Changes({ entry, context, fieldLabel }: { entry: TimelineEntry; context: Omit<ValueContext, 'labels'>; fieldLabel: (field: string) => string }) {
  const t = useT();
  if (entry.kind !== 'fields' || !entry.changes?.length) return null;
  const c = { ...context, labels: entry.labels ?? {} };
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="timeline-changes">
      {entry.changes.map((change) => (
        <li key={change.field}>
          {change.hidden
            ? t('timeline.changeHidden', { field: fieldLabel(change.field) })
            : t('timeline.change', { field: fieldLabel(change.field), from: formatFieldValue(c, change.field, change.from), to: formatFieldValue(c, change.field, change.to) })}
        </li>
      ))}
    </ul>
  );
}

/** A record's timeline (comments, status and field changes, attachments, approvals) with a comment box. */
export function RecordTimeline({ entity, recordId, fieldLabel }: { entity: RecordType; recordId: string; fieldLabel?: (field: string) => string }) {
  const t = useT();
  const locale = usePreferences((s) => s.locale);
  const [body, setBody] = useState('');
  const entries = useApiQuery('timeline.list', { entity, recordId });
  const addComment = useApiMutation('timeline.comment');
  const onError = useErrorHandler();
  const labelOf = fieldLabel ?? ((field: string) => defaultFieldLabel(t, entity, field));
  const joiner = (items: string[]) => joinList(items, locale);
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
          data-testid="record-timeline"
          items={entries.data.map((e) => ({
            key: e.id,
            color: e.kind === 'comment' ? 'blue' : 'gray',
            content: (
              <>
                <Typography.Text strong>{e.authorName ?? t('timeline.system')}</Typography.Text> <Typography.Text>{describe(t, e, labelOf, joiner)}</Typography.Text>
                <Changes entry={e} context={{ t, locale, entity }} fieldLabel={labelOf} />
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
