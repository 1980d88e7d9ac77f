/**
 * Ports for a test that names them to a program it starts later (a demo, a server it restarts):
 * taken below Linux's ephemeral range (32768-60999 by default), where the operating system never
 * hands out a port to a `listen(0)` or an outgoing connection. A port from freePort() is an
 * ephemeral one: free when asked, it may be another test's random port a minute later.
 */
import { createServer } from 'node:net';

const LOW = 20_000;
const HIGH = 32_000;

function bindable(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** A free port in [20000, 32000), random so that concurrent test files rarely pick the same one. */
export async function freeStablePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await bindable(port, host)) return port;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH} on ${host}`);
}
