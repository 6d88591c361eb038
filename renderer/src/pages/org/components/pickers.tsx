import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../../api/hooks';
import { useT } from '../../../i18n';

/** Chinese names in pinyin order, as readers expect (not by character code), for lists sorted in the page. */
export const byPinyin = new Intl.Collator('zh-CN').compare;

/** Active groups as select options. */
export function useGroupOptions() {
  const groups = useApiQuery('org.groups.list', {});
  return (groups.data ?? []).map((g) => ({ value: g.id, label: g.name }));
}

export function usePositionOptions() {
  const positions = useApiQuery('org.positions.list', {});
  return (positions.data ?? []).map((p) => ({ value: p.id, label: p.title }));
}

/**
 * Picks an active employee by searching on the server (the list may be long): by name, pinyin
 * ("wxm", "wang") or employee number, in pinyin order. `current` labels the selected value
 * before any search has run.
 */
export function EmployeePicker({ current, excludeId, ...props }: SelectProps<string> & { current?: { id: string; name: string } | null; excludeId?: string }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const found = useApiQuery('org.employees.list', { search: search || undefined, status: 'active', pageSize: 30, sortField: 'name' });
  const options = (found.data?.rows ?? []).filter((e) => e.id !== excludeId).map((e) => ({ value: e.id, label: `${e.name} (${e.employeeNo})`, name: e.name }));
  if (current && !options.some((o) => o.value === current.id)) options.push({ value: current.id, label: current.name, name: current.name });
  options.sort((a, b) => byPinyin(a.name, b.name));
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={t('common.search')}
      options={options}
      loading={found.isFetching}
      notFoundContent={t('common.empty')}
      {...props}
    />
  );
}
