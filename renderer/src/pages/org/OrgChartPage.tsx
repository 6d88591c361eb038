import { Card, Col, Empty, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { OrgChartNode } from '../../../../shared/api/org';
import { useApiQuery } from '../../api/hooks';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { Link } from 'react-router';

interface TreeNode {
  key: string;
  title: React.ReactNode;
  children: TreeNode[];
}

function toTree(node: OrgChartNode): TreeNode {
  return {
    key: node.employeeId,
    title: (
      <Space size={4}>
        <Link to={`/org/employees/${node.employeeId}`}>{node.name}</Link>
        {node.positionTitle && <Tag color="blue">{node.positionTitle}</Tag>}
        {node.groupName && <Typography.Text type="secondary">{node.groupName}</Typography.Text>}
      </Space>
    ),
    children: node.children.map(toTree),
  };
}

/** 组织架构图: the reporting tree and each group with its lead and deputy in charge. */
export default function OrgChartPage() {
  const t = useT();
  const chart = useApiQuery('org.chart', {});
  if (chart.isLoading) return <Spin />;
  const data = chart.data;
  return (
    <>
      <PageTitle title={t('org.chart.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={data?.departmentName || t('org.chart.department')}>
            {data?.roots.length ? (
              <Tree treeData={data.roots.map(toTree)} defaultExpandAll selectable={false} showLine data-testid="org-tree" />
            ) : (
              <Empty description={t('org.chart.empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {data?.groups.map((g) => (
              <Card key={g.id} size="small" title={g.name} extra={`${t('org.groups.members')}: ${g.memberCount}`}>
                <div>
                  {t('org.groups.lead')}: {g.leadName ?? '—'}
                </div>
                <div>
                  {t('org.groups.deputies')}: {g.deputyNames.join('、') || '—'}
                </div>
              </Card>
            ))}
          </Space>
        </Col>
      </Row>
    </>
  );
}
