import { Select, Typography } from 'antd';
import { useState } from 'react';
import type { OrgType } from '../../shared/enums';
import { type OrgSearchHit, useOrgSearch } from '../api/orgs';
import { accounts, orgs } from '../locales/zh-CN';
import { useDebounced } from './useDebounced';

/** An org as the picker needs to show it once chosen. */
export interface PickedOrg {
  id: number;
  name: string;
  type?: string;
}

interface OrgPickerProps {
  value?: number | null;
  onChange?: (id: number | undefined, org: PickedOrg | undefined) => void;
  /** The org shown for a preset value before any search. */
  initialOrg?: PickedOrg | null;
  /** Leave out this org (e.g. the org being moved). */
  excludeId?: number;
  /** Offer only orgs of these types (e.g. the unions a member can belong to). */
  onlyTypes?: readonly OrgType[];
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
}

// Names of orgs seen in any picker, so a value set by a form (not by a search) still shows a name.
const knownOrgs = new Map<number, PickedOrg>();

function rememberOrg({ id, name, type }: PickedOrg) {
  knownOrgs.set(id, { id, name, type });
}

/** Tells the pickers the names of orgs a form preset (e.g. a saved draft's chosen orgs). */
export function rememberOrgs(list: readonly PickedOrg[]) {
  for (const org of list) rememberOrg(org);
}

/** The org an earlier search or preset named, if any. */
export function knownOrg(id: number): PickedOrg | undefined {
  return knownOrgs.get(id);
}

/** The parents of a search hit as one line under its name. */
export function breadcrumbLine(hit: OrgSearchHit): string {
  return hit.breadcrumbs
    .slice(0, -1)
    .map((b) => b.name)
    .join(' / ');
}

/**
 * Search-as-you-type over /api/orgs/search (name or pinyin initials such as "hmq"); each hit shows
 * its breadcrumbs so two unions of the same name in different towns can be told apart.
 */
export function OrgPicker({
  value,
  onChange,
  initialOrg,
  excludeId,
  onlyTypes,
  placeholder,
  allowClear,
  style,
  id,
}: OrgPickerProps) {
  const [query, setQuery] = useState('');
  const search = useOrgSearch(useDebounced(query));
  const hits = (search.data?.items ?? []).filter(
    (hit) => hit.id !== excludeId && (!onlyTypes || onlyTypes.includes(hit.type)),
  );
  if (initialOrg) rememberOrg(initialOrg);
  for (const hit of hits) rememberOrg(hit);
  const options: { value: number; label: string; crumbs?: string }[] = hits.map((hit) => ({
    value: hit.id,
    label: hit.name,
    crumbs: breadcrumbLine(hit),
  }));
  // Keep the chosen org's name on screen after the search moves on, or when a form set the value.
  const picked = value ? knownOrgs.get(value) : undefined;
  if (picked && !hits.some((h) => h.id === picked.id)) options.unshift({ value: picked.id, label: picked.name });

  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      style={style}
      allowClear={allowClear}
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
        onChange?.(next ?? undefined, next ? knownOrgs.get(next) : undefined);
      }}
    />
  );
}
