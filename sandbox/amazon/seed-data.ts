/**
 * Data tables behind the Amazon seed: marketplaces, a small fictional catalogue
 * ("Northwind", a made-up brand), and address/name pools per country.
 * Every person and company here is fictional; postal codes only follow each
 * country's format. Phone numbers use ranges reserved for fiction (UK 07700 900xxx,
 * US 555-01xx).
 */
import type { AmazonAddress } from './wire.js';

export type MarketplaceCode = 'DE' | 'FR' | 'IT' | 'ES' | 'UK' | 'AE' | 'US' | 'CA' | 'JP';
export type TitleLocale = 'en' | 'de' | 'fr' | 'it' | 'es' | 'ja' | 'ar';

export interface MarketplaceInfo {
  readonly code: MarketplaceCode;
  readonly marketplaceId: string;
  readonly countryCode: string;
  readonly currency: string;
  /** ISO 4217 minor-unit exponent (JPY 0). */
  readonly exponent: number;
  readonly salesChannel: string;
  readonly region: 'EU' | 'NA' | 'FE';
  readonly orderIdPrefixes: readonly string[];
  readonly emailDomain: string;
  /**
   * VAT-style marketplaces report ItemPrice tax-inclusive and ItemTax as the included
   * part; US/CA report prices net and add sales tax / GST+PST on top.
   */
  readonly taxMode: 'inclusive' | 'exclusive';
  /** Inclusive VAT rate in parts per million (DE 19 % = 190 000). */
  readonly vatPpm: number;
  /** Relative share of generated orders. */
  readonly weight: number;
  readonly afnShare: number;
  readonly titleLocale: TitleLocale;
  /** Currency units per EUR for list prices (seed data only, not an FX source). */
  readonly perEur: number;
  /** MFN shipping fee in minor units. */
  readonly shippingFeeMinor: number;
  readonly mfnServiceLevels: readonly string[];
  readonly deliveryDays: readonly [number, number];
  readonly businessShare: number;
}

export const MARKETPLACES: readonly MarketplaceInfo[] = [
  {
    code: 'DE', marketplaceId: 'A1PA6795UKMFR9', countryCode: 'DE', currency: 'EUR', exponent: 2,
    salesChannel: 'Amazon.de', region: 'EU', orderIdPrefixes: ['302', '303', '304', '305', '306', '028'],
    emailDomain: 'marketplace.amazon.de', taxMode: 'inclusive', vatPpm: 190_000, weight: 24, afnShare: 0.45,
    titleLocale: 'de', perEur: 1, shippingFeeMinor: 399, mfnServiceLevels: ['Std DE Dom_1', 'Std DE Dom_2', 'Exp DE Dom_1'],
    deliveryDays: [1, 3], businessShare: 0.08,
  },
  {
    code: 'FR', marketplaceId: 'A13V1IB3VIYZZH', countryCode: 'FR', currency: 'EUR', exponent: 2,
    salesChannel: 'Amazon.fr', region: 'EU', orderIdPrefixes: ['402', '403', '404', '405', '407', '171'],
    emailDomain: 'marketplace.amazon.fr', taxMode: 'inclusive', vatPpm: 200_000, weight: 6, afnShare: 0.4,
    titleLocale: 'fr', perEur: 1, shippingFeeMinor: 449, mfnServiceLevels: ['Std FR Dom_1', 'Exp FR Dom_1'],
    deliveryDays: [2, 4], businessShare: 0.05,
  },
  {
    code: 'IT', marketplaceId: 'APJ6JRA9NG5V4', countryCode: 'IT', currency: 'EUR', exponent: 2,
    salesChannel: 'Amazon.it', region: 'EU', orderIdPrefixes: ['402', '403', '405', '406', '408', '171'],
    emailDomain: 'marketplace.amazon.it', taxMode: 'inclusive', vatPpm: 220_000, weight: 5, afnShare: 0.4,
    titleLocale: 'it', perEur: 1, shippingFeeMinor: 490, mfnServiceLevels: ['Std IT Dom_1', 'Exp IT Dom_1'],
    deliveryDays: [2, 5], businessShare: 0.05,
  },
  {
    code: 'ES', marketplaceId: 'A1RKKUPIHCS9HS', countryCode: 'ES', currency: 'EUR', exponent: 2,
    salesChannel: 'Amazon.es', region: 'EU', orderIdPrefixes: ['402', '404', '406', '407', '408', '171'],
    emailDomain: 'marketplace.amazon.es', taxMode: 'inclusive', vatPpm: 210_000, weight: 4, afnShare: 0.4,
    titleLocale: 'es', perEur: 1, shippingFeeMinor: 399, mfnServiceLevels: ['Std ES Dom_1', 'Exp ES Dom_1'],
    deliveryDays: [2, 5], businessShare: 0.05,
  },
  {
    code: 'UK', marketplaceId: 'A1F83G8C2ARO7P', countryCode: 'GB', currency: 'GBP', exponent: 2,
    salesChannel: 'Amazon.co.uk', region: 'EU', orderIdPrefixes: ['202', '203', '204', '205', '206', '026'],
    emailDomain: 'marketplace.amazon.co.uk', taxMode: 'inclusive', vatPpm: 200_000, weight: 18, afnShare: 0.45,
    titleLocale: 'en', perEur: 0.86, shippingFeeMinor: 299, mfnServiceLevels: ['Std UK Dom_1', 'Std UK Dom_2', 'Exp UK Dom_1'],
    deliveryDays: [1, 3], businessShare: 0.07,
  },
  {
    code: 'AE', marketplaceId: 'A2VIGQ35RCS4UG', countryCode: 'AE', currency: 'AED', exponent: 2,
    salesChannel: 'Amazon.ae', region: 'EU', orderIdPrefixes: ['402', '403', '171'],
    emailDomain: 'marketplace.amazon.ae', taxMode: 'inclusive', vatPpm: 50_000, weight: 2, afnShare: 0.5,
    titleLocale: 'ar', perEur: 4, shippingFeeMinor: 1000, mfnServiceLevels: ['Std AE Dom_1', 'Exp AE Dom_1'],
    deliveryDays: [1, 3], businessShare: 0,
  },
  {
    code: 'US', marketplaceId: 'ATVPDKIKX0DER', countryCode: 'US', currency: 'USD', exponent: 2,
    salesChannel: 'Amazon.com', region: 'NA', orderIdPrefixes: ['111', '112', '113', '114'],
    emailDomain: 'marketplace.amazon.com', taxMode: 'exclusive', vatPpm: 0, weight: 24, afnShare: 0.5,
    titleLocale: 'en', perEur: 1.09, shippingFeeMinor: 599, mfnServiceLevels: ['Std US D2D Dom', 'Exp US D2D Dom', 'Std Cont US Street Addr'],
    deliveryDays: [2, 5], businessShare: 0.06,
  },
  {
    code: 'CA', marketplaceId: 'A2EUQ1WTGCTBG2', countryCode: 'CA', currency: 'CAD', exponent: 2,
    salesChannel: 'Amazon.ca', region: 'NA', orderIdPrefixes: ['701', '702'],
    emailDomain: 'marketplace.amazon.ca', taxMode: 'exclusive', vatPpm: 0, weight: 3, afnShare: 0.45,
    titleLocale: 'en', perEur: 1.5, shippingFeeMinor: 899, mfnServiceLevels: ['Std CA Dom_1', 'Exp CA Dom_1'],
    deliveryDays: [2, 6], businessShare: 0,
  },
  {
    code: 'JP', marketplaceId: 'A1VC38T7YXB528', countryCode: 'JP', currency: 'JPY', exponent: 0,
    salesChannel: 'Amazon.co.jp', region: 'FE', orderIdPrefixes: ['249', '250', '503'],
    emailDomain: 'marketplace.amazon.co.jp', taxMode: 'inclusive', vatPpm: 100_000, weight: 14, afnShare: 0.55,
    titleLocale: 'ja', perEur: 160, shippingFeeMinor: 410, mfnServiceLevels: ['Std JP Kanto8', 'Std JP Dom_1', 'Exp JP Dom_1'],
    deliveryDays: [1, 2], businessShare: 0.04,
  },
];

