/**
 * Child-process entry: runs the Amazon sandbox in a process of its own, so its memory and
 * CPU are measured apart from the hub's (the bench's default placement). Receives plain
 * AmazonSandboxOptions over IPC (structured clone) and speaks the thread's messages.
 */
import { startAmazonSandbox, type AmazonSandboxOptions } from '../sandbox/amazon/index.js';
import type { SandboxThreadMessage } from './sandbox-thread.js';

if (!process.send) throw new Error('bench/sandbox-process.ts runs as a forked child process');
const send = (m: SandboxThreadMessage) => process.send!(m);

process.once('message', (options: AmazonSandboxOptions) => {
  void startAmazonSandbox(options).then((sandbox) => {
    process.on('message', (m: unknown) => {
      if (m === 'close') {
        void sandbox.close().finally(() => {
          send({ type: 'closed' });
          process.disconnect();
        });
      }
    });
    send({ type: 'ready', url: sandbox.url });
  });
});
