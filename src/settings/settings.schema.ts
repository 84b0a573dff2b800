// An integration's settings (SPEC §2.4): what is synchronized, how prices and stock are transformed,
// what is excluded, when the background sync runs and what happens to products gone from Centry.
// The stored shape is parsed with zod on the way out of the database, so a row written by an older
// version (a key missing) reads with today's defaults instead of breaking the page or the sync.
import { z } from 'zod';
import { basisPoints } from '../pricing/percent.js';
import {
  DEFAULT_PRICE_RULES, ROUNDINGS, ROUNDING_DIRECTIONS, type PriceRules,
} from '../pricing/price-rules.js';
import { ALWAYS_ON_CREATE, SYNC_FIELDS, type FieldToggles, type SyncField } from '../publishing/plan/sync-fields.js';

/** §7.5: off / every 15 minutes / hourly (default) / daily at an hour of the store's day. */
export const SCHEDULE_MODES = ['off', 'every_15_minutes', 'hourly', 'daily'] as const;
export type ScheduleMode = (typeof SCHEDULE_MODES)[number];
export type Schedule = { mode: Exclude<ScheduleMode, 'daily'> } | { mode: 'daily'; hour: number };

/** §6: a published product deleted or paused in Centry is unpublished (default) or deleted. */
export const ON_DELETE = ['unpublish', 'delete'] as const;
export type OnDelete = (typeof ON_DELETE)[number];

export interface ExclusionIds {
  categoryIds: string[];
  brandIds: string[];
  genderIds: string[];
  productIds: string[];
}

export interface IntegrationSettings {
  fields: FieldToggles;
  prices: PriceRules;
  exclusions: ExclusionIds;
  schedule: Schedule;
  onDelete: OnDelete;
  /** "Enviar pedidos a Centry" (SPEC §10): on by default; orders go only once Centry is linked. */
  sendOrders: boolean;
}

/** Centry's defaults: every field on create and update, prices and stock as they are, hourly. */
export function defaultSettings(): IntegrationSettings {
  return {
    fields: Object.fromEntries(SYNC_FIELDS.map((f) => [f, { onCreate: true, onUpdate: true }])) as Record<SyncField, { onCreate: boolean; onUpdate: boolean }>,
    prices: { ...DEFAULT_PRICE_RULES },
    exclusions: { categoryIds: [], brandIds: [], genderIds: [], productIds: [] },
    schedule: { mode: 'hourly' },
    onDelete: 'unpublish',
    sendOrders: true,
  };
}

/** Upper bound per exclusion list: generous for a merchant, small enough for one jsonb row. */
export const MAX_EXCLUDED_IDS = 20_000;
const ID = z.string().min(1).max(200);
const ids = z.array(ID).max(MAX_EXCLUDED_IDS).default([]).transform((list) => [...new Set(list)]);

const toggle = z.object({ onCreate: z.boolean().default(true), onUpdate: z.boolean().default(true) });
const fieldsSchema = z
  .object(Object.fromEntries(SYNC_FIELDS.map((f) => [f, toggle.default({ onCreate: true, onUpdate: true })])) as Record<SyncField, z.ZodDefault<typeof toggle>>)
  // Jumpseller refuses a create without them: whatever was stored, they stay on for create.
  .transform((fields) => {
    for (const f of ALWAYS_ON_CREATE) fields[f] = { ...fields[f], onCreate: true };
    return fields as Record<SyncField, { onCreate: boolean; onUpdate: boolean }>;
  });

const minor = z.number().int().refine(Number.isSafeInteger);
const pricesSchema = z.object({
  publishOffer: z.boolean().default(DEFAULT_PRICE_RULES.publishOffer),
  percent: z.number().int().default(0).transform(basisPoints),
  fixed: minor.default(0),
  rounding: z.enum(ROUNDINGS).default('none'),
  roundingDirection: z.enum(ROUNDING_DIRECTIONS).default('nearest'),
  minimum: minor.nullable().default(null),
  stockBuffer: z.number().int().min(0).default(0),
});

export const scheduleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('off') }),
  z.object({ mode: z.literal('every_15_minutes') }),
  z.object({ mode: z.literal('hourly') }),
  z.object({ mode: z.literal('daily'), hour: z.number().int().min(0).max(23) }),
]);

/** The settings as stored in `integration_settings.settings` (jsonb). */
export const storedSettingsSchema = z.object({
  fields: fieldsSchema.default(() => defaultSettings().fields),
  prices: pricesSchema.default(() => ({ ...DEFAULT_PRICE_RULES })),
  exclusions: z.object({ categoryIds: ids, brandIds: ids, genderIds: ids, productIds: ids })
    .default(() => defaultSettings().exclusions),
  schedule: scheduleSchema.default({ mode: 'hourly' }),
  onDelete: z.enum(ON_DELETE).default('unpublish'),
  sendOrders: z.boolean().default(true),
});

/** Reads a stored row; throws on a shape no version ever wrote (a bug, for the one error handler). */
export function parseStoredSettings(value: unknown): IntegrationSettings {
  return storedSettingsSchema.parse(value ?? {}) as IntegrationSettings;
}
