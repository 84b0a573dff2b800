// Images of one product (SPEC §4 "Imágenes"): uploads are creates, so they get the §7.2 care. While
// a product's images are being written its mapping says "images unknown" (no group fingerprint);
// a run that finds it so — a crash between an upload and its mapping row — first lists the store's
// images and takes the ones it does not know into the mapping, so a resumed run never uploads an
// image twice.
import type { CatalogProduct } from '../../catalog/model.js';
import type { IntegrationId } from '../../company/model.js';
import type { JumpsellerImageId, JumpsellerProductId } from '../../jumpseller/ids.js';
import type { MappingRepository } from '../storage/mapping-repository.js';
import type { DesiredImage } from '../plan/desired-product.js';
import type { MappedImage, MappingState, PlanContext, ProductPlan } from '../plan/plan-types.js';
import { planProduct } from '../plan/planner.js';
import type { StoreApi } from './ports.js';
import type { PushedState } from '../plan/pushed-state.js';
import type { RunId } from '../run-model.js';
import { createImageOnce } from './store-writes.js';

export interface ImageDeps {
  api: StoreApi;
  mappings: MappingRepository;
  integration: IntegrationId;
  runId: RunId;
  ctx: PlanContext;
}

/** The state while images are being written: nothing about them is known to be in the store. */
export function withoutImages(state: PushedState): PushedState {
  const { images: _images, ...fields } = state.fields;
  return { ...state, all: null, inputs: null, images: null, fields };
}

/**
 * For a mapping whose images are unknown: store images missing from the mapping are adopted (kept
 * when they are ours by URL, else marked for removal) and the product is planned again.
 */
export async function reconcileImages(
  deps: ImageDeps, product: CatalogProduct, mapping: MappingState, desired: readonly DesiredImage[],
): Promise<{ mapping: MappingState; plan: ProductPlan }> {
  const known = new Set(mapping.images.map((i) => i.jumpsellerImageId));
  const strays = (await deps.api.listImages(mapping.jumpsellerProductId)).filter((i) => !known.has(i.id as JumpsellerImageId));
  if (strays.length === 0) return { mapping, plan: planProduct(product, mapping, deps.ctx) };
  const adopted: MappedImage[] = strays.map((s) => {
    const ours = desired.find((d) => d.url === s.url && d.position === s.position);
    return {
      jumpsellerImageId: s.id as JumpsellerImageId, position: s.position ?? 0, url: s.url ?? '',
      fingerprint: ours ? ours.fingerprint : `stray:${s.id}`,
    };
  });
  for (const image of adopted) await deps.mappings.saveImage(deps.integration, product.id, image);
  const images = [...mapping.images, ...adopted].sort((a, b) => a.position - b.position || a.jumpsellerImageId - b.jumpsellerImageId);
  const merged = { ...mapping, images };
  return { mapping: merged, plan: planProduct(product, merged, deps.ctx) };
}

/** Uploads in order, each mapped the moment it exists. */
export async function uploadImages(
  deps: Pick<ImageDeps, 'api' | 'mappings' | 'integration'>, catalogProductId: string, id: JumpsellerProductId,
  images: readonly DesiredImage[], existing: readonly JumpsellerImageId[],
): Promise<void> {
  const known = new Set(existing);
  for (const image of images) {
    const created = await createImageOnce(deps.api, id, image, known);
    const imageId = created.id as JumpsellerImageId;
    known.add(imageId);
    await deps.mappings.saveImage(deps.integration, catalogProductId, { jumpsellerImageId: imageId, position: image.position, url: image.url, fingerprint: image.fingerprint });
  }
}
