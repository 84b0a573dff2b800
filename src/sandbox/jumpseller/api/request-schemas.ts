// Request bodies the API stand-in accepts, written after the official spec's write schemas
// (../shared/jumpseller/openapi.json: ProductCreateFields, ProductEditFields, VariantEditFields,
// ImageEditFields, CategoryEditFields, HookEditFields) with the live deviations of API-NOTES.md:
//   - product updates are partial (the spec's `required` applies to creates only);
//   - `brand` is accepted on product writes (it is in responses; API-NOTES: "send it");
//   - optional fields accept `null` to clear them (API-NOTES: the app sends null);
// and one deliberate strictness: unknown attributes are refused, so a typo in the app's payload
// fails here instead of being silently dropped by live. The contract tests check that every body
// the spec rejects is rejected here too.
type Schema = Record<string, unknown>;

const nullable = (type: string, extra: Schema = {}): Schema => ({ type: [type, 'null'], ...extra });
const str = nullable('string');
const int = nullable('integer');
const num = nullable('number');
const bool = nullable('boolean');

export const HOOK_EVENTS = [
  'order_updated', 'order_pending_payment', 'order_paid', 'order_shipped', 'order_canceled', 'order_abandoned',
  'product_created', 'product_updated', 'product_deleted', 'product_stock_updated',
  'customer_created', 'customer_updated', 'customer_deleted',
];

const option: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' }, value: { type: 'string' }, option_type: { enum: ['option', 'color'] },
    custom: str, product_option_position: int, product_value_position: int,
  },
};

const variantFields: Schema = {
  sku: str, price: num, barcode: str, stock: int, stock_unlimited: bool, stock_threshold: int, stock_notification: bool,
  cost_per_item: num, compare_at_price: num, image_id: int, options: { type: 'array', items: option },
};

export const variantBody: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['variant'],
  properties: { variant: { type: 'object', additionalProperties: false, properties: variantFields } },
};

const productFields: Schema = {
  name: { type: 'string' }, description: str, page_title: str, meta_description: str, type: str, days_to_expire: int,
  price: { type: 'number' }, weight: num, stock: int, stock_unlimited: bool, stock_threshold: int, stock_notification: bool,
  back_in_stock_enabled: bool, cost_per_item: num, compare_at_price: num, minimum_quantity: num, maximum_quantity: num,
  sku: str, barcode: str, brand: str, google_product_category_text: str, quotable: bool, featured: bool,
  shipping_required: bool, status: { enum: ['available', 'not-available', 'disabled'] },
  package_format: { enum: ['box', 'cylinder'] }, length: num, width: num, height: num, diameter: num,
  categories: {
    type: 'array',
    items: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'integer' }, name: str, parent_id: int, permalink: str } },
  },
};

export const productCreateBody: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['product'],
  properties: {
    product: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'price'],
      properties: {
        ...productFields,
        variants: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['variant'], properties: { variant: { type: 'object', additionalProperties: false, properties: variantFields } } } },
      },
    },
  },
};

export const productUpdateBody: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['product'],
  properties: {
    product: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...productFields,
        permalink: str,
        // On update the spec lists variants unwrapped, each with its id (VariantFields).
        variants: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { id: { type: 'integer' }, ...variantFields } } },
      },
    },
  },
};

export const imageBody: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['image'],
  properties: {
    image: { type: 'object', additionalProperties: false, required: ['url'], properties: { url: { type: 'string' }, position: int } },
  },
};

export const categoryBody = (create: boolean): Schema => ({
  type: 'object',
  additionalProperties: false,
  required: ['category'],
  properties: {
    category: { type: 'object', additionalProperties: false, ...(create ? { required: ['name'] } : {}), properties: { name: { type: 'string' }, parent_id: int } },
  },
});

export const hookBody: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['hook'],
  properties: {
    hook: { type: 'object', additionalProperties: false, required: ['event', 'url'], properties: { event: { enum: HOOK_EVENTS }, url: { type: 'string' } } },
  },
};
