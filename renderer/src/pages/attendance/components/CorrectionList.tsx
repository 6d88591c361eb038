import { Space } from 'antd';
import { CORRECTION_STATUSES, type CorrectionStatus } from '../../../../../shared/domain/attendance/types';
import { useT } from '../../../i18n';
import { useListState } from '../../../stores/listState';
import { CorrectionsTable, type CorrectionPaging } from './CorrectionsTable';
import { firstPage, ListEmpty } from './PagedTable';
import { noPersonFilter, personFilters, StatusFilter } from './ListFilters';
import { useSeesOthers } from './shared';

const DEFAULTS = {
  ...firstPage<CorrectionPaging['sortField']>('createdAt'),
  status: undefined as CorrectionStatus | undefined,
  ...noPersonFilter,
};

/**
 * 补卡申请 on the punches page: the correction requests in reach (own, the groups led, or the
 * department), where an approver finds what a request is about. Decisions stay in 我的审批.
 */
export function CorrectionList() {
  const t = useT();
  const seesOthers = useSeesOthers();
  const [state, setState] = useListState('attendance.corrections', DEFAULTS);
  const filtered = Boolean(state.status || state.employeeId || state.groupId);
  const clear = () => setState({ ...noPersonFilter, status: undefined, page: 1 });

  const empty = <ListEmpty filtered={filtered} onClear={clear} noMatch={t('attendance.correction.noMatch')} empty={t('attendance.correction.empty')} testId="corrections" />;

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <StatusFilter value={state.status} statuses={CORRECTION_STATUSES} words="correctionStatus" onChange={setState} />
        {seesOthers && personFilters(state, setState)}
      </Space>
      <CorrectionsTable
        filters={{ status: state.status, employeeId: state.employeeId, groupId: state.groupId }}
        paging={state}
        onPaging={setState}
        showEmployee={seesOthers}
        empty={empty}
        testId="corrections-list"
      />
    </>
  );
}
