/**
 * Special fiscal territories inside (or attached to) EU member states, as dated rules.
 *
 * An address is matched on its ISO country code plus its postcode (normalised: no spaces,
 * hyphens or country prefix such as "D-", "PT ", "FI-"), and on the city or region where a
 * postcode is shared with places that are not special (Livigno's old 23030). The rule says
 * what the place is for VAT:
 *
 * - `outside-eu-vat`: outside the EU VAT territory (VAT Directive 2006/112/EC art. 6): goods
 *   sent there from the EU are exported (zero-rated, art. 146), goods coming from there are
 *   imported. `localTax` says what the territory itself levies on goods entering it.
 * - `vat-area`: inside another state's VAT area (Büsingen: Swiss; art. 7 cases: Monaco is
 *   French, the UK Sovereign Base Areas are Cypriot): the address is treated as `vatArea`.
 * - `regional-rates`: inside the EU VAT territory, with the region's own rates
 *   (vat-rates-regional.ts rows with `subdivision`).
 *
 * Not matched (no postal addresses): the Italian waters of Lake Lugano (art. 6(1)(g) since
 * 2020). The Channel Islands (art. 6(1)(e)) are no longer part of a member state.
 *
 * Rules before COVERAGE_FROM (2021-07-01) are kept where a change happened before it
 * (Campione d'Italia 2020): the engine quotes from COVERAGE_FROM, territoryOn() answers for
 * any date.
 */

/** What the territory levies on goods that enter it. */
export type LocalTax =
  /** No VAT-type tax on goods entering (Heligoland, Livigno, Mount Athos, French Guiana, Mayotte). */
  | { readonly kind: 'none'; readonly note: string }
  /** A tax whose rates are encoded: rows of `country` (and `subdivision`) in the VAT rate table. */
  | {
      readonly kind: 'rates';
      readonly tax: string;
      readonly country: string;
      readonly subdivision?: string;
      readonly note: string;
      /** Levied on final consumption only: a business importer does not pay it (the text says why). */
      readonly consumersOnly?: string;
      /** Scheme rule (with a tax-amount threshold) under which a small import tax is not collected, for goods from outside the EU. */
      readonly minimumRule?: string;
    }
  /** A tax exists but its rates and reliefs are not encoded here: the quote says so instead of guessing. */
  | { readonly kind: 'not-encoded'; readonly tax: string; readonly note: string };

export interface SpecialTerritory {
  /** Stable id, also the quote's jurisdiction: ISO 3166-2 where one exists ('ES-CN', 'PT-30', 'FI-01'). */
  readonly id: string;
  readonly name: string;
  /** The member state (ISO 3166-1 alpha-2) addresses give with the place's postcode. */
  readonly country: string;
  /** ISO 3166-1 alpha-2 codes of the place itself ('AX' Åland, 'GP' Guadeloupe …): matched without a postcode. */
  readonly isoCodes?: readonly string[];
  /** Regular expressions on the normalised postcode (digits only). */
  readonly postcodes: readonly RegExp[];
  /** When set, the city or region must also name one of these (a postcode shared with other places). */
  readonly places?: readonly string[];
  /** Region names or ISO 3166-2 codes that identify the place when the address has no postcode. */
  readonly regionNames?: readonly string[];
  readonly status: 'outside-eu-vat' | 'vat-area' | 'regional-rates';
  /** `vat-area`: the VAT area the place belongs to ('CH'). */
  readonly vatArea?: string;
  /** `regional-rates`: the subdivision of the rate rows ('30' Madeira). */
  readonly subdivision?: string;
  /** `outside-eu-vat`: the territory's own tax on goods entering it. */
  readonly localTax?: LocalTax;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string;
  readonly description: string;
  readonly source: string;
}

const ART6 = 'Council Directive 2006/112/EC (VAT Directive) art. 6';
const ART7 = 'Council Directive 2006/112/EC (VAT Directive) art. 7';
const UCC = 'Regulation (EU) No 952/2013 (Union Customs Code) art. 4';
/** Far back enough that the rule is in force on every day the engine quotes (start not recorded here). */
const LONG_AGO = '2007-01-01';

const FR_DOM_VAT =
  'Code général des impôts art. 294 and 296 (BOFiP BOI-TVA-GEO-10-10): VAT applies in Guadeloupe, Martinique and La Réunion at 8.5 % / 2.1 % / 1.05 %; not applicable in French Guiana and Mayotte';

