// Paths as layouts write them: ~ for the home directory, relative to a base folder otherwise.
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** `~` and `~/x` are the home directory; a relative path is relative to `base`. */
export function expandPath(value: string, base: string): string {
  if (value === '~' || value.startsWith('~/')) return join(homedir(), value.slice(1));
  return resolve(base, value);
}

/** `path` relative to `base` when it is `base` or inside it ('' for base itself), else undefined. */
export function findInside(path: string, base: string): string | undefined {
  const rel = relative(base, path);
  if (rel === '') return '';
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel;
}

/** For display and for saved files: `~/x` under the home directory, else the absolute path. */
export function showPath(path: string): string {
  const rel = findInside(path, homedir());
  if (rel === undefined || homedir() === '/') return path;
  return rel === '' ? '~' : `~/${rel}`;
}
