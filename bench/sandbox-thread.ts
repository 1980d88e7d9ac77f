/**
 * Worker-thread entry: runs the Amazon sandbox on its own event loop, so the vendor's
 * CPU (routing, JSON, buckets) is not charged to the hub's JS thread being measured.
 * Receives plain AmazonSandboxOptions (seed options, not orders: the seed is
 * deterministic, so the main thread can generate the same orders for its baseline).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startAmazonSandbox, type AmazonSandboxOptions } from '../sandbox/amazon/index.js';

export type SandboxThreadMessage = { type: 'ready'; url: string } | { type: 'closed' };

const port = parentPort;
if (!port) throw new Error('bench/sandbox-thread.ts runs as a worker thread');
const sandbox = await startAmazonSandbox(workerData as AmazonSandboxOptions);
port.on('message', (m: unknown) => {
  if (m === 'close') {
    void sandbox.close().finally(() => {
      port.postMessage({ type: 'closed' } satisfies SandboxThreadMessage);
      port.close();
    });
  }
});
port.postMessage({ type: 'ready', url: sandbox.url } satisfies SandboxThreadMessage);
