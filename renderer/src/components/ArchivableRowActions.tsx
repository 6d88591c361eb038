import { Button, Popconfirm, Space, Switch } from 'antd';
import { useT } from '../i18n';

/**
 * The actions of a row that is archived rather than deleted: edit and archive (after a
 * confirmation naming the record) while active, restore once archived.
 */
export function ArchivableRowActions({
  archived,
  name,
  onEdit,
  onArchive,
  onRestore,
}: {
  archived: boolean;
  name: string;
  onEdit?: () => void;
  onArchive: () => unknown;
  onRestore: () => unknown;
}) {
  const t = useT();
  if (archived) {
    return (
      <Button type="link" size="small" onClick={() => void onRestore()}>
        {t('common.restore')}
      </Button>
    );
  }
  return (
    <Space size={0}>
      {onEdit && (
        <Button type="link" size="small" onClick={onEdit}>
          {t('common.edit')}
        </Button>
      )}
      <Popconfirm title={t('common.confirmArchive', { name })} onConfirm={() => void onArchive()}>
        <Button type="link" size="small">
          {t('common.archive')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

/** The "show archived" switch of a list whose records are archived rather than deleted. */
export function IncludeArchivedSwitch({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const t = useT();
  return (
    <Space>
      <Switch size="small" checked={checked} onChange={onChange} aria-label={t('common.includeArchived')} />
      {t('common.includeArchived')}
    </Space>
  );
}
