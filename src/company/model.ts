// Companies and their linked accounts ("cuentas vinculadas"). Ids are branded so a company id is
// never passed where an integration id is expected.
import type { Brand } from '../lib/brand.js';

export type CompanyId = Brand<number, 'CompanyId'>;
export type IntegrationId = Brand<number, 'IntegrationId'>;
/** Jumpseller store code: the subdomain (`<code>.jumpseller.com`). */
export type StoreCode = Brand<string, 'StoreCode'>;

export const companyId = (n: number): CompanyId => n as CompanyId;
export const integrationId = (n: number): IntegrationId => n as IntegrationId;

const STORE_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Sanitizes a store code (lower-case subdomain label); undefined when it cannot be one. */
export function parseStoreCode(raw: unknown): StoreCode | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().toLowerCase().replace(/\.jumpseller\.com$/, '');
  return STORE_CODE.test(s) ? (s as StoreCode) : undefined;
}

export type IntegrationStatus = 'connected' | 'reauth_required' | 'unlinked';
export const STATUS_LABELS: Record<IntegrationStatus, string> = {
  connected: 'Conectada',
  reauth_required: 'Requiere reautorización',
  unlinked: 'Desvinculada',
};

export interface Company { id: CompanyId; name: string; createdAt: Date }

export interface Integration {
  id: IntegrationId;
  companyId: CompanyId;
  kind: 'jumpseller';
  storeCode: StoreCode;
  storeName: string;
  storeUrl: string | null;
  currency: string;
  country: string | null;
  timezone: string | null;
  /** Store info `weight_unit` as the store said it (lower-case; 'kg' when it said nothing): product weights are sent in it. */
  weightUnit: string;
  /** Store info `email` (the store admin's), kept at authorization: names the merchant in the menu. */
  adminEmail: string | null;
  status: IntegrationStatus;
  scope: string | null;
  tokenExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope?: string | null;
}

/** What GET /v1/store/info.json tells about the store (the fields the app keeps). */
export interface StoreInfo {
  code: StoreCode;
  name: string;
  currency: string;
  country: string | null;
  timezone: string | null;
  url: string | null;
  hooksToken: string | null;
  /** `weight_unit`, lower-case, 'kg' when absent (src/publishing/plan/store-units.ts converts to it). */
  weightUnit: string;
  /** `email`: the store admin's e-mail (names the signed-in merchant in the menu, SPEC §2.3). */
  adminEmail?: string | null;
}
