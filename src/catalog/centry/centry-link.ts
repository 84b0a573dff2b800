// Linking a company's Centry account (SPEC §3, OAuth): the signed state that starts it, and the
// callback as a straight line of checks (written as company/authorize-store.ts is) — each returns
// early with a named reason that has its own message; only a callback that passed every check
// exchanges its code and stores the tokens. Registering the webhook and the first pull come after,
// in the background (finishCentryLink).
import type { TokenCipher } from '../../security/token-crypto.js';
import { safeEqual, sign, unsign } from '../../security/signing.js';
import type { CatalogSourceRepository } from '../store/catalog-source-repository.js';
import type { CentryTokenResult } from './centry-oauth.js';
import { pullCentryChanges, type CentrySourceDeps } from './centry-source.js';

/** How long a link started on Mi Empresa may take to come back. */
export const CENTRY_STATE_TTL_MS = 10 * 60 * 1000;

export type CentryLinkFailure =
  | 'STATE_MISSING' | 'STATE_INVALID' | 'STATE_OTHER_COMPANY' | 'STATE_EXPIRED' | 'COOKIE_MISSING' | 'STATE_MISMATCH'
  | 'AUTHORIZATION_DENIED' | 'CODE_MISSING' | 'CODE_REJECTED' | 'CENTRY_UNREACHABLE';

/** What Mi Empresa says for each reason (es-CL, tú). */
export const CENTRY_LINK_MESSAGES: Readonly<Record<CentryLinkFailure, string>> = {
  STATE_MISSING: 'No se pudo vincular Centry: la respuesta llegó sin el dato que la une a tu solicitud. Vuelve a vincular Centry.',
  STATE_INVALID: 'No se pudo vincular Centry: la solicitud no es válida (no la inició esta aplicación). Vuelve a vincular Centry.',
  STATE_OTHER_COMPANY: 'No se pudo vincular Centry: la solicitud se inició desde otra empresa. Vuelve a vincular Centry desde esta.',
  STATE_EXPIRED: 'No se pudo vincular Centry: la solicitud expiró (pasaron más de 10 minutos). Inténtalo de nuevo.',
  COOKIE_MISSING: 'No se pudo vincular Centry: la solicitud no se inició en este navegador, o el navegador no guardó su cookie. Vuelve a vincular Centry desde aquí.',
  STATE_MISMATCH: 'No se pudo vincular Centry: la respuesta no corresponde a la última solicitud de este navegador. Vuelve a vincular Centry.',
  AUTHORIZATION_DENIED: 'Centry no fue vinculado (autorización cancelada).',
  CODE_MISSING: 'No se pudo vincular Centry: Centry respondió sin código de autorización. Inténtalo de nuevo.',
  CODE_REJECTED: 'Centry no aceptó la autorización. Inténtalo de nuevo.',
  CENTRY_UNREACHABLE: 'No pudimos contactar a Centry. Espera un momento y vuelve a intentarlo.',
};

export type CentryLinkResult =
  | { ok: true; webhookSecret: string }
  | { ok: false; reason: CentryLinkFailure; detail?: string };

export interface CentryLinkDeps {
  sources: Pick<CatalogSourceRepository, 'linkCentry'>;
  cipher: Pick<TokenCipher, 'encrypt'>;
  exchangeCode(code: string): Promise<CentryTokenResult>;
  /** The app's session secret: the state is signed with a key derived from it. */
  stateSecret: string;
  /** A new secret for the webhook's capability URL. */
  newWebhookSecret(): string;
  webhookSecretHash(secret: string): string;
  now(): Date;
}

export interface CentryCallbackInput {
  company: number;
  query: { state?: string; code?: string; error?: string };
  /** The browser's signed state cookie, unsigned (null when absent). */
  cookie: { valid: boolean; value: string | null } | null;
}

const stateKey = (secret: string) => `${secret}:centry-state`;

/** The state sent to Centry: this company, until when, and the nonce also kept in the browser's cookie. */
export function centryLinkState(stateSecret: string, company: number, now: Date, nonce: string): string {
  return sign(stateKey(stateSecret), `${company}.${now.getTime() + CENTRY_STATE_TTL_MS}.${nonce}`);
}

export async function linkCentryAccount(deps: CentryLinkDeps, input: CentryCallbackInput): Promise<CentryLinkResult> {
  const { query, cookie, company } = input;
  if (!query.state) return { ok: false, reason: 'STATE_MISSING' };
  const value = unsign(stateKey(deps.stateSecret), query.state);
  if (!value) return { ok: false, reason: 'STATE_INVALID' };
  const [stateCompany, expires, nonce] = value.split('.');
  if (Number(stateCompany) !== company) return { ok: false, reason: 'STATE_OTHER_COMPANY' };
  if (!(Number(expires) >= deps.now().getTime())) return { ok: false, reason: 'STATE_EXPIRED' };
  if (!cookie?.valid) return { ok: false, reason: 'COOKIE_MISSING' };
  if (!safeEqual(cookie.value ?? '', nonce ?? '')) return { ok: false, reason: 'STATE_MISMATCH' };

  if (query.error) return { ok: false, reason: 'AUTHORIZATION_DENIED', detail: query.error };
  if (!query.code) return { ok: false, reason: 'CODE_MISSING' };
  const exchanged = await deps.exchangeCode(query.code);
  // Refused (a used or expired code) or not answered: say which (ADR 0015), as the Jumpseller callback does.
  if (!exchanged.ok) return { ok: false, reason: exchanged.rejected ? 'CODE_REJECTED' : 'CENTRY_UNREACHABLE', detail: `${exchanged.status} ${exchanged.error}` };

  const secret = deps.newWebhookSecret();
  const t = exchanged.tokens;
  await deps.sources.linkCentry(company, {
    accessTokenEnc: deps.cipher.encrypt(t.accessToken), refreshTokenEnc: deps.cipher.encrypt(t.refreshToken), expiresAt: t.expiresAt, scope: t.scope,
  }, deps.webhookSecretHash(secret));
  return { ok: true, webhookSecret: secret };
}

/** After the link: Centry is asked to deliver webhooks to the capability URL, then the first pull replaces the catalog. */
export async function finishCentryLink(deps: CentrySourceDeps, company: number, webhookUrl: string): Promise<void> {
  await deps.client(company).registerWebhook(webhookUrl);
  await pullCentryChanges(deps, company);
}
