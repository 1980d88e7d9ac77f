/**
 * An offline stand-in for the EC's VIES REST service ("Vies on-the-Web Endpoint"), in its
 * wire format: POST /check-vat-number and /check-vat-test-service take a CheckVatRequest and
 * answer a CheckVatResponse (200) or a CommonResponse {actionSucceed: false, errorWrappers}
 * (400 for bad input, 500 for the service's own failures); GET /check-status answers a
 * StatusInformationResponse.
 *
 * /check-vat-number consults a register the sandbox is given (a few demo traders by default):
 * a well-formed number not in it is answered `valid: false`. /check-vat-test-service follows
 * the EC's test service: the number says what comes back ("100" valid, "200" invalid, "201"
 * INVALID_INPUT … "601" MS_MAX_CONCURRENT_REQ_TIME). Member states can be made unavailable and
 * errors injected, for fault tests. Admin: GET /_sandbox/stats.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VIES_SANDBOX_MEMBER_STATES } from './member-states.js';

export interface ViesSandboxTrader {
  /** VIES code (EL for Greece, XI for Northern Ireland). */
  readonly countryCode: string;
  /** Without the country prefix. */
  readonly vatNumber: string;
  readonly name?: string;
  readonly address?: string;
}

/** Traders the demo register knows: any other well-formed number is not registered. */
export const VIES_SANDBOX_TRADERS: readonly ViesSandboxTrader[] = [
  { countryCode: 'FR', vatNumber: '40303265045', name: 'SAS CARAVAN DEMO ACHATS', address: '12 RUE DES LILAS\n69003 LYON' },
  { countryCode: 'DE', vatNumber: '813495027', name: 'Muster Handels GmbH', address: 'Hauptstrasse 1\n10115 Berlin' },
  { countryCode: 'IT', vatNumber: '00743110157', name: 'DEMO IMPORT SRL', address: 'VIA ROMA 1\n20121 MILANO MI' },
  { countryCode: 'NL', vatNumber: '004495445B01', name: 'Demo Inkoop B.V.', address: 'Damrak 1\n1012LG AMSTERDAM' },
  // Spain does not disclose name and address.
  { countryCode: 'ES', vatNumber: 'B12345674' },
];

/** The EC test service: the number asked about decides the answer. */
export const VIES_TEST_SERVICE_ANSWERS: Readonly<Record<string, 'valid' | 'invalid' | string>> = {
  '100': 'valid',
  '200': 'invalid',
  '201': 'INVALID_INPUT',
  '202': 'INVALID_REQUESTER_INFO',
  '300': 'SERVICE_UNAVAILABLE',
  '301': 'MS_UNAVAILABLE',
  '302': 'TIMEOUT',
  '400': 'VAT_BLOCKED',
  '401': 'IP_BLOCKED',
  '500': 'GLOBAL_MAX_CONCURRENT_REQ',
  '501': 'GLOBAL_MAX_CONCURRENT_REQ_TIME',
  '600': 'MS_MAX_CONCURRENT_REQ',
  '601': 'MS_MAX_CONCURRENT_REQ_TIME',
};

/** Errors of the caller's input answer 400; the service's own failures 500 (both CommonResponse). */
const INPUT_ERRORS = new Set(['INVALID_INPUT', 'INVALID_REQUESTER_INFO']);

export interface ViesSandboxOptions {
  /** 0 (default) = a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly traders?: readonly ViesSandboxTrader[];
  /** Member states whose register does not answer (MS_UNAVAILABLE). */
  readonly unavailable?: readonly string[];
  readonly now?: () => Date;
}

export interface ViesSandboxStats {
  /** Requests by path. */
  requests: Record<string, number>;
  /** Answers by error code (and 'valid' / 'invalid'). */
  answers: Record<string, number>;
  pendingErrors: number;
}

export interface ViesSandbox {
  /** Base URL to configure as the vies connection's baseUrl, e.g. http://127.0.0.1:8712 */
  readonly url: string;
  readonly port: number;
  /** The next `count` checks answer this VIES error code. */
  injectError(code: string, count?: number): void;
  setUnavailable(countryCodes: readonly string[]): void;
  stats(): ViesSandboxStats;
  close(): Promise<void>;
}

