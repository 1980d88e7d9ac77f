/**
 * A configuration problem (environment, tenants file, a connection's settings or secrets):
 * the message names the field; commands exit with it, activities fail without retrying.
 */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';
}
