// Request bodies the API stand-in accepts. The source is Jumpseller's official specification, read
// at runtime from ../shared/jumpseller/openapi.json (official-request-schemas.ts derives them, with
// the live deviations of API-NOTES.md and nothing else). Where that file is absent — a clone
// without ../shared, a deployment that ships only the app — the sandbox falls back to BUILT_IN
// below: the same schemas written out by hand, exactly as strict (no `null` for any field, since
// the file declares no nullable write field), and a contract test fails the day they differ from
// what the official file derives (test/jumpseller/sandbox-request-schemas.test.ts). It never falls
// back to accepting anything. docs/adr/0011-clearing-values-and-the-official-schema.md.
import { loadOfficialRequestSchemas, type RequestSchemas, type Schema, type SchemaSource } from './official-request-schemas.js';

const s = (type: string): Schema => ({ type });
const str = s('string');
const int = s('integer');
const num = s('number');
const bool = s('boolean');
const object = (properties: Record<string, Schema>, required?: string[]): Schema =>
  ({ type: 'object', additionalProperties: false, properties, ...(required ? { required } : {}) });
const array = (items: Schema): Schema => ({ type: 'array', items });
const wrapper = (key: string, inner: Schema): Schema => object({ [key]: inner }, [key]);

export const HOOK_EVENTS = [
  'order_updated', 'order_pending_payment', 'order_paid', 'order_shipped', 'order_canceled', 'order_abandoned',
  'product_created', 'product_updated', 'product_deleted', 'product_stock_updated',
  'customer_created', 'customer_updated', 'customer_deleted',
];

const option = object({
  name: str, option_type: { type: 'string', enum: ['option', 'color'] }, value: str, custom: str,
  product_option_position: int, product_value_position: int,
});

const variantEdit = {
  price: num, sku: str, barcode: str, stock: int, stock_unlimited: bool, stock_threshold: int, stock_notification: bool,
  cost_per_item: num, compare_at_price: num, image_id: int, options: array(option),
};

const productFields = {
  name: str, description: str, page_title: str, meta_description: str, type: str, days_to_expire: int, price: num, weight: num,
  stock: int, stock_unlimited: bool, stock_threshold: int, stock_notification: bool, back_in_stock_enabled: bool,
  cost_per_item: num, compare_at_price: num, minimum_quantity: num, maximum_quantity: num, sku: str, barcode: str,
  google_product_category_text: str, quotable: bool, featured: bool, shipping_required: bool,
  status: { type: 'string', enum: ['available', 'not-available', 'disabled'] },
  package_format: { type: 'string', enum: ['box', 'cylinder'] }, length: num, width: num, height: num, diameter: num,
  categories: array(object({ id: int, name: str, parent_id: int, permalink: str }, ['id'])),
  brand: str,
};

/** The official write schemas as derived from openapi.json (bc7bd0a), for when the file is absent. */
export const BUILT_IN: RequestSchemas = {
  productCreate: wrapper('product', object({
    ...productFields, variants: array(object({ variant: object(variantEdit) }, ['variant'])),
  }, ['name', 'price'])),
  productUpdate: wrapper('product', object({
    ...productFields, permalink: str,
    variants: array(object({
      id: int, price: num, sku: str, barcode: str, stock: int, stock_unlimited: bool, stock_threshold: int, stock_notification: bool,
      cost_per_item: num, compare_at_price: num, options: array(option), image: object({ id: int, position: int, url: str }),
    })),
  })),
  variant: wrapper('variant', object(variantEdit)),
  image: wrapper('image', object({ url: str, position: int }, ['url'])),
  categoryCreate: wrapper('category', object({ name: str, parent_id: int }, ['name'])),
  categoryUpdate: wrapper('category', object({ name: str, parent_id: int })),
  hook: wrapper('hook', object({ event: { type: 'string', enum: HOOK_EVENTS }, url: str }, ['event', 'url'])),
};

function active(): { schemas: RequestSchemas; source: SchemaSource } {
  const loaded = loadOfficialRequestSchemas();
  if (loaded.schemas) return { schemas: loaded.schemas, source: { source: 'official', file: loaded.file } };
  return { schemas: BUILT_IN, source: { source: 'built-in', reason: loaded.reason } };
}

const chosen = active();

/** Where the schemas in use came from (shown by the inspection API, GET /_sandbox/api/schemas). */
export const requestSchemaSource: SchemaSource = chosen.source;

export const productCreateBody = chosen.schemas.productCreate;
export const productUpdateBody = chosen.schemas.productUpdate;
export const variantBody = chosen.schemas.variant;
export const imageBody = chosen.schemas.image;
export const categoryBody = (create: boolean): Schema => (create ? chosen.schemas.categoryCreate : chosen.schemas.categoryUpdate);
export const hookBody = chosen.schemas.hook;
