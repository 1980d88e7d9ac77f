/**
 * `caravan connect CHANNEL [--tenant T] --redirect-uri URL [--code CODE]`: the seller's consent
 * step for platforms whose sellers authorise the app (AliExpress, Alibaba.com).
 *
 * Without --code it prints the page the seller opens (the platform's authorisation URL with the
 * app key, the redirect URI registered for the app, and a state to compare). With the code the
 * platform sent back to the redirect URI it exchanges the code for tokens (signed with the app
 * secret the connection's secrets name) and stores each token where the connection's secrets
 * point: a `file:` reference is written (mode 0600); an `env:` reference cannot be written, so the
 * command says which variable to set and prints the value only with --print-tokens.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { findConnector, type AuthorizationStep, type GrantedTokens } from '../../connectors/registry.js';
import { RateLimiterRegistry } from '../../connectors/http/rate-limiter.js';
import { describeSecretRef, resolveSecret, SecretUnavailableError, type SecretRef } from '../../config/secrets.js';
import { findConnection, type TenantsConfig } from '../../config/tenants-config.js';
import { CliError } from '../output.js';
import { pickTenant } from './quotes.js';

export interface ConnectOptions {
  tenant?: string | undefined;
  redirectUri?: string | undefined;
  code?: string | undefined;
  state?: string | undefined;
  printTokens?: boolean | undefined;
}

export interface ConnectDeps {
  config: TenantsConfig;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

export type ConnectResult =
  | { step: 'authorize'; url: string; state: string }
  | { step: 'granted'; tokens: Omit<GrantedTokens, 'accessToken' | 'refreshToken'>; stored: string[]; toSet: { name: string; ref: string; value?: string }[] };

export async function connectCommand(deps: ConnectDeps, channel: string, o: ConnectOptions): Promise<ConnectResult> {
  const tenant = pickTenant(deps.config, o.tenant);
  let connection;
  try {
    connection = findConnection(deps.config, tenant, channel);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const descriptor = findConnector(connection.vendor);
  const step: AuthorizationStep<unknown> | undefined = descriptor?.authorization;
  if (step === undefined) throw new CliError(`${channel} (${connection.vendor}) has no consent step: its credentials are set in its secrets directly`);
  if (o.code === undefined) {
    if (o.redirectUri === undefined) throw new CliError('--redirect-uri is required: the callback URL registered for the app in the platform\'s console');
    const state = o.state ?? randomBytes(12).toString('hex');
    return { step: 'authorize', url: step.authorizeUrl(connection.settings, { redirectUri: o.redirectUri, state }), state };
  }
  const secrets: Record<string, string> = {};
  for (const name of step.needs) {
    const ref = connection.secrets[name];
    if (ref === undefined) throw new CliError(`tenants.${tenant}.connections.${channel}.secrets.${name} is not set: the exchange is signed with it`);
    try {
      secrets[name] = resolveSecret(ref, deps.env);
    } catch (e) {
      if (e instanceof SecretUnavailableError) throw new CliError(`${channel}: ${e.message}`);
      throw e;
    }
  }
  let granted: GrantedTokens;
  try {
    granted = await step.exchangeCode({ tenant, connection: `${tenant}/${channel}`, settings: connection.settings, secrets, code: o.code, limiter: new RateLimiterRegistry(), logger: deps.logger });
  } catch (e) {
    throw new CliError(`${channel}: the platform refused the authorisation code: ${(e as Error).message}`);
  }
  const stored: string[] = [];
  const toSet: { name: string; ref: string; value?: string }[] = [];
  const place = (name: string | undefined, value: string | undefined): void => {
    if (name === undefined || value === undefined) return;
    const ref: SecretRef | undefined = connection.secrets[name];
    if (ref !== undefined && 'file' in ref) {
      mkdirSync(dirname(ref.file), { recursive: true });
      writeFileSync(ref.file, `${value}\n`, { mode: 0o600 });
      stored.push(`${name} → ${describeSecretRef(ref)}`);
    } else {
      toSet.push({ name, ref: ref === undefined ? `(add secrets.${name} to the connection)` : describeSecretRef(ref), ...(o.printTokens ? { value } : {}) });
    }
  };
  place(step.grants.refreshToken, granted.refreshToken);
  place(step.grants.accessToken, granted.accessToken);
  const { accessToken: _a, refreshToken: _r, ...facts } = granted;
  return { step: 'granted', tokens: facts, stored, toSet };
}

export function formatConnectResult(channel: string, r: ConnectResult): string {
  if (r.step === 'authorize') {
    return [
      `Open this page as the seller and grant access:`,
      `  ${r.url}`,
      `The platform then redirects to your redirect URI with ?code=…&state=${r.state}.`,
      `Check the state, then run: caravan connect ${channel} --code CODE`,
    ].join('\n');
  }
  const lines = [`${channel}: authorised${r.tokens.account === undefined ? '' : ` as ${r.tokens.account}`}${r.tokens.expiresAt === undefined ? '' : `; access token valid until ${r.tokens.expiresAt}`}${r.tokens.refreshExpiresAt === undefined ? '' : `, refresh token until ${r.tokens.refreshExpiresAt}`}.`];
  for (const s of r.stored) lines.push(`  stored ${s}`);
  for (const t of r.toSet) lines.push(`  set ${t.name} in ${t.ref}${t.value === undefined ? ' (run again with --print-tokens to see the value, or point the secret at a file)' : `: ${t.value}`}`);
  return lines.join('\n');
}