export const MARKETPLACE_BY_CODE: ReadonlyMap<MarketplaceCode, MarketplaceInfo> = new Map(
  MARKETPLACES.map((m) => [m.code, m] as const),
);
export const MARKETPLACE_BY_ID: ReadonlyMap<string, MarketplaceInfo> = new Map(
  MARKETPLACES.map((m) => [m.marketplaceId, m] as const),
);

export function marketplace(code: MarketplaceCode): MarketplaceInfo {
  const m = MARKETPLACE_BY_CODE.get(code);
  if (!m) throw new Error(`unknown marketplace ${code}`);
  return m;
}

/** Marketplace ids Amazon publishes (developer guide "marketplaceId values", plus BE, IE, ZA). */
export const KNOWN_MARKETPLACE_IDS: ReadonlySet<string> = new Set([
  'A2EUQ1WTGCTBG2', 'ATVPDKIKX0DER', 'A1AM78C64UM0Y8', 'A2Q3Y263D00KWC',
  'A1RKKUPIHCS9HS', 'A1F83G8C2ARO7P', 'A13V1IB3VIYZZH', 'AMEN7PMS3EDWL', 'A1805IZSGTT6HS', 'A1PA6795UKMFR9',
  'APJ6JRA9NG5V4', 'A2NODRKZP88ZB9', 'AE08WJ6YKNBMC', 'A1C3SOZRARQ6R3', 'ARBP9OOSHTCHU', 'A33AVAJ2PDY3EV',
  'A17E79C6D8DWNP', 'A2VIGQ35RCS4UG', 'A21TJRUUN4KGV', 'A28R8C7NBKEWEA',
  'A19VAU5U5O7RUS', 'A39IBJ37TRP1C6', 'A1VC38T7YXB528',
]);

/** Shipping service level (MFN) → ShipmentServiceLevelCategory. */
export function serviceLevelCategory(shipServiceLevel: string): string {
  if (shipServiceLevel.startsWith('Exp')) return 'Expedited';
  if (shipServiceLevel === 'NextDay') return 'NextDay';
  if (shipServiceLevel === 'SecondDay') return 'SecondDay';
  return 'Standard';
}
export const AFN_SERVICE_LEVELS: readonly (readonly [string, number])[] = [
  ['Standard', 70], ['Expedited', 20], ['NextDay', 7], ['SecondDay', 3],
];

// ---------------------------------------------------------------- catalogue

export interface Product {
  readonly asin: string;
  readonly sku: string;
  /** List price in euro cents; other currencies are derived (see priceMinor). */
  readonly eurCents: number;
  readonly jpy: number;
  /** Units in the pack, reported as ProductInfo.NumberOfItems (a string on the wire). */
  readonly packOf: number;
  /** Per-marketplace SKU suffix, e.g. keyboard layouts. */
  readonly skuPerMarketplace?: boolean;
  readonly titles: Readonly<Record<TitleLocale, string>>;
}

