// Tiny HTML helpers for the sandboxes' own pages (they are stand-ins, not part of the app's UI).
export const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#222}
header{background:#1f2a44;color:#fff;padding:.6rem 1rem;font-weight:600}
main{max-width:760px;margin:1.5rem auto;background:#fff;padding:1.5rem;border-radius:8px;box-shadow:0 1px 3px #0002}
button{font-size:1rem;padding:.5rem 1.2rem;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f6feb}
iframe{width:100%;height:calc(100vh - 3rem);border:0;background:#fff}
.admin{display:flex}.admin nav{width:200px;background:#27324f;color:#cfd6e6;padding:1rem;min-height:calc(100vh - 3rem)}
.admin section{flex:1}</style></head><body>${body}</body></html>`;
}
