// SPEC §5 "Transformación de valores" as pure functions: the settings page's live example and the
// sync planner call exactly this code. Arithmetic is BigInt on minor units (ADR 0002).
import { currencyDecimals, isMinorAmount, MAX_MINOR, minorPerMajor, floorDiv, roundHalfUp } from './money.js';
import { BASIS_POINTS_PER_UNIT, basisPoints, type BasisPoints } from './percent.js';

export const ROUNDINGS = ['none', 'multiple_10', 'multiple_100', 'multiple_1000', 'ending_990', 'ending_99'] as const;
export type Rounding = (typeof ROUNDINGS)[number];
export const ROUNDING_DIRECTIONS = ['nearest', 'up', 'down'] as const;
export type RoundingDirection = (typeof ROUNDING_DIRECTIONS)[number];

export interface PriceRules {
  /** "Publicar precio de oferta". */
  publishOffer: boolean;
  /** "Ajuste porcentual" in hundredths of a percent (12,5 % = 1250). */
  percent: BasisPoints;
  /** "Ajuste fijo", minor units of the store currency; may be negative. */
  fixed: number;
  rounding: Rounding;
  roundingDirection: RoundingDirection;
  /** "Precio mínimo", minor units; null = no floor. */
  minimum: number | null;
  /** "Descuento de stock": units held back per variant. */
  stockBuffer: number;
}

/** Rules that publish the catalog as it is (T is the identity). */
export const DEFAULT_PRICE_RULES: PriceRules = {
  publishOffer: true, percent: basisPoints(0), fixed: 0, rounding: 'none',
  roundingDirection: 'nearest', minimum: null, stockBuffer: 0,
};

// Below -100 % every price would be 0; above +1000 % is surely a typo (19 vs 1900).
export const MIN_PERCENT_BP = -9_999;
export const MAX_PERCENT_BP = 100_000;
export const MAX_STOCK_BUFFER = 1_000_000;

export type RuleErrorCode =
  | 'ROUNDING_NEEDS_DECIMALS' | 'PERCENT_OUT_OF_RANGE' | 'FIXED_OUT_OF_RANGE'
  | 'MINIMUM_OUT_OF_RANGE' | 'STOCK_BUFFER_INVALID';
export interface RuleError { field: keyof PriceRules; code: RuleErrorCode; message: string }

/** Named errors the settings schema shows next to each field (es-CL). Empty = valid. */
export function validateRules(rules: PriceRules, currency: string): RuleError[] {
  const errors: RuleError[] = [];
  const add = (field: keyof PriceRules, code: RuleErrorCode, message: string) => errors.push({ field, code, message });
  if (rules.rounding === 'ending_99' && currencyDecimals(currency) < 2) {
    add('rounding', 'ROUNDING_NEEDS_DECIMALS', `El redondeo ".99" solo existe para monedas con decimales; ${currency} no los tiene.`);
  }
  if (!Number.isSafeInteger(rules.percent) || rules.percent < MIN_PERCENT_BP || rules.percent > MAX_PERCENT_BP) {
    add('percent', 'PERCENT_OUT_OF_RANGE', 'El ajuste porcentual debe estar entre -99,99 y 1000, con hasta dos decimales.');
  }
  if (!isMinorAmount(rules.fixed)) add('fixed', 'FIXED_OUT_OF_RANGE', 'El ajuste fijo no es un monto válido.');
  if (rules.minimum !== null && (!isMinorAmount(rules.minimum) || rules.minimum < 0)) {
    add('minimum', 'MINIMUM_OUT_OF_RANGE', 'El precio mínimo debe ser un monto mayor o igual a cero.');
  }
  if (!Number.isSafeInteger(rules.stockBuffer) || rules.stockBuffer < 0 || rules.stockBuffer > MAX_STOCK_BUFFER) {
    add('stockBuffer', 'STOCK_BUFFER_INVALID', 'El descuento de stock debe ser un número entero mayor o igual a cero.');
  }
  return errors;
}

/**
 * T(x) of §5, in minor units: x·(1 + %/100) + fijo rounded to the minor unit (halves toward +∞),
 * then "Redondeo", then max(v, mínimo), never below 0. Throws RangeError on an amount outside
 * ±MAX_MINOR (a bug: the catalog import and the settings schema keep amounts in range).
 */
export function transform(xMinor: number, rules: PriceRules, currency: string): number {
  if (!isMinorAmount(xMinor)) throw new RangeError(`not an amount in minor units: ${xMinor}`);
  const v = transformExact(BigInt(xMinor), rules, currency);
  if (v > BigInt(MAX_MINOR)) throw new RangeError(`transformed price out of range: ${v}`);
  return Number(v);
}

function transformExact(x: bigint, rules: PriceRules, currency: string): bigint {
  const bp = BigInt(rules.percent);
  let v = roundHalfUp(x * (BASIS_POINTS_PER_UNIT + bp) + BigInt(rules.fixed) * BASIS_POINTS_PER_UNIT, BASIS_POINTS_PER_UNIT);
  v = round(v, rules.rounding, rules.roundingDirection, currency);
  if (rules.minimum !== null && v < BigInt(rules.minimum)) v = BigInt(rules.minimum);
  return v < 0n ? 0n : v;
}

