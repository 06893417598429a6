import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useState } from 'react';
import { get } from '../../api/client';
import type { MemberPage } from '../../api/members';
import { useDebounced } from '../../components/useDebounced';
import { assistanceCreate as t } from '../../locales/assistance.zh-CN';

interface MemberSearchSelectProps {
  value?: number;
  onChange?: (id: number | undefined, name: string | undefined) => void;
  id?: string;
}

/**
 * Search-as-you-type over the active members of the caller's scope (name, pinyin or initials); each hit
 * shows the masked ID number and the union so two people of the same name can be told apart.
 */
export function MemberSearchSelect({ value, onChange, id }: MemberSearchSelectProps) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query).trim();
  const search = useQuery({
    queryKey: ['members', 'list', 'assistance-pick', q],
    queryFn: () => get<MemberPage>('/api/members', { q, status: 'active', limit: 20 }),
    enabled: q.length > 0,
  });
  const hits = search.data?.items ?? [];
  const [picked, setPicked] = useState<{ id: number; name: string } | null>(null);
  const options = hits.map((m) => ({ value: m.id, label: m.name, crumbs: `${m.idNumber} · ${m.org.name}` }));
  if (picked && !hits.some((h) => h.id === picked.id))
    options.unshift({ value: picked.id, label: picked.name, crumbs: '' });

  return (
    <Select<number>
      id={id}
      value={value}
      placeholder={t.memberPlaceholder}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={search.isFetching}
      notFoundContent={q ? t.memberNotFound : null}
      options={options}
      optionRender={(option) => (
        <div data-testid="member-option">
          <div>{option.data.label}</div>
          {option.data.crumbs && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {option.data.crumbs}
            </Typography.Text>
          )}
        </div>
      )}
      onChange={(next) => {
        const hit = hits.find((h) => h.id === next);
        setPicked(hit ? { id: hit.id, name: hit.name } : null);
        onChange?.(next ?? undefined, hit?.name);
      }}
    />
  );
}
