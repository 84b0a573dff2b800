// Answers of the API stand-in, shaped like live (../shared/jumpseller/API-NOTES.md): wrapped
// (`{"product":{…}}`), nested variants/images/categories unwrapped, nulls where nothing is set, and
// live's quirk of a number sent as a string (`"discount": "0.0"`) so the client's leniency is tested.
import type { CategoryRecord, HookRecord } from './api-state.js';
import type { ImageRecord, ProductRecord, VariantRecord } from './store-catalog.js';

export function imageFields(i: ImageRecord) {
  return { id: i.id, position: i.position, url: i.url };
}

export function variantFields(v: VariantRecord, product: ProductRecord) {
  const image = v.fields.image_id ? product.images.find((i) => i.id === v.fields.image_id) : undefined;
  const { image_id: _imageId, ...fields } = v.fields;
  return {
    id: v.id,
    ...fields,
    options: v.options.map((o, i) => ({ ...o, product_option_position: i + 1, product_value_position: 1 })),
    image: image ? imageFields(image) : null,
  };
}

export function categoryFields(c: CategoryRecord) {
  return { id: c.id, name: c.name, parent_id: c.parent_id, permalink: c.permalink };
}

export function productFields(p: ProductRecord, categories: ReadonlyMap<number, CategoryRecord>) {
  const { meta_description: _m, minimum_quantity: _min, maximum_quantity: _max, shipping_required: _s, ...fields } = p.fields;
  return {
    id: p.id,
    ...fields,
    discount: '0.0',
    created_at: p.created_at,
    updated_at: p.updated_at,
    permalink: p.permalink,
    categories: p.categoryIds.flatMap((id) => (categories.has(id) ? [categoryFields(categories.get(id)!)] : [])),
    images: p.images.map(imageFields),
    variants: p.variants.map((v) => variantFields(v, p)),
    digital_products: [],
  };
}

export const wrapProduct = (p: ProductRecord, categories: ReadonlyMap<number, CategoryRecord>) => ({ product: productFields(p, categories) });
export const wrapVariant = (v: VariantRecord, p: ProductRecord) => ({ variant: variantFields(v, p) });
export const wrapImage = (i: ImageRecord) => ({ image: imageFields(i) });
export const wrapCategory = (c: CategoryRecord) => ({ category: categoryFields(c) });
export const wrapHook = (h: HookRecord) => ({ hook: { id: h.id, name: h.event, event: h.event, url: h.url, created_at: h.created_at } });
