// The store's units against the catalog's (docs/adr/0009-store-units-and-currency.md). Pure.
// - Weight: Centry gives `packageweight` in kg; Jumpseller reads a product's `weight` in the store's
//   `weight_unit` (store info). `weightForStore` is the one conversion, table-tested.
// - Dimensions: Jumpseller documents no unit for `length` / `width` / `height` (openapi: bare numbers,
//   no store setting): they are sent in cm, as Centry has them, never converted.
// - Currency: catalog prices are not converted (no exchange rate, ADR 0002); a store in another
//   currency than the catalog's is refused by the sync (`currencyMismatch`) rather than published wrong.

/** Weight units Jumpseller stores use (openapi `Store.weight_unit` is a free string, no enum). */
export const WEIGHT_UNITS = ['kg', 'g', 'lb', 'oz'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];
export const DEFAULT_WEIGHT_UNIT: WeightUnit = 'kg';

/** How many of the unit make one kilogram (lb and oz from the international pound, 0.45359237 kg). */
const PER_KG: Readonly<Record<WeightUnit, number>> = { kg: 1, g: 1000, lb: 1 / 0.45359237, oz: 16 / 0.45359237 };

const ALIASES: Readonly<Record<string, WeightUnit>> = {
  kg: 'kg', kgs: 'kg', kilo: 'kg', kilos: 'kg', kilogram: 'kg', kilograms: 'kg', kilogramo: 'kg', kilogramos: 'kg',
  g: 'g', gr: 'g', grs: 'g', gram: 'g', grams: 'g', gramo: 'g', gramos: 'g',
  lb: 'lb', lbs: 'lb', pound: 'lb', pounds: 'lb', libra: 'lb', libras: 'lb',
  oz: 'oz', ounce: 'oz', ounces: 'oz', onza: 'oz', onzas: 'oz',
};

/** The unit a store info `weight_unit` names (case and surrounding spaces ignored); null when unknown. */
export function parseWeightUnit(raw: string | null | undefined): WeightUnit | null {
  if (typeof raw !== 'string') return null;
  return ALIASES[raw.trim().toLowerCase()] ?? null;
}

/** Decimals a converted weight keeps: 3 (a gram in kg, ~0.03 oz, ~0.002 lb). */
export const WEIGHT_DECIMALS = 3;

/**
 * A Centry weight (kg) in the store's unit, as sent to Jumpseller.
 * - kg, missing or unknown unit → the kg number unchanged (not rounded: what was sent before the
 *   store unit was known is sent still, so a kg store sees no change). An unknown unit is logged by
 *   the run (run-sync.ts), once per run.
 * - g / lb / oz → kg × factor rounded to 3 decimals, halves up; the product is computed in decimal
 *   steps so 0.1 kg in g is 100, not 100.00000000000001.
 * - null (no weight in Centry) stays null; a negative or non-finite weight is passed through (the
 *   catalog import refuses those).
 */
export function weightForStore(kg: number | null, unit: string | null | undefined): number | null {
  if (kg === null || !Number.isFinite(kg)) return kg;
  const u = parseWeightUnit(unit);
  if (u === null || u === 'kg') return kg;
  return roundTo(kg * PER_KG[u], WEIGHT_DECIMALS);
}

function roundTo(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  // toPrecision(15) drops the binary noise of the multiplication (2.675 × 1000 = 2674.9999999999995)
  // before rounding, so a half in decimal is a half here; then halves go up.
  const scaled = Number((x * scale).toPrecision(15));
  return Math.floor(scaled + 0.5) / scale;
}

/**
 * The currency catalog prices are in. The catalog does not record one: Centry Chile and every
 * import in this app are CLP (src/catalog/import/import.ts and centry-source.ts default to CLP, and
 * nothing passes another), so CLP it is until the catalog stores its own.
 */
export const CATALOG_CURRENCY = 'CLP';

export interface CurrencyMismatch { store: string; catalog: string }

/** Set when the store's currency is not the catalog's: prices would go out unconverted. */
export function currencyMismatch(storeCurrency: string, catalogCurrency: string = CATALOG_CURRENCY): CurrencyMismatch | null {
  const store = storeCurrency.trim().toUpperCase();
  const catalog = catalogCurrency.trim().toUpperCase();
  return store === catalog ? null : { store, catalog };
}

/** The warning (Editar, Mi Empresa) and the failed run's message: what is wrong and what the app does. */
export function currencyMismatchMessage(m: CurrencyMismatch): string {
  // One fact and one consequence: the app refuses the sync (executor.ts), so nothing "se enviará sin convertir".
  return `La moneda de la tienda (${m.store}) no coincide con la del catálogo (${m.catalog}), así que esta tienda no se sincroniza: `
    + `los precios de ${m.catalog} se publicarían como ${m.store}. Cambia la moneda de la tienda en Jumpseller a ${m.catalog} para sincronizarla.`;
}
