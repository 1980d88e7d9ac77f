/**
 * `caravan connect`: the seller's consent for AliExpress and Alibaba.com connections, against the
 * platforms' stand-ins. Step one prints the consent page with the app key, the redirect URI and
 * the state; step two exchanges the code (signed with the app secret) and writes the granted
 * refresh token where the connection's secret points, then the connection works with it. A used
 * code is refused with the platform's reason; a vendor without a consent step says so.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCommand, formatConnectResult } from '../../cli/commands/connect.js';
import { parseTenantsConfig } from '../../config/tenants-config.js';
import { createAlibabaClient } from '../../connectors/alibaba/index.js';
import { createAliexpressClient } from '../../connectors/aliexpress/index.js';
import { SANDBOX_ALIBABA_CREDENTIALS, startAlibabaSandbox, type AlibabaSandbox } from '../../sandbox/alibaba/index.js';
import { SANDBOX_ALIEXPRESS_CREDENTIALS, startAliexpressSandbox, type AliexpressSandbox } from '../../sandbox/aliexpress/index.js';

const logger = pino({ level: 'silent' });
let ae: AliexpressSandbox;
let ab: AlibabaSandbox;
let dir: string;

beforeAll(async () => {
  [ae, ab] = await Promise.all([startAliexpressSandbox({ port: 0, seed: { count: 3, seed: 1 } }), startAlibabaSandbox({ port: 0, seed: { count: 3, seed: 1 } })]);
  dir = mkdtempSync(join(tmpdir(), 'caravan-connect-'));
});
afterAll(async () => {
  await Promise.all([ae.close(), ab.close()]);
});

const env = { AE_SECRET: SANDBOX_ALIEXPRESS_CREDENTIALS.appSecret, AB_SECRET: SANDBOX_ALIBABA_CREDENTIALS.appSecret, AB_REFRESH: 'set-me' };
const config = () =>
  parseTenantsConfig(
    {
      tenants: {
        acme: {
          connections: {
            aliexpress: {
              vendor: 'aliexpress',
              settings: { appKey: SANDBOX_ALIEXPRESS_CREDENTIALS.appKey, endpoint: ae.url },
              secrets: { appSecret: { env: 'AE_SECRET' }, refreshToken: { file: join(dir, 'secrets', 'aliexpress-refresh-token') } },
            },
            alibaba: {
              vendor: 'alibaba',
              settings: { appKey: SANDBOX_ALIBABA_CREDENTIALS.appKey, endpoint: ab.url },
              secrets: { appSecret: { env: 'AB_SECRET' }, refreshToken: { env: 'AB_REFRESH' } },
            },
            rates: { vendor: 'ecb' },
          },
        },
      },
    },
    {},
  );

describe('caravan connect', () => {
  it('prints the consent page: the app key as client_id, the redirect URI and the state', async () => {
    const r = await connectCommand({ config: config(), logger, env }, 'aliexpress', { redirectUri: 'https://seller.example/callback', state: 's-1' });
    expect(r.step).toBe('authorize');
    if (r.step !== 'authorize') return;
    const url = new URL(r.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${ae.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ response_type: 'code', force_auth: 'true', redirect_uri: 'https://seller.example/callback', client_id: '34567890', state: 's-1' });
    expect(formatConnectResult('aliexpress', r)).toContain('caravan connect aliexpress --code CODE');
    const ali = await connectCommand({ config: config(), logger, env }, 'alibaba', { redirectUri: 'https://seller.example/cb', state: 's-2' });
    expect(ali.step === 'authorize' && new URL(ali.url).searchParams.get('client_id')).toBe('45678901');
  });

  it('exchanges the code and writes the refresh token where the secret points (mode 0600); the connection then works with it', async () => {
    const r = await connectCommand({ config: config(), logger, env }, 'aliexpress', { code: 'seller-consent-code-1' });
    expect(r.step).toBe('granted');
    if (r.step !== 'granted') return;
    const file = join(dir, 'secrets', 'aliexpress-refresh-token');
    expect(r.stored).toEqual([`refreshToken → secret file ${file}`]);
    expect(r.tokens.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const refreshToken = readFileSync(file, 'utf8').trim();
    expect(refreshToken).not.toBe(SANDBOX_ALIEXPRESS_CREDENTIALS.refreshToken);
    // The printed summary never carries a token.
    expect(formatConnectResult('aliexpress', r)).not.toContain(refreshToken);
    const client = createAliexpressClient({ tenant: 'acme', settings: { appKey: '34567890', endpoint: ae.url }, credentials: { appSecret: SANDBOX_ALIEXPRESS_CREDENTIALS.appSecret, refreshToken }, logger });
    const page = await client.listOrders({ modifiedFrom: '2020-01-01 00:00:00', modifiedTo: '2030-01-01 00:00:00', page: 1, pageSize: 20 });
    expect(page.orders.length).toBeGreaterThan(0);
  });

  it('names the variable to set for an env secret, and shows the value only with --print-tokens', async () => {
    const quiet = await connectCommand({ config: config(), logger, env }, 'alibaba', { code: 'ab-code-1' });
    expect(quiet.step === 'granted' && quiet.toSet).toEqual([{ name: 'refreshToken', ref: 'environment variable AB_REFRESH' }]);
    const shown = await connectCommand({ config: config(), logger, env }, 'alibaba', { code: 'ab-code-2', printTokens: true });
    if (shown.step !== 'granted') throw new Error('not granted');
    const value = shown.toSet[0]!.value!;
    const client = createAlibabaClient({ tenant: 'acme', settings: { appKey: '45678901', endpoint: ab.url }, credentials: { appSecret: SANDBOX_ALIBABA_CREDENTIALS.appSecret, refreshToken: value }, logger });
    expect((await client.listOrders({ modifiedFrom: '2020-01-01T00:00:00Z', modifiedTo: '2030-01-01T00:00:00Z', page: 0, pageSize: 20 })).orders.length).toBeGreaterThan(0);
  });

  it('refuses a used code with the platform\'s reason, and a vendor without a consent step', async () => {
    await expect(connectCommand({ config: config(), logger, env }, 'aliexpress', { code: 'seller-consent-code-1' })).rejects.toThrow(/aliexpress: the platform refused the authorisation code: .*InvalidCode/);
    await expect(connectCommand({ config: config(), logger, env }, 'rates', { code: 'x' })).rejects.toThrow('rates (ecb) has no consent step');
    await expect(connectCommand({ config: config(), logger, env }, 'aliexpress', {})).rejects.toThrow('--redirect-uri is required');
  });
});
