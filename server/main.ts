import { buildApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/client';
import { keyRingFromConfig } from './lib/pii';
import { startHardshipReviewChecks } from './modules/hardship/hardship.schedule';
import { startScheduleChecks } from './modules/workplans/workplans.schedule';
import { seedDemoIfEmpty } from './seed/demo';

process.env.TZ ||= 'Asia/Shanghai';

/** Starts the platform: open (and migrate) the database, load demo data on first start, listen. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  const keyRing = keyRingFromConfig(config);
  if (!config.databaseUrl && !config.production) await seedDemoIfEmpty(database.db, keyRing);
  const app = await buildApp({ database, config, keyRing });
  const stopChecks = startScheduleChecks(database.db, app.log);
  const stopHardshipChecks = startHardshipReviewChecks(database.db, app.log);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopChecks();
    stopHardshipChecks();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
