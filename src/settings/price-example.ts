// The live example of "Transformación de valores" ("$10.000 → $11.990"). It is computed here, on
// the server, by publishedPrices/bufferedStock of price-rules.ts — the code the sync runs — and the
// page's script only displays the lines (ADR 0005): no second implementation in the browser.
import { currencyDecimals, formatMinor, minorPerMajor, parseAmount } from '../pricing/money.js';
import { bufferedStock, publishedPrices, type PriceRules } from '../pricing/price-rules.js';
import {
  parsePriceRulesForm, readSettingsForm, type FormErrors, type PriceInput, type RawBody, type SettingsForm,
} from './settings-form.js';

/** Units of the example's stock line: a round number that shows the buffer at a glance. */
export const EXAMPLE_STOCK = 10;

export interface PriceExample {
  /** Normal price before and after the rules, formatted es-CL ("$10.000", "$11.990"). */
  normal: { before: string; after: string };
  /** The same product on offer (80 % of the normal price), or null when the offer is not published. */
  offer: { before: string; after: string; compareAt: string | null } | null;
  stock: { before: number; after: number };
  /** What the page shows, one line each. */
  lines: string[];
}

export type PriceExampleResult = { ok: true; example: PriceExample } | { ok: false; errors: FormErrors & { examplePrice?: string } };

/** The example price when none is typed: $10.000 in a peso store, US$100,00 in a dollar one. */
export function defaultExampleMinor(currency: string): number {
  return Number((currencyDecimals(currency) === 0 ? 10_000n : 100n) * minorPerMajor(currency));
}

export function examplePriceText(currency: string): string {
  return formatMinor(defaultExampleMinor(currency), currency).replace(/^[^\d]+/, '');
}

export function priceExample(rules: PriceRules, currency: string, normalMinor: number, now: Date): PriceExample | undefined {
  const offerMinor = Number((BigInt(normalMinor) * 8n) / 10n);
  const fmt = (m: number) => formatMinor(m, currency);
  const plain = publishedPrices({ priceCompare: normalMinor, price: null, saleStart: null, saleEnd: null }, rules, currency, now);
  const onOffer = publishedPrices({ priceCompare: normalMinor, price: offerMinor, saleStart: null, saleEnd: null }, rules, currency, now);
  if (!plain.ok || !onOffer.ok) return undefined;
  const stock = { before: EXAMPLE_STOCK, after: bufferedStock(EXAMPLE_STOCK, rules.stockBuffer) };
  const offer = onOffer.offerApplied
    ? { before: fmt(offerMinor), after: fmt(onOffer.price), compareAt: onOffer.compareAtPrice === null ? null : fmt(onOffer.compareAtPrice) }
    : null;
  const lines = [
    `${fmt(normalMinor)} → ${fmt(plain.price)}`,
    offer
      ? `En oferta a ${offer.before} → ${offer.after}${offer.compareAt ? ` (antes ${offer.compareAt})` : ''}`
      : `Una oferta de ${fmt(offerMinor)} no se publica: se publica el precio normal.`,
    `Stock ${stock.before} → ${stock.after} ${stock.after === 1 ? 'unidad' : 'unidades'}`,
  ];
  return { normal: { before: fmt(normalMinor), after: fmt(plain.price) }, offer, stock, lines };
}

/** The example from the page's inputs as typed; `examplePrice` empty means the default example. */
export function priceExampleFromForm(
  form: Pick<SettingsForm, PriceInput>, examplePrice: string, currency: string, now: Date,
): PriceExampleResult {
  const rules = parsePriceRulesForm(form, currency);
  const typed = examplePrice.trim();
  const base = typed === '' ? { ok: true as const, minor: defaultExampleMinor(currency) } : parseAmount(typed, currency);
  const errors: FormErrors & { examplePrice?: string } = rules.ok ? {} : { ...rules.errors };
  if (!base.ok || base.minor <= 0) errors.examplePrice = 'Escribe un precio de ejemplo mayor que cero.';
  if (!rules.ok || !base.ok || base.minor <= 0) return { ok: false, errors };
  const example = priceExample(rules.rules, currency, base.minor, now);
  if (!example) return { ok: false, errors: { examplePrice: 'El precio de ejemplo es demasiado grande.' } };
  return { ok: true, example };
}

/** The example from a raw query string or form body (what the page's script sends). */
export function priceExampleFromInput(input: RawBody, currency: string, now: Date): PriceExampleResult {
  const raw = input?.examplePrice;
  return priceExampleFromForm(readSettingsForm(input), String((Array.isArray(raw) ? raw[0] : raw) ?? '').slice(0, 100), currency, now);
}
