// The data of views/integration-edit.eta: the form as typed (or as saved), its errors, the chips of
// the chosen exclusions with readable names, the live example and, when asked, the preview.
import type { Integration } from '../company/model.js';
import type { CatalogReferences } from '../catalog/model.js';
import { currencyDecimals, formatMinor } from '../pricing/money.js';
import { ROUNDINGS, ROUNDING_DIRECTIONS } from '../pricing/price-rules.js';
import { ALWAYS_ON_CREATE, FIELD_LABELS, SYNC_FIELDS } from '../publishing/plan/sync-fields.js';
import { categoryPath } from '../publishing/plan/payload-parts.js';
import { currencyMismatch, currencyMismatchMessage } from '../publishing/plan/store-units.js';
import type { CatalogLookup } from '../catalog/store/catalog-lookup.js';
import { EXCLUSION_INPUTS, type FormErrors, type SettingsForm } from '../settings/settings-form.js';
import {
  DIRECTION_LABELS, EXCLUSION_LABELS, ON_DELETE_LABELS, ROUNDING_LABELS, SCHEDULE_LABELS, hourLabel,
} from '../settings/settings-labels.js';
import type { SyncPreview } from '../settings/settings-preview.js';
import { examplePriceText, priceExampleFromForm } from '../settings/price-example.js';
import { ON_DELETE, SCHEDULE_MODES, type ExclusionIds } from '../settings/settings.schema.js';

export interface Chip { id: string; label: string; missing: boolean }

export interface EditState {
  form: SettingsForm;
  version: number;
  errors?: FormErrors;
  examplePrice?: string;
  preview?: SyncPreview;
  conflict?: { label: string; saved: string; typed: string }[];
}

/** Names for chips: categories by their path, brands and genders by name, products by name · SKU. */
export async function chipsFor(
  exclusions: ExclusionIds, refs: CatalogReferences, lookup: CatalogLookup, companyId: number,
): Promise<Record<keyof ExclusionIds, Chip[]>> {
  const products = new Map((await lookup.productLabels(companyId, exclusions.productIds)).map((p) => [p.id, p]));
  const chip = (id: string, label: string | undefined): Chip =>
    ({ id, label: label ?? `${id} (ya no está en el catálogo)`, missing: label === undefined });
  return {
    categoryIds: exclusions.categoryIds.map((id) => chip(id, refs.categories.has(id) ? categoryPath(id, refs.categories).join(' › ') : undefined)),
    brandIds: exclusions.brandIds.map((id) => chip(id, refs.brands.get(id)?.name)),
    genderIds: exclusions.genderIds.map((id) => chip(id, refs.genders.get(id)?.name)),
    productIds: exclusions.productIds.map((id) => {
      const p = products.get(id);
      return chip(id, p ? (p.sku ? `${p.name} · ${p.sku}` : p.name) : undefined);
    }),
  };
}

/** The preview with amounts formatted by money.ts, as the page and its script show it. */
export function previewView(preview: SyncPreview, currency: string, onDelete: string) {
  return {
    ...preview,
    unpublishLabel: onDelete === 'delete' ? 'Eliminar' : 'Despublicar',
    priceChanges: preview.priceChanges.map((c) => ({
      ...c, before: formatMinor(c.before, currency), after: formatMinor(c.after, currency),
    })),
  };
}

/** The store's currency is not the catalog's: the warning the Editar page and Mi Empresa show (ADR 0009); null when they match. */
export function currencyWarning(integration: Pick<Integration, 'currency'>): string | null {
  const m = currencyMismatch(integration.currency);
  return m ? currencyMismatchMessage(m) : null;
}

export function editPageData(
  integration: Integration, state: EditState, chips: Record<keyof ExclusionIds, Chip[]>, now: Date,
): Record<string, unknown> {
  const { form } = state;
  const decimals = currencyDecimals(integration.currency);
  const examplePrice = state.examplePrice ?? examplePriceText(integration.currency);
  return {
    title: `Editar ${integration.storeName} · Centry para Jumpseller`,
    integration,
    currencyWarning: currencyWarning(integration),
    form,
    errors: state.errors ?? {},
    version: state.version,
    examplePrice,
    example: priceExampleFromForm(form, examplePrice, integration.currency, now),
    fieldRows: SYNC_FIELDS.map((key) => ({ key, label: FIELD_LABELS[key], alwaysOnCreate: ALWAYS_ON_CREATE.includes(key) })),
    // ".99" exists only for currencies with decimals; kept in the list when it was chosen so the error shows it.
    roundings: ROUNDINGS.filter((r) => r !== 'ending_99' || decimals >= 2 || form.rounding === r)
      .map((value) => ({ value, label: ROUNDING_LABELS[value] })),
    directions: ROUNDING_DIRECTIONS.map((value) => ({ value, label: DIRECTION_LABELS[value] })),
    schedules: SCHEDULE_MODES.map((value) => ({ value, label: SCHEDULE_LABELS[value] })),
    hours: Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: hourLabel(h) })),
    onDeletes: ON_DELETE.map((value) => ({ value, label: ON_DELETE_LABELS[value] })),
    pickers: (Object.keys(EXCLUSION_LABELS) as (keyof ExclusionIds)[]).map((list) => ({
      list, label: EXCLUSION_LABELS[list], input: EXCLUSION_INPUTS[list], chips: chips[list],
      source: { categoryIds: 'categorias', brandIds: 'marcas', genderIds: 'generos', productIds: 'productos' }[list],
    })),
    preview: state.preview ? previewView(state.preview, integration.currency, form.onDelete) : undefined,
    conflict: state.conflict,
    errorCount: Object.keys(state.errors ?? {}).length,
  };
}
