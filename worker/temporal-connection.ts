/**
 * Connections to Temporal: the embedded dev server by default, any cluster or Temporal
 * Cloud from TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / TLS files / TEMPORAL_API_KEY.
 */
import { readFileSync } from 'node:fs';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../temporal.config.js';

// @temporalio/proto is CommonJS: take the namespace from its default export under ESM.
const { temporal } = proto;
type IndexedValueType = proto.temporal.api.enums.v1.IndexedValueType;
import type { Env } from './env.js';

export interface TemporalTarget {
  address: string;
  namespace: string;
  apiKey?: string | undefined;
  tls?:
    | {
        clientCert?: Buffer;
        clientKey?: Buffer;
        serverRootCA?: Buffer;
        serverName?: string;
      }
    | undefined;
}

export function temporalTargetFromEnv(env: Env, fallbackAddress?: string): TemporalTarget {
  const address = env.TEMPORAL_ADDRESS ?? fallbackAddress;
  if (!address) throw new Error('no Temporal address: set TEMPORAL_ADDRESS or start the embedded dev server');
  const wantsTls =
    env.TEMPORAL_TLS ?? (!!env.TEMPORAL_API_KEY || !!env.TEMPORAL_TLS_CLIENT_CERT_PATH || !!env.TEMPORAL_TLS_SERVER_CA_CERT_PATH);
  const read = (p: string | undefined) => (p ? readFileSync(p) : undefined);
  const tls = wantsTls
    ? {
        ...(env.TEMPORAL_TLS_CLIENT_CERT_PATH ? { clientCert: read(env.TEMPORAL_TLS_CLIENT_CERT_PATH)! } : {}),
        ...(env.TEMPORAL_TLS_CLIENT_KEY_PATH ? { clientKey: read(env.TEMPORAL_TLS_CLIENT_KEY_PATH)! } : {}),
        ...(env.TEMPORAL_TLS_SERVER_CA_CERT_PATH ? { serverRootCA: read(env.TEMPORAL_TLS_SERVER_CA_CERT_PATH)! } : {}),
        ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverName: env.TEMPORAL_TLS_SERVER_NAME } : {}),
      }
    : undefined;
  return { address, namespace: env.TEMPORAL_NAMESPACE, apiKey: env.TEMPORAL_API_KEY, tls };
}

function tlsOption(t: TemporalTarget): ConnectionOptions['tls'] {
  if (!t.tls) return undefined;
  const { clientCert, clientKey, serverRootCA, serverName } = t.tls;
  return {
    ...(clientCert && clientKey ? { clientCertPair: { crt: clientCert, key: clientKey } } : {}),
    ...(serverRootCA ? { serverRootCACertificate: serverRootCA } : {}),
    ...(serverName ? { serverNameOverride: serverName } : {}),
  };
}

/** `connectTimeoutMs`: how long to wait for the server (the SDK's default is 10 s). */
export async function connectClient(t: TemporalTarget, connectTimeoutMs?: number): Promise<Connection> {
  const opts: ConnectionOptions = { address: t.address, ...(connectTimeoutMs === undefined ? {} : { connectTimeout: connectTimeoutMs }) };
  const tls = tlsOption(t);
  if (tls) opts.tls = tls;
  if (t.apiKey) opts.apiKey = t.apiKey;
  return Connection.connect(opts);
}

export async function connectWorker(t: TemporalTarget): Promise<NativeConnection> {
  const opts: NativeConnectionOptions = { address: t.address };
  const tls = tlsOption(t) as NativeConnectionOptions['tls'];
  if (tls) opts.tls = tls;
  if (t.apiKey) opts.apiKey = t.apiKey;
  return NativeConnection.connect(opts);
}

/** Connects, retrying while a just-started server comes up. */
export async function connectClientWithRetry(t: TemporalTarget, timeoutMs = 30_000): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const c = await connectClient(t);
      await c.workflowService.getSystemInfo({});
      return c;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`cannot reach Temporal at ${t.address}: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const SA_TYPES: Record<string, IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Text: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Double: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
};

/**
 * Registers Caravan's custom search attributes that the namespace lacks (the dev server
 * gets them as start flags; other clusters through the operator API). Returns the names
 * it added. Temporal Cloud manages attributes in its console and may refuse this call.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const have = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = Object.values(SEARCH_ATTRIBUTES).filter((a) => !have.has(a.name));
  if (missing.length === 0) return [];
  const searchAttributes: Record<string, IndexedValueType> = {};
  for (const a of missing) searchAttributes[a.name] = SA_TYPES[a.type]!;
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  return missing.map((a) => a.name);
}
