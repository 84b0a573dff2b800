// The text parts of SPEC §4, written again from the spec alone for the independent projection:
// the description ("the HTML description followed by a 'Características' list built from
// `shortdescription`") and the category path ("the product's category by name (the tree's parents
// created as parent categories)"). The spec names a list, not its markup, so the judge checks the
// parts: the description first, then the heading, then the items in order.

/** null for missing or blank text ("no value"), else the text as it is. */
export const textOrNull = (s: string | null | undefined): string | null => (s == null || s.trim() === '' ? null : s);

export interface ExpectedDescription {
  /** The HTML description (trimmed), '' when Centry has none. */
  body: string;
  /** The "Características" items, in order; empty = no list. */
  features: string[];
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim();

/** The items a `shortdescription` lists: its `<li>`s, else its lines (a typed bullet is not part of the text). */
export function featuresOf(shortDescription: string | null): string[] {
  const text = shortDescription?.trim() ?? '';
  if (text === '') return [];
  const items = [...text.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/gi)].map((m) => stripTags(m[1] ?? ''));
  const lines = items.length > 0 ? items : text.split(/<br\s*\/?>|<\/p>|\n/i).map((l) => stripTags(l).replace(/^([-*•·]|\d+[.)])\s+/, ''));
  return lines.map((l) => l.trim()).filter((l) => l !== '');
}

export function expectedDescription(description: string | null, shortDescription: string | null): ExpectedDescription {
  return { body: description?.trim() ?? '', features: featuresOf(shortDescription) };
}

/** Problems of a store description against the expected parts; [] when it conforms. */
export function descriptionProblems(shown: string | null | undefined, want: ExpectedDescription): string[] {
  const text = shown ?? '';
  if (want.features.length === 0) return text.trim() === want.body ? [] : [`description ${JSON.stringify(text)} ≠ ${JSON.stringify(want.body)}`];
  const problems: string[] = [];
  if (!text.startsWith(want.body)) problems.push(`description does not start with the HTML description ${JSON.stringify(want.body.slice(0, 40))}`);
  const rest = text.slice(want.body.length);
  const at = rest.indexOf('Características');
  if (at < 0) problems.push('description has no "Características" list');
  const items = [...rest.slice(Math.max(0, at)).matchAll(/<li[^>]*>([\s\S]*?)<\/li>/gi)].map((m) => stripTags(m[1] ?? ''));
  if (JSON.stringify(items) !== JSON.stringify(want.features)) problems.push(`features ${JSON.stringify(items)} ≠ ${JSON.stringify(want.features)}`);
  return problems;
}

export interface OracleCategory { id: string; name: string; parentId: string | null }

/** Names from the root down to the product's category; [] without one. */
export function expectedCategoryPath(categoryId: string | null, categories: ReadonlyMap<string, OracleCategory>): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  for (let id = categoryId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const c = categories.get(id);
    if (!c) break;
    path.unshift(c.name.trim());
    id = c.parentId;
  }
  return path;
}