export const SPECIAL_TERRITORIES: readonly SpecialTerritory[] = [
  // — Germany —
  {
    id: 'DE-HELGOLAND',
    regionNames: ['HELGOLAND', 'HELIGOLAND'],
    name: 'Heligoland',
    country: 'DE',
    postcodes: [/^27498$/],
    status: 'outside-eu-vat',
    localTax: { kind: 'none', note: 'Heligoland levies no VAT and is outside the EU customs territory: no import VAT on goods arriving there' },
    effectiveFrom: LONG_AGO,
    description: 'Heligoland (postcode 27498): German territory outside the EU VAT and customs territories',
    source: `${ART6}(2)(a); Umsatzsteuergesetz § 1(2) (Helgoland not part of the Inland); ${UCC}`,
  },
  {
    id: 'DE-BUESINGEN',
    regionNames: ['BÜSINGEN', 'BUESINGEN', 'BUSINGEN', 'BÜSINGEN AM HOCHRHEIN'],
    name: 'Büsingen am Hochrhein',
    country: 'DE',
    postcodes: [/^78266$/],
    status: 'vat-area',
    vatArea: 'CH',
    effectiveFrom: LONG_AGO,
    description: 'Büsingen am Hochrhein (postcode 78266): German exclave in the Swiss customs and VAT area; Swiss VAT applies',
    source: `${ART6}(2)(b); ${UCC}; Swiss Federal Act on VAT (MWSTG) art. 3(a) (Inland includes the customs enclaves); German–Swiss treaty on Büsingen of 23 November 1964`,
  },

  // — Spain —
  {
    id: 'ES-CN',
    regionNames: ['ES-CN', 'CANARIAS', 'ISLAS CANARIAS', 'CANARY ISLANDS', 'LAS PALMAS', 'SANTA CRUZ DE TENERIFE', 'ES-GC', 'ES-TF'],
    name: 'Canary Islands',
    country: 'ES',
    postcodes: [/^35\d{3}$/, /^38\d{3}$/],
    status: 'outside-eu-vat',
    localTax: {
      kind: 'not-encoded',
      tax: 'IGIC',
      note:
        'the Canary Islands General Indirect Tax (IGIC, general rate 7 %, reduced 3 %, zero for basic goods; plus AIEM on some goods) is levied at import by the Agencia Tributaria Canaria; its rates by product and import reliefs are not encoded',
    },
    effectiveFrom: LONG_AGO,
    description: 'Canary Islands (postcodes 35xxx Las Palmas, 38xxx Santa Cruz de Tenerife): outside the EU VAT territory, inside the customs union',
    source: `${ART6}(1)(b); Ley 37/1992 del IVA art. 3; Ley 20/1991 (IGIC)`,
  },
  {
    id: 'ES-CE',
    regionNames: ['ES-CE', 'CEUTA'],
    name: 'Ceuta',
    country: 'ES',
    postcodes: [/^51\d{3}$/],
    status: 'outside-eu-vat',
    localTax: {
      kind: 'not-encoded',
      tax: 'IPSI',
      note: "Ceuta's Impuesto sobre la Producción, los Servicios y la Importación (IPSI) is levied at import; its rates are set by the city and not encoded",
    },
    effectiveFrom: LONG_AGO,
    description: 'Ceuta (postcodes 51xxx): outside the EU VAT and customs territories',
    source: `${ART6}(2)(c); Ley 37/1992 del IVA art. 3; Ley 8/1991 (IPSI)`,
  },
  {
    id: 'ES-ML',
    regionNames: ['ES-ML', 'MELILLA'],
    name: 'Melilla',
    country: 'ES',
    postcodes: [/^52\d{3}$/],
    status: 'outside-eu-vat',
    localTax: {
      kind: 'not-encoded',
      tax: 'IPSI',
      note: "Melilla's Impuesto sobre la Producción, los Servicios y la Importación (IPSI) is levied at import; its rates are set by the city and not encoded",
    },
    effectiveFrom: LONG_AGO,
    description: 'Melilla (postcodes 52xxx): outside the EU VAT and customs territories',
    source: `${ART6}(2)(d); Ley 37/1992 del IVA art. 3; Ley 8/1991 (IPSI)`,
  },

  // — France: TFEU art. 349 outermost regions (art. 6(1)(c)) and overseas countries and territories —
  // Specific postcodes first: 97133 and 97150 share the 971 prefix with Guadeloupe.
  {
    id: 'FR-MF',
    regionNames: ['FR-MF', 'SAINT-MARTIN'],
    name: 'Saint-Martin',
    country: 'FR',
    isoCodes: ['MF'],
    postcodes: [/^97150$/],
    status: 'outside-eu-vat',
    localTax: {
      kind: 'not-encoded',
      tax: 'Saint-Martin local taxes',
      note: 'Saint-Martin (a TFEU art. 349 outermost region) levies no French VAT; its own taxes on goods entering (collectivité taxes) are not encoded',
    },
    effectiveFrom: LONG_AGO,
    description: 'Saint-Martin (postcode 97150): outermost region outside the EU VAT territory; French VAT does not apply',
    source: `${ART6}(1)(c); TFEU art. 349 and 355(1); Code général des impôts art. 294; loi organique 2007-223 (collectivité de Saint-Martin)`,
  },
  {
    id: 'FR-BL',
    regionNames: ['FR-BL', 'SAINT-BARTHÉLEMY', 'SAINT-BARTHELEMY'],
    name: 'Saint-Barthélemy',
    country: 'FR',
    isoCodes: ['BL'],
    postcodes: [/^97133$/],
    status: 'outside-eu-vat',
    localTax: {
      kind: 'not-encoded',
      tax: 'Saint-Barthélemy local taxes',
      note: 'Saint-Barthélemy has been an overseas country and territory outside the EU since 2012-01-01; it levies no VAT, and its own duties on goods entering are not encoded',
    },
    effectiveFrom: LONG_AGO,
    description: 'Saint-Barthélemy (postcode 97133): outside the EU (an overseas country and territory since 2012); no VAT',
    source: 'European Council Decision 2010/718/EU (status of Saint-Barthélemy from 1 January 2012); TFEU art. 355(2); Code général des impôts art. 294',
  },
  {
    id: 'FR-971',
    regionNames: ['FR-971', 'FR-GP', 'GUADELOUPE'],
    name: 'Guadeloupe',
    country: 'FR',
    isoCodes: ['GP'],
    postcodes: [/^971\d{2}$/],
    status: 'outside-eu-vat',
    localTax: {
      kind: 'rates',
      tax: 'VAT (DOM)',
      country: 'FR',
      subdivision: '971',
      note: 'French VAT at the overseas rates (8.5 % standard, 2.1 % reduced, 1.05 % on press and reimbursable medicines) is due on import; octroi de mer is a separate duty, not quoted',
    },
    effectiveFrom: LONG_AGO,
    description: 'Guadeloupe (postcodes 971xx except 97133 and 97150): French overseas department outside the EU VAT territory, with its own VAT rates',
    source: `${ART6}(1)(c); TFEU art. 349; ${FR_DOM_VAT}`,
  },
  {
    id: 'FR-972',
    regionNames: ['FR-972', 'FR-MQ', 'MARTINIQUE'],
    name: 'Martinique',
    country: 'FR',
    isoCodes: ['MQ'],
    postcodes: [/^972\d{2}$/],
    status: 'outside-eu-vat',
    localTax: {
      kind: 'rates',
      tax: 'VAT (DOM)',
      country: 'FR',
      subdivision: '972',
      note: 'French VAT at the overseas rates (8.5 % standard, 2.1 % reduced, 1.05 % on press and reimbursable medicines) is due on import; octroi de mer is a separate duty, not quoted',
    },
    effectiveFrom: LONG_AGO,
    description: 'Martinique (postcodes 972xx): French overseas department outside the EU VAT territory, with its own VAT rates',
    source: `${ART6}(1)(c); TFEU art. 349; ${FR_DOM_VAT}`,
  },
  {
    id: 'FR-973',
    regionNames: ['FR-973', 'FR-GF', 'GUYANE', 'FRENCH GUIANA', 'GUYANE FRANÇAISE'],
    name: 'French Guiana',
    country: 'FR',
    isoCodes: ['GF'],
    postcodes: [/^973\d{2}$/],
    status: 'outside-eu-vat',
    localTax: { kind: 'none', note: 'VAT is provisionally not applicable in French Guiana (CGI art. 294); octroi de mer is a separate duty, not quoted' },
    effectiveFrom: LONG_AGO,
    description: 'French Guiana (postcodes 973xx): French overseas department outside the EU VAT territory; no VAT',
    source: `${ART6}(1)(c); TFEU art. 349; ${FR_DOM_VAT}`,
  },
  {
    id: 'FR-974',
    regionNames: ['FR-974', 'FR-RE', 'LA RÉUNION', 'RÉUNION', 'LA REUNION', 'REUNION'],
    name: 'La Réunion',
    country: 'FR',
    isoCodes: ['RE'],
    postcodes: [/^974\d{2}$/],
    status: 'outside-eu-vat',
    localTax: {
      kind: 'rates',
      tax: 'VAT (DOM)',
      country: 'FR',
      subdivision: '974',
      note: 'French VAT at the overseas rates (8.5 % standard, 2.1 % reduced, 1.05 % on press and reimbursable medicines) is due on import; octroi de mer is a separate duty, not quoted',
    },
    effectiveFrom: LONG_AGO,
    description: 'La Réunion (postcodes 974xx): French overseas department outside the EU VAT territory, with its own VAT rates',
    source: `${ART6}(1)(c); TFEU art. 349; ${FR_DOM_VAT}`,
  },
  {
    id: 'FR-976',
    regionNames: ['FR-976', 'FR-YT', 'MAYOTTE'],
    name: 'Mayotte',
    country: 'FR',
    isoCodes: ['YT'],
    postcodes: [/^976\d{2}$/],
    status: 'outside-eu-vat',
    localTax: { kind: 'none', note: 'VAT is provisionally not applicable in Mayotte (CGI art. 294); octroi de mer is a separate duty, not quoted' },
    effectiveFrom: '2014-01-01',
    description: 'Mayotte (postcodes 976xx): outermost region since 2014-01-01, outside the EU VAT territory; no VAT',
    source: `${ART6}(1)(c); TFEU art. 349; Council Directive 2013/61/EU (Mayotte from 1 January 2014); ${FR_DOM_VAT}`,
  },
  {
    id: 'FR-PM',
    regionNames: ['FR-PM', 'SAINT-PIERRE-ET-MIQUELON'],
    name: 'Saint-Pierre-et-Miquelon',
    country: 'FR',
    isoCodes: ['PM'],
    postcodes: [/^975\d{2}$/],
    status: 'outside-eu-vat',
    localTax: { kind: 'not-encoded', tax: 'Saint-Pierre-et-Miquelon local duties', note: 'an overseas country and territory without VAT; its own duties on goods entering are not encoded' },
    effectiveFrom: LONG_AGO,
    description: 'Saint-Pierre-et-Miquelon (postcodes 975xx): overseas country and territory outside the EU; no VAT',
    source: 'TFEU art. 355(2) and Annex II (overseas countries and territories); Code général des impôts art. 294',
  },
  {
    id: 'FR-OCT-PACIFIC',
    name: 'French Polynesia, New Caledonia, Wallis and Futuna',
    country: 'FR',
    postcodes: [/^98[678]\d{2}$/],
    status: 'outside-eu-vat',
    localTax: { kind: 'not-encoded', tax: 'local consumption taxes', note: 'each collectivity levies its own consumption taxes (e.g. TVA of French Polynesia, TGC of New Caledonia); not encoded' },
    effectiveFrom: LONG_AGO,
    description: 'French Pacific collectivities (postcodes 986xx, 987xx, 988xx): overseas countries and territories outside the EU',
    source: 'TFEU art. 355(2) and Annex II (overseas countries and territories)',
  },

  // — Finland —
  {
    id: 'FI-01',
    regionNames: ['FI-01', 'ÅLAND', 'ALAND', 'AHVENANMAA'],
    name: 'Åland Islands',
    country: 'FI',
    isoCodes: ['AX'],
    postcodes: [/^22\d{3}$/],
    status: 'outside-eu-vat',
    localTax: {
      kind: 'rates',
      tax: 'Finnish VAT',
      country: 'FI',
      note: 'Finnish VAT at the Finnish rates is levied on goods entering Åland (the "tax border"), collected at import by Finnish Customs',
    },
    effectiveFrom: LONG_AGO,
    description: 'Åland Islands (postcodes 22xxx): part of Finland outside the EU VAT territory (tax border); Finnish VAT at import',
    source: `${ART6}(1)(d); Protocol No 2 to the 1994 Act of Accession (Åland); Finnish Tax Administration (vero.fi), 'VAT and the Åland tax border'`,
  },

  // — Greece —
  {
    id: 'GR-69',
    regionNames: ['GR-69', 'MOUNT ATHOS', 'AGION OROS', 'ÁGION ÓROS', 'ΆΓΙΟ ΌΡΟΣ', 'ΑΓΙΟΝ ΟΡΟΣ'],
    name: 'Mount Athos',
    country: 'GR',
    postcodes: [/^6308[67]$/],
    status: 'outside-eu-vat',
    localTax: { kind: 'none', note: 'Mount Athos levies no VAT; goods sent there are exempt as exports from the Greek VAT territory' },
    effectiveFrom: LONG_AGO,
    description: 'Mount Athos (postcodes 630 86 Karyes, 630 87): outside the EU VAT territory, inside the customs union',
    source: `${ART6}(1)(a); Greek VAT Code (Law 2859/2000), territorial scope (Mount Athos excluded)`,
  },

  // — Italy —
  {
    id: 'IT-LIVIGNO',
    name: 'Livigno',
    country: 'IT',
    postcodes: [/^23041$/],
    status: 'outside-eu-vat',
    localTax: { kind: 'none', note: 'Livigno levies no VAT and is outside the EU customs territory (extra-doganale): no import VAT' },
    effectiveFrom: LONG_AGO,
    description: 'Livigno (postcode 23041): outside the EU VAT and customs territories',
    source: `${ART6}(2)(e); DPR 633/1972 art. 7; ${UCC}`,
  },
  {
    id: 'IT-LIVIGNO',
    name: 'Livigno',
    country: 'IT',
    postcodes: [/^23030$/],
    places: ['LIVIGNO', 'TREPALLE'],
    status: 'outside-eu-vat',
    localTax: { kind: 'none', note: 'Livigno levies no VAT and is outside the EU customs territory (extra-doganale): no import VAT' },
    effectiveFrom: LONG_AGO,
    description:
      'Livigno under the postcode 23030 it shares with other communes of Alta Valtellina (sources differ between 23030 and 23041): special only when the city or region names Livigno or Trepalle',
    source: `${ART6}(2)(e); DPR 633/1972 art. 7; ${UCC}`,
  },
  {
    id: 'IT-CAMPIONE',
    name: "Campione d'Italia",
    country: 'IT',
    postcodes: [/^22061$/],
    status: 'vat-area',
    vatArea: 'CH',
    effectiveFrom: LONG_AGO,
    effectiveTo: '2019-12-31',
    description: "Campione d'Italia (postcode 22061) until 2019-12-31: outside the EU VAT and customs territories, in the Swiss customs area; treated as Swiss",
    source: `${ART6}(2)(f) as in force until 2019; ${UCC} before Regulation (EU) 2019/474; Swiss MWSTG art. 3(a)`,
  },
  {
    id: 'IT-CAMPIONE',
    name: "Campione d'Italia",
    country: 'IT',
    postcodes: [/^22061$/],
    status: 'outside-eu-vat',
    localTax: {
      kind: 'rates',
      tax: 'ILCCI',
      country: 'IT',
      subdivision: 'CAMPIONE',
      note:
        "the imposta locale sul consumo di Campione d'Italia (ILCCI), at the Swiss VAT rates, is due on goods imported or introduced from the EU for final consumption, assessed by customs on the customs value plus duties and forwarding costs to the comune",
      consumersOnly:
        'the ILCCI taxes final consumption only: a business importer that gives customs its details (DM 16 December 2020 art. 7(2), 20) does not pay it',
      minimumRule: 'IT-CAMPIONE-ILCCI-MINIMUM',
    },
    effectiveFrom: '2020-01-01',
    description: "Campione d'Italia (postcode 22061) from 2020-01-01: inside the EU customs territory, still outside the EU VAT territory; local consumption tax ILCCI",
    source: `${ART6}(1)(f) as amended by Council Directive (EU) 2019/475; Regulation (EU) 2019/474; Legge 27 dicembre 2019 n. 160 art. 1 commi 559-572; MEF (finanze.gov.it) 'Imposta locale sul consumo di Campione d'Italia – Linee guida' (30.12.2019)`,
  },

  // — Portugal: autonomous regions with their own rates (inside the EU VAT territory) —
  {
    id: 'PT-30',
    regionNames: ['PT-30', 'MADEIRA', 'REGIÃO AUTÓNOMA DA MADEIRA'],
    name: 'Madeira',
    country: 'PT',
    postcodes: [/^9[0-4]\d{2}(\d{3})?$/],
    status: 'regional-rates',
    subdivision: '30',
    effectiveFrom: LONG_AGO,
    description: 'Autonomous Region of Madeira (postcodes 9000–9399 Madeira, 9400 Porto Santo): EU VAT territory, regional rates (Código do IVA art. 18(3)(b))',
    source: 'Código do IVA art. 18(3); Decreto-Lei 347/85 art. 1 (operations located in the regions under the criteria of CIVA art. 6)',
  },
  {
    id: 'PT-20',
    regionNames: ['PT-20', 'AÇORES', 'ACORES', 'AZORES', 'REGIÃO AUTÓNOMA DOS AÇORES'],
    name: 'Azores',
    country: 'PT',
    postcodes: [/^9[5-9]\d{2}(\d{3})?$/],
    status: 'regional-rates',
    subdivision: '20',
    effectiveFrom: LONG_AGO,
    description: 'Autonomous Region of the Azores (postcodes 9500–9999): EU VAT territory, regional rates (Código do IVA art. 18(3)(a))',
    source: 'Código do IVA art. 18(3); Decreto-Lei 347/85 art. 1 (operations located in the regions under the criteria of CIVA art. 6)',
  },

  // — Art. 7: treated as part of another member state (kept for the record: addresses there use these codes) —
  {
    id: 'CY-SBA',
    name: 'Akrotiri and Dhekelia',
    country: 'CY',
    postcodes: [],
    status: 'vat-area',
    vatArea: 'CY',
    effectiveFrom: LONG_AGO,
    description: 'UK Sovereign Base Areas of Akrotiri and Dhekelia: treated as Cyprus for VAT (addresses give CY; nothing to match)',
    source: `${ART7}(1)`,
  },
];

