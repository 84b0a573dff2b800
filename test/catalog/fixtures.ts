// Shared fixtures of the catalog tests: a company row and Centry-shaped product JSON.
import type { Db } from '../../src/db/knex.js';

export async function createCompany(db: Db, name = 'Comercial Andes SpA'): Promise<number> {
  const [row] = await db('companies').insert({ name }).returning('id');
  return row.id as number;
}

/** A Centry product JSON (API-NOTES "Product JSON") with two variants and one image. */
export function centryProduct(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const id = n.toString(16).padStart(24, '0');
  return {
    _id: id,
    name: `Polera Algodón ${n}`,
    sku: `POL-${n}`,
    barcode: null,
    description: '<p>Polera</p>',
    shortdescription: '<ul><li>Algodón</li></ul>',
    condition: 'new',
    warranty: '3 meses',
    brand_id: 'b1',
    brand_name: 'Andes Trail',
    category_id: 'c1',
    gender_id: 'g1',
    gender_name: 'Hombre',
    status: true,
    price_compare: 14990,
    price: '9990',
    salestartdate: '2024-01-01T00:00:00.000Z',
    saleenddate: null,
    packageheight: '3',
    packagelength: '30',
    packagewidth: '25',
    packageweight: '0.25',
    seo_title: null,
    seo_description: '',
    updated_at: '2024-05-01T12:00:00.000Z',
    variants: [
      { _id: `${id}-m`, sku: `POL-${n}-M`, size_id: 's2', size_name: 'M', color_id: 'c1', color_name: 'Negro', quantity: 5, position: 1 },
      { _id: `${id}-l`, sku: `POL-${n}-L`, size_id: 's3', size_name: 'L', color_id: 'c1', color_name: 'Negro', quantity: '7', price_compare: 16990, position: 2 },
    ],
    assets: [{ _id: `${id}-a`, url: `https://img.example.cl/${n}.jpg`, position: 1, image_fingerprint: 'abc' }],
    ...over,
  };
}

/** Chunks of text as a file stream would give them (split at awkward places on purpose). */
export async function* chunked(text: string, size = 7): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
