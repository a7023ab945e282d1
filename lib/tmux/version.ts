// Which tmux is installed, and refusing one older than cpx needs. The answer is cached per binary
// (path, size, mtime) in the state folder, so a command pays a stat, not a `tmux -V`, to be checked.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TmuxMissingError, TmuxTooOldError } from '../core/errors.js';
import { stateDir } from '../core/paths.js';
import { findOnPath } from '../core/programs.js';

// 3.2 brought what cpx relies on: `list-panes -f` filters, `new-session -f ignore-size` for the
// watcher's control clients, and `display-popup` for the keys.
export const MIN_TMUX_VERSION = '3.2';

/** Compare dotted versions like "3.3a" and "3.2": true when found >= needed. */
export function versionAtLeast(found: string, needed: string): boolean {
  const parse = (v: string) => (v.match(/\d+/g) ?? ['0']).map(Number);
  const [a, b] = [parse(found), parse(needed)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

export function isSupported(found: string): boolean {
  return /^(next|master)-/.test(found) || versionAtLeast(found, MIN_TMUX_VERSION);
}

/** `tmux -V` without the word tmux ("3.3a"); throws TmuxMissingError. */
export function readVersion(): string {
  const result = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (result.error) throw (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? new TmuxMissingError(result.error) : result.error;
  return result.stdout.trim().replace(/^tmux\s+/, '');
}

// Several binaries can share one state folder (the watcher runs under the tmux server's PATH, a
// shell under another), so the cache keeps a few, newest last, instead of trading one for another.
const CACHED_BINARIES = 8;
type VersionCache = Record<string, string>;

function readCache(file: string): VersionCache {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return cached && typeof cached === 'object' && !Array.isArray(cached) ? (cached as VersionCache) : {};
  } catch {
    return {};
  }
}

function saveVersion(key: string, version: string, file: string): void {
  try {
    const cache = readCache(file);
    delete cache[key];
    cache[key] = version;
    const kept = Object.entries(cache).filter(([, v]) => typeof v === 'string').slice(-CACHED_BINARIES);
    mkdirSync(stateDir(), { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(Object.fromEntries(kept)));
    renameSync(`${file}.${process.pid}`, file);
  } catch {
    // an unwritable state folder only costs a `tmux -V` next time
  }
}

let checked = false;

/** Throws TmuxTooOldError (exit 1) once per process when the tmux on PATH is older than cpx needs. */
export function requireSupportedTmux(): void {
  if (checked) return;
  const binary = findOnPath('tmux');
  if (!binary) throw new TmuxMissingError();
  const stat = statSync(binary);
  const key = `${binary}\t${stat.size}\t${stat.mtimeMs}`;
  const file = join(stateDir(), 'tmux-version.json');
  const hit: unknown = readCache(file)[key];
  let found = typeof hit === 'string' ? hit : undefined;
  if (found === undefined) {
    found = readVersion();
    saveVersion(key, found, file);
  }
  if (!isSupported(found)) throw new TmuxTooOldError(found, MIN_TMUX_VERSION);
  checked = true;
}

/** For `cpx doctor`, which reports an old tmux instead of failing on it. */
export function skipVersionCheck(): void {
  checked = true;
}
