/**
 * The MyDHL API landed-cost records the mapping writes and reads, with the description's field
 * names (mydhl-express-api-3.1.1.yaml: supermodelIoLogisticsExpressLandedCostRequest and
 * supermodelIoLogisticsExpressRates). Type-only: responses may come from anywhere (the API,
 * files fed to `caravan map`), so the mapping checks every value it reads at runtime.
 * Amounts are JSON numbers on this wire; the mapping turns them into exact decimals.
 */

export interface DhlRatingAddressWire {
  readonly postalCode: string;
  readonly cityName: string;
  readonly countryCode: string;
  readonly provinceCode?: string;
  readonly addressLine1?: string;
  readonly addressLine2?: string;
  readonly addressLine3?: string;
  readonly countyName?: string;
}

export interface DhlAccountWire {
  /** `shipper` | `payer` | `duties-taxes` */
  readonly typeCode: 'shipper' | 'payer' | 'duties-taxes';
  readonly number: string;
}

/** DHL packaging codes (supermodelIoLogisticsExpressPackageRR.typeCode). */
export type DhlPackageTypeCode =
  | '1CE' | '2BC' | '2BP' | '2BX' | '3BX' | '4BX' | '5BX' | '6BX' | '7BX' | '8BX'
  | 'CE1' | 'TBL' | 'TBS' | 'WB1' | 'WB2' | 'WB3' | 'WB6' | 'XPD';

export interface DhlRatingPackageWire {
  readonly typeCode?: DhlPackageTypeCode;
  /** Kilograms (metric), multiple of 0.001. */
  readonly weight: number;
  readonly dimensions?: { readonly length: number; readonly width: number; readonly height: number };
}

export type DhlTariffRateType = 'default_rate' | 'derived_rate' | 'highest_rate' | 'center_rate' | 'lowest_rate' | 'preferential_rate';

export interface DhlLandedCostItemWire {
  /** Line number 1 … 1000; the response's `items[].number` refers to it. */
  readonly number: number;
  readonly name?: string;
  readonly description?: string;
  readonly manufacturerCountry: string;
  readonly partNumber?: string;
  readonly quantity: number;
  readonly quantityType?: 'prt' | 'box';
  /** Multiple of 0.00001. */
  readonly unitPrice: number;
  readonly unitPriceCurrencyCode: string;
  readonly commodityCode?: string;
  readonly weight?: number;
  readonly weightUnitOfMeasurement?: 'metric' | 'imperial';
  readonly category?: string;
  readonly brand?: string;
  readonly estimatedTariffRateType?: DhlTariffRateType;
}

export interface DhlLandedCostChargeWire {
  readonly typeCode: 'freight' | 'additional' | 'insurance';
  readonly amount: number;
  readonly currencyCode: string;
}

export interface DhlLandedCostRequestWire {
  readonly customerDetails: { readonly shipperDetails: DhlRatingAddressWire; readonly receiverDetails: DhlRatingAddressWire };
  readonly accounts: readonly DhlAccountWire[];
  readonly productCode?: string;
  readonly localProductCode?: string;
  readonly unitOfMeasurement: 'metric' | 'imperial';
  /** Currency of item prices and freight, and of the result. */
  readonly currencyCode: string;
  readonly isCustomsDeclarable: boolean;
  /** Duties and taxes paid by the shipper (DDP). */
  readonly isDTPRequested?: boolean;
  readonly isInsuranceRequested?: boolean;
  readonly getCostBreakdown: boolean;
  readonly charges?: readonly DhlLandedCostChargeWire[];
  readonly shipmentPurpose?: 'commercial' | 'personal';
  readonly transportationMode?: 'air' | 'ocean' | 'ground';
  readonly merchantSelectedCarrierName?: 'DHL' | 'UPS' | 'FEDEX' | 'TNT' | 'POST' | 'OTHERS';
  readonly packages: readonly DhlRatingPackageWire[];
  readonly items: readonly DhlLandedCostItemWire[];
  readonly getTariffFormula?: boolean;
  readonly getQuotationID?: boolean;
}

/** One charge line of `detailedPriceBreakdown[].breakdown` or `items[].breakdown`. */
export interface DhlChargeLineWire {
  /** SCUSV, SINSV, MACHG, MFCHG, SPRQN, STSCH, "TOTAL DUTIES", "DUTY", "GST", "CIF" … */
  readonly name?: string;
  readonly serviceCode?: string;
  /** DUTY | TAX | FEE (absent for valuation and DHL transport lines). */
  readonly typeCode?: string;
  readonly price?: number;
  readonly priceCurrency?: string;
  /** e.g. "(0.1 * (CIF + DUTY + WINE_EQUALISATION_TAX + ADDITIONAL_DUTY))" */
  readonly tariffRateFormula?: string;
}

export interface DhlLandedCostProductWire {
  readonly productName?: string;
  readonly productCode?: string;
  readonly totalPrice?: readonly { readonly currencyType?: string; readonly priceCurrency?: string; readonly price?: number }[];
  readonly detailedPriceBreakdown?: readonly {
    readonly currencyType?: string;
    readonly priceCurrency?: string;
    readonly breakdown?: readonly DhlChargeLineWire[];
  }[];
  readonly items?: readonly { readonly number?: number; readonly breakdown?: readonly DhlChargeLineWire[] }[];
}

export interface DhlLandedCostResponseWire {
  readonly products?: readonly DhlLandedCostProductWire[];
  readonly warnings?: readonly string[];
}
