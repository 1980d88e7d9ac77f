/**
 * Transport behaviour against a real local socket (no nock here: its interceptor does not keep
 * connections alive, which is what this file checks).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../connectors/http/client.js';
import { captureLogs } from '../log-capture.js';

function client(extra: { timeoutMs?: number; baseURL: string }) {
  return createHttpClient({ vendor: 'test', userAgent: 'Caravan/0.1 (Language=TypeScript)', logger: captureLogs().logger, ...extra });
}

describe('against a local server', () => {
  let server: Server;
  let url: string;
  beforeEach(async () => {
    // Answers /slow never, everything else at once.
    server = createServer((req, res) => {
      if (req.url === '/slow') return;
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reuses a keep-alive connection', async () => {
    const http = client({ baseURL: url });
    let connections = 0;
    server.on('connection', () => (connections += 1));
    await http.get('/a');
    await http.get('/b');
    expect(connections).toBe(1);
  });

  it('a silent server hits the read timeout as a network error ETIMEDOUT', async () => {
    const error = await client({ baseURL: url, timeoutMs: 150 })
      .get('/slow')
      .then(
        () => undefined,
        (e: unknown) => e as { code?: string; response?: unknown },
      );
    expect(error?.code).toBe('ETIMEDOUT');
    expect(error?.response).toBeUndefined();
  });
});