const MEMBER_STATES: ReadonlySet<string> = new Set(VIES_SANDBOX_MEMBER_STATES);
const NUMBER = /^[0-9A-Z+*]{2,12}$/;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function commonError(code: string): { actionSucceed: false; errorWrappers: { error: string; message?: string }[] } {
  return { actionSucceed: false, errorWrappers: [{ error: code }] };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', () => resolve(undefined));
  });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export async function startViesSandbox(options: ViesSandboxOptions = {}): Promise<ViesSandbox> {
  const clock = options.now ?? ((): Date => new Date());
  const register = new Map((options.traders ?? VIES_SANDBOX_TRADERS).map((t) => [`${t.countryCode}${t.vatNumber}`, t] as const));
  let unavailable = new Set(options.unavailable ?? []);
  const injected: string[] = [];
  const stats: ViesSandboxStats = { requests: {}, answers: {}, pendingErrors: 0 };
  const tally = (m: Record<string, number>, k: string) => {
    m[k] = (m[k] ?? 0) + 1;
  };
  const fail = (res: ServerResponse, code: string) => {
    tally(stats.answers, code);
    send(res, INPUT_ERRORS.has(code) ? 400 : 500, commonError(code));
  };

  async function check(req: IncomingMessage, res: ServerResponse, testService: boolean): Promise<void> {
    const body = await readJson(req);
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const countryCode = str(fields.countryCode) ?? '';
    const vatNumber = str(fields.vatNumber) ?? '';
    const requesterMs = str(fields.requesterMemberStateCode);
    const requesterNumber = str(fields.requesterNumber);
    const pending = injected.shift();
    if (pending !== undefined) return fail(res, pending);
    if (!MEMBER_STATES.has(countryCode) || !NUMBER.test(vatNumber)) return fail(res, 'INVALID_INPUT');
    if ((requesterMs === undefined) !== (requesterNumber === undefined)) return fail(res, 'INVALID_REQUESTER_INFO');
    if (requesterMs !== undefined && (!MEMBER_STATES.has(requesterMs) || !NUMBER.test(requesterNumber!))) return fail(res, 'INVALID_REQUESTER_INFO');

    let trader: ViesSandboxTrader | undefined;
    let valid: boolean;
    if (testService) {
      const answer = VIES_TEST_SERVICE_ANSWERS[vatNumber] ?? 'SERVICE_UNAVAILABLE';
      if (answer !== 'valid' && answer !== 'invalid') return fail(res, answer);
      valid = answer === 'valid';
    } else {
      if (unavailable.has(countryCode)) return fail(res, 'MS_UNAVAILABLE');
      trader = register.get(`${countryCode}${vatNumber}`);
      valid = trader !== undefined;
    }
    tally(stats.answers, valid ? 'valid' : 'invalid');
    send(res, 200, {
      countryCode,
      vatNumber,
      requestDate: clock().toISOString(),
      valid,
      // A consultation number only for a request naming its requester.
      requestIdentifier: requesterMs === undefined ? '' : `WAPI${randomBytes(9).toString('base64url').slice(0, 12)}`,
      name: trader?.name ?? '---',
      address: trader?.address ?? '---',
      traderName: '',
      traderStreet: '',
      traderPostalCode: '',
      traderCity: '',
      traderCompanyType: '',
      traderNameMatch: 'NOT_PROCESSED',
      traderStreetMatch: 'NOT_PROCESSED',
      traderPostalCodeMatch: 'NOT_PROCESSED',
      traderCityMatch: 'NOT_PROCESSED',
      traderCompanyTypeMatch: 'NOT_PROCESSED',
    });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    tally(stats.requests, path);
    const route = `${req.method} ${path}`;
    const done = (p: Promise<void>) => {
      p.catch(() => {
        if (!res.headersSent) send(res, 500, commonError('SERVICE_UNAVAILABLE'));
      });
    };
    switch (route) {
      case 'POST /check-vat-number':
        return done(check(req, res, false));
      case 'POST /check-vat-test-service':
        return done(check(req, res, true));
      case 'GET /check-status':
        return send(res, 200, {
          vow: { available: true },
          countries: VIES_SANDBOX_MEMBER_STATES.map((c) => ({ countryCode: c, availability: unavailable.has(c) ? 'Unavailable' : 'Available' })),
        });
      case 'GET /_sandbox/stats':
        return send(res, 200, { ...stats, pendingErrors: injected.length });
      default:
        return send(res, 404, commonError('NOT_FOUND'));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    port,
    injectError(code, count = 1) {
      for (let i = 0; i < count; i += 1) injected.push(code);
    },
    setUnavailable(codes) {
      unavailable = new Set(codes);
    },
    stats: () => ({ requests: { ...stats.requests }, answers: { ...stats.answers }, pendingErrors: injected.length }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