export const CATALOG: readonly Product[] = [
  {
    asin: 'B0C4Q7ZK2M', sku: 'NW-MUG-350-BLK', eurCents: 2499, jpy: 2980, packOf: 1,
    titles: {
      en: 'Northwind Insulated Travel Mug 350 ml, Leak-Proof, Black',
      de: 'Northwind Thermobecher 350 ml, auslaufsicher, Schwarz',
      fr: 'Northwind Mug isotherme de voyage 350 ml, anti-fuite, noir',
      it: 'Northwind Tazza termica da viaggio 350 ml, a prova di perdite, nero',
      es: 'Northwind Taza térmica de viaje 350 ml, antigoteo, negro',
      ja: 'Northwind 真空断熱タンブラー 350ml 漏れ防止 ブラック',
      ar: 'كوب سفر حراري من نورثويند 350 مل، مانع للتسرب، أسود',
    },
  },
  {
    asin: 'B0BX9T3LQ8', sku: 'NW-BTL-750-STL', eurCents: 1999, jpy: 2480, packOf: 1,
    titles: {
      en: 'Northwind Stainless Steel Water Bottle 750 ml, Double-Walled',
      de: 'Northwind Edelstahl-Trinkflasche 750 ml, doppelwandig',
      fr: 'Northwind Gourde en acier inoxydable 750 ml, double paroi',
      it: 'Northwind Borraccia in acciaio inox 750 ml, doppia parete',
      es: 'Northwind Botella de acero inoxidable 750 ml, doble pared',
      ja: 'Northwind ステンレスボトル 750ml 真空二重構造',
      ar: 'زجاجة ماء من الفولاذ المقاوم للصدأ 750 مل من نورثويند',
    },
  },
  {
    asin: 'B0D1M8RV5C', sku: 'NW-RJK-UNI-M', eurCents: 5999, jpy: 7980, packOf: 1,
    titles: {
      en: 'Northwind Packable Rain Jacket, Unisex, Size M, Navy',
      de: 'Northwind Packbare Regenjacke, Unisex, Größe M, Marineblau',
      fr: 'Northwind Veste de pluie compacte, unisexe, taille M, bleu marine',
      it: 'Northwind Giacca antipioggia ripiegabile, unisex, taglia M, blu navy',
      es: 'Northwind Chaqueta impermeable plegable, unisex, talla M, azul marino',
      ja: 'Northwind パッカブル レインジャケット ユニセックス Mサイズ ネイビー',
      ar: 'سترة مطر قابلة للطي من نورثويند، للجنسين، مقاس M، كحلي',
    },
  },
  {
    asin: 'B0B7HJ2W6N', sku: 'NW-CBL-USBC-2M', eurCents: 1299, jpy: 1580, packOf: 1,
    titles: {
      en: 'Northwind USB-C to USB-C Cable 2 m, 100 W, Braided',
      de: 'Northwind USB-C auf USB-C Kabel 2 m, 100 W, geflochten',
      fr: 'Northwind Câble USB-C vers USB-C 2 m, 100 W, tressé',
      it: 'Northwind Cavo da USB-C a USB-C 2 m, 100 W, intrecciato',
      es: 'Northwind Cable USB-C a USB-C 2 m, 100 W, trenzado',
      ja: 'Northwind USB-C to USB-C ケーブル 2m 100W 編み込み',
      ar: 'كابل USB-C إلى USB-C بطول 2 متر، 100 واط، مضفر',
    },
  },
  {
    asin: 'B0CKT5N4XR', sku: 'NW-KB87-BRN', eurCents: 8999, jpy: 12800, packOf: 1, skuPerMarketplace: true,
    titles: {
      en: 'Northwind 87-Key Mechanical Keyboard, Hot-Swappable, Brown Switches',
      de: 'Northwind Mechanische Tastatur mit 87 Tasten, QWERTZ, braune Schalter',
      fr: 'Northwind Clavier mécanique 87 touches, AZERTY, switches marron',
      it: 'Northwind Tastiera meccanica 87 tasti, layout italiano, switch marroni',
      es: 'Northwind Teclado mecánico de 87 teclas, distribución española, interruptores marrones',
      ja: 'Northwind メカニカルキーボード 87キー JIS配列 茶軸',
      ar: 'لوحة مفاتيح ميكانيكية 87 مفتاحًا من نورثويند، مفاتيح بنية',
    },
  },
  {
    asin: 'B0C9WQ4P1D', sku: 'NW-SOCK-MER-3P', eurCents: 2999, jpy: 3480, packOf: 3,
    titles: {
      en: 'Northwind Merino Wool Hiking Socks, 3 Pairs, EU 39–42',
      de: 'Northwind Wandersocken aus Merinowolle, 3 Paar, Gr. 39–42',
      fr: 'Northwind Chaussettes de randonnée en laine mérinos, lot de 3, 39–42',
      it: 'Northwind Calze da trekking in lana merino, 3 paia, 39–42',
      es: 'Northwind Calcetines de senderismo de lana merino, 3 pares, 39–42',
      ja: 'Northwind メリノウール トレッキングソックス 3足組 24–26cm',
      ar: 'جوارب مشي من صوف المرينو، 3 أزواج',
    },
  },
  {
    asin: 'B0BR6D8K3T', sku: 'NW-DRIP-CER-02', eurCents: 2250, jpy: 2750, packOf: 1,
    titles: {
      en: 'Northwind Ceramic Pour-Over Coffee Dripper, Size 02, White',
      de: 'Northwind Keramik-Kaffeefilter Größe 02, Weiß',
      fr: 'Northwind Dripper à café en céramique, taille 02, blanc',
      it: 'Northwind Dripper per caffè in ceramica, misura 02, bianco',
      es: 'Northwind Cafetera de goteo de cerámica, tamaño 02, blanco',
      ja: 'Northwind 陶器製 コーヒードリッパー 02サイズ ホワイト',
      ar: 'قمع تقطير القهوة الخزفي، مقاس 02، أبيض',
    },
  },
  {
    asin: 'B0CF2L9M7H', sku: 'NW-CBRD-BAM-3', eurCents: 3499, jpy: 4280, packOf: 3,
    titles: {
      en: 'Northwind Bamboo Cutting Board Set, 3 Pieces',
      de: 'Northwind Schneidebrett-Set aus Bambus, 3-teilig',
      fr: 'Northwind Lot de 3 planches à découper en bambou',
      it: 'Northwind Set di 3 taglieri in bambù',
      es: 'Northwind Juego de 3 tablas de cortar de bambú',
      ja: 'Northwind 竹製 まな板 3点セット',
      ar: 'طقم ألواح تقطيع من الخيزران، 3 قطع',
    },
  },
  {
    asin: 'B0D5X3G8QJ', sku: 'NW-LAMP-LED-QI', eurCents: 4999, jpy: 6480, packOf: 1,
    titles: {
      en: 'Northwind LED Desk Lamp with Wireless Charger, Dimmable',
      de: 'Northwind LED-Schreibtischlampe mit kabellosem Ladegerät, dimmbar',
      fr: 'Northwind Lampe de bureau LED avec chargeur sans fil, à intensité variable',
      it: 'Northwind Lampada da scrivania LED con caricatore wireless, dimmerabile',
      es: 'Northwind Lámpara de escritorio LED con cargador inalámbrico, regulable',
      ja: 'Northwind LEDデスクライト ワイヤレス充電器付き 調光可能',
      ar: 'مصباح مكتب LED مع شاحن لاسلكي، قابل للتعتيم',
    },
  },
  {
    asin: 'B0B2N6Y4VW', sku: 'NW-YOGA-6MM-GRN', eurCents: 3990, jpy: 4980, packOf: 1,
    titles: {
      en: 'Northwind Non-Slip Yoga Mat 6 mm, Sage Green',
      de: 'Northwind Rutschfeste Yogamatte 6 mm, Salbeigrün',
      fr: 'Northwind Tapis de yoga antidérapant 6 mm, vert sauge',
      it: 'Northwind Tappetino yoga antiscivolo 6 mm, verde salvia',
      es: 'Northwind Esterilla de yoga antideslizante 6 mm, verde salvia',
      ja: 'Northwind 滑り止め ヨガマット 6mm セージグリーン',
      ar: 'سجادة يوغا مانعة للانزلاق 6 مم، أخضر',
    },
  },
  {
    asin: 'B0C1K7S3ZE', sku: 'NW-MATCHA-SET', eurCents: 2700, jpy: 3300, packOf: 1,
    titles: {
      en: 'Northwind Matcha Tea Set with Bamboo Whisk (Chasen) and Scoop',
      de: 'Northwind Matcha-Set mit Bambusbesen (Chasen) und Löffel',
      fr: 'Northwind Coffret matcha avec fouet en bambou (chasen) et cuillère',
      it: 'Northwind Set per matcha con frusta in bambù (chasen) e cucchiaio',
      es: 'Northwind Set de matcha con batidor de bambú (chasen) y cuchara',
      ja: 'Northwind 抹茶セット 茶筅・茶杓付き',
      ar: 'طقم شاي ماتشا مع مخفقة من الخيزران وملعقة',
    },
  },
  {
    asin: 'B0BK4F9R2X', sku: 'NW-BAKE-SIL-2P', eurCents: 1499, jpy: 1780, packOf: 2,
    titles: {
      en: 'Northwind Silicone Baking Mats, Pack of 2',
      de: 'Northwind Silikon-Backmatten, 2er-Pack',
      fr: 'Northwind Tapis de cuisson en silicone, lot de 2',
      it: 'Northwind Tappetini da forno in silicone, confezione da 2',
      es: 'Northwind Tapetes de silicona para hornear, pack de 2',
      ja: 'Northwind シリコン ベーキングマット 2枚入り',
      ar: 'حصائر خبز من السيليكون، عبوة من قطعتين',
    },
  },
  {
    asin: 'B0CY8H1T6P', sku: 'NW-EARB-ANC-WHT', eurCents: 7900, jpy: 9980, packOf: 1,
    titles: {
      en: 'Northwind Wireless Earbuds with Active Noise Cancelling, White',
      de: 'Northwind Kabellose Ohrhörer mit aktiver Geräuschunterdrückung, Weiß',
      fr: 'Northwind Écouteurs sans fil à réduction de bruit active, blanc',
      it: 'Northwind Auricolari wireless con cancellazione attiva del rumore, bianco',
      es: 'Northwind Auriculares inalámbricos con cancelación activa de ruido, blanco',
      ja: 'Northwind ワイヤレスイヤホン アクティブノイズキャンセリング ホワイト',
      ar: 'سماعات أذن لاسلكية بخاصية إلغاء الضوضاء، أبيض',
    },
  },
  {
    asin: 'B0B9V2C5MA', sku: 'NW-PASS-LTH-BRN', eurCents: 3200, jpy: 3980, packOf: 1,
    titles: {
      en: 'Northwind Leather Passport Holder with RFID Blocking, Brown',
      de: 'Northwind Reisepasshülle aus Leder mit RFID-Schutz, Braun',
      fr: 'Northwind Étui à passeport en cuir avec protection RFID, marron',
      it: 'Northwind Porta passaporto in pelle con protezione RFID, marrone',
      es: 'Northwind Funda de pasaporte de piel con bloqueo RFID, marrón',
      ja: 'Northwind 本革パスポートケース スキミング防止 ブラウン',
      ar: 'حافظة جواز سفر جلدية مع حماية RFID، بني',
    },
  },
  {
    asin: 'B0D3P6W9LK', sku: 'NW-CUBE-SET-6', eurCents: 2699, jpy: 3280, packOf: 6,
    titles: {
      en: 'Northwind Packing Cubes for Carry-On, Set of 6',
      de: 'Northwind Packwürfel für Handgepäck, 6er-Set',
      fr: 'Northwind Cubes de rangement pour bagage cabine, lot de 6',
      it: 'Northwind Organizer per valigia, set da 6',
      es: 'Northwind Organizadores de maleta para equipaje de mano, set de 6',
      ja: 'Northwind トラベル 圧縮ポーチ 6点セット',
      ar: 'منظمات حقائب السفر، طقم من 6 قطع',
    },
  },
  {
    asin: 'B0BM7Q3J8F', sku: 'NW-SKLT-CI-26', eurCents: 4495, jpy: 5480, packOf: 1,
    titles: {
      en: 'Northwind Cast Iron Skillet 26 cm, Pre-Seasoned',
      de: 'Northwind Gusseisenpfanne 26 cm, vorgeölt',
      fr: 'Northwind Poêle en fonte 26 cm, pré-culottée',
      it: 'Northwind Padella in ghisa 26 cm, pre-stagionata',
      es: 'Northwind Sartén de hierro fundido 26 cm, precurada',
      ja: 'Northwind 鋳鉄スキレット 26cm シーズニング済み',
      ar: 'مقلاة من الحديد الزهر 26 سم، معالجة مسبقًا',
    },
  },
  {
    asin: 'B0C6T4N1RD', sku: 'NW-TRIPOD-BT', eurCents: 2199, jpy: 2680, packOf: 1,
    titles: {
      en: 'Northwind Phone Tripod with Bluetooth Remote, 150 cm',
      de: 'Northwind Handy-Stativ mit Bluetooth-Fernbedienung, 150 cm',
      fr: 'Northwind Trépied pour smartphone avec télécommande Bluetooth, 150 cm',
      it: 'Northwind Treppiede per smartphone con telecomando Bluetooth, 150 cm',
      es: 'Northwind Trípode para móvil con mando Bluetooth, 150 cm',
      ja: 'Northwind スマホ三脚 Bluetoothリモコン付き 150cm',
      ar: 'حامل ثلاثي للهاتف مع جهاز تحكم بلوتوث، 150 سم',
    },
  },
  {
    asin: 'B0BZ5K8D2Y', sku: 'NW-TEA-SENCHA-100', eurCents: 999, jpy: 1280, packOf: 1,
    titles: {
      en: 'Northwind Organic Sencha Green Tea, Loose Leaf, 100 g',
      de: 'Northwind Bio Sencha Grüntee, lose, 100 g',
      fr: 'Northwind Thé vert Sencha bio en vrac, 100 g',
      it: 'Northwind Tè verde Sencha biologico sfuso, 100 g',
      es: 'Northwind Té verde Sencha ecológico a granel, 100 g',
      ja: 'Northwind 有機 煎茶 茶葉 100g',
      ar: 'شاي أخضر سينشا عضوي، أوراق سائبة، 100 غرام',
    },
  },
];

