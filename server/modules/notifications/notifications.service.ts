/**
 * In-app notifications. A notification goes to one account (a returned report goes to its author) or
 * to an org's staff: whoever holds the named permission through a grant at that very org. A dedupe
 * key makes repeated checks (the scheduled progress check) tell the same fact once.
 */
import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type PermissionCode, roles } from '../../../shared/permissions';
import type { Actor, Ctx } from '../../context';
import type { DbOrTx } from '../../db/client';
import { notificationReads, notifications } from './notifications.tables';

export interface NotificationContent {
  kind: string;
  title: string;
  body: string;
  link: string | null;
  at: Date;
}

/** One org's notification: its staff holding `permission` hear it (once per dedupe key). */
export interface OrgNotification extends NotificationContent {
  org: { id: number; path: string };
  permission: PermissionCode;
  dedupeKey: string | null;
}

/** Tells many orgs' staff, each its own content, in batched inserts. */
export async function notifyEach(db: DbOrTx, items: OrgNotification[]) {
  for (let i = 0; i < items.length; i += 1000) {
    const rows = items.slice(i, i + 1000).map((n) => ({
      orgId: n.org.id,
      orgPath: n.org.path,
      permission: n.permission,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      dedupeKey: n.dedupeKey,
      createdAt: n.at,
    }));
    if (rows.length) await db.insert(notifications).values(rows).onConflictDoNothing();
  }
}

/** Tells each org's staff holding `permission` the same thing (once per dedupe key). */
export function notifyOrgs<O extends { id: number; path: string }>(
  db: DbOrTx,
  targets: O[],
  n: NotificationContent & { permission: PermissionCode; dedupeKey: (org: O) => string | null },
) {
  return notifyEach(
    db,
    targets.map((org) => ({ ...n, org, dedupeKey: n.dedupeKey(org) })),
  );
}

export async function notifyAccount(db: DbOrTx, accountId: number, n: NotificationContent & { dedupeKey?: string }) {
  await db
    .insert(notifications)
    .values({
      accountId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      dedupeKey: n.dedupeKey ?? null,
      createdAt: n.at,
    })
    .onConflictDoNothing();
}

/** The notifications an actor receives: their own, and their grant orgs' for the permissions they hold there. */
function addressedTo(actor: Actor): SQL {
  const byOrg = actor.grants.flatMap((g) => {
    const held = roles[g.role].permissions as readonly string[];
    return held.length
      ? [and(eq(notifications.orgId, g.orgId), inArray(notifications.permission, [...held])) as SQL]
      : [];
  });
  return or(eq(notifications.accountId, actor.accountId), ...byOrg) as SQL;
}

export async function listNotifications(ctx: Ctx, query: { cursor?: number; limit: number; unread?: boolean }) {
  const rows = await ctx.db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notificationReads.readAt,
    })
    .from(notifications)
    .leftJoin(
      notificationReads,
      and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.accountId, ctx.actor.accountId)),
    )
    .where(
      and(
        addressedTo(ctx.actor),
        query.cursor ? lt(notifications.id, query.cursor) : undefined,
        query.unread ? sql`${notificationReads.readAt} is null` : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  }));
  const [unread] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .leftJoin(
      notificationReads,
      and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.accountId, ctx.actor.accountId)),
    )
    .where(and(addressedTo(ctx.actor), sql`${notificationReads.readAt} is null`));
  return {
    items,
    nextCursor: rows.length > query.limit ? String(items.at(-1)?.id) : null,
    unread: unread?.n ?? 0,
  };
}

/** Marks the given notifications (or all of the actor's) as read; others' ids are ignored. */
export async function markNotificationsRead(ctx: Ctx, ids: number[] | 'all') {
  const mine = await ctx.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(addressedTo(ctx.actor), ids === 'all' ? undefined : inArray(notifications.id, ids.length ? ids : [0])));
  if (mine.length === 0) return { marked: 0 };
  await ctx.db
    .insert(notificationReads)
    .values(mine.map((m) => ({ notificationId: m.id, accountId: ctx.actor.accountId, readAt: ctx.now })))
    .onConflictDoNothing();
  return { marked: mine.length };
}
