/**
 * The registers the stand-in answers for, as the EC's check-status lists them: the 27
 * member states in VIES spelling (EL for Greece) and XI (Northern Ireland). Kept here, not
 * taken from connectors/vies: a stand-in that shared the connector's table would agree with
 * its mistakes (a missing or misspelt code would pass both sides unnoticed).
 */
export const VIES_SANDBOX_MEMBER_STATES: readonly string[] = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'XI',
];
