// Write bodies of API v1 (../shared/jumpseller/openapi-light.json: ProductCreate, ProductEdit,
// VariantEdit, ImageEdit, CategoryEdit; hooks from openapi.json HookEdit). The client wraps them
// (`{"product": …}`). Send numbers as numbers, and never `null`: no write field of the official
// schema is nullable (SPEC §7.6); how a value is cleared is decided in src/publishing/plan/to-api.ts
// (docs/adr/0011).

export type ProductStatus = 'available' | 'not-available' | 'disabled';

export interface VariantOptionWrite {
  name: string;
  value: string;
  option_type?: 'option' | 'color';
}

export interface VariantWrite {
  sku?: string;
  price?: number;
  compare_at_price?: number;
  stock?: number;
  stock_unlimited?: boolean;
  barcode?: string;
  image_id?: number;
  options?: VariantOptionWrite[];
}

export interface ProductWrite {
  name?: string;
  price?: number;
  compare_at_price?: number;
  sku?: string;
  barcode?: string;
  /** In responses; not in the spec's write schemas but sent by the app (API-NOTES: "send it; verify"). */
  brand?: string;
  description?: string;
  page_title?: string;
  meta_description?: string;
  stock?: number;
  stock_unlimited?: boolean;
  weight?: number;
  length?: number;
  width?: number;
  height?: number;
  status?: ProductStatus;
  featured?: boolean;
  categories?: { id: number }[];
  /** Only on create, wrapped (`[{variant:{…}}]`); prefer the variant endpoints (API-NOTES). */
  variants?: { variant: VariantWrite }[];
}

/** Live requires `name` and `price` on create (business rule, API-NOTES "Products"). */
export type ProductCreate = ProductWrite & { name: string; price: number };

export interface ImageCreate {
  /** A public URL Jumpseller downloads the image from. */
  url: string;
  position?: number;
}

export interface CategoryWrite {
  name?: string;
  parent_id?: number;
}

export type HookEvent =
  | 'order_updated' | 'order_pending_payment' | 'order_paid' | 'order_shipped' | 'order_canceled' | 'order_abandoned'
  | 'product_created' | 'product_updated' | 'product_deleted' | 'product_stock_updated'
  | 'customer_created' | 'customer_updated' | 'customer_deleted';

export interface HookCreate {
  event: HookEvent;
  url: string;
}
