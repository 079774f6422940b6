import { ConfigError, loadConfig } from './config/config';
import { jsonLogger } from './logging';
import type { TelemetryHandle } from './telemetry/telemetry';

/**
 * Entry point: read the configuration, start telemetry, start the service, stop cleanly
 * on a signal. The service is imported only once telemetry has started, because the
 * telemetry distro instruments http (and so express) only in modules loaded after it.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let telemetry: TelemetryHandle | undefined;
  try {
    // Imported only when wanted: loading the distro alone takes over half a second.
    if (config.telemetryConnectionString) {
      const { startTelemetry } = await import('./telemetry/telemetry');
      telemetry = startTelemetry({ connectionString: config.telemetryConnectionString });
    }
  } catch (error) {
    process.stderr.write(`Telemetry could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const { startService } = await import('./service');
  let service;
  try {
    service = await startService(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(`Port ${config.port} on ${config.host} is already in use: stop what is using it or set PORT.\n`);
      await stopTelemetry(telemetry);
      process.exit(1);
    }
    throw error;
  }
  jsonLogger().info('service.listening', { url: service.url, mode: config.mode });
  const stop = () => {
    // Telemetry is flushed after the service has closed, so the last requests are in it.
    void service
      .close()
      .then(() => stopTelemetry(telemetry))
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Flushes telemetry; a failure is logged, never allowed to keep the service from stopping. */
async function stopTelemetry(telemetry: TelemetryHandle | undefined): Promise<void> {
  try {
    await telemetry?.shutdown();
  } catch (error) {
    // An error, as the last telemetry is lost; the logger keeps only its name and message.
    jsonLogger({ service: 'commonplace' }).error('telemetry.flush_failed', {}, error);
  }
}

void main();
