/** `caravan serve`: binds where asked (port 0: a free one), answers its health check and the tenants of the file, closes cleanly. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../../cli/commands/serve.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { migrateLatest, openDatabase } from '../../store/index.js';
import type { Knex } from 'knex';

let dir: string;
let db: Knex;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caravan-serve-'));
  db = openDatabase({ sqliteFile: join(dir, 'caravan.db') });
  await migrateLatest(db);
});
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('caravan serve', () => {
  it('listens on a free port of 127.0.0.1 for the tenants of the file', async () => {
    const config = parseTenantsConfig({ tenants: { acme: { connections: {} } } }, {});
    // No delivery reaches Temporal here: the client is never called.
    const running = await serveCommand({ db, config, client: {} as Client, logger: pino({ level: 'silent' }) }, { port: 0 });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ ok: true });
      // A tenant of the file without a Stripe webhook secret, and one not in the file.
      expect((await fetch(`${running.url}/webhooks/stripe/acme`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(503);
      expect((await fetch(`${running.url}/webhooks/stripe/globex`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
    } finally {
      await running.close();
    }
  });

  it('names the address it cannot bind', async () => {
    const config = parseTenantsConfig({ tenants: { acme: { connections: {} } } }, {});
    const first = await serveCommand({ db, config, client: {} as Client, logger: pino({ level: 'silent' }) }, { port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(serveCommand({ db, config, client: {} as Client, logger: pino({ level: 'silent' }) }, { port })).rejects.toThrow(`cannot listen on 127.0.0.1:${port}`);
    } finally {
      await first.close();
    }
  });
});
