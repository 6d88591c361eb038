import { Card, Col, Empty, Row, Space, Spin } from 'antd';
import { useApiQuery } from '../../api/hooks';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { ReportingTree } from './components/ReportingTree';

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
              <ReportingTree key={chart.dataUpdatedAt} roots={data.roots} />
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