/**
 * Unit price in the marketplace's minor units: EUR list price as is; other currencies
 * converted and rounded to a shelf price (x.99, whole AED, JPY from its own list).
 */
export function priceMinor(product: Product, mp: MarketplaceInfo): number {
  if (mp.currency === 'JPY') return product.jpy;
  if (mp.currency === 'EUR') return product.eurCents;
  const units = Math.max(1, Math.round((product.eurCents / 100) * mp.perEur));
  if (mp.currency === 'AED') return units * 100;
  return units * 100 - 1;
}

// ---------------------------------------------------------------- addresses

export interface CityEntry {
  readonly city: string;
  readonly postalCodes: readonly string[];
  readonly state?: string;
  /** Sales tax (US) or GST/HST(+PST/QST) (CA) in parts per million. */
  readonly salesTaxPpm?: number;
  /** Streets of this city, when the country pool's generic ones would look wrong. */
  readonly streets?: readonly string[];
}

export interface CountryPool {
  readonly cities: readonly CityEntry[];
  readonly streets: readonly string[];
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly companies: readonly string[];
  /** Builds AddressLine1 from street and number, in the country's order. */
  readonly line1: (street: string, number: number) => string;
  readonly line2: readonly string[];
  /** Name order: Japanese puts the family name first. */
  readonly familyFirst?: boolean;
}

