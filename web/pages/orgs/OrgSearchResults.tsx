import { Button, Empty, Flex, Spin, Typography } from 'antd';
import { orgTypes } from '../../../shared/enums';
import { type OrgSearchHit, useOrgSearch } from '../../api/orgs';
import { orgs } from '../../locales/zh-CN';

/** Hits of a name or pinyin-initials search, each with its breadcrumbs; choosing one opens it. */
export function OrgSearchResults({ query, onPick }: { query: string; onPick: (hit: OrgSearchHit) => void }) {
  const search = useOrgSearch(query);
  if (search.isPending) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  const hits = search.data?.items ?? [];
  if (hits.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={orgs.noResults} />;
  const count = search.data?.nextCursor ? `${hits.length}+` : String(hits.length);

  return (
    <div data-testid="org-search-results">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {orgs.searchResults(count)}
      </Typography.Text>
      <Flex vertical gap={2} style={{ marginTop: 8 }}>
        {hits.map((hit) => (
          <Button
            key={hit.id}
            type="text"
            block
            onClick={() => onPick(hit)}
            style={{ height: 'auto', padding: '6px 8px', textAlign: 'left', display: 'block', whiteSpace: 'normal' }}
          >
            <div>
              {hit.name}
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {orgTypes[hit.type]}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {hit.breadcrumbs
                .slice(0, -1)
                .map((b) => b.name)
                .join(' / ')}
            </Typography.Text>
          </Button>
        ))}
      </Flex>
    </div>
  );
}
