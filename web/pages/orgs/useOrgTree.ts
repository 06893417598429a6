import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { fetchOrgChildren, type OrgPage, type OrgView, orgKeys } from '../../api/orgs';

/** Children per tree page: a town can hold thousands of unions, so the tree never loads them all. */
export const treePageSize = 100;

export interface LoadedChildren {
  items: OrgView[];
  nextCursor: string | null;
  total: number;
}

/**
 * The lazily loaded org tree: children per parent, fetched a page at a time through the query
 * cache (so a mutation's invalidation makes the next fetch fresh).
 */
export function useOrgTree() {
  const queryClient = useQueryClient();
  const [children, setChildren] = useState<Record<number, LoadedChildren>>({});
  const [expandedIds, setExpandedIds] = useState<number[]>([]);

  const fetchPage = useCallback(
    (parentId: number, cursor?: string) => {
      const query = { limit: treePageSize, cursor };
      return queryClient.fetchQuery<OrgPage>({
        queryKey: orgKeys.children(parentId, query),
        queryFn: () => fetchOrgChildren(parentId, query),
      });
    },
    [queryClient],
  );

  /** Loads (or reloads) the first page of a parent's children. */
  const loadChildren = useCallback(
    async (parentId: number) => {
      const page = await fetchPage(parentId);
      setChildren((all) => ({
        ...all,
        [parentId]: { items: page.items, nextCursor: page.nextCursor, total: page.total ?? page.items.length },
      }));
    },
    [fetchPage],
  );

  /** Appends the next page after the "加载更多" node. */
  const loadMore = useCallback(
    async (parentId: number) => {
      const loaded = children[parentId];
      if (!loaded?.nextCursor) return;
      const page = await fetchPage(parentId, loaded.nextCursor);
      setChildren((all) => ({
        ...all,
        [parentId]: { items: [...loaded.items, ...page.items], nextCursor: page.nextCursor, total: loaded.total },
      }));
    },
    [children, fetchPage],
  );

  /**
   * After a change under these parents, reloads their first page. A parent that had no children
   * before gets its page too, so the tree shows it as expandable without reloading its own level.
   */
  const refresh = useCallback(
    async (parentIds: (number | null | undefined)[]) => {
      const ids = [...new Set(parentIds.filter((id): id is number => typeof id === 'number'))];
      await Promise.all(ids.map(loadChildren));
    },
    [loadChildren],
  );

  /** Expands every org on a path (root first), loading each level's first page on the way. */
  const reveal = useCallback(
    async (ancestorIds: number[]) => {
      for (const id of ancestorIds) if (!(id in children)) await loadChildren(id);
      setExpandedIds((ids) => [...new Set([...ids, ...ancestorIds])]);
    },
    [children, loadChildren],
  );

  return { children, expandedIds, setExpandedIds, loadChildren, loadMore, refresh, reveal };
}

export type OrgTreeState = ReturnType<typeof useOrgTree>;
