/**
 * Held-out merchant listings reports with the localized headers real FR, ES and TR documents
 * carry (test/fixtures/amazon/heldout/SOURCE.md), through `caravan map amazon.listings-report`:
 * price, quantity, open-date and listing id read from the localized column names.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readListingsReport } from '../../../connectors/amazon/reports/index.js';
import type { Listing } from '../../../mappings/canonical/index.js';
import { caravanMap } from '../../cli/map-harness.js';

const HELDOUT = join(import.meta.dirname, '..', '..', 'fixtures', 'amazon', 'heldout');
const listings = async (name: string, ...args: string[]): Promise<Listing[]> => {
  const { code, stderr, stdout } = await caravanMap('amazon.listings-report', join(HELDOUT, name), ...args);
  expect([code, stderr]).toEqual([0, '']);
  return JSON.parse(stdout) as Listing[];
};

describe('localized listings-report headers', () => {
  it('FR header (prix, quantité, date-ouverture, id-offre, description-article, note-état-article), Cp1252, CRLF', async () => {
    const [a, b] = await listings('GET_MERCHANT_LISTINGS_ALL_DATA.fr-header.windows-1252.tsv', '--marketplace', 'amazon.fr');
    expect(a).toMatchObject({
      sku: 'TH-FONTE-08',
      title: { 'fr-FR': 'Théière en fonte « Kyusu » 0,8 l – noir' },
      description: { 'fr-FR': 'Fonte émaillée, passe au lave-vaisselle' },
      price: { amountMinor: 3490, currency: 'EUR' },
      quantity: 12,
      openedAt: '2023-05-15T07:30:00Z',
      conditionNote: "Neuf, emballage d'origine",
      status: 'active',
      refs: { asin: 'B0FR000001', listingId: '0512FR00001' },
    });
    expect(b).toMatchObject({ sku: 'BO-17', price: { amountMinor: 123400, currency: 'EUR' }, quantity: 0, fulfilment: 'marketplace', openedAt: '2023-01-10T07:00:00Z' });
  });

  it('FR header without --marketplace: the amount is kept unpriced (French is shared by amazon.fr and amazon.ca)', async () => {
    const [a] = await listings('GET_MERCHANT_LISTINGS_ALL_DATA.fr-header.windows-1252.tsv');
    expect(a).toMatchObject({ unpricedAmount: '34.90', title: { fr: 'Théière en fonte « Kyusu » 0,8 l – noir' } });
    expect(a!.price).toBeUndefined();
  });

  it('ES header (Precio, Cantidad, Identificador del listing, Cantidad pendiente), UTF-8 with BOM', async () => {
    const [a] = await listings('GET_MERCHANT_LISTINGS_ALL_DATA.es-header.utf-8-bom.tsv', '--marketplace', 'ES');
    expect(a).toMatchObject({ sku: 'SA-28', title: { 'es-ES': 'Sartén antiadherente 28 cm – acero' }, price: { amountMinor: 2495, currency: 'EUR' }, quantity: 7, pendingQuantity: 1, openedAt: '2023-06-20T09:00:00Z', refs: { asin: 'B0ES000001', listingId: '0620ES00001' } });
  });

  it('TR header (`seller-sku (satıcı sku)`: English name, Turkish after it) names amazon.com.tr and its lira', async () => {
    const [a] = await listings('GET_MERCHANT_LISTINGS_ALL_DATA.tr-header.utf-8.tsv');
    expect(a).toMatchObject({ sku: 'CAY-6', marketplace: { id: 'A33AVAJ2PDY3EV' }, price: { amountMinor: 24990, currency: 'TRY' }, quantity: 30, status: 'active', openedAt: '2023-07-01T07:00:00Z' });
  });

  it('IT, DE, ZH and PL names of the columns the older table lacked', () => {
    const columns = (header: string[]) => readListingsReport(`${header.join('\t')}\n`).columns;
    expect(columns(['SKU venditore', 'Numero offerta', "Descrizione dell'articolo", "Note sull'articolo", 'Quantità in sospeso'])).toEqual(['seller-sku', 'listing-id', 'item-description', 'item-note', 'pending-quantity']);
    expect(columns(['Händler-SKU', 'Angebotsnummer', 'Artikelbeschreibung', 'Anmerkung zum Artikel'])).toEqual(['seller-sku', 'listing-id', 'item-description', 'item-note']);
    expect(columns(['卖家 SKU', '价格', '数量', '商品描述', '等待购买数量'])).toEqual(['seller-sku', 'price', 'quantity', 'item-description', 'pending-quantity']);
    expect(columns(['sku-sprzedawcy', 'cena', 'ilość', 'data-otwarcia', 'identyfikator-oferty'])).toEqual(['seller-sku', 'price', 'quantity', 'open-date', 'listing-id']);
    expect(readListingsReport('sku-sprzedawcy\tcena\n').headerLanguage).toBe('pl');
    // A parenthesis after a name that is no documented column stays unknown.
    expect(columns(['colour (kleur)'])).toEqual([undefined]);
  });

  it('the 2024 header with repeated `Deprecated column` cells and `fulfilment-channel` (selling-partner-api-models#3999) maps', async () => {
    const [a] = await listings('GET_MERCHANT_LISTINGS_ALL_DATA.deprecated-columns.tsv', '--marketplace', 'amazon.pl');
    expect(a).toMatchObject({ sku: 'KUBEK-400', price: { amountMinor: 3999, currency: 'PLN' }, quantity: 25, fulfilment: 'merchant', status: 'active', openedAt: '2024-07-02T08:15:00Z', refs: { asin: 'B0PL000001', listingId: '0702PL00001' } });
  });

  it('BR header (sku-do-vendedor, nome-do-item, descrição-do-item, asin 1) names amazon.com.br; its title is pt-BR', async () => {
    const [a, b] = await listings('GET_MERCHANT_LISTINGS_ALL_DATA.br-header.utf-8.tsv');
    expect(a).toEqual({
      channel: 'amazon',
      vendor: 'amazon',
      sku: 'CAN-INOX-500',
      marketplace: { id: 'A2Q3Y263D00KWC', country: 'BR', name: 'Amazon.com.br' },
      title: { 'pt-BR': 'Caneca térmica inox 500 ml' },
      description: { 'pt-BR': 'Aço inoxidável, tampa rosqueável' },
      status: 'active',
      rawStatus: 'Active',
      refs: { asin: 'B0BR000001', reportLine: '2' },
    });
    expect(b).toMatchObject({ sku: 'CAN-INOX-350', status: 'incomplete' });
  });
});
