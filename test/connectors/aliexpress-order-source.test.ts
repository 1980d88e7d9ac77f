/**
 * The AliExpress orderSource through the registry: the window sent as US Pacific wall-clock
 * modification times, pages followed by page number, ids kept exact, records keyed by order id.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { aliexpressPlatformTime } from '../../connectors/aliexpress/descriptor.js';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import { connectorFor, requireCapability } from '../../connectors/registry.js';
import { captureLogs } from './log-capture.js';
import { isolateNetworkPerTest } from './nock-kit.js';

isolateNetworkPerTest();

const HOST = 'https://api-sg.aliexpress.com';
const FIX = join(import.meta.dirname, '..', 'fixtures', 'aliexpress');

describe('AliExpress orderSource', () => {
  it('writes instants as Pacific wall-clock text, summer and winter', () => {
    expect(aliexpressPlatformTime('2024-01-15T18:20:30Z')).toBe('2024-01-15 10:20:30');
    expect(aliexpressPlatformTime('2024-07-01T15:00:00.000Z')).toBe('2024-07-01 08:00:00');
  });

  it('lists a window page by page through the registry', async () => {
    const connector = connectorFor('aliexpress').connect({
      tenant: 'acme',
      settings: { appKey: '123456' },
      credentials: { appSecret: 'secret', accessToken: 'token', refreshToken: 'refresh' },
      limiter: new RateLimiterRegistry(),
      logger: captureLogs().logger,
    });
    const source = requireCapability(connector, 'orderSource', 'acme/aliexpress');
    const queries: Record<string, unknown>[] = [];
    const answer = (text: string) => (_uri: string, body: nock.Body) => {
      queries.push(JSON.parse(new URLSearchParams(String(body)).get('param0')!) as Record<string, unknown>);
      return text;
    };
    const reply = (file: string) => answer(readFileSync(join(FIX, file), 'utf8'));
    // total_page 1 in the simplify reply ends the listing.
    nock(HOST).post('/sync').reply(200, reply('constructed/aliexpress.solution.order.get__simplify_bigid_zh.json'));
    const window = { from: '2024-01-15T18:00:00Z', to: '2024-07-01T15:00:00Z' };
    const page = await source.listOrders({ window, pageSize: 20 });
    expect(queries[0]).toEqual({ modified_date_start: '2024-01-15 10:00:00', modified_date_end: '2024-07-01 08:00:00', page_size: 20, current_page: 1 });
    expect(page.records[0]).toMatchObject({ id: '8123456789012345678' });
    expect(page.cursor).toBeUndefined();

    nock(HOST).post('/sync').reply(200, answer(JSON.stringify({ result: { success: true, total_count: 45, target_list: [] } })));
    const more = await source.listOrders({ window, pageSize: 20, cursor: '2' });
    expect(queries[1]).toMatchObject({ current_page: 2 });
    expect(more).toEqual({ records: [], cursor: '3' });
  });
});
