// Writes that are not safe to repeat (image and variant creates) resolved the §7.3 way: after an
// ambiguous answer, look at what the store now holds before trying again. Plus the Spanish text of
// a failure, with Jumpseller's own message, for the run's error list.
import {
  AmbiguousCreateError, JumpsellerApiError, JumpsellerError, NetworkError, NotFoundError, RateLimitedError, ValidationError,
} from '../jumpseller/errors.js';
import type { JumpsellerImageId, JumpsellerProductId } from '../jumpseller/ids.js';
import type { JumpsellerImage, JumpsellerVariant } from '../jumpseller/schemas.js';
import type { DesiredImage } from './desired-product.js';
import type { VariantPatch } from './plan-types.js';
import type { StoreApi } from './ports.js';
import { variantBody } from './to-api.js';

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

/** The line shown to the merchant: what Jumpseller said, in its words where it gave any. */
export function describeFailure(err: unknown): string {
  if (err instanceof ValidationError) return `Jumpseller rechazó los datos: ${validationText(err.errors)}`;
  if (err instanceof AmbiguousCreateError) return `Jumpseller no confirmó la creación (${err.detail}); la próxima sincronización buscará lo creado antes de crearlo otra vez.`;
  if (err instanceof NotFoundError) return `Jumpseller no encontró el recurso: ${err.message}`;
  if (err instanceof RateLimitedError) return 'Jumpseller siguió limitando las solicitudes (429); se reintentará en la próxima sincronización.';
  if (err instanceof NetworkError) return `Jumpseller no respondió (${err.code}).`;
  if (err instanceof JumpsellerApiError) return `Jumpseller respondió ${err.status}: ${err.message}`;
  if (err instanceof JumpsellerError) return err.message;
  return err instanceof Error ? `Error interno: ${err.message}` : String(err);
}

function validationText(errors: unknown): string {
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
    return Object.entries(errors as Record<string, unknown>)
      .map(([field, msgs]) => `${field}: ${Array.isArray(msgs) ? msgs.join(', ') : String(msgs)}`).join('; ');
  }
  return JSON.stringify(errors);
}