/**
 * Candidates are offset + k·period. Multiples of S use every integer k (offset 0); the endings
 * ("terminación 990" = k·1000 + 990 major units, ".99" = k + 0,99) start at k = 0, so down is
 * the first candidate when none is ≤ v. Nearest takes the closer one; a tie goes up.
 */
function round(v: bigint, rounding: Rounding, direction: RoundingDirection, currency: string): bigint {
  if (rounding === 'none') return v;
  const unit = minorPerMajor(currency);
  const grid = gridFor(rounding, unit, currency);
  let lower = grid.offset + floorDiv(v - grid.offset, grid.period) * grid.period;
  let upper = lower === v ? v : lower + grid.period;
  if (grid.fromZero && lower < grid.offset) lower = upper = grid.offset;
  if (direction === 'down') return lower;
  if (direction === 'up') return upper;
  return v - lower < upper - v ? lower : upper;
}

function gridFor(rounding: Exclude<Rounding, 'none'>, unit: bigint, currency: string) {
  switch (rounding) {
    case 'multiple_10': return { period: 10n * unit, offset: 0n, fromZero: false };
    case 'multiple_100': return { period: 100n * unit, offset: 0n, fromZero: false };
    case 'multiple_1000': return { period: 1000n * unit, offset: 0n, fromZero: false };
    case 'ending_990': return { period: 1000n * unit, offset: 990n * unit, fromZero: true };
    case 'ending_99':
      if (unit < 100n) throw new RangeError(`".99" rounding needs a currency with decimals, not ${currency}`);
      return { period: unit, offset: (99n * unit) / 100n, fromZero: true };
  }
}

/** Where a price comes from: the product's fields, or a variant's after `withVariantPrices`. */
export interface PriceSource {
  /** Precio normal (`price_compare`), minor units. */
  priceCompare: number | null;
  /** Precio de oferta (`price`), minor units. */
  price: number | null;
  saleStart: Date | null;
  saleEnd: Date | null;
}

export type PublishedPrices =
  | { ok: true; price: number; compareAtPrice: number | null; offerApplied: boolean }
  | { ok: false; reason: 'NO_NORMAL_PRICE' | 'PRICE_OUT_OF_RANGE' };

/**
 * A variant's own normal and offer prices override the product's, each independently (§5): an own
 * normal with no own offer keeps the product's offer, an own offer with no own normal is compared
 * with the product's normal. A variant "has" a price only when it is an amount above 0 — §5 reads
 * null, empty, 0 and negative as "no offer", and a normal price must be > 0 — so 0 (how Centry
 * often leaves a variant price it does not use) inherits the product's price, exactly like null;
 * it never cancels the product's offer nor withholds the product. The offer window (sale dates)
 * is always the product's: Centry variants have none.
 */
export function withVariantPrices(
  product: PriceSource, variant: { priceCompare: number | null; price: number | null },
): PriceSource {
  const own = (v: number | null) => (v !== null && v > 0 ? v : null);
  return { ...product, priceCompare: own(variant.priceCompare) ?? product.priceCompare, price: own(variant.price) ?? product.price };
}

/** saleStart ≤ now ≤ saleEnd, both inclusive to the millisecond; a missing date leaves that end open. */
export function offerWindowOpen(saleStart: Date | null, saleEnd: Date | null, now: Date): boolean {
  const t = now.getTime();
  return (saleStart === null || saleStart.getTime() <= t) && (saleEnd === null || t <= saleEnd.getTime());
}

/**
 * The price and compare-at price to publish (§5). `offerApplied` says the price came from the
 * offer; its compare-at may still be cleared when rounding makes T(offer) ≥ T(normal).
 */
export function publishedPrices(source: PriceSource, rules: PriceRules, currency: string, now: Date): PublishedPrices {
  const normal = source.priceCompare;
  if (normal === null || normal <= 0) return { ok: false, reason: 'NO_NORMAL_PRICE' };
  if (!isMinorAmount(normal)) return { ok: false, reason: 'PRICE_OUT_OF_RANGE' };
  const offer = source.price;
  const hasOffer = offer !== null && offer > 0;
  if (hasOffer && !isMinorAmount(offer)) return { ok: false, reason: 'PRICE_OUT_OF_RANGE' };
  const offerApplied = rules.publishOffer && hasOffer && offer < normal && offerWindowOpen(source.saleStart, source.saleEnd, now);
  const max = BigInt(MAX_MINOR);
  const tNormal = transformExact(BigInt(normal), rules, currency);
  if (tNormal > max) return { ok: false, reason: 'PRICE_OUT_OF_RANGE' };
  if (!offerApplied) return { ok: true, price: Number(tNormal), compareAtPrice: null, offerApplied: false };
  const tOffer = transformExact(BigInt(offer), rules, currency);
  if (tOffer > max) return { ok: false, reason: 'PRICE_OUT_OF_RANGE' };
  const compareAtPrice = tNormal > tOffer ? Number(tNormal) : null;
  return { ok: true, price: Number(tOffer), compareAtPrice, offerApplied: true };
}

/** Stock to publish per variant: max(0, stock − "Descuento de stock"); unreadable stock is 0. */
export function bufferedStock(stock: number, buffer: number): number {
  if (!Number.isFinite(stock)) return 0;
  return Math.max(0, Math.floor(stock) - Math.max(0, Math.floor(buffer)));
}
