import { Select, Typography } from 'antd';
import { useState } from 'react';
import { useOrgSearch } from '../api/orgs';
import { accounts, orgs } from '../locales/zh-CN';
import { breadcrumbLine, knownOrg, rememberOrgs } from './OrgPicker';
import { useDebounced } from './useDebounced';

interface OrgMultiPickerProps {
  value?: number[];
  onChange?: (ids: number[]) => void;
  /** Limit the search to this org's subtree. */
  under?: number;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}

/**
 * Several orgs at once, searched like OrgPicker (name or pinyin initials, breadcrumbs under each hit);
 * chosen orgs keep their names as tags while the search moves on.
 */
export function OrgMultiPicker({ value, onChange, under, placeholder, style, id, ...rest }: OrgMultiPickerProps) {
  const [query, setQuery] = useState('');
  const search = useOrgSearch(useDebounced(query), under);
  const hits = search.data?.items ?? [];
  rememberOrgs(hits);
  const options: { value: number; label: string; crumbs?: string }[] = hits.map((hit) => ({
    value: hit.id,
    label: hit.name,
    crumbs: breadcrumbLine(hit),
  }));
  for (const chosen of value ?? []) {
    if (!hits.some((h) => h.id === chosen)) {
      options.unshift({ value: chosen, label: knownOrg(chosen)?.name ?? `#${chosen}` });
    }
  }
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value ?? []}
      style={style}
      aria-label={rest['aria-label']}
      placeholder={placeholder ?? accounts.orgPlaceholder}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={search.isFetching}
      notFoundContent={query.trim() ? orgs.noResults : null}
      options={options}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          {option.data.crumbs && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {option.data.crumbs}
            </Typography.Text>
          )}
        </div>
      )}
      onChange={(next) => {
        setQuery('');
        onChange?.(next);
      }}
    />
  );
}
