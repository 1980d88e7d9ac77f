/**
 * The country codes VIES answers for: the 27 member states as VIES spells them (EL, not GR,
 * for Greece) and XI for Northern Ireland (goods only, under the Windsor Framework).
 */
export const VIES_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'XI',
] as const;
export type ViesMemberState = (typeof VIES_MEMBER_STATES)[number];

const MEMBER_STATES: ReadonlySet<string> = new Set(VIES_MEMBER_STATES);

export function isViesMemberState(code: string): code is ViesMemberState {
  return MEMBER_STATES.has(code);
}

/**
 * The VIES code for a country given as ISO 3166-1 alpha-2 (GR → EL) or already in VIES form;
 * undefined for a country VIES does not cover (GB, NO, CH …).
 */
export function toViesCountryCode(country: string): ViesMemberState | undefined {
  const code = country.trim().toUpperCase();
  // VIES uses the EU's own code EL for Greece; ISO 3166-1 says GR.
  const vies = code === 'GR' ? 'EL' : code;
  return isViesMemberState(vies) ? vies : undefined;
}
