/**
 * Pieces the Amazon contract tests share: a stand-in Login with Amazon endpoint (the only part
 * of an SP-API call the models do not describe) and a client pointed at a Prism recorder.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createAmazonClient, type AmazonClient, type AmazonConnectionSettings } from '../../connectors/amazon/index.js';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';

export interface LwaStandIn {
  readonly tokenEndpoint: string;
  /** The form bodies of the token requests, in order. */
  readonly forms: string[];
  stop(): Promise<void>;
}

export async function startLwaStandIn(): Promise<LwaStandIn> {
  const forms: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      forms.push(body);
      res.setHeader('content-type', 'application/json;charset=UTF-8');
      res.end(JSON.stringify({ access_token: 'Atza|contract-test', refresh_token: 'Atzr|x', token_type: 'bearer', expires_in: 3600 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    tokenEndpoint: `http://127.0.0.1:${port}/auth/o2/token`,
    forms,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An Amazon client of a North America seller on `endpoint`, no retries, silent. */
export function contractAmazonClient(endpoint: string, tokenEndpoint: string, settings: Partial<AmazonConnectionSettings> = {}): AmazonClient {
  return createAmazonClient({
    tenant: 'contract',
    settings: { region: 'na', marketplaceIds: ['ATVPDKIKX0DER'], ...settings, endpoint, tokenEndpoint } as AmazonConnectionSettings,
    credentials: { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'secret', refreshToken: 'Atzr|refresh' },
    limiter: new RateLimiterRegistry(),
    logger: pino({ level: 'silent' }),
    retryPolicy: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
  });
}
