/**
 * A record without its absent fields: canonical records leave a field out rather than carry
 * `undefined` or an empty text (carriers send `""` for fields they do not know).
 */
export const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