export const ADDRESS_POOLS: Readonly<Record<MarketplaceCode, CountryPool>> = {
  DE: {
    cities: [
      { city: 'Berlin', postalCodes: ['10115', '10243', '10437', '12043'], state: 'Berlin' },
      { city: 'München', postalCodes: ['80331', '80469', '81675'], state: 'Bayern' },
      { city: 'Hamburg', postalCodes: ['20095', '22765'], state: 'Hamburg' },
      { city: 'Köln', postalCodes: ['50667', '50823'], state: 'Nordrhein-Westfalen' },
      { city: 'Frankfurt am Main', postalCodes: ['60311', '60594'], state: 'Hessen' },
      { city: 'Leipzig', postalCodes: ['04109', '04277'], state: 'Sachsen' },
      { city: 'Stuttgart', postalCodes: ['70173', '70190'], state: 'Baden-Württemberg' },
      { city: 'Görlitz', postalCodes: ['02826'], state: 'Sachsen' },
    ],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee', 'Schillerstraße', 'Am Mühlbach', 'Kastanienweg', 'Rosenstraße', 'Weißdornweg'],
    firstNames: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Marie', 'Paul', 'Sophie', 'Jürgen', 'Özlem', 'Björn', 'Käthe'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Wagner', 'Hoffmann', 'Schäfer', 'Krüger', 'Groß', 'Yılmaz'],
    companies: ['Beispiel Handels GmbH', 'Hansa Bürobedarf GmbH', 'Müller & Söhne KG'],
    line1: (s, n) => `${s} ${n}`,
    line2: ['2. OG links', 'Hinterhaus', 'c/o Praxis Dr. Weber', 'Wohnung 12'],
  },
  FR: {
    cities: [
      { city: 'Paris', postalCodes: ['75011', '75015', '75018'], state: 'Île-de-France' },
      { city: 'Lyon', postalCodes: ['69003', '69007'], state: 'Auvergne-Rhône-Alpes' },
      { city: 'Marseille', postalCodes: ['13001', '13006'], state: "Provence-Alpes-Côte d'Azur" },
      { city: 'Toulouse', postalCodes: ['31000'], state: 'Occitanie' },
      { city: 'Nantes', postalCodes: ['44000'], state: 'Pays de la Loire' },
      { city: 'Lille', postalCodes: ['59000'], state: 'Hauts-de-France' },
    ],
    streets: ['rue des Lilas', 'avenue Jean Jaurès', 'boulevard Voltaire', 'rue de la République', 'impasse des Acacias', 'place du Marché'],
    firstNames: ['Camille', 'Léa', 'Hugo', 'Chloé', 'Théo', 'Manon', 'Noël', 'Zoé', 'François', 'Anaïs'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Lefèvre', 'Moreau'],
    companies: ['Société Exemple SARL', 'Atelier Lumière SAS'],
    line1: (s, n) => `${n} ${s}`,
    line2: ['Bâtiment B', 'Appartement 24', 'Résidence Les Tilleuls', '3e étage'],
  },
  IT: {
    cities: [
      { city: 'Milano', postalCodes: ['20121', '20135'], state: 'MI' },
      { city: 'Roma', postalCodes: ['00184', '00153'], state: 'RM' },
      { city: 'Torino', postalCodes: ['10121'], state: 'TO' },
      { city: 'Napoli', postalCodes: ['80132'], state: 'NA' },
      { city: 'Bologna', postalCodes: ['40121'], state: 'BO' },
      { city: 'Firenze', postalCodes: ['50122'], state: 'FI' },
    ],
    streets: ['Via Roma', 'Via Garibaldi', 'Corso Vittorio Emanuele II', 'Via dei Mille', 'Viale Monza', 'Via della Spiga'],
    firstNames: ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Niccolò', 'Martina', 'Alessandro'],
    lastNames: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'De Luca'],
    companies: ['Esempio S.r.l.', 'Forniture Ufficio Bianchi S.p.A.'],
    line1: (s, n) => `${s} ${n}`,
    line2: ['Scala B, interno 7', 'Piano 3', 'c/o Studio Ricci'],
  },
  ES: {
    cities: [
      { city: 'Madrid', postalCodes: ['28013', '28004'], state: 'Madrid' },
      { city: 'Barcelona', postalCodes: ['08001', '08013'], state: 'Barcelona' },
      { city: 'Valencia', postalCodes: ['46002'], state: 'Valencia' },
      { city: 'Sevilla', postalCodes: ['41001'], state: 'Sevilla' },
      { city: 'Bilbao', postalCodes: ['48001'], state: 'Bizkaia' },
      { city: 'A Coruña', postalCodes: ['15001'], state: 'A Coruña' },
    ],
    streets: ['Calle Mayor', 'Calle de Alcalá', 'Avinguda Diagonal', 'Calle Sierpes', 'Gran Vía', 'Paseo de Gracia'],
    firstNames: ['Lucía', 'Hugo', 'Martina', 'Mateo', 'Sofía', 'Álvaro', 'Nuria', 'Íñigo'],
    lastNames: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Muñoz', 'Ibáñez'],
    companies: ['Ejemplo Distribuciones S.L.', 'Suministros Ibáñez S.A.'],
    line1: (s, n) => `${s}, ${n}`,
    line2: ['3º B', 'Bajo izquierda', 'Piso 5, puerta 2', 'Escalera A, 1º 1ª'],
  },
  UK: {
    cities: [
      { city: 'London', postalCodes: ['E1 6AN', 'SE15 4QL', 'N7 8DB'], state: 'Greater London' },
      { city: 'Manchester', postalCodes: ['M1 1AE', 'M14 5RG'], state: 'Greater Manchester' },
      { city: 'Birmingham', postalCodes: ['B1 1BB'], state: 'West Midlands' },
      { city: 'Leeds', postalCodes: ['LS1 4AP'], state: 'West Yorkshire' },
      { city: 'Glasgow', postalCodes: ['G1 1XQ'], state: 'Glasgow City' },
      { city: 'Cardiff', postalCodes: ['CF10 1EP'], state: 'Cardiff' },
      { city: 'Belfast', postalCodes: ['BT1 5GS'], state: 'County Antrim' },
    ],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane', "Queen's Road", 'Acacia Avenue'],
    firstNames: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Siobhan', 'Rhys', 'Priya', 'Callum'],
    lastNames: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Davies', 'Evans', "O'Connor", 'Patel', 'MacLeod'],
    companies: ['Acme Supplies Ltd', 'Thistle Office Ltd'],
    line1: (s, n) => `${n} ${s}`,
    line2: ['Flat 3', 'Flat 2B', 'Unit 5, Riverside Court'],
  },
  AE: {
    cities: [
      { city: 'دبي', postalCodes: [], state: 'دبي' },
      { city: 'أبوظبي', postalCodes: [], state: 'أبوظبي' },
      { city: 'الشارقة', postalCodes: [], state: 'الشارقة' },
      { city: 'العين', postalCodes: [], state: 'أبوظبي' },
    ],
    streets: ['شارع الشيخ زايد', 'شارع الكورنيش', 'شارع الملك فيصل', 'شارع الوحدة', 'شارع الخليج العربي'],
    firstNames: ['محمد', 'فاطمة', 'أحمد', 'مريم', 'عمر', 'نورة', 'خالد', 'سارة'],
    lastNames: ['الحمادي', 'المنصوري', 'الكعبي', 'الشامسي', 'النعيمي', 'البلوشي'],
    companies: [],
    line1: (s, n) => `${s}، مبنى ${n}`,
    line2: ['شقة 1204', 'فيلا 17', 'الطابق الثالث، مكتب ٨', 'برج الواحة، شقة ٥٠٢'],
  },
  US: {
    cities: [
      { city: 'Seattle', postalCodes: ['98101', '98109-4311'], state: 'WA', salesTaxPpm: 102_500 },
      { city: 'Portland', postalCodes: ['97205'], state: 'OR', salesTaxPpm: 0 },
      { city: 'New York', postalCodes: ['10001', '11215'], state: 'NY', salesTaxPpm: 88_750 },
      { city: 'Austin', postalCodes: ['78701'], state: 'TX', salesTaxPpm: 82_500 },
      { city: 'Chicago', postalCodes: ['60601', '60614-2203'], state: 'IL', salesTaxPpm: 102_500 },
      { city: 'Miami', postalCodes: ['33130'], state: 'FL', salesTaxPpm: 70_000 },
      { city: 'Los Angeles', postalCodes: ['90012'], state: 'CA', salesTaxPpm: 95_000 },
      { city: 'Denver', postalCodes: ['80202'], state: 'CO', salesTaxPpm: 88_100 },
      { city: 'Anchorage', postalCodes: ['99501'], state: 'AK', salesTaxPpm: 0 },
    ],
    streets: ['Main St', 'Oak Ave', 'Maple Dr', 'Pine St', 'Elm St', 'Cedar Ln', 'Lakeview Blvd'],
    firstNames: ['James', 'Emily', 'Michael', 'Olivia', 'Daniel', 'Sofia', 'Jamal', 'Mei', 'Carlos', 'Hannah'],
    lastNames: ['Johnson', 'Williams', 'Miller', 'Davis', 'Garcia', 'Rodriguez', 'Nguyen', 'Kim', 'Thompson', "O'Brien"],
    companies: ['Example Supply Co. LLC', 'Lakeside Dental Group Inc.'],
    line1: (s, n) => `${n} ${s}`,
    line2: ['Apt 4B', 'Suite 210', 'Unit 12', '# 305'],
  },
  CA: {
    cities: [
      { city: 'Toronto', postalCodes: ['M5V 2T6', 'M4C 1B5'], state: 'ON', salesTaxPpm: 130_000, streets: ['Queen St W', 'Danforth Ave'] },
      { city: 'Ottawa', postalCodes: ['K1P 1J1'], state: 'ON', salesTaxPpm: 130_000, streets: ['Bank St', 'Elgin St'] },
      { city: 'Montréal', postalCodes: ['H2X 1Y4'], state: 'QC', salesTaxPpm: 149_750, streets: ['Rue Sainte-Catherine O', 'Boulevard Saint-Laurent'] },
      { city: 'Québec', postalCodes: ['G1R 4P5'], state: 'QC', salesTaxPpm: 149_750, streets: ['Rue Saint-Jean'] },
      { city: 'Vancouver', postalCodes: ['V6B 1A1'], state: 'BC', salesTaxPpm: 120_000, streets: ['Granville St', 'Main St'] },
      { city: 'Calgary', postalCodes: ['T2P 1J9'], state: 'AB', salesTaxPpm: 50_000, streets: ['Stephen Ave', '17 Ave SW'] },
      { city: 'Halifax', postalCodes: ['B3J 1S9'], state: 'NS', salesTaxPpm: 140_000, streets: ['Barrington St', 'Spring Garden Rd'] },
    ],
    streets: ['Queen St W', 'Rue Sainte-Catherine O', 'Rue Saint-Jean', 'Granville St', 'Stephen Ave', 'Barrington St'],
    firstNames: ['Liam', 'Chloé', 'Noah', 'Émilie', 'Ethan', 'Gabrielle', 'Raj', 'Avery'],
    lastNames: ['Tremblay', 'Gagnon', 'Roy', 'Smith', 'Brown', 'Wong', 'Singh', 'Côté'],
    companies: [],
    line1: (s, n) => `${n} ${s}`,
    line2: ['Apt 1203', 'Unit 4', 'App. 7'],
  },
  JP: {
    cities: [
      { city: '渋谷区', postalCodes: ['150-0001', '150-0042'], state: '東京都', streets: ['神宮前', '宇田川町'] },
      { city: '世田谷区', postalCodes: ['154-0004'], state: '東京都', streets: ['太子堂', '三軒茶屋'] },
      { city: '大阪市北区', postalCodes: ['530-0012'], state: '大阪府', streets: ['芝田', '茶屋町'] },
      { city: '横浜市西区', postalCodes: ['220-0012'], state: '神奈川県', streets: ['みなとみらい'] },
      { city: '名古屋市中区', postalCodes: ['460-0008'], state: '愛知県', streets: ['栄'] },
      { city: '福岡市博多区', postalCodes: ['812-0011'], state: '福岡県', streets: ['博多駅前'] },
      { city: '札幌市中央区', postalCodes: ['060-0001'], state: '北海道', streets: ['北一条西'] },
      { city: '那覇市', postalCodes: ['900-0015'], state: '沖縄県', streets: ['久茂地'] },
    ],
    streets: ['神宮前', '太子堂', '茶屋町', 'みなとみらい', '栄', '博多駅前', '北一条西', '久茂地'],
    firstNames: ['陽菜', '蓮', '結衣', '湊', 'さくら', '大翔', '美咲', '悠真'],
    lastNames: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村'],
    companies: ['株式会社サンプル商事', '合同会社ノースウィンド販売'],
    // 〇丁目 block-house numbering: chōme 1–5, block 1–23, house 1–9.
    line1: (s, n) => `${s}${(n % 5) + 1}丁目${(n % 23) + 1}-${(n % 9) + 1}`,
    line2: ['サンハイツ 302号室', 'メゾン桜 101', 'コーポ若葉 2F', 'グリーンテラス 705号室'],
    familyFirst: true,
  },
};

