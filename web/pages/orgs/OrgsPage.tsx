import { Card, Col, Input, Row } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type OrgSearchHit, useOrgRoots } from '../../api/orgs';
import { orgs } from '../../locales/zh-CN';
import { OrgDetailDrawer } from './OrgDetailDrawer';
import { OrgSearchResults } from './OrgSearchResults';
import { OrgTree } from './OrgTree';
import { SelectedOrgPanel } from './SelectedOrgPanel';
import { useOrgTree } from './useOrgTree';

/**
 * 组织管理: the lazy tree (or search hits) on the left, the selected org and its children on the
 * right, details in a drawer. The selected org lives in the address (?org=) so it can be linked.
 */
export default function OrgsPage() {
  const roots = useOrgRoots();
  const tree = useOrgTree();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState('');
  const [drawerOrgId, setDrawerOrgId] = useState<number | null>(null);
  const selectedId = Number(params.get('org')) || roots.data?.[0]?.id || null;

  // Open the first level under each root on arrival: a cadre expects to see their subtree at once.
  // `reveal` changes identity as pages load, so remember which roots were already opened.
  const { reveal } = tree;
  const rootIds = roots.data?.map((r) => r.id).join(',');
  const revealedRoots = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!rootIds || revealedRoots.current === rootIds) return;
    revealedRoots.current = rootIds;
    void reveal(rootIds.split(',').map(Number));
  }, [rootIds, reveal]);

  const select = (orgId: number) => setParams({ org: String(orgId) });
  // Choosing an org in the tree also opens it there, as cadres expect from a file-explorer tree.
  const selectInTree = (orgId: number) => {
    select(orgId);
    void tree.reveal([orgId]);
  };
  const pickHit = (hit: OrgSearchHit) => {
    setQuery('');
    select(hit.id);
    void tree.reveal(hit.breadcrumbs.slice(0, -1).map((b) => b.id));
  };
  const onChanged = (parentIds: (number | null)[]) => void tree.refresh(parentIds);

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="320px">
        <Card title={orgs.tree} size="small" styles={{ body: { padding: 12 } }}>
          <Input.Search
            allowClear
            placeholder={orgs.searchPlaceholder}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            style={{ marginBottom: 12 }}
            data-testid="org-search"
          />
          {query.trim() ? (
            <OrgSearchResults query={query} onPick={pickHit} />
          ) : (
            <OrgTree roots={roots.data} tree={tree} selectedId={selectedId} onSelect={selectInTree} />
          )}
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <SelectedOrgPanel
          key={selectedId}
          orgId={selectedId}
          onSelect={selectInTree}
          onOpenDetail={setDrawerOrgId}
          onChanged={onChanged}
        />
      </Col>
      <OrgDetailDrawer
        orgId={drawerOrgId}
        onClose={() => setDrawerOrgId(null)}
        onOpenOrg={setDrawerOrgId}
        onChanged={onChanged}
      />
    </Row>
  );
}
