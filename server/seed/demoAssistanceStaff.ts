/**
 * The accounts the demo's assistance year needs for maker ≠ checker: each district's welfare officer
 * (enters cases) and grassroots department (reviews), and the finance departments of 海门 and the city
 * (confirm payment batches).
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type OrgRow, orgs } from '../modules/orgs/orgs.tables';
import { demoPassword } from '../modules/system/system.routes';
import type { Account } from './demoAssistanceVolume';
import { makeAccount } from './factories';
import { districts } from './nantong';

export async function staffAccounts(db: DbOrTx, root: OrgRow) {
  const made = new Map<string, Account>();
  const make = async (
    username: string,
    displayName: string,
    org: OrgRow,
    role: 'union_cadre' | 'union_admin' | 'federation_staff',
  ) => {
    made.set(
      username,
      await makeAccount(db, { username, displayName, password: demoPassword, org, grants: [{ role, org }] }),
    );
  };
  for (const d of districts) {
    const [org] = await db.select().from(orgs).where(eq(orgs.name, d.name));
    if (!org) throw new Error(`${d.name} missing`);
    await make(`${d.key}_welfare`, `${d.name}帮扶干事`, org, 'union_cadre');
    await make(`${d.key}_review`, `${d.name}基层工作部`, org, 'union_admin');
  }
  const [haimen] = await db.select().from(orgs).where(eq(orgs.name, '海门区总工会'));
  if (!haimen) throw new Error('海门区总工会 missing');
  await make('haimen_finance', '海门区总工会财务部', haimen, 'federation_staff');
  await make('city_finance', '南通市总工会财务部', root, 'federation_staff');
  return made;
}
