// Ids that are easy to mix up (STYLE §8): a Jumpseller store code is not an integration id, and a
// Jumpseller product id is not a Centry product id (see src/catalog/model.ts).
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** The store's subdomain, `code` in GET /v1/store/info.json; rate limits are per store. */
export type { StoreCode, IntegrationId } from '../company/model.js';
export { parseStoreCode } from '../company/model.js';

export type JumpsellerProductId = Brand<number, 'JumpsellerProductId'>;
export type JumpsellerVariantId = Brand<number, 'JumpsellerVariantId'>;
export type JumpsellerImageId = Brand<number, 'JumpsellerImageId'>;
export type JumpsellerCategoryId = Brand<number, 'JumpsellerCategoryId'>;
export type JumpsellerHookId = Brand<number, 'JumpsellerHookId'>;