/** Names in other scripts, used now and then on EU orders (recipient abroad or expat). */
export const INTERNATIONAL_NAMES: readonly string[] = [
  'Νικόλαος Παπαδόπουλος',
  'Ελένη Γεωργίου',
  'Анна Смирнова',
  'Дмитрий Иванов',
  'נועה לוי',
  'يوسف الحداد',
  'Zeynep Çelik',
  'Nguyễn Thị Lan',
];

/** Latin-script UAE addresses: Amazon.ae buyers use both scripts. */
export const AE_LATIN_ADDRESSES: readonly AmazonAddress[] = [
  { AddressLine1: 'Dubai Marina, Marina Heights Tower', AddressLine2: 'Apt 1507', City: 'Dubai', StateOrRegion: 'Dubai', CountryCode: 'AE' },
  { AddressLine1: 'Al Reem Island, Sky Tower', AddressLine2: 'Flat 2203', City: 'Abu Dhabi', StateOrRegion: 'Abu Dhabi', CountryCode: 'AE' },
  { AddressLine1: 'Al Majaz 2, Building 14', City: 'Sharjah', StateOrRegion: 'Sharjah', CountryCode: 'AE' },
];
export const AE_LATIN_NAMES: readonly string[] = ['Rahul Menon', 'Aisha Khan', 'Maria Santos', 'Omar Haddad'];

