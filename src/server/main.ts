// Listen, and shut down gracefully: stop accepting, finish in-flight requests, close the database.
import type { Config } from '../config.ts';
import { buildApp } from './app.ts';
import { openPlatformDatabase, preparePlatform, systemCtx } from './platform.ts';
import { startSnapshotSchedule } from '../modules/indicators/indicators.snapshots.ts';

export async function serve(config: Config): Promise<void> {
  const database = await openPlatformDatabase(config);
  try {
    await preparePlatform(config, database, (line) => console.log(line));
  } catch (e) {
    await database.close();
    throw e;
  }
  const app = await buildApp(config, { database });
  app.addHook('onClose', async () => database.close());

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await app.close();
      app.log.info('shutdown complete');
      process.exitCode = 0;
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exitCode = 1;
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  // Periodic work, started once listening: today's snapshot of the computed indicators (checked hourly).
  let stopSnapshots = () => {};
  app.addHook('onClose', async () => stopSnapshots());
  await app.listen({ host: config.host, port: config.port });
  stopSnapshots = startSnapshotSchedule(systemCtx(config, database));
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`  鹭创通 Luchuang is running at http://${shown}:${config.port}  (database: ${database.kind}, API docs: /api/docs)`);
}
