/**
 * The tenant's tariff table: ad-valorem duty rates per destination and HS code prefix,
 * optionally per country of origin (preferential rates), each dated and with its source.
 * The built-in engine knows no duty rates of its own: a rate missing here is reported as
 * unknown, never taken as 0.
 */
import { z } from 'zod';
import { CountryCodeSchema } from '../../mappings/canonical/address.js';
import { DecimalStringSchema, IsoDateSchema } from '../../mappings/canonical/fx.js';
import { isEuMember } from './destinations.js';

/** `EU` stands for every member state (one Common Customs Tariff); otherwise an ISO alpha-2 country. */
export const TariffDestinationSchema = z.union([z.literal('EU'), CountryCodeSchema]);

export const TariffEntrySchema = z.object({
  destination: TariffDestinationSchema,
  /** HS code prefix, digits only: "64" (chapter), "6403", "640391", "6403919100" … */
  hsPrefix: z.string().regex(/^\d{2,12}$/, 'must be 2 to 12 digits, no dots'),
  /** Only for goods originating here (a preferential rate); absent: any origin. */
  origin: CountryCodeSchema.optional(),
  /** Ad-valorem rate in percent of the customs value, e.g. "8" or "3.7". */
  ratePercent: DecimalStringSchema,
  effectiveFrom: IsoDateSchema,
  /** Last day the rate applies (inclusive); open when absent. */
  effectiveTo: IsoDateSchema.optional(),
  /** Where the rate is published (TARIC, UK Global Tariff, HTSUS …). */
  source: z.string().min(1),
  description: z.string().optional(),
});
export type TariffEntry = z.infer<typeof TariffEntrySchema>;

export const TariffTableSchema = z.array(TariffEntrySchema);
export type TariffTable = readonly TariffEntry[];

export interface TariffQuery {
  /** ISO alpha-2 destination country. */
  readonly destination: string;
  readonly hsCode: string;
  readonly origin: string;
  /** YYYY-MM-DD. */
  readonly date: string;
}

export interface TariffMatch {
  readonly entry: TariffEntry;
  /** Stable id for explanations: `tariff:EU:6403:CN`. */
  readonly id: string;
}

export function tariffEntryId(entry: TariffEntry): string {
  return `tariff:${entry.destination}:${entry.hsPrefix}${entry.origin === undefined ? '' : `:${entry.origin}`}`;
}

function inForce(entry: TariffEntry, date: string): boolean {
  return entry.effectiveFrom <= date && (entry.effectiveTo === undefined || date <= entry.effectiveTo);
}

function coversDestination(entry: TariffEntry, country: string, date: string): boolean {
  return entry.destination === country || (entry.destination === 'EU' && isEuMember(country, date));
}

/**
 * The entry that applies: in force on the date, for the destination (or the EU as a whole),
 * whose prefix the HS code starts with. The longest prefix wins; at equal length an entry for
 * the item's origin beats one for any origin, and a country's own entry beats the EU's.
 * Entries tied on all three keep table order (the first wins).
 */
export function findTariffRate(table: TariffTable | undefined, query: TariffQuery): TariffMatch | undefined {
  if (table === undefined) return undefined;
  let best: { entry: TariffEntry; rank: readonly number[] } | undefined;
  for (const entry of table) {
    if (!inForce(entry, query.date)) continue;
    if (!coversDestination(entry, query.destination, query.date)) continue;
    if (!query.hsCode.startsWith(entry.hsPrefix)) continue;
    if (entry.origin !== undefined && entry.origin !== query.origin) continue;
    const rank = [entry.hsPrefix.length, entry.origin === undefined ? 0 : 1, entry.destination === 'EU' ? 0 : 1];
    if (best === undefined || outranks(rank, best.rank)) best = { entry, rank };
  }
  return best === undefined ? undefined : { entry: best.entry, id: tariffEntryId(best.entry) };
}

function outranks(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x > y;
  }
  return false;
}
