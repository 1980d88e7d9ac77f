/**
 * Who charges which country's tax on a cross-border sale: low-value import schemes (IOSS,
 * UK £135, VOEC, AU/NZ/SG low-value goods), the EU distance-sales threshold, import VAT at
 * the border, reverse charge, small-amount reliefs. Thresholds are dated data with their
 * source, like the rates; the engine (quote-tax.ts) only compares and routes.
 */
import { COVERAGE_FROM } from './rate-entry.js';

export interface SchemeThreshold {
  /** Decimal amount in `currency` ("150", "3000"). */
  readonly amount: string;
  readonly currency: string;
  /** What is measured: the whole consignment, each item, sales over a calendar year, or the tax due. */
  readonly measure: 'consignment' | 'item' | 'calendar-year' | 'tax-amount';
  /** `at-most`: the scheme applies when value ≤ amount; `below`: value < amount; `above`: value > amount. */
  readonly applies: 'at-most' | 'below' | 'above';
}

export interface SchemeRule {
  /** Stable key the engine asks for ('EU-IOSS'). */
  readonly key: string;
  readonly description: string;
  readonly source: string;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string;
  readonly threshold?: SchemeThreshold;
}

const VAT_DIRECTIVE = 'Council Directive 2006/112/EC (VAT Directive) as amended by Directives (EU) 2017/2455 and 2019/1995';
const EU_NOTES = "European Commission, 'Explanatory Notes on VAT e-commerce rules' (September 2020)";
const HMRC_LVG =
  "HMRC, 'VAT and overseas goods sold directly to customers in the UK' (gov.uk), Taxation (Cross-border Trade) Act 2018 and VAT Act 1994 s 5A, from 1 January 2021";
const WINDSOR = 'Windsor Framework (Protocol on Ireland/Northern Ireland) art. 8: EU VAT rules for goods apply in Northern Ireland; HMRC VAT Notice 700 and guidance on Northern Ireland';
const VOEC = "Skatteetaten (skatteetaten.no), 'VOEC – VAT on E-Commerce': low-value goods scheme from 1 April 2020";
const TOLL = 'Tolletaten (toll.no): VAT on imported goods not covered by VOEC is collected at import';
const MWSTG = 'Swiss Federal Act on VAT (MWSTG)';
const BAZG = 'Federal Office for Customs and Border Security (BAZG)';
const ATO_LVG = "Australian Taxation Office (ato.gov.au), 'GST on low value imported goods' from 1 July 2018 (GST Act Division 84-C)";
const ABF = 'Australian Border Force / ATO: GST on taxable importations (GST Act Division 13) collected at the border';
const IRD_LVG = "Inland Revenue (ird.govt.nz), 'GST on low-value imported goods' from 1 December 2019 (GST Act 1985 s 8(3)(c))";
const NZCS = 'New Zealand Customs Service (customs.govt.nz): GST on imported goods above NZD 1,000 collected at the border';
const IRAS_LVG = "IRAS (iras.gov.sg), 'GST on imported low-value goods' (Overseas Vendor Registration) from 1 January 2023";
const IRAS_RELIEF = 'Singapore Customs / IRAS: import GST relief for goods imported by air or post valued at SGD 400 or less (until 31 December 2022 for goods bought from overseas vendors)';
const SGCUSTOMS = 'Singapore Customs (customs.gov.sg): import GST collected at the border';
const JPC = 'Japan Customs (customs.go.jp): import consumption tax collected at customs (Consumption Tax Act art. 4(2), 5(2))';
const NTA = 'National Tax Agency of Japan (nta.go.jp): domestic consumption tax (Consumption Tax Act art. 4(1))';
const CRA = 'Canada Revenue Agency (canada.ca): GST/HST place-of-supply rules (Excise Tax Act Schedule IX) and provincial sales tax acts';
const CBSA = 'Canada Border Services Agency (cbsa-asfc.gc.ca): GST/HST on imported goods (Excise Tax Act Division III) and provincial taxes collected at the border';

