// Receiving a catalog file (issue 10, item 5): the multipart body is streamed to a temporary folder
// named after this process, and every way it can go wrong ends with an answer and no folder left —
// too many fields before the file, a second file, a body that stops in the middle. The multipart
// parser can wait forever on such bodies, so once the request has ended (or its connection closed)
// it gets a short grace to finish the file, and the upload is refused otherwise. Folders of
// processes that are gone (a crash, a kill) are removed when the web process starts.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';

const PREFIX = 'centry-import-';
/** After the last byte of the request, the parser's time to finish the file part. */
const GRACE_MS = 1000;

export type Upload =
  | { ok: true; dir: string; file: string; truncated: boolean; /** Text fields sent before the file. */ fields: Record<string, string> }
  | { ok: false; reason: 'NO_FILE' | 'MALFORMED' };

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes upload folders left by processes that no longer run (and by older, unnamed ones). */
export async function removeStaleUploads(dir = tmpdir()): Promise<string[]> {
  const stale = (await readdir(dir).catch(() => [] as string[])).filter((f) => {
    if (!f.startsWith(PREFIX)) return false;
    const pid = /^centry-import-(\d+)-/.exec(f)?.[1];
    return !pid || (Number(pid) !== process.pid && !isAlive(Number(pid)));
  });
  await Promise.all(stale.map((f) => rm(path.join(dir, f), { recursive: true, force: true })));
  return stale;
}

/** Resolves once the request body has been received in full, or its connection has closed. */
function requestOver(req: FastifyRequest): Promise<void> {
  return new Promise((resolve) => {
    if (req.raw.readableEnded || req.raw.destroyed) return resolve();
    req.raw.once('end', () => resolve());
    req.raw.once('close', () => resolve());
  });
}

const after = <T>(p: Promise<unknown>, ms: number, value: T) => p.then(() => new Promise<T>((r) => setTimeout(() => r(value), ms).unref()));

/** Streams the one file of a multipart request to a new temporary folder. */
export async function receiveUpload(req: FastifyRequest): Promise<Upload> {
  const over = requestOver(req);
  const file = await Promise.race([req.file().catch(() => 'MALFORMED' as const), after(over, GRACE_MS, 'MALFORMED' as const)]);
  if (file === 'MALFORMED') return { ok: false, reason: 'MALFORMED' };
  if (!file) return { ok: false, reason: 'NO_FILE' };
  const dir = await mkdtemp(path.join(tmpdir(), `${PREFIX}${process.pid}-`));
  const target = path.join(dir, 'catalogo');
  const out = createWriteStream(target);
  const written = pipeline(file.file, out).then(() => 'OK' as const, () => 'MALFORMED' as const);
  const fileEnded = new Promise<'OK'>((resolve) => file.file.once('end', () => resolve('OK')));
  let outcome = await Promise.race([fileEnded, written, after(over, GRACE_MS, 'MALFORMED' as const)]);
  if (outcome === 'OK') outcome = await written;
  if (outcome === 'MALFORMED') {
    // The parser may never settle this stream: end both sides here rather than wait on it.
    file.file.destroy();
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()).destroy());
    await rm(dir, { recursive: true, force: true });
    return { ok: false, reason: 'MALFORMED' };
  }
  const fields: Record<string, string> = {};
  for (const [name, f] of Object.entries(file.fields)) {
    if (f && !Array.isArray(f) && f.type === 'field') fields[name] = String(f.value);
  }
  return { ok: true, dir, file: target, truncated: file.file.truncated, fields };
}
