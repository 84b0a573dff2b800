// GET /v1/store/info.json right after the token exchange: tells which store authorized us. Goes
// through the one Jumpseller client (retries, lenient parsing, wrapped or unwrapped body).
import { JumpsellerClient } from '../jumpseller/http-client.js';
import type { StoreInfoResult } from './authorize-store.js';
import { parseStoreCode } from './model.js';

export async function fetchStoreInfo(apiUrl: string, accessToken: string): Promise<StoreInfoResult> {
  const client = new JumpsellerClient({
    baseUrl: apiUrl,
    tokens: { getAccessToken: async () => accessToken, onUnauthorized: async () => null },
    retry: { maxAttempts: 3 },
  });
  try {
    const s = await client.storeInfo();
    const code = parseStoreCode(s.code);
    if (!code) return { ok: false, detail: `store/info: unexpected store code "${s.code}"` };
    return {
      ok: true,
      store: {
        code, name: s.name || code, currency: (s.currency || 'CLP').toUpperCase(), country: s.country ?? null,
        timezone: s.timezone ?? null, url: s.url ?? null, hooksToken: s.hooks_token ?? null,
        weightUnit: (s.weight_unit ?? '').trim().toLowerCase() || 'kg',
        adminEmail: s.email?.trim() || null,
      },
    };
  } catch (e) {
    return { ok: false, detail: `store/info failed: ${(e as Error).message}` };
  }
}
