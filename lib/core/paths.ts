// Where cpx keeps files, following the XDG base directory spec.
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

function xdg(variable: string, fallback: string): string {
  const value = process.env[variable];
  return value && value.startsWith('/') ? value : join(homedir(), fallback);
}

export function stateDir(): string {
  return join(xdg('XDG_STATE_HOME', '.local/state'), 'cpx');
}

export function configDir(): string {
  return join(xdg('XDG_CONFIG_HOME', '.config'), 'cpx');
}

export function journalPath(): string {
  return join(stateDir(), 'journal.jsonl');
}

export function configPath(): string {
  return process.env.CPX_CONFIG || join(configDir(), 'config.yaml');
}

/** The `cpx` command beside the running CLI (bin/cpx, whether dist/cpx.js or bin/cpx.ts is running). */
export function launcherPath(): string {
  return resolve(dirname(process.argv[1]), '../bin/cpx');
}

/** Names of the *.yaml and *.yml files in `dir` (files only, no dotfiles), each once, sorted: bin/cpx's yaml_names. */
export function listYamlNames(dir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  const isFile = (f: string) => {
    try {
      return statSync(join(dir, f)).isFile();
    } catch {
      return false;
    }
  };
  const names = files.filter((f) => /^[^.].*\.ya?ml$/.test(f) && isFile(f)).map((f) => f.replace(/\.ya?ml$/, ''));
  return [...new Set(names)].sort();
}
