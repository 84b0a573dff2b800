// Variants and images of a product in the API stand-in (API-NOTES "Variants", "Images"): variants
// list/create (with options)/get/update — no DELETE, as in the spec; images created from a public
// URL, listed and deleted.
import type { FastifyInstance } from 'fastify';
import { wrapImage, wrapVariant } from './render.js';
import { imageBody, variantBody } from './request-schemas.js';
import { answer, bodyOf, idParam, notFound, storeOf } from './respond.js';

export function nestedRoutes(api: FastifyInstance): void {
  const productOf = (req: Parameters<typeof storeOf>[0]) => {
    const id = idParam(req);
    return id === null ? undefined : storeOf(req).catalog.products.get(id);
  };

  api.get('/products/:id/variants.json', async (req, reply) => {
    const p = productOf(req);
    return p ? p.variants.map((v) => wrapVariant(v, p)) : notFound(reply, 'Product not found.');
  });

  api.post('/products/:id/variants.json', async (req, reply) => {
    const p = productOf(req);
    if (!p) return notFound(reply, 'Product not found.');
    const body = bodyOf<{ variant: Record<string, unknown> }>(req, reply, variantBody);
    if (!body) return reply;
    return answer(reply, storeOf(req).catalog.createVariant(p.id, body.variant), (v) => wrapVariant(v, p));
  });

  api.get('/products/:id/variants/:variant_id.json', async (req, reply) => {
    const p = productOf(req);
    const vid = idParam(req, 'variant_id');
    const v = p?.variants.find((x) => x.id === vid);
    return p && v ? wrapVariant(v, p) : notFound(reply, p ? 'Variant not found.' : 'Product not found.');
  });

  api.put('/products/:id/variants/:variant_id.json', async (req, reply) => {
    const p = productOf(req);
    const vid = idParam(req, 'variant_id');
    if (!p || vid === null) return notFound(reply, p ? 'Variant not found.' : 'Product not found.');
    const body = bodyOf<{ variant: Record<string, unknown> }>(req, reply, variantBody);
    if (!body) return reply;
    return answer(reply, storeOf(req).catalog.updateVariant(p.id, vid, body.variant), (v) => wrapVariant(v, p));
  });

  api.get('/products/:id/images.json', async (req, reply) => {
    const p = productOf(req);
    return p ? p.images.map(wrapImage) : notFound(reply, 'Product not found.');
  });

  api.post('/products/:id/images.json', async (req, reply) => {
    const p = productOf(req);
    if (!p) return notFound(reply, 'Product not found.');
    const body = bodyOf<{ image: { url: string; position?: number | null } }>(req, reply, imageBody);
    if (!body) return reply;
    return answer(reply, storeOf(req).catalog.createImage(p.id, body.image), wrapImage);
  });

  api.delete('/products/:id/images/:image_id.json', async (req, reply) => {
    const p = productOf(req);
    const iid = idParam(req, 'image_id');
    if (!p || iid === null) return notFound(reply, p ? 'Image not found.' : 'Product not found.');
    const r = storeOf(req).catalog.deleteImage(p.id, iid);
    if (!r.ok) return notFound(reply, 'notFound' in r ? r.notFound : 'Image not found.');
    return reply.type('application/json').send(JSON.stringify('OK'));
  });
}