/** Country prefixes addresses put before a postcode ("D-78266", "PT 9000-018", "FI-22100", "I-22061"). */
const PREFIX = /^(?:[A-Z]{1,3})[\s-]*(?=\d)/;

/**
 * Digits of a postcode: upper-cased, a leading country prefix removed ("D-", "PT ", "AX-",
 * "FIN-"), then spaces, hyphens and dots removed. Postcodes with letters elsewhere (UK, NL)
 * are returned without spaces but otherwise unchanged.
 */
export function normalisePostcode(raw: string | undefined): string {
  const text = (raw ?? '').trim().toUpperCase().replace(PREFIX, '');
  return text.replace(/[\s.\-–]/g, '');
}

function placeNamed(names: readonly string[], address: { city?: string | undefined; region?: string | undefined }): boolean {
  const said = [address.city, address.region].filter((t): t is string => t !== undefined).map((t) => t.trim().toUpperCase());
  return said.some((t) => names.some((n) => t.includes(n)));
}

function regionNamed(names: readonly string[], region: string | undefined): boolean {
  const said = region?.trim().toUpperCase();
  return said !== undefined && said !== '' && names.includes(said);
}

/**
 * The special territory of an address on `date`, if any: matched by the place's own ISO
 * code ('AX', 'GP' …) or by member state + postcode (+ city/region for a shared postcode);
 * an address without a postcode by its region ('Madeira', 'PT-30', 'Canarias').
 */
export function territoryOn(
  address: { country: string; postalCode?: string | undefined; city?: string | undefined; region?: string | undefined },
  date: string,
): SpecialTerritory | undefined {
  const postcode = normalisePostcode(address.postalCode);
  return SPECIAL_TERRITORIES.find((t) => {
    if (t.effectiveFrom > date || (t.effectiveTo !== undefined && date > t.effectiveTo)) return false;
    if (t.isoCodes?.includes(address.country)) return true;
    if (t.country !== address.country) return false;
    if (postcode === '') return t.regionNames !== undefined && regionNamed(t.regionNames, address.region);
    if (!t.postcodes.some((p) => p.test(postcode))) return false;
    return t.places === undefined || placeNamed(t.places, address);
  });
}
