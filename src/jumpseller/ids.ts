// Jumpseller ids that are easy to mix up (STYLE §8; store codes and integration ids are in
// src/company/model.ts): a Jumpseller product id is not a Centry product id (src/catalog/model.ts).
import type { Brand } from '../lib/brand.js';

export type JumpsellerProductId = Brand<number, 'JumpsellerProductId'>;
export type JumpsellerVariantId = Brand<number, 'JumpsellerVariantId'>;
export type JumpsellerImageId = Brand<number, 'JumpsellerImageId'>;
export type JumpsellerCategoryId = Brand<number, 'JumpsellerCategoryId'>;
export type JumpsellerHookId = Brand<number, 'JumpsellerHookId'>;
