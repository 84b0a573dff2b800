// Dates as the merchant reads them (es-CL, Chile's time), one formatter for every page.
const WHEN = new Intl.DateTimeFormat('es-CL', { dateStyle: 'short', timeStyle: 'short', timeZone: 'America/Santiago' });

export function formatWhen(d: Date): string;
export function formatWhen(d: Date | null): string | null;
export function formatWhen(d: Date | null): string | null {
  return d ? WHEN.format(d) : null;
}
