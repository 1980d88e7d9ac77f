/** A parsed JSON object (not null, not an array): the one guard every reply reader shares. */
export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
