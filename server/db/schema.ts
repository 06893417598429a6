/** Every table of every module, for drizzle-kit and the typed query builder. */
export * from '../modules/accounts/accounts.tables';
export * from '../modules/assistance/assistance.tables';
export * from '../modules/audit/audit.tables';
export * from '../modules/hardship/hardship.tables';
export * from '../modules/members/imports/imports.tables';
export * from '../modules/members/joins.tables';
export * from '../modules/members/members.tables';
export * from '../modules/notifications/notifications.tables';
export * from '../modules/orgs/orgs.tables';
export * from '../modules/recuperation/recuperation.tables';
export * from '../modules/system/system.tables';
export * from '../modules/visits/visits.tables';
export * from '../modules/workplans/workplans.tables';
