// A small catalog for settings tests: written through the catalog repository, as import does.
import { createCatalogRepository } from '../../src/catalog/store/catalog-repository.js';
import { catalogProductId, catalogVariantId, type CatalogProduct } from '../../src/catalog/model.js';
import type { Db } from '../../src/db/knex.js';

export function product(id: string, over: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    id: catalogProductId(id), name: `Producto ${id}`, sku: `SKU-${id}`, barcode: null, description: null, shortDescription: null,
    condition: null, warranty: null, brandId: null, categoryId: null, genderId: null, active: true,
    priceCompare: 10_000, price: null, saleStart: null, saleEnd: null,
    packageHeight: null, packageLength: null, packageWidth: null, packageWeight: null, seoTitle: null, seoDescription: null,
    variants: [{ id: catalogVariantId(`${id}-v`), sku: `SKU-${id}`, barcode: null, sizeId: null, sizeName: null, colorId: null, colorName: null, stock: 5, priceCompare: null, price: null, position: 1 }],
    images: [], updatedAt: new Date('2025-01-01T00:00:00Z'),
    ...over,
  };
}

/**
 * Vestuario › Poleras, Calzado; brands Andes / Llaima; genders Hombre / Mujer; six products:
 * p1 plain, p2 in Poleras, p3 brand Llaima, p4 paused, p5 without normal price, p6 gender Mujer.
 */
export async function seedCatalog(db: Db, companyId: number) {
  const repo = createCatalogRepository(db);
  await repo.upsertCategories(companyId, [
    { id: 'c1', name: 'Vestuario', parentId: null }, { id: 'c2', name: 'Poleras', parentId: 'c1' }, { id: 'c3', name: 'Calzado', parentId: null },
  ]);
  await repo.upsertBrands(companyId, [{ id: 'b1', name: 'Andes' }, { id: 'b2', name: 'Llaima' }]);
  await repo.upsertGenders(companyId, [{ id: 'g1', name: 'Hombre' }, { id: 'g2', name: 'Mujer' }]);
  const products = [
    product('p1', { name: 'Zapatilla Trekking', categoryId: 'c3', brandId: 'b1' }),
    product('p2', { name: 'Polera Algodón', categoryId: 'c2', brandId: 'b1', priceCompare: 12_345 }),
    product('p3', { name: 'Chaqueta Llaima', brandId: 'b2' }),
    product('p4', { name: 'Gorro Pausado', active: false }),
    product('p5', { name: 'Bufanda Sin Precio', priceCompare: null }),
    product('p6', { name: 'Blusa', genderId: 'g2', priceCompare: 19_990 }),
  ];
  await repo.upsertProducts(companyId, products);
  return { repo, products };
}
