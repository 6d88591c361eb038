import { UploadOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/access';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { CorrectionList } from './components/CorrectionList';
import { ImportPunchesModal } from './components/ImportPunchesModal';
import { PunchList } from './components/PunchList';

const VIEWS = ['punches', 'corrections'] as const;
type View = (typeof VIEWS)[number];

/**
 * 打卡记录: every punch in reach with the punch-machine import, and the punch-correction requests
 * (补卡申请) beside them. The tab is in the address (?view=corrections), so an approval card can
 * link straight to the requests.
 */
export default function PunchesPage() {
  const t = useT();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'corrections' ? 'corrections' : 'punches';
  const [importing, setImporting] = useState(false);
  const show = (v: string) => setParams(v === 'corrections' ? { view: v } : {}, { replace: true });

  return (
    <>
      <PageTitle
        title={t('attendance.punch.title')}
        extra={
          can('attendance.manage') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="punches-import">
              {t('attendance.import.open')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={view}
        onChange={show}
        data-testid="punches-tabs"
        items={VIEWS.map((v) => ({ key: v, label: t(v === 'punches' ? 'attendance.punch.tab' : 'attendance.correction.tab'), children: v === 'punches' ? <PunchList /> : <CorrectionList /> }))}
        destroyOnHidden
      />
      <ImportPunchesModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
