import { Button, Spin, Tree, type TreeDataNode, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { OrgView } from '../../api/orgs';
import { common } from '../../locales/zh-CN';
import { OrgStatusTag } from './OrgStatusTag';
import type { OrgTreeState } from './useOrgTree';

const moreKeyPrefix = 'more:';

function orgTitle(org: OrgView) {
  return (
    <span>
      <span>{org.name}</span>
      {org.childCount > 0 && (
        <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
          {org.childCount}
        </Typography.Text>
      )}
      {org.status !== 'active' && (
        <span style={{ marginLeft: 6 }}>
          <OrgStatusTag status={org.status} />
        </span>
      )}
    </span>
  );
}

function buildNodes(orgs: OrgView[], tree: OrgTreeState, loadingMore: number | null): TreeDataNode[] {
  return orgs.map((org) => {
    const loaded = tree.children[org.id];
    const node: TreeDataNode = {
      key: org.id,
      title: orgTitle(org),
      isLeaf: org.childCount === 0 && !loaded?.total,
    };
    if (loaded) {
      node.children = buildNodes(loaded.items, tree, loadingMore);
      if (loaded.nextCursor) {
        node.children.push({
          key: `${moreKeyPrefix}${org.id}`,
          isLeaf: true,
          title: (
            <Button type="link" size="small" style={{ padding: 0 }} loading={loadingMore === org.id}>
              {common.loadMore}（{loaded.items.length}/{loaded.total}）
            </Button>
          ),
        });
      }
    }
    return node;
  });
}

/** Keeps the virtual tree as tall as the window allows. */
function useTreeHeight(offset: number): number {
  const [height, setHeight] = useState(() => Math.max(320, window.innerHeight - offset));
  useEffect(() => {
    const onResize = () => setHeight(Math.max(320, window.innerHeight - offset));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [offset]);
  return height;
}

interface OrgTreeProps {
  roots: OrgView[] | undefined;
  tree: OrgTreeState;
  selectedId: number | null;
  onSelect: (orgId: number) => void;
}

/** The org tree, loaded a level and a page at a time; "加载更多" fetches a parent's next page. */
export function OrgTree({ roots, tree, selectedId, onSelect }: OrgTreeProps) {
  const [loadingMore, setLoadingMore] = useState<number | null>(null);
  const height = useTreeHeight(300);
  if (!roots) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  return (
    <Tree
      blockNode
      showLine
      height={height}
      treeData={buildNodes(roots, tree, loadingMore)}
      expandedKeys={tree.expandedIds}
      onExpand={(keys) => tree.setExpandedIds(keys.map(Number))}
      loadedKeys={Object.keys(tree.children).map(Number)}
      // A failed page is reported by the query cache; swallowing it here stops the tree's own retries.
      loadData={(node) => tree.loadChildren(Number(node.key)).catch(() => undefined)}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={async (_keys, { node }) => {
        const key = String(node.key);
        if (!key.startsWith(moreKeyPrefix)) {
          onSelect(Number(key));
          return;
        }
        const parentId = Number(key.slice(moreKeyPrefix.length));
        setLoadingMore(parentId);
        await tree
          .loadMore(parentId)
          .catch(() => undefined)
          .finally(() => setLoadingMore(null));
      }}
      data-testid="org-tree"
    />
  );
}
