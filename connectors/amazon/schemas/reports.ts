/**
 * Amazon flat-file report documents (Reports API 2021-06-30, getReportDocument): the columns
 * of the reports Caravan maps, and the localized headers some marketplaces write. A report is
 * tab-separated text with a header row; a row is read into `cells` keyed by the documented
 * (English) column name, empty cells absent. Mappings take these types with `import type`.
 * Below them: the Reports API's own JSON replies (createReport, getReport(s), getReportDocument).
 */
import { z } from 'zod';
import { dateTimeLike, emptyAsAbsent, nullAsAbsent } from '../../http/wire-leniency.js';

/**
 * GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL and …_BY_ORDER_DATE_GENERAL: one row per
 * order item. Documented header (SP-API "Order reports" attributes); the last four columns come
 * only in newer documents.
 */
export const ORDER_REPORT_COLUMNS = [
  'amazon-order-id',
  'merchant-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'fulfillment-channel',
  'sales-channel',
  'order-channel',
  'url',
  'ship-service-level',
  'product-name',
  'sku',
  'asin',
  'item-status',
  'quantity',
  'currency',
  'item-price',
  'item-tax',
  'shipping-price',
  'shipping-tax',
  'gift-wrap-price',
  'gift-wrap-tax',
  'item-promotion-discount',
  'ship-promotion-discount',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'promotion-ids',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
  'signature-confirmation-recommended',
] as const;
export type OrderReportColumn = (typeof ORDER_REPORT_COLUMNS)[number];

/** The columns without which an order report row is not one (the rest may be missing). */
export const ORDER_REPORT_KEY_COLUMNS: readonly OrderReportColumn[] = ['amazon-order-id', 'purchase-date', 'order-status', 'sales-channel'];

/**
 * GET_MERCHANT_LISTINGS_ALL_DATA (GET_MERCHANT_LISTINGS_DATA has the same minus `status`; the
 * JP document has fewer columns and `ポイント`). Documented header, as
 * shared/vendor/amazon/SOURCE.md lists it.
 */
export const LISTINGS_REPORT_COLUMNS = [
  'item-name',
  'item-description',
  'listing-id',
  'seller-sku',
  'price',
  'quantity',
  'open-date',
  'image-url',
  'item-is-marketplace',
  'product-id-type',
  'zshop-shipping-fee',
  'item-note',
  'item-condition',
  'zshop-category1',
  'zshop-browse-path',
  'zshop-storefront-feature',
  'asin1',
  'asin2',
  'asin3',
  'will-ship-internationally',
  'expedited-shipping',
  'zshop-boldface',
  'product-id',
  'bid-for-featured-placement',
  'add-delete',
  'pending-quantity',
  'fulfillment-channel',
  'merchant-shipping-group',
  'status',
  // JP only: the points granted with the price (ポイント).
  'points',
] as const;
export type ListingsReportColumn = (typeof LISTINGS_REPORT_COLUMNS)[number];

export const LISTINGS_REPORT_KEY_COLUMNS: readonly ListingsReportColumn[] = ['seller-sku'];

/**
 * Localized listings-report headers → the documented column. Amazon writes the header in the
 * seller's "language for feed processing report" (workaround in
 * amzn/selling-partner-api-models#2293: JP documents come with Japanese titles and in
 * Shift_JIS; `preferredReportDocumentLocale` picks the header locale, #4888). Sources:
 * - JP: a PHP reader of JP GET_MERCHANT_LISTINGS_ALL_DATA documents listing the JP header in
 *   order (商品名 … 在庫数 フルフィルメント・チャンネル merchant-shipping-group ポイント), and a JP
 *   header map (商品名 → item-name, 出品ID → listing-id, 出品者SKU → seller-sku, 価格, 数量,
 *   出品日, 商品IDタイプ, コンディション説明 → item-note, コンディション → item-condition, 商品ID,
 *   在庫数 → pending-quantity, フルフィルメント・チャンネル); readers of the newer JP document
 *   use `ASIN 1` and `ステータス`.
 * - DE/FR/IT/ES (and CN): a PHP header map of the same report (Händler-SKU, sku-vendeur,
 *   SKU venditore, SKU del vendedor, Artikelbezeichnung, nom-produit …).
 * - The rest of the FR, IT, ES, DE, ZH headers, and the PL and AR ones (prix, quantité,
 *   date-ouverture, id-offre; Precio, Cantidad; Numero offerta; Angebotsnummer …): the
 *   localized-header table of a PHP importer of real GET_MERCHANT_LISTINGS_ALL_DATA documents
 *   (a FR header without them leaves every French listing unpriced and undated). The TR
 *   header writes the English name with the Turkish one after it, `seller-sku (satıcı sku)`:
 *   read by its English part (flat-file.ts).
 * - BR (Amazon.com.br): sku-do-vendedor, nome-do-item, descrição-do-item and `asin 1`, as
 *   readers of BR documents fetched through the SP-API name them (their `status` column
 *   stays English, with English values).
 * Matching is case-insensitive after trimming. 国外へ配送可 and 迅速な配送 sit where
 * will-ship-internationally and expedited-shipping are in the English header.
 */
