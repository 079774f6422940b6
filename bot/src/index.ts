import { ConfigError, loadConfig } from './config/config';
import { startService } from './service';

/** Entry point: read the configuration, start the service, stop cleanly on a signal. */
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
  let service;
  try {
    service = await startService(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(`Port ${config.port} on ${config.host} is already in use: stop what is using it or set PORT.\n`);
      process.exit(1);
    }
    throw error;
  }
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'service.listening', url: service.url, mode: config.mode })}\n`);
  const stop = () => {
    void service.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
