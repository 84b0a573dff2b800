// Writes that are not safe to repeat (image and variant creates) resolved the §7.3 way: after an
// ambiguous answer, look at what the store now holds before trying again. Plus the Spanish text of
// a failure, with Jumpseller's own message, for the run's error list.
import {
  AmbiguousCreateError, JumpsellerApiError, JumpsellerError, NetworkError, NotFoundError, RateLimitedError, ValidationError,
} from '../../jumpseller/errors.js';
import type { JumpsellerImageId, JumpsellerProductId } from '../../jumpseller/ids.js';
import type { JumpsellerImage, JumpsellerVariant } from '../../jumpseller/schemas.js';
import type { DesiredImage } from '../plan/desired-product.js';
import type { VariantPatch } from '../plan/plan-types.js';
import type { StoreApi } from './ports.js';
import { variantBody } from '../plan/to-api.js';

const ATTEMPTS = 3;

/** Uploads one image; an ambiguous answer is resolved by listing the product's images first. */
export async function createImageOnce(
  api: StoreApi, product: JumpsellerProductId, image: DesiredImage, known: ReadonlySet<JumpsellerImageId>,
): Promise<JumpsellerImage> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.createImage(product, { url: image.url, position: image.position });
    } catch (err) {
      if (!(err instanceof AmbiguousCreateError) || attempt >= ATTEMPTS) throw err;
      // Live re-hosts image URLs, so the position we asked for is what identifies it.
      const found = (await api.listImages(product)).find((i) => !known.has(i.id as JumpsellerImageId) && i.position === image.position);
      if (found) return found;
    }
  }
}

/** Creates one variant; an ambiguous answer is resolved by looking for its SKU among the product's variants. */
export async function createVariantOnce(
  api: StoreApi, product: JumpsellerProductId, body: VariantPatch, known: ReadonlySet<number>, currency: string,
): Promise<JumpsellerVariant> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.createVariant(product, variantBody(body, 'create', currency));
    } catch (err) {
      // A refusal may mean it exists already (created by a run that crashed before storing its
      // id: Jumpseller refuses a second variant with the same options): look for our SKU first.
      const unsure = err instanceof AmbiguousCreateError || err instanceof ValidationError;
      if (!unsure || attempt >= ATTEMPTS) throw err;
      const found = (await api.listVariants(product)).find((v) => !known.has(v.id) && v.sku === body.sku);
      if (found) return found;
      if (err instanceof ValidationError) throw err;
    }
  }
}

/** A 404 on a nested resource: is the product itself gone from the store? */
export async function productGone(api: StoreApi, product: JumpsellerProductId): Promise<boolean> {
  try {
    await api.getProduct(product);
    return false;
  } catch (err) {
    if (err instanceof NotFoundError) return true;
    throw err;
  }
}

const RETRY_NEXT = 'se reintentará en la próxima sincronización';
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * The line shown to the merchant (issue 9 §4): first, in Spanish, what happened and what follows
 * from it; then Jumpseller's own words, as it sent them ("— Jumpseller: …").
 */
export function describeFailure(err: unknown): string {
  const explained = (why: string, raw: string | null) => (raw ? `${why} — Jumpseller: ${raw}` : why);
  if (err instanceof ValidationError) {
    return explained('Jumpseller rechazó los datos del producto (error de validación): corrige en Centry el campo indicado', validationText(err.errors));
  }
  if (err instanceof AmbiguousCreateError) {
    return explained('Jumpseller no confirmó la creación; la próxima sincronización buscará lo creado antes de crearlo otra vez', err.detail);
  }
  if (err instanceof NotFoundError) {
    return explained(`Jumpseller no encontró el producto en la tienda (404): puede haberse borrado allí; ${RETRY_NEXT}`, `${err.path}: ${rawOf(err.message)}`);
  }
  if (err instanceof RateLimitedError) return `Jumpseller limitó las solicitudes (429) y no se pudo completar; ${RETRY_NEXT}`;
  if (err instanceof NetworkError) {
    const why = TIMEOUTS.has(err.code) ? `Jumpseller no respondió a tiempo; ${RETRY_NEXT}` : `No se pudo conectar con Jumpseller (falla de red); ${RETRY_NEXT}`;
    return explained(why, err.code);
  }
  if (err instanceof JumpsellerApiError) return explained(apiErrorWhy(err.status), rawOf(err.message));
  if (err instanceof JumpsellerError) return err.message;
  return err instanceof Error ? `Error interno de la aplicación; ${RETRY_NEXT} — ${err.message}` : String(err);
}

function apiErrorWhy(status: number): string {
  if (status >= 500) return `Jumpseller tuvo un error interno; ${RETRY_NEXT}`;
  if (status === 401 || status === 403) return `Jumpseller no permitió la operación (${status}): revisa que la aplicación siga autorizada en la tienda`;
  if (status === 409) return `Jumpseller informó un conflicto con otro cambio simultáneo (409); ${RETRY_NEXT}`;
  return `Jumpseller no aceptó la solicitud (${status})`;
}

/** Jumpseller's own text, without our "Jumpseller PUT /x answered 500:" prefix. */
const rawOf = (message: string) => message.replace(/^Jumpseller\b.*?(answered \d{3}|not found \S+): /, '').trim() || message;

function validationText(errors: unknown): string {
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
    return Object.entries(errors as Record<string, unknown>)
      .map(([field, msgs]) => `${field}: ${Array.isArray(msgs) ? msgs.join(', ') : String(msgs)}`).join('; ');
  }
  return JSON.stringify(errors);
}