/** The seller's own warehouse per region, as DefaultShipFromLocationAddress on MFN orders. */
export const SHIP_FROM: Readonly<Record<MarketplaceInfo['region'] | 'UK' | 'CA' | 'AE', AmazonAddress>> = {
  EU: { Name: 'Northwind Logistik GmbH', AddressLine1: 'Lagerhofstraße 12', City: 'Leipzig', PostalCode: '04103', CountryCode: 'DE', AddressType: 'Commercial' },
  UK: { Name: 'Northwind Fulfilment Ltd', AddressLine1: 'Unit 7, Riverside Trading Estate', City: 'Coventry', StateOrRegion: 'West Midlands', PostalCode: 'CV1 4AB', CountryCode: 'GB', AddressType: 'Commercial' },
  NA: { Name: 'Northwind Goods Inc.', AddressLine1: '4200 Commerce Way', City: 'Reno', StateOrRegion: 'NV', PostalCode: '89502', CountryCode: 'US', AddressType: 'Commercial' },
  CA: { Name: 'Northwind Goods Canada Ltd.', AddressLine1: '85 Industrial Pkwy', City: 'Mississauga', StateOrRegion: 'ON', PostalCode: 'L5T 2V1', CountryCode: 'CA', AddressType: 'Commercial' },
  FE: { Name: 'ノースウィンド合同会社 市川倉庫', AddressLine1: '塩浜2-10-3', City: '市川市', StateOrRegion: '千葉県', PostalCode: '272-0127', CountryCode: 'JP', AddressType: 'Commercial' },
  AE: { Name: 'Northwind Trading FZE', AddressLine1: 'Warehouse 12, Al Quoz Industrial Area 3', City: 'Dubai', StateOrRegion: 'Dubai', CountryCode: 'AE', AddressType: 'Commercial' },
};

export const CANCEL_REASONS: readonly string[] = [
  'Found cheaper somewhere else.',
  'Ordered by mistake.',
  'Delivery date too late.',
];
