/**
 * Secrets are referenced by name in the config file and read only inside activities
 * (never in workflow inputs, results or history, never logged).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const SecretRefSchema = z.union([
  z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name') }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
]);
export type SecretRef = z.infer<typeof SecretRefSchema>;

export class SecretUnavailableError extends Error {
  override readonly name = 'SecretUnavailableError';
}

export function describeSecretRef(ref: SecretRef): string {
  return 'env' in ref ? `environment variable ${ref.env}` : `secret file ${ref.file}`;
}

export function resolveSecret(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): string {
  if ('env' in ref) {
    const value = env[ref.env];
    if (!value) throw new SecretUnavailableError(`${describeSecretRef(ref)} is not set`);
    return value;
  }
  try {
    const value = readFileSync(ref.file, 'utf8').trim();
    if (!value) throw new SecretUnavailableError(`${describeSecretRef(ref)} is empty`);
    return value;
  } catch (e) {
    if (e instanceof SecretUnavailableError) throw e;
    throw new SecretUnavailableError(`${describeSecretRef(ref)} cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
