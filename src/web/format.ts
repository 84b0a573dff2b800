// Dates as the merchant reads them (es-CL, Chile's time), one formatter for every page: four-digit
// years and a 24-hour clock ("10-03-2025, 12:04"), never "10-03-25, 12:04 p. m.".
const WHEN = new Intl.DateTimeFormat('es-CL', {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'America/Santiago',
});

export function formatWhen(d: Date): string;
export function formatWhen(d: Date | null): string | null;
export function formatWhen(d: Date | null): string | null {
  return d ? WHEN.format(d) : null;
}