export const LISTINGS_HEADER_VARIANTS: Readonly<Record<string, ListingsReportColumn>> = {
  // Japanese (amazon.co.jp)
  商品名: 'item-name',
  出品ID: 'listing-id',
  出品者SKU: 'seller-sku',
  価格: 'price',
  数量: 'quantity',
  出品日: 'open-date',
  商品IDタイプ: 'product-id-type',
  コンディション説明: 'item-note',
  コンディション: 'item-condition',
  国外へ配送可: 'will-ship-internationally',
  迅速な配送: 'expedited-shipping',
  商品ID: 'product-id',
  在庫数: 'pending-quantity',
  'フルフィルメント・チャンネル': 'fulfillment-channel',
  ステータス: 'status',
  ポイント: 'points',
  'ASIN 1': 'asin1',
  'ASIN 2': 'asin2',
  'ASIN 3': 'asin3',
  ASIN1: 'asin1',
  ASIN: 'asin1',
  // German
  Artikelbezeichnung: 'item-name',
  'Händler-SKU': 'seller-sku',
  Preis: 'price',
  Menge: 'quantity',
  Erstellungsdatum: 'open-date',
  'Produkt-ID': 'product-id',
  'Produkt-ID-Typ': 'product-id-type',
  Artikelzustand: 'item-condition',
  Versender: 'fulfillment-channel',
  // French
  'nom-produit': 'item-name',
  'sku-vendeur': 'seller-sku',
  'id-produit': 'product-id',
  'type-id-produit': 'product-id-type',
  'état-produit': 'item-condition',
  'canal-traitement': 'fulfillment-channel',
  état: 'status',
  prix: 'price',
  quantité: 'quantity',
  'date-ouverture': 'open-date',
  'id-offre': 'listing-id',
  'description-article': 'item-description',
  'note-état-article': 'item-note',
  'expédition-international': 'will-ship-internationally',
  'livraison-express': 'expedited-shipping',
  'groupe-expédition-vendeur': 'merchant-shipping-group',
  // Italian
  "Nome dell'articolo": 'item-name',
  'SKU venditore': 'seller-sku',
  Prezzo: 'price',
  Quantità: 'quantity',
  'Data di creazione': 'open-date',
  'Identificativo del prodotto': 'product-id',
  'Tipo di identificativo del prodotto': 'product-id-type',
  "Condizione dell'articolo": 'item-condition',
  'Canale di gestione': 'fulfillment-channel',
  stato: 'status',
  "Descrizione dell'articolo": 'item-description',
  'Numero offerta': 'listing-id',
  "Note sull'articolo": 'item-note',
  'Articolo per la vendita': 'item-is-marketplace',
  'Spedizione internazionale': 'will-ship-internationally',
  'Spedizione Express': 'expedited-shipping',
  'Aggiungi o elimina': 'add-delete',
  'Quantità in sospeso': 'pending-quantity',
  'gruppo-spedizione-venditore': 'merchant-shipping-group',
  // Spanish
  'Título del producto': 'item-name',
  'SKU del vendedor': 'seller-sku',
  'Fecha de creación': 'open-date',
  'Identificador del producto': 'product-id',
  'Tipo de identificador de producto': 'product-id-type',
  'Estado del producto': 'item-condition',
  'Canal de gestión logística': 'fulfillment-channel',
  estado: 'status',
  Precio: 'price',
  Cantidad: 'quantity',
  'Identificador del listing': 'listing-id',
  'Descripción del producto': 'item-description',
  'Nota sobre el producto': 'item-note',
  'Producto para vender': 'item-is-marketplace',
  'Envío internacional': 'will-ship-internationally',
  'Envío urgente': 'expedited-shipping',
  'Añadir o eliminar': 'add-delete',
  'Cantidad pendiente': 'pending-quantity',
  // German (the rest)
  Angebotsnummer: 'listing-id',
  Artikelbeschreibung: 'item-description',
  'Anmerkung zum Artikel': 'item-note',
  'Artikel ist Marketplace-Angebot': 'item-is-marketplace',
  'Internationaler Versand': 'will-ship-internationally',
  Expressversand: 'expedited-shipping',
  Händlerversandgruppe: 'merchant-shipping-group',
  // Chinese (seller-central language zh-CN)
  商品名称: 'item-name',
  '卖家 SKU': 'seller-sku',
  商品编码: 'product-id',
  商品编码类型: 'product-id-type',
  配送渠道: 'fulfillment-channel',
  开售日期: 'open-date',
  状态: 'status',
  价格: 'price',
  商品描述: 'item-description',
  商品备注: 'item-note',
  商品状况: 'item-condition',
  等待购买数量: 'pending-quantity',
  卖家配送组: 'merchant-shipping-group',
  国际配送: 'will-ship-internationally',
  加急配送: 'expedited-shipping',
  // Polish
  'nazwa-produktu': 'item-name',
  'opis-produktu': 'item-description',
  'identyfikator-oferty': 'listing-id',
  'sku-sprzedawcy': 'seller-sku',
  cena: 'price',
  ilość: 'quantity',
  'data-otwarcia': 'open-date',
  'typ-identyfikatora-produktu': 'product-id-type',
  'uwaga-o-produkcie': 'item-note',
  'stan-produktu': 'item-condition',
  'identyfikator-produktu': 'product-id',
  'ilość-oczekująca': 'pending-quantity',
  'kanał-realizacji': 'fulfillment-channel',
  'grupa-wysyłki-sprzedawcy': 'merchant-shipping-group',
  // Arabic
  'اسم-المنتج': 'item-name',
  'وصف-المنتج': 'item-description',
  'رقم-العرض': 'listing-id',
  'sku-البائع': 'seller-sku',
  السعر: 'price',
  الكمية: 'quantity',
  'تاريخ-مفتوح': 'open-date',
  'نوع-رقم-المنتج': 'product-id-type',
  'ملاحظة-المنتج': 'item-note',
  'حالة-المنتج': 'item-condition',
  'رقم-المنتج': 'product-id',
  'قناة-الشحن': 'fulfillment-channel',
  الحالة: 'status',
  // Turkish (its other names are `english (türkçe)`, read by their English part)
  durum: 'status',
  // Portuguese (Amazon.com.br)
  'sku-do-vendedor': 'seller-sku',
  'nome-do-item': 'item-name',
  'descrição-do-item': 'item-description',
  // British spelling seen beside the documented one.
  'fulfilment-channel': 'fulfillment-channel',
};

