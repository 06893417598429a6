import { Select, Typography } from 'antd';
import { useState } from 'react';
import { useJoinUnionSearch } from '../../../api/joins';
import { useDebounced } from '../../../components/useDebounced';
import { memberTransfers as t } from '../../../locales/zh-CN';

interface UnionSearchSelectProps {
  value?: number;
  onChange?: (id: number | undefined) => void;
  id?: string;
  /** Leave out this union (the member's own). */
  excludeId?: number;
}

/**
 * Any active grassroots union of the platform by name (the transfer target usually lies outside the
 * caller's subtree): name and breadcrumbs only, as applicants see them.
 */
export function UnionSearchSelect({ value, onChange, id, excludeId }: UnionSearchSelectProps) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query);
  const search = useJoinUnionSearch({ q });
  const options = (search.data ?? [])
    .filter((u) => u.id !== excludeId)
    .map((u) => ({ value: u.id, label: u.name, crumbs: u.breadcrumbs.join(' / ') }));
  return (
    <Select<number>
      id={id}
      value={value}
      placeholder={t.targetPlaceholder}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={search.isFetching}
      notFoundContent={q.trim() ? t.noUnions : null}
      options={options}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {option.data.crumbs}
          </Typography.Text>
        </div>
      )}
      onChange={(next) => onChange?.(next ?? undefined)}
    />
  );
}