export const SCHEME_RULES: readonly SchemeRule[] = [
  // — European Union (and Northern Ireland for goods) —
  {
    key: 'EU-DOMESTIC',
    description: 'Domestic supply: goods dispatched and delivered within one member state are taxed there at its rates',
    source: `${VAT_DIRECTIVE}, art. 31-32`,
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'EU-DISTANCE-THRESHOLD',
    description:
      'EU-wide threshold for intra-EU distance sales of goods: while cross-border B2C sales stay at or below EUR 10,000 in the current and the previous calendar year, the seller charges its own member state\'s VAT; above it, the destination\'s VAT (through OSS)',
    source: `${VAT_DIRECTIVE}, art. 59c; ${EU_NOTES}`,
    effectiveFrom: COVERAGE_FROM,
    threshold: { amount: '10000', currency: 'EUR', measure: 'calendar-year', applies: 'above' },
  },
  {
    key: 'EU-DISTANCE-ORIGIN',
    description: "Intra-EU distance sale under the EUR 10,000 threshold: VAT of the seller's member state",
    source: `${VAT_DIRECTIVE}, art. 59c(1)`,
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'EU-OSS',
    description: "Intra-EU distance sale of goods taxed where the transport ends (destination member state's VAT), declared through the Union OSS",
    source: `${VAT_DIRECTIVE}, art. 33(a), 369a-369k`,
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'EU-MARKETPLACE-INTRA',
    description:
      'Marketplace as deemed supplier: a platform facilitating sales of goods within the EU by a seller not established in the EU is deemed to have received and supplied the goods itself',
    source: `${VAT_DIRECTIVE}, art. 14a(2)`,
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'EU-INTRA-B2B',
    description:
      "Intra-Community supply to a business with a valid VAT number of another member state: exempt for the seller, the buyer accounts for the acquisition VAT in its member state (reverse charge)",
    source: `${VAT_DIRECTIVE}, art. 138(1), 20, 40, 200`,
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'EU-IOSS',
    description:
      "Distance sale of goods imported from outside the EU in consignments of intrinsic value up to EUR 150: the destination's VAT is charged at the sale through the Import One-Stop Shop (IOSS), and the import is VAT-exempt",
    source: `${VAT_DIRECTIVE}, art. 14(4)(2), 33(c), 143(1)(ca), 369l-369x; ${EU_NOTES}`,
    effectiveFrom: COVERAGE_FROM,
    threshold: { amount: '150', currency: 'EUR', measure: 'consignment', applies: 'at-most' },
  },
  {
    key: 'EU-IOSS-MARKETPLACE',
    description:
      'Marketplace as deemed supplier for distance sales of imported goods in consignments up to EUR 150: the platform charges the destination VAT through its IOSS registration',
    source: `${VAT_DIRECTIVE}, art. 14a(1); ${EU_NOTES}`,
    effectiveFrom: COVERAGE_FROM,
    threshold: { amount: '150', currency: 'EUR', measure: 'consignment', applies: 'at-most' },
  },
  {
    key: 'EU-IMPORT',
    description:
      'Import VAT on goods entering the EU, collected by customs in the member state of importation (customs duty is quoted separately); deductible for a VAT-registered importer',
    source: `${VAT_DIRECTIVE}, art. 30, 60, 70-71, 85, 201`,
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'EU-IMPORT-NO-IOSS',
    description:
      'Consignment up to EUR 150 sold without IOSS: import VAT is collected at importation by customs (or by the carrier under the special arrangements for declaration and payment)',
    source: `${VAT_DIRECTIVE}, art. 369y-369zb; ${EU_NOTES}`,
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'XI-GOODS',
    description: 'Northern Ireland: EU VAT rules for goods apply (VAT numbers prefixed XI), at United Kingdom VAT rates',
    source: WINDSOR,
    effectiveFrom: '2021-01-01',
  },

  // — United Kingdom (Great Britain) —
  {
    key: 'GB-DOMESTIC',
    description: 'Domestic supply within the United Kingdom: UK VAT charged by the seller',
    source: 'VAT Act 1994 s 4; HMRC VAT Notice 700',
    effectiveFrom: '2021-01-01',
  },
  {
    key: 'GB-LOW-VALUE',
    description:
      'Goods sold to UK customers in consignments of intrinsic value up to GBP 135 imported from outside the UK: the seller (or the online marketplace as deemed supplier) charges UK VAT at the point of sale; no import VAT at the border',
    source: HMRC_LVG,
    effectiveFrom: '2021-01-01',
    threshold: { amount: '135', currency: 'GBP', measure: 'consignment', applies: 'at-most' },
  },
  {
    key: 'GB-LOW-VALUE-B2B',
    description:
      'Consignment up to GBP 135 sold to a UK VAT-registered business that gave its VAT number: the seller does not charge VAT, the buyer accounts for it under the reverse charge',
    source: HMRC_LVG,
    effectiveFrom: '2021-01-01',
    threshold: { amount: '135', currency: 'GBP', measure: 'consignment', applies: 'at-most' },
  },
  {
    key: 'GB-IMPORT',
    description: 'Consignment above GBP 135: import VAT (and customs duty) collected at the UK border',
    source: `${HMRC_LVG}; HMRC VAT Notice 702`,
    effectiveFrom: '2021-01-01',
  },

  // — Norway —
  {
    key: 'NO-DOMESTIC',
    description: 'Domestic supply in Norway: Norwegian VAT charged by the seller',
    source: 'Merverdiavgiftsloven § 3-1; Skatteetaten',
    effectiveFrom: '2005-01-01',
  },
  {
    key: 'NO-VOEC',
    description:
      'VOEC: goods with a value below NOK 3,000 per item (excluding shipping and insurance) sold to consumers in Norway: the VOEC-registered seller or marketplace charges Norwegian VAT at the sale',
    source: VOEC,
    effectiveFrom: '2020-04-01',
    threshold: { amount: '3000', currency: 'NOK', measure: 'item', applies: 'below' },
  },
  {
    key: 'NO-IMPORT',
    description: 'Goods not covered by VOEC (item of NOK 3,000 or more, business buyer, or seller not VOEC-registered): VAT collected at import',
    source: TOLL,
    effectiveFrom: '2020-04-01',
  },

  // — Switzerland (and Liechtenstein, in the Swiss VAT and customs area) —
  {
    key: 'CH-DOMESTIC',
    description: 'Domestic supply in Switzerland/Liechtenstein: Swiss VAT charged by the seller',
    source: `${MWSTG} art. 1, 25`,
    effectiveFrom: '2018-01-01',
  },
  {
    key: 'CH-IMPORT',
    description: 'Import VAT on goods entering Switzerland, collected by the BAZG on the value including transport to the destination',
    source: `${MWSTG} art. 50-56; ${BAZG}`,
    effectiveFrom: '2018-01-01',
  },
  {
    key: 'CH-SMALL-AMOUNT',
    description: 'Import tax amounts of CHF 5 or less per customs declaration are not collected',
    source: `${MWSTG} art. 53(1)(a) and the FDF ordinance on small amounts; ${BAZG}`,
    effectiveFrom: '2018-01-01',
    threshold: { amount: '5', currency: 'CHF', measure: 'tax-amount', applies: 'at-most' },
  },
  {
    key: 'CH-MAIL-ORDER',
    description:
      'Mail-order rule: a foreign seller whose small consignments (import tax of CHF 5 or less) reach CHF 100,000 turnover a year must register for Swiss VAT; its deliveries are then domestic supplies taxed at the sale',
    source: `${MWSTG} art. 7(3)(b), in force 1 January 2019`,
    effectiveFrom: '2019-01-01',
    threshold: { amount: '100000', currency: 'CHF', measure: 'calendar-year', applies: 'at-most' },
  },
  {
    key: 'CH-PLATFORM',
    description: 'Electronic platforms facilitating sales to Swiss customers are deemed suppliers and charge Swiss VAT at the sale',
    source: `${MWSTG} art. 20a, in force 1 January 2025`,
    effectiveFrom: '2025-01-01',
  },

  // — Australia —
  {
    key: 'AU-DOMESTIC',
    description: 'Taxable supply connected with Australia: GST charged by the registered seller',
    source: 'A New Tax System (Goods and Services Tax) Act 1999 s 9-5; ATO',
    effectiveFrom: '2000-07-01',
  },
  {
    key: 'AU-LVG',
    description:
      'Low value imported goods: goods with a customs value of AUD 1,000 or less per item sold to consumers in Australia: the registered seller or electronic distribution platform charges GST at the sale',
    source: ATO_LVG,
    effectiveFrom: '2018-07-01',
    threshold: { amount: '1000', currency: 'AUD', measure: 'item', applies: 'at-most' },
  },
  {
    key: 'AU-LVG-B2B',
    description: 'Low value goods sold to a GST-registered business that gave its ABN: not charged by the seller (the business accounts for GST if required)',
    source: ATO_LVG,
    effectiveFrom: '2018-07-01',
    threshold: { amount: '1000', currency: 'AUD', measure: 'item', applies: 'at-most' },
  },
  {
    key: 'AU-IMPORT',
    description: 'Goods above AUD 1,000 customs value: GST collected at the border on importation',
    source: ABF,
    effectiveFrom: '2018-07-01',
  },

  // — New Zealand —
  {
    key: 'NZ-DOMESTIC',
    description: 'Domestic supply in New Zealand: GST charged by the registered seller',
    source: 'Goods and Services Tax Act 1985 s 8; Inland Revenue',
    effectiveFrom: '2010-10-01',
  },
  {
    key: 'NZ-LVG',
    description: 'Low-value imported goods: goods of NZD 1,000 or less per item sold to consumers in New Zealand: the registered seller or marketplace charges GST at the sale',
    source: IRD_LVG,
    effectiveFrom: '2019-12-01',
    threshold: { amount: '1000', currency: 'NZD', measure: 'item', applies: 'at-most' },
  },
  {
    key: 'NZ-LVG-B2B',
    description: 'Low-value goods sold to a GST-registered business: the seller does not charge GST (the business reverse-charges where required)',
    source: IRD_LVG,
    effectiveFrom: '2019-12-01',
    threshold: { amount: '1000', currency: 'NZD', measure: 'item', applies: 'at-most' },
  },
  {
    key: 'NZ-IMPORT',
    description: 'Goods above NZD 1,000: GST collected at the border',
    source: NZCS,
    effectiveFrom: '2019-12-01',
  },

  // — Singapore —
  {
    key: 'SG-DOMESTIC',
    description: 'Domestic supply in Singapore: GST charged by the registered seller',
    source: 'Goods and Services Tax Act 1993 s 8; IRAS',
    effectiveFrom: '2007-07-01',
  },
  {
    key: 'SG-IMPORT-RELIEF',
    description: 'Goods imported by air or post valued at SGD 400 or less: import GST relief, no GST collected',
    source: IRAS_RELIEF,
    effectiveFrom: '2007-07-01',
    effectiveTo: '2022-12-31',
    threshold: { amount: '400', currency: 'SGD', measure: 'consignment', applies: 'at-most' },
  },
  {
    key: 'SG-LVG',
    description:
      'Low-value goods (SGD 400 or less, imported by air or post) sold to non-GST-registered customers: the registered overseas vendor or marketplace charges GST at the sale',
    source: IRAS_LVG,
    effectiveFrom: '2023-01-01',
    threshold: { amount: '400', currency: 'SGD', measure: 'consignment', applies: 'at-most' },
  },
  {
    key: 'SG-LVG-B2B',
    description: 'Low-value goods sold to a GST-registered business that gave its GST number: not charged by the seller',
    source: IRAS_LVG,
    effectiveFrom: '2023-01-01',
    threshold: { amount: '400', currency: 'SGD', measure: 'consignment', applies: 'at-most' },
  },
  {
    key: 'SG-IMPORT',
    description: 'Goods above SGD 400 (or imported by sea): import GST collected at the border',
    source: SGCUSTOMS,
    effectiveFrom: '2007-07-01',
  },

  // — Japan —
  {
    key: 'JP-DOMESTIC',
    description: 'Domestic transfer of goods in Japan: consumption tax charged by the seller',
    source: NTA,
    effectiveFrom: '2019-10-01',
  },
  {
    key: 'JP-SMALL-CONSIGNMENT',
    description:
      'Small consignments with a total taxable value (goods + transport, CIF) of JPY 10,000 or less are free of import consumption tax (alcohol and tobacco excluded; personal-use goods are valued at 60% of the retail price)',
    source: 'Act on Special Provisions of the Customs Act and Consumption Tax on Imported Goods (Act No. 37 of 1955), Art. 13(1)(i); Japan Customs',
    effectiveFrom: '2019-10-01',
    threshold: { amount: '10000', currency: 'JPY', measure: 'consignment', applies: 'at-most' },
  },
  {
    key: 'JP-IMPORT',
    description: 'Goods imported into Japan: import consumption tax collected by customs on the CIF value plus duty',
    source: JPC,
    effectiveFrom: '2019-10-01',
  },

  // — Canada —
  {
    key: 'CA-DOMESTIC',
    description: 'Supply in Canada: GST/HST and provincial sales tax of the province where the goods are delivered, charged by the registered seller',
    source: CRA,
    effectiveFrom: '2013-04-01',
  },
  {
    key: 'CA-LOW-VALUE-CUSMA',
    description:
      'Courier shipments from the United States or Mexico valued at CAD 40 or less are released free of GST/HST (CUSMA courier low-value shipment threshold; alcohol and tobacco excluded)',
    source: 'CBSA, CUSMA courier low value shipment thresholds (from 2020-07-01); Courier Imports Remission Order (Memorandum D8-2-16)',
    effectiveFrom: '2020-07-01',
    threshold: { amount: '40', currency: 'CAD', measure: 'consignment', applies: 'at-most' },
  },
  {
    key: 'CA-LOW-VALUE',
    description: 'Courier and postal shipments valued at CAD 20 or less are released free of GST/HST (alcohol and tobacco excluded)',
    source: 'Courier Imports Remission Order; Postal Imports Remission Order (CBSA Memorandum D8-2-16)',
    effectiveFrom: '2013-04-01',
    threshold: { amount: '20', currency: 'CAD', measure: 'consignment', applies: 'at-most' },
  },
  {
    key: 'CA-IMPORT',
    description: 'Goods imported into Canada: GST/HST (and provincial tax where it is collected at the border) assessed by the CBSA',
    source: CBSA,
    effectiveFrom: '2013-04-01',
  },

  // — United States —
  {
    key: 'US-NONE',
    description:
      'United States sales tax is levied by states, counties, cities and special districts (economic nexus since South Dakota v. Wayfair, 2018): the built-in engine holds no US rate; US quotes come from AvaTax',
    source: 'Caravan: US sales tax is served through the AvaTax connector only',
    effectiveFrom: '2018-06-21',
  },

  // — Special fiscal territories (engines/tax/data/special-territories.ts) —
  // Places inside a member state but outside the EU VAT territory (VAT Directive art. 6), and
  // Portugal's autonomous regions with their own rates. Keys start with TERRITORY- or PT-REGIONAL-.
  {
    key: 'TERRITORY-EXPORT',
    description:
      'Goods dispatched from the EU VAT territory to a territory excluded from it by art. 6 (Canary Islands, French overseas departments, Åland, Mount Athos, Heligoland, Livigno, Ceuta, Melilla, Campione d\'Italia …): an export, exempt with right of deduction (zero-rated) in the member state the goods leave, on proof of dispatch; the territory\'s own tax, if any, applies on arrival',
    source: 'Council Directive 2006/112/EC (VAT Directive) art. 5, 6, 146(1)(a)-(b) and 169(b); Implementing Regulation (EU) 282/2011',
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'TERRITORY-IMPORT',
    description:
      "Goods entering a special territory from outside it: the territory's own indirect tax (Finnish VAT in Åland, French VAT at the overseas rates in Guadeloupe, Martinique and La Réunion, IGIC in the Canary Islands, IPSI in Ceuta and Melilla, ILCCI in Campione d'Italia) is due on import, paid by the importer",
    source:
      "VAT Directive art. 6; Finnish Tax Administration (vero.fi), Åland tax border; Code général des impôts art. 294-296; Ley 20/1991 (IGIC); Ley 8/1991 (IPSI); Legge 160/2019 art. 1 commi 559-572 (ILCCI)",
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'TERRITORY-NO-TAX',
    description:
      'Special territory with no VAT-type tax on goods entering it (Heligoland, Livigno, Mount Athos, French Guiana, Mayotte): nothing is charged on arrival (customs duties and dock dues such as octroi de mer are separate and not quoted here)',
    source: "VAT Directive art. 6; Umsatzsteuergesetz § 1(2) (Heligoland); DPR 633/1972 art. 7 (Livigno); Code général des impôts art. 294 (French Guiana, Mayotte); Greek VAT Code (Mount Athos)",
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'TERRITORY-DOMESTIC',
    description: "Supply within a special territory outside the EU VAT territory: taxed under the territory's own indirect tax, charged by the seller",
    source: 'VAT Directive art. 6; the territory\'s own tax law (see the territory rule)',
    effectiveFrom: COVERAGE_FROM,
  },
  {
    key: 'IT-CAMPIONE-ILCCI-MINIMUM',
    description: "Campione d'Italia: ILCCI due on an import of EUR 5 or less (or the CHF equivalent) is not collected",
    source: "DM 16 dicembre 2020 (Gazzetta Ufficiale n. 33 of 9 February 2021) art. 7(6), imports from outside the EU",
    effectiveFrom: '2021-02-10',
    threshold: { amount: '5', currency: 'EUR', measure: 'tax-amount', applies: 'at-most' },
  },
  {
    key: 'PT-REGIONAL-PLACE',
    description:
      'Portugal: a supply of goods with transport between the mainland, Madeira and the Azores is located where the transport starts (CIVA art. 6(1) applied within Portugal), so the rates of that place apply; imports are taxed at the rates of the place of customs clearance (DL 347/85 art. 1(1)); for distance sales and acquisitions from other member states the engine applies the rates of the place of arrival (assumed from the destination principle, not verified against a Portuguese text)',
    source: 'Decreto-Lei n.º 347/85 art. 1(1) and (3); Código do IVA art. 6(1) and 18(3); AT, Ofício-Circulado 17077 of 1986-07-01',
    effectiveFrom: COVERAGE_FROM,
  },
];

/** The version of scheme `key` in force on `date`, if any. */
export function schemeRule(key: string, date: string): SchemeRule | undefined {
  return SCHEME_RULES.find(
    (r) => r.key === key && r.effectiveFrom <= date && (r.effectiveTo === undefined || date <= r.effectiveTo),
  );
}