/** Language of a localized header, for the locale of the titles when the marketplace does not say. */
export const LISTINGS_HEADER_LANGUAGE: Readonly<Record<string, string>> = {
  出品者SKU: 'ja',
  'Händler-SKU': 'de',
  'sku-vendeur': 'fr',
  'SKU venditore': 'it',
  'SKU del vendedor': 'es',
  '卖家 SKU': 'zh',
  'sku-sprzedawcy': 'pl',
  'sku-البائع': 'ar',
  'seller-sku (satıcı sku)': 'tr',
  'sku-do-vendedor': 'pt',
};

/** One data row: its line in the document (1 = the header) and its non-empty cells by column. */
export interface AmazonReportRow<C extends string> {
  readonly line: number;
  readonly cells: Readonly<Partial<Record<C, string>>>;
  /** Cells beyond the header's columns that are not empty (a malformed row). */
  readonly extraCells?: number;
}

export type AmazonOrderReportRow = AmazonReportRow<OrderReportColumn>;
export type AmazonListingsReportRow = AmazonReportRow<ListingsReportColumn>;

// ---- Reports API 2021-06-30 replies (models/reports_2021-06-30.json) ------------------------

/** The model's `processingStatus` values. */
export const AMAZON_REPORT_PROCESSING_STATUSES = ['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL'] as const;
export type AmazonReportProcessingStatus = (typeof AMAZON_REPORT_PROCESSING_STATUSES)[number];

/** createReport 202: `{ reportId }`. */
export const AmazonCreateReportReplySchema = z.looseObject({ reportId: z.string().min(1) });

/**
 * A Report (getReport, getReports[]). Lenient where real replies stray from the model: a
 * CANCELLED report comes without `reportDocumentId` and without `processingEndTime` at times
 * (amzn/selling-partner-api-docs#1604 quotes one), nulls stand for absent fields, and the
 * timestamps carry an offset (`+00:00`) rather than `Z`.
 */
export const AmazonReportSchema = z.looseObject({
  reportId: z.string().min(1),
  reportType: z.string().min(1),
  processingStatus: z.enum(AMAZON_REPORT_PROCESSING_STATUSES),
  createdTime: dateTimeLike,
  marketplaceIds: nullAsAbsent(z.array(z.string())),
  dataStartTime: emptyAsAbsent(dateTimeLike),
  dataEndTime: emptyAsAbsent(dateTimeLike),
  reportScheduleId: emptyAsAbsent(z.string()),
  processingStartTime: emptyAsAbsent(dateTimeLike),
  processingEndTime: emptyAsAbsent(dateTimeLike),
  reportDocumentId: emptyAsAbsent(z.string()),
});
export type AmazonReportInfo = z.infer<typeof AmazonReportSchema>;

export const AmazonGetReportsReplySchema = z.looseObject({
  reports: z.array(AmazonReportSchema),
  nextToken: emptyAsAbsent(z.string()),
});

/**
 * getReportDocument 200. `compressionAlgorithm` comes as null for documents that are gzip all
 * the same (amzn/selling-partner-api-models#1280): the download looks at the bytes, not only here.
 */
export const AmazonReportDocumentSchema = z.looseObject({
  reportDocumentId: z.string().min(1),
  // Checked where it is used (the download): the model types it as plain text.
  url: z.string().min(1),
  compressionAlgorithm: nullAsAbsent(z.enum(['GZIP'])),
});
export type AmazonReportDocument = z.infer<typeof AmazonReportDocumentSchema>;
