/**
 * The Temporal SDK runtime, installed once per process, with the SDK's own logs (and the
 * native core's, forwarded) going to our pino logger instead of straight to the console.
 */
import { DefaultLogger, makeTelemetryFilterString, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from './logger.js';

let installed: Runtime | undefined;

export function installTemporalRuntime(logger: Logger | undefined, level: LogLevel = 'WARN'): void {
  if (installed) return;
  const sdkLogger = new DefaultLogger(level, (entry) => {
    if (!logger) return;
    const method = entry.level === 'ERROR' ? 'error' : entry.level === 'WARN' ? 'warn' : entry.level === 'INFO' ? 'info' : 'debug';
    logger[method]({ sdk: entry.meta }, entry.message);
  });
  installed = Runtime.install({
    logger: sdkLogger,
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: level, other: level }), forward: {} } },
  });
}

/**
 * Shuts the runtime down once its workers and connections are closed. An installed
 * runtime keeps the process alive (and takes over SIGINT/SIGTERM), so a process that
 * failed before its worker ran would otherwise hang instead of exiting.
 */
export async function releaseTemporalRuntime(): Promise<void> {
  const runtime = installed;
  installed = undefined;
  await runtime?.shutdown();
}
