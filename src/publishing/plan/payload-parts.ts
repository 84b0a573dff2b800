// Pieces of the §4 payload that are text and tree work rather than field mapping: the description
// with its "Características" list, and the category path. Pure.
import type { CatalogCategory } from '../../catalog/model.js';

/** null for null, undefined, empty or blank; otherwise the string untouched (SKUs match exactly). */
export function nonEmpty(s: string | null | undefined): string | null {
  return s == null || s.trim() === '' ? null : s;
}

export const FEATURES_HEADING = 'Características';

/**
 * The HTML description followed by a "Características" list built from `shortdescription`
 * (SPEC §4). Either part may be missing; with neither the description is empty.
 */
export function buildDescription(description: string | null, shortDescription: string | null): string {
  const body = description?.trim() ?? '';
  const items = featureItems(shortDescription);
  if (items.length === 0) return body;
  const section = `<h3>${FEATURES_HEADING}</h3>\n<ul>\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>`;
  return body === '' ? section : `${body}\n${section}`;
}

const LIST_ITEM = /<li\b[^>]*>([\s\S]*?)<\/li\s*>/gi;
const HAS_TAG = /<\/?[a-z!][^>]*>/i;
// Line breaks in HTML that is not a list: <br>, paragraph and div boundaries, newlines.
const HTML_BREAK = /<br\s*\/?>|<\/?(?:p|div)\b[^>]*>|\r?\n/gi;
const BULLET = /^(?:[-*•·]|\d+[.)])\s+/;

/**
 * The features as list items (inner HTML). An HTML list keeps its items as they are (nested lists
 * are not expected from Centry and are not split); other HTML is split at its line breaks and kept
 * as markup; plain text gives one escaped item per line, without a typed bullet ("- ", "• ").
 */
export function featureItems(shortDescription: string | null): string[] {
  const text = shortDescription?.trim() ?? '';
  if (text === '') return [];
  if (/<li\b/i.test(text)) return [...text.matchAll(LIST_ITEM)].map((m) => (m[1] ?? '').trim()).filter((s) => s !== '');
  const html = HAS_TAG.test(text);
  return text
    .split(HTML_BREAK)
    .map((line) => line.trim().replace(BULLET, '').trim())
    .filter((line) => line !== '')
    .map((line) => (html ? line : escapeHtml(line)));
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Category names from the root down to `categoryId` (Jumpseller creates them as parent/child).
 * Stops at a parent missing from the tree and at a cycle, keeping what it walked; blank names
 * are skipped because Jumpseller cannot create a nameless category.
 */
export function categoryPath(categoryId: string | null, categories: ReadonlyMap<string, CatalogCategory>): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  let id = categoryId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const category = categories.get(id);
    if (!category) break;
    const name = category.name.trim();
    if (name !== '') names.push(name);
    id = category.parentId;
  }
  return names.reverse();
}
