// Which file `cpx up <name>` means, and every layout `cpx layouts` can show.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import fg from 'fast-glob';
import { isMap, isSeq } from 'yaml';
import { CpxError, UsageError } from '../core/errors.js';
import { findInside, showPath } from './paths.js';
import { readLayout } from './read.js';
import { suggestFix } from '../core/suggest.js';
import { validateLayout } from './validate.js';

export interface FoundLayout {
  /** Absolute path of the layout file. */
  file: string;
  /** The folders searched, in order ([] when a path was given). */
  searched: string[];
}

export interface LayoutSummary {
  name: string;
  file: string;
  tasks: number;
  /** Why the layout cannot be used (it is listed anyway). */
  error?: string;
}

const EXTENSIONS = ['.yaml', '.yml'];

/** Where layout names are looked up, first match wins: the project, then the user's config. */
export function listLayoutDirs(cwd: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const xdg = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return [join(cwd, 'layouts'), join(cwd, '.cpx', 'layouts'), join(xdg, 'cpx', 'layouts')];
}

/** A path is used as it is; a name is searched for as <name>.yaml or <name>.yml in listLayoutDirs. */
export function findLayout(nameOrPath: string, cwd: string, env: NodeJS.ProcessEnv = process.env): FoundLayout {
  const path = resolve(cwd, nameOrPath);
  const hasExtension = EXTENSIONS.includes(extname(nameOrPath));
  if (nameOrPath.includes('/')) {
    if (existsSync(path)) return { file: path, searched: [] };
    throw new UsageError(`no layout file at ${nameOrPath}: check the path, or give a layout name (list them with \`cpx layouts\`)`);
  }
  if (hasExtension && existsSync(path)) return { file: path, searched: [] };
  const name = hasExtension ? nameOrPath.slice(0, -extname(nameOrPath).length) : nameOrPath;
  const searched = listLayoutDirs(cwd, env);
  const found = listLayoutFiles(searched).find((entry) => entry.name === name);
  if (found) return { file: found.file, searched };
  throw new UsageError(`no layout named '${name}' in ${searched.map((dir) => showDir(dir, cwd)).join(', ')}: ${suggestLayout(name, searched)}`);
}

function suggestLayout(name: string, dirs: string[]): string {
  const names = [...new Set(listLayoutFiles(dirs).map((entry) => entry.name))];
  if (!names.length) return `write layouts/${name}.yaml, or give the path of a layout file`;
  return suggestFix(name, names, 'available layouts are');
}

/** Every layout file by name; a name found in an earlier folder hides the same name in later ones. */
function listLayoutFiles(dirs: string[]): Array<{ name: string; file: string }> {
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    // Sorted: names in order, and pages.yaml ('a' < 'm') before pages.yml, so .yaml wins.
    const files = fg.sync(['*.yaml', '*.yml'], { cwd: dir, onlyFiles: true, absolute: true, suppressErrors: true }).sort();
    for (const file of files) {
      const name = basename(file, extname(file));
      if (!seen.has(name)) seen.set(name, file);
    }
  }
  return [...seen].map(([name, file]) => ({ name, file }));
}

/** For `cpx layouts`: every layout with its task count; a broken file shows its error instead of throwing. */
export function listLayouts(cwd: string, env: NodeJS.ProcessEnv = process.env): LayoutSummary[] {
  return listLayoutFiles(listLayoutDirs(cwd, env)).map(({ name, file }) => summarizeLayout(name, file, cwd));
}

function summarizeLayout(name: string, file: string, cwd: string): LayoutSummary {
  let tasks = 0;
  try {
    const source = readLayout(file);
    const list = isMap(source.doc.contents) ? source.doc.contents.get('tasks') : undefined;
    tasks = isSeq(list) ? list.items.length : 0;
    const layout = validateLayout(source, { cwd });
    return { name, file, tasks: layout.tasks.length };
  } catch (error) {
    if (!(error instanceof CpxError)) throw error;
    return { name, file, tasks, error: error.message };
  }
}

/** A folder as the user would type it: relative inside cwd, ~ in the home directory. */
function showDir(dir: string, cwd: string): string {
  return findInside(dir, cwd) || showPath(dir);
}
