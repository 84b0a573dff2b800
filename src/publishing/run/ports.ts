// What the executor needs from the outside world, as small ports (STYLE §4): the Jumpseller
// operations are exactly those of the client in src/jumpseller/ (so any fake must match its
// signatures), the catalog and the settings arrive through their repositories' shapes.
import type { CatalogRepository } from '../../catalog/store/catalog-repository.js';
import type { JumpsellerClient } from '../../jumpseller/http-client.js';

/** The store operations a sync makes, a subset of JumpsellerClient. */
export type StoreApi = Pick<JumpsellerClient,
  | 'countProducts' | 'allProducts' | 'findBySku' | 'searchProducts' | 'getProduct' | 'createProduct' | 'updateProduct' | 'deleteProduct'
  | 'listVariants' | 'createVariant' | 'updateVariant' | 'listImages' | 'createImage' | 'deleteImage'
  | 'listCategories' | 'createCategory'>;

/** The catalog reads of a run. */
export type CatalogReader = Pick<CatalogRepository, 'streamProducts' | 'getProducts' | 'references' | 'summary' | 'productsSharingSkus'>;
