// GET /v1/store/info.json right after the token exchange: tells which store authorized us.
// Live wraps it as {"store":{…}} (API-NOTES.md); accept the spec's unwrapped shape too.
import { request } from 'undici';
import { z } from 'zod';
import type { StoreInfoResult } from './authorize-store.js';
import { parseStoreCode } from './model.js';

const store = z.object({
  code: z.string(),
  name: z.string().nullish(),
  currency: z.string().nullish(),
  country: z.string().nullish(),
  timezone: z.string().nullish(),
  url: z.string().nullish(),
  hooks_token: z.string().nullish(),
}).passthrough();

export async function fetchStoreInfo(apiUrl: string, accessToken: string): Promise<StoreInfoResult> {
  try {
    const res = await request(`${apiUrl}/store/info.json`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      headersTimeout: 15_000, bodyTimeout: 15_000,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) return { ok: false, detail: `store/info answered ${res.statusCode}` };
    const json = JSON.parse(text) as { store?: unknown };
    const parsed = store.safeParse(json.store ?? json);
    const code = parsed.success ? parseStoreCode(parsed.data.code) : undefined;
    if (!parsed.success || !code) return { ok: false, detail: 'store/info: unexpected body' };
    const s = parsed.data;
    return {
      ok: true,
      store: { code, name: s.name || code, currency: (s.currency || 'CLP').toUpperCase(), country: s.country ?? null, timezone: s.timezone ?? null, url: s.url ?? null, hooksToken: s.hooks_token ?? null },
    };
  } catch (e) {
    return { ok: false, detail: `store/info unreachable: ${(e as Error).message}` };
  }
}
