// Seeded edge cases on top of the demo catalog, for the oracle comparison: what a real Centry catalog
// has and the demo generator does not (variant prices of their own or 0, no product SKU, offers equal
// to the normal price or at the window's very edge, blank sizes, plain-text features, odd positions).
import type { CatalogProduct } from '../../src/catalog/model.js';

const DAY = 86_400_000;

export function mutateCatalog(products: readonly CatalogProduct[], rnd: () => number, now: Date): CatalogProduct[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  return products.map((original) => {
    if (rnd() < 0.5) return original;
    const p: CatalogProduct = structuredClone(original);
    const normal = p.priceCompare ?? 10_000;
    const edits = 1 + Math.floor(rnd() * 3);
    for (let e = 0; e < edits; e++) {
      const v = p.variants.length > 0 ? p.variants[Math.floor(rnd() * p.variants.length)]! : null;
      switch (pick(['variantNormal', 'variantOffer', 'variantZero', 'noNormal', 'offerEdge', 'offerEqual', 'offerNegative',
        'noSku', 'features', 'blankSize', 'positions', 'empties', 'noVariants', 'offerWindowNow', 'negativeStock', 'sameImageTwice'] as const)) {
        case 'variantNormal': if (v) v.priceCompare = normal + 1000 * (1 + Math.floor(rnd() * 5)); break;
        case 'variantOffer': if (v) v.price = Math.max(1, normal - 1000 * (1 + Math.floor(rnd() * 5))); break;
        case 'variantZero': if (v) { v.priceCompare = 0; v.price = 0; } break;
        case 'noNormal': p.priceCompare = pick([null, 0, -100]); if (v && rnd() < 0.7) for (const x of p.variants) x.priceCompare = normal + Math.floor(rnd() * 3) * 500; break;
        case 'offerEdge': p.price = normal - 1; p.saleStart = now; p.saleEnd = pick([now, new Date(now.getTime() - 1), null]); break;
        case 'offerEqual': p.price = normal; p.saleStart = null; p.saleEnd = null; break;
        case 'offerNegative': p.price = pick([0, -5, null]); break;
        case 'noSku': p.sku = pick([null, '', '  ']); if (rnd() < 0.5) p.barcode = null; break;
        case 'features': p.shortDescription = pick(['- Algodón\n- Lavable a mano', '• Uno<br>• Dos & tres', '', null, 'Solo una línea']); p.description = pick([p.description, null, '']); break;
        case 'blankSize': if (v) { v.sizeName = pick(['', '  ', null]); v.colorName = pick([v.colorName, null, '']); } break;
        case 'positions':
          for (const x of p.variants) x.position = Math.floor(rnd() * 10);
          for (const i of p.images) i.position = Math.floor(rnd() * 10) * 10 + Number(i.id.slice(-1).charCodeAt(0) % 10);
          break;
        case 'empties': p.seoTitle = pick(['', null]); p.packageWeight = pick([null, 0, 0.005, 12.3456]); p.packageWidth = pick([null, 0]); break;
        case 'negativeStock': if (v) v.stock = -3; break;
        case 'sameImageTwice': if (p.images[0]) p.images.push({ ...p.images[0], id: `${p.images[0].id}-again`, position: 50 }); break;
        case 'noVariants': p.variants = []; break;
        case 'offerWindowNow': p.price = Math.floor(normal * 0.7); p.saleStart = pick([null, now, new Date(now.getTime() + 1)]); p.saleEnd = pick([null, now, new Date(now.getTime() - DAY)]); break;
      }
    }
    // Variant positions must stay a total order for "ordered by position" to mean one thing.
    p.variants.forEach((x, i) => { x.position = x.position * 100 + i; });
    p.images.forEach((x, i) => { x.position = x.position * 100 + i; });
    return p;
  });
}
