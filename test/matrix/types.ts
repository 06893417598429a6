/**
 * The shape of an authorization-matrix entry. The matrix (test/authorization-matrix.test.ts) holds the
 * foundation's, members' and work plans' routes; a later module lists its routes in its own file,
 * test/matrix/<module>.entries.ts, exporting a function of the test world, and the matrix spreads it in.
 */
import type { OrgRow } from '../../server/modules/orgs/orgs.tables';
import type { RouteAccess } from '../../server/plugins/auth';
import type { TestWorld } from '../app';
import type { UploadPart } from '../factories';

/** A county and a grassroots union below it: the actor's own subtree, or another one. */
export interface Side {
  county: OrgRow;
  union: OrgRow;
}

export type Req = { url: string; payload?: unknown; multipart?: UploadPart[] };

export interface Entry {
  /** What the route must declare; checked against the registered route. */
  access: RouteAccess;
  /** Builds the request against a target in `side` (the actor's own subtree, or another one). */
  request: (side: Side) => Promise<Req> | Req;
  status: number;
  /**
   * Who is allowed: a union admin of county A (default; `union_admin` there holds every staff
   * permission) or a member of its union (an account linked to a member record, role `member`).
   */
  actor?: 'admin' | 'member';
  /** False where the route has no target that could lie elsewhere (lists of one's own scope). */
  outside?: false;
}

/** What a module's entries may use: the test world (db, app, clock) and the city's root. */
export interface MatrixEnv {
  w: TestWorld;
  rootOf: () => OrgRow;
}

export type ModuleEntries = (env: MatrixEnv) => Record<string, Entry>;
