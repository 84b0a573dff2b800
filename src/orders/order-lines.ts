// Which Centry variant each line of a Jumpseller order was published from (SPEC §10 "items:
// variant_id"): our mapping tables first (Jumpseller variant → catalog variant; a simple product →
// its catalog product's one variant, or the variant with the line's SKU), then, for a product this
// app did not publish, the catalog by exact SKU when exactly one variant carries it. Anything else is
// a reason for "Requiere atención", never a silently dropped line.
import type { Db, Tx } from '../db/knex.js';
import type { CompanyId, IntegrationId } from '../company/model.js';
import type { OrderLine } from './jumpseller-order.js';
import type { LineMatch } from './order-mapper.js';

export interface OrderLineMatcher {
  match(integration: IntegrationId, company: CompanyId, lines: readonly OrderLine[], tx?: Tx): Promise<LineMatch[]>;
}

interface CatalogVariantRow { product_id: string; id: string; sku: string }

export function createOrderLineMatcher(db: Db): OrderLineMatcher {
  return {
    async match(integration, company, lines, tx) {
      const q = tx ?? db;
      const variantIds = lines.flatMap((l) => (l.variantId === null ? [] : [l.variantId]));
      const productIds = lines.map((l) => l.productId);
      const skus = lines.flatMap((l) => (l.sku ? [l.sku] : []));
      const [byVariant, byProduct, bySku] = await Promise.all([
        variantIds.length ? q('sync_variant_mappings').where({ integration_id: integration }).whereIn('jumpseller_variant_id', variantIds) : [],
        productIds.length ? q('sync_product_mappings').where({ integration_id: integration }).whereIn('jumpseller_product_id', productIds) : [],
        skus.length ? q('catalog_variants').where({ company_id: company }).whereIn('sku', skus).select('product_id', 'id', 'sku') : [],
      ]);
      const variantMap = new Map(byVariant.map((r: Record<string, any>) => [Number(r.jumpseller_variant_id), { p: r.catalog_product_id as string, v: r.catalog_variant_id as string }]));
      const productMap = new Map(byProduct.map((r: Record<string, any>) => [Number(r.jumpseller_product_id), r.catalog_product_id as string]));
      const mappedProducts = [...new Set(productMap.values())];
      const ofProducts: CatalogVariantRow[] = mappedProducts.length
        ? await q('catalog_variants').where({ company_id: company }).whereIn('product_id', mappedProducts).select('product_id', 'id', 'sku') : [];
      return lines.map((l): LineMatch => {
        const viaVariant = l.variantId === null ? undefined : variantMap.get(l.variantId);
        if (viaVariant) return { ok: true, catalogProductId: viaVariant.p, catalogVariantId: viaVariant.v };
        const product = productMap.get(l.productId);
        if (product && l.variantId === null) {
          const variants = ofProducts.filter((v) => v.product_id === product);
          const chosen = variants.length === 1 ? variants[0] : variants.find((v) => l.sku !== null && v.sku === l.sku);
          if (chosen) return { ok: true, catalogProductId: product, catalogVariantId: chosen.id };
        }
        const sameSku = (bySku as CatalogVariantRow[]).filter((v) => l.sku !== null && v.sku === l.sku);
        if (sameSku.length === 1) return { ok: true, catalogProductId: sameSku[0]!.product_id, catalogVariantId: sameSku[0]!.id };
        if (sameSku.length > 1) return { ok: false, reason: `el SKU ${l.sku} está en ${sameSku.length} variantes del catálogo` };
        if (!l.sku) return { ok: false, reason: 'el producto no fue publicado por esta app y no tiene SKU' };
        return { ok: false, reason: product ? `la variante con SKU ${l.sku} ya no está en el catálogo` : `el SKU ${l.sku} no está en el catálogo` };
      });
    },
  };
}
