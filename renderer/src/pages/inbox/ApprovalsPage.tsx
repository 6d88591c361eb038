import { Empty, Space, Spin, Tabs } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { ApprovalCard } from '../../components/ApprovalCard';
import { ExportButton } from '../../components/ExportButton';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';

type View = 'pending' | 'decided' | 'requested';

/** 我的审批: requests waiting for me, decided by me, and my own requests. */
export default function ApprovalsPage() {
  const t = useT();
  const [view, setView] = useState<View>('pending');
  const list = useApiQuery('approvals.mine', { view });
  return (
    <>
      <PageTitle title={t('approvals.title')} extra={<ExportButton list="approvals.mine" input={{ view }} testId="approvals-export" />} />
      <Tabs
        activeKey={view}
        onChange={(k) => setView(k as View)}
        items={(['pending', 'decided', 'requested'] as const).map((k) => ({ key: k, label: t(`approvals.tab.${k}`) }))}
      />
      {list.isLoading ? (
        <Spin />
      ) : list.data?.length ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {list.data.map((r) => (
            <ApprovalCard key={r.id} request={r} />
          ))}
        </Space>
      ) : (
        <Empty description={t('approvals.empty')} data-testid="approvals-empty" />
      )}
    </>
  );
}
