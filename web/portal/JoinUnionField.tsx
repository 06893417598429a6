import { Checkbox, List, NavBar, Popup, SearchBar, SpinLoading, Tag } from 'antd-mobile';
import { useState } from 'react';
import { orgTypes } from '../../shared/enums';
import { useJoinUnionSearch } from '../api/joins';
import { useDebounced } from '../components/useDebounced';
import { common, joinPortal as t } from '../locales/zh-CN';

/** A union as the field holds it: chosen from a search, a join link, or an earlier application. */
export interface ChosenUnion {
  id: number;
  name: string;
  breadcrumbs?: string[];
}

function UnionSearch({ onPick, jointFirst }: { onPick: (union: ChosenUnion) => void; jointFirst: boolean }) {
  const [query, setQuery] = useState('');
  const [jointOnly, setJointOnly] = useState(jointFirst);
  const q = useDebounced(query.trim());
  const search = useJoinUnionSearch({ q, kind: jointOnly ? 'joint_or_trade' : 'any' });
  return (
    <div className="join-search">
      <SearchBar placeholder={t.searchPlaceholder} onChange={setQuery} style={{ '--height': '40px' }} />
      <Checkbox checked={jointOnly} onChange={setJointOnly} style={{ margin: '12px 4px', '--icon-size': '18px' }}>
        {t.onlyJointOrTrade}
      </Checkbox>
      {!q && <p className="portal-muted join-search-hint">{t.searchHint}</p>}
      {q && search.isFetching && !search.data && <SpinLoading style={{ margin: '24px auto' }} />}
      {q && search.data?.length === 0 && <p className="portal-muted join-search-hint">{t.noUnions}</p>}
      {q && !!search.data?.length && (
        <List data-testid="union-results">
          {search.data.map((u) => (
            <List.Item
              key={u.id}
              onClick={() => onPick(u)}
              description={u.breadcrumbs.join(' / ')}
              extra={<Tag fill="outline">{orgTypes[u.type]}</Tag>}
            >
              {u.name}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

interface JoinUnionFieldProps {
  value?: ChosenUnion | null;
  onChange?: (union: ChosenUnion) => void;
  /** Start the search with joint and trade unions only (new-employment workers). */
  jointFirst?: boolean;
  placeholder?: string;
}

/** A form field: the chosen union's name and chain, tapping it opens a full-height search. */
export function JoinUnionField({ value, onChange, jointFirst = false, placeholder }: JoinUnionFieldProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="join-union-value" onClick={() => setOpen(true)} data-testid="union-field">
        {value ? (
          <>
            <span className="join-union-name">{value.name}</span>
            {!!value.breadcrumbs?.length && <span className="portal-muted">{value.breadcrumbs.join(' / ')}</span>}
          </>
        ) : (
          <span className="portal-muted">{placeholder ?? t.chooseUnion}</span>
        )}
      </button>
      <Popup visible={open} onMaskClick={() => setOpen(false)} bodyStyle={{ height: '88vh' }} destroyOnClose>
        <NavBar back={common.back} onBack={() => setOpen(false)}>
          {t.searchTitle}
        </NavBar>
        <UnionSearch
          jointFirst={jointFirst}
          onPick={(union) => {
            onChange?.(union);
            setOpen(false);
          }}
        />
      </Popup>
    </>
  );
}
