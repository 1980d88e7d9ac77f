/**
 * Shared HTTP transport: one axios instance per vendor connection (timeouts, no redirects,
 * text bodies parsed without throwing) and the short in-process retry policy. The pipeline
 * (pipeline.ts) classifies every response (`validateStatus: () => true`) and retries;
 * Temporal owns the long retries.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import axios, { type AxiosInstance } from 'axios';
import type { Logger } from 'pino';
import { describeNetworkError } from './classify.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface HttpClientOptions {
  /** Vendor name, for logs. */
  readonly vendor: string;
  /** Omit for clients that call absolute URLs (e.g. a token endpoint). */
  readonly baseURL?: string;
  /** Read timeout: the socket may stay silent this long once the request is sent. */
  readonly timeoutMs?: number;
  /** TCP connect timeout. */
  readonly connectTimeoutMs?: number;
  readonly userAgent: string;
  readonly logger: Logger;
  readonly maxSockets?: number;
}

/** A response body that is not JSON (an HTML error page, a truncated document …). */
export class UnparsedBody {
  constructor(readonly text: string) {}

  /** The first characters, whitespace collapsed, for error messages. */
  preview(max = 120): string {
    const flat = this.text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max)}…` : flat;
  }
}

/**
 * Parses a text body as JSON without ever throwing: '' becomes undefined and anything that
 * is not JSON becomes an UnparsedBody, so callers can classify it (contract vs transient).
 */
export function parseResponseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data.trim() === '') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return new UnparsedBody(data);
  }
}

function connectTimeoutError(ms: number): Error {
  return Object.assign(new Error(`connect timeout after ${ms} ms`), { code: 'ETIMEDOUT' });
}

/** Destroys a socket that has not connected within `ms` (axios' own timeout is a read timeout). */
function guardConnect(socket: Duplex | null | undefined, ms: number): void {
  if (socket === null || socket === undefined || !('connecting' in socket)) return;
  const timer = setTimeout(() => {
    if ((socket as { connecting?: boolean }).connecting === true) socket.destroy(connectTimeoutError(ms));
  }, ms);
  timer.unref();
  const clear = (): void => clearTimeout(timer);
  socket.once('connect', clear);
  socket.once('close', clear);
}

/** Wraps `agent.createConnection` so that every socket it opens gets the connect timeout (http and https alike). */
function withConnectTimeout<A extends http.Agent>(agent: A, connectTimeoutMs: number): A {
  const createConnection = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const socket = createConnection(options, callback);
    guardConnect(socket, connectTimeoutMs);
    return socket;
  };
  return agent;
}

const PROXY_ENV = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'];

function proxyConfiguredInEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_ENV.some((name) => !!env[name]);
}

export function createHttpClient(options: HttpClientOptions): AxiosInstance {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16 };
  const instance = axios.create({
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    httpAgent: withConnectTimeout(new http.Agent(agentOptions), connectTimeoutMs),
    httpsAgent: withConnectTimeout(new https.Agent(agentOptions), connectTimeoutMs),
    headers: { 'user-agent': options.userAgent, accept: 'application/json' },
    // The caller classifies every status; axios must not throw on 4xx/5xx.
    validateStatus: () => true,
    // Read text and parse ourselves: an HTML error page must not throw inside axios.
    responseType: 'text',
    transformResponse: [parseResponseBody],
    // A redirect would carry our access-token header to another host: never follow one.
    maxRedirects: 0,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    // Without proxy variables, say so once: axios otherwise re-reads the environment for a
    // proxy on every request, a measurable share of a request's CPU at SP-API's call volume.
    ...(proxyConfiguredInEnv() ? {} : { proxy: false as const }),
  });
  const log = options.logger.child({ vendor: options.vendor, component: 'http' });
  instance.interceptors.response.use(
    (response) => {
      log.trace({ method: response.config.method, status: response.status }, 'http response');
      return response;
    },
    (error: unknown) => {
      log.trace({ error: describeNetworkError(error) }, 'http network error');
      return Promise.reject(error);
    },
  );
  return instance;
}

export interface RetryPolicy {
  /** Extra attempts after the first. */
  readonly retries: number;
  readonly minTimeoutMs: number;
  readonly maxTimeoutMs: number;
}

/** Short and in-process only: two retries within a few seconds. Temporal owns long retries. */
export const SHORT_RETRY_POLICY: RetryPolicy = { retries: 2, minTimeoutMs: 300, maxTimeoutMs: 3_000 };
