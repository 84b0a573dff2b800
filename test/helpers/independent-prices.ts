// SPEC §5 "Transformación de valores", written again from the spec text alone, as the judge of the
// production rules (src/pricing). It imports nothing from src/: plain numbers in, plain numbers out.
// Each rule quotes the sentence it follows. Amounts are integer minor units (BigInt inside).

/** "Money is integer minor units of the store currency (CLP 0 decimals, USD/EUR 2)". */
const DECIMALS: Readonly<Record<string, number>> = { CLP: 0, USD: 2, EUR: 2 };

export function oracleDecimals(currency: string): number {
  const d = DECIMALS[currency.toUpperCase()];
  if (d === undefined) throw new Error(`the oracle knows only the currencies SPEC §5 names (CLP, USD, EUR), not ${currency}`);
  return d;
}

/** Minor units → the amount the store shows, in major units: 1299 USD → 12.99; 19990 CLP → 19990. */
export function oracleMajor(minor: number, currency: string): number {
  return minor / 10 ** oracleDecimals(currency);
}

export interface OracleRules {
  publishOffer: boolean;
  /** "Ajuste porcentual" in hundredths of a percent (12,5 % = 1250), as the settings store it. */
  percent: number;
  /** "Ajuste fijo", minor units; may be negative. */
  fixed: number;
  rounding: 'none' | 'multiple_10' | 'multiple_100' | 'multiple_1000' | 'ending_990' | 'ending_99';
  roundingDirection: 'nearest' | 'up' | 'down';
  /** "Precio mínimo", minor units, or none. */
  minimum: number | null;
  /** "Descuento de stock". */
  stockBuffer: number;
}

/** Exact division of integers, halves toward +∞ ("rounded to the minor unit with halves going up"). */
function divHalfUp(n: bigint, d: bigint): bigint {
  // floor((2n + d) / 2d) for d > 0
  const num = 2n * n + d;
  const den = 2n * d;
  const q = num / den;
  return num % den !== 0n && num < 0n ? q - 1n : q;
}

/** "the closer of the two, an exact tie goes up". */
const nearest = (v: bigint, down: bigint, up: bigint) => (up - v <= v - down ? up : down);

/** "Redondeo" on v (minor units). */
function redondeo(v: bigint, rules: OracleRules, currency: string): bigint {
  const unit = 10n ** BigInt(oracleDecimals(currency));
  const dir = rules.roundingDirection;
  const pick = (down: bigint, up: bigint) => (dir === 'down' ? down : dir === 'up' ? up : nearest(v, down, up));
  switch (rules.rounding) {
    case 'none': return v;
    case 'multiple_10': case 'multiple_100': case 'multiple_1000': {
      // "Redondeo to a multiple S (10, 100, 1 000 in major units): down = largest multiple ≤ v,
      // up = smallest ≥ v, nearest = the closer of the two, an exact tie goes up."
      const s = BigInt(rules.rounding.slice('multiple_'.length)) * unit;
      let down = (v / s) * s;
      if (down > v) down -= s; // negative v: BigInt division truncates toward zero
      const up = down === v ? v : down + s;
      return pick(down, up);
    }
    case 'ending_990': case 'ending_99': {
      // "terminación 990": candidates k·1000 + 990 (never below 990); ".99": k + 0,99.
      // "Up = smallest candidate ≥ v, down = largest ≤ v (990 if none), nearest = the closer, a tie goes up."
      if (rules.rounding === 'ending_99' && unit === 1n) throw new Error('".99" is refused for a currency without decimals (§5)');
      const period = rules.rounding === 'ending_990' ? 1000n * unit : unit;
      const first = rules.rounding === 'ending_990' ? 990n * unit : (99n * unit) / 100n;
      if (v <= first) return first; // up is the first candidate, and down has none below: "990 if none"
      const k = (v - first) / period;
      const down = first + k * period;
      const up = down === v ? v : down + period;
      return pick(down, up);
    }
  }
}

/** "T(x): v = x × (1 + %/100) + fijo, rounded to the minor unit with halves going up; then
 *  Redondeo; then max(v, mínimo); never below 0." */
export function oracleT(x: number, rules: OracleRules, currency: string): number {
  const scaled = BigInt(x) * BigInt(10_000 + rules.percent) + BigInt(rules.fixed) * 10_000n;
  let v = divHalfUp(scaled, 10_000n);
  v = redondeo(v, rules, currency);
  if (rules.minimum !== null && v < BigInt(rules.minimum)) v = BigInt(rules.minimum);
  if (v < 0n) v = 0n;
  return Number(v);
}

export interface OraclePriceInput {
  /** `price_compare` = precio normal, minor units. */
  normal: number | null;
  /** `price` = precio de oferta, minor units. */
  offer: number | null;
  saleStart: Date | null;
  saleEnd: Date | null;
}

export type OraclePrices = { ok: true; price: number; compareAt: number | null } | { ok: false };

/** The published price and compare-at price of §5, or "not published" (no normal price). */
export function oraclePrices(src: OraclePriceInput, rules: OracleRules, currency: string, now: Date): OraclePrices {
  // "Normal price = price_compare; it must be > 0, else the product is not published".
  if (src.normal === null || !(src.normal > 0)) return { ok: false };
  // "Offer = price; null, empty, 0 or negative means no offer."
  const offer = src.offer !== null && src.offer > 0 ? src.offer : null;
  // "salestartdate ≤ now ≤ saleenddate (both inclusive; a missing date leaves that end open)".
  const t = now.getTime();
  const inWindow = (src.saleStart === null || src.saleStart.getTime() <= t) && (src.saleEnd === null || t <= src.saleEnd.getTime());
  // "published only when 'Publicar precio de oferta' is on, offer < normal (raw values), and" the window.
  if (rules.publishOffer && offer !== null && offer < src.normal && inWindow) {
    const price = oracleT(offer, rules, currency);
    const compareAt = oracleT(src.normal, rules, currency);
    // "After T, a compare_at_price not strictly greater than price is cleared."
    return { ok: true, price, compareAt: compareAt > price ? compareAt : null };
  }
  return { ok: true, price: oracleT(src.normal, rules, currency), compareAt: null };
}

/** "Stock per variant = max(0, stock − 'Descuento de stock')." */
export function oracleStock(stock: number, buffer: number): number {
  return Math.max(0, stock - buffer);
}
