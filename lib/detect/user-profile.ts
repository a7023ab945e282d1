// A user's profile file ($XDG_CONFIG_HOME/cpx/profiles/<name>.yaml): YAML checked against the Profile keys.
// Its own module so that yaml is loaded only when a user profile is read.
import { readFileSync } from 'node:fs';
import { parse, YAMLParseError } from 'yaml';
import { UsageError } from '../core/errors.js';
import type { Profile } from './profile.js';
import { generic } from './profiles/generic.js';

const EXTRA_KEYS = ['notWaitingIf', 'regionStart', 'option', 'title', 'command'];

function parseProfileText(file: string): Partial<Profile> {
  try {
    return parse(readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    // Only the user's YAML is blamed on the file; anything else is cpx's own fault and goes up as is.
    if (!(error instanceof YAMLParseError)) throw error;
    const [line, col] = error.linePos ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
    throw new UsageError(`${file}:${line}:${col}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}: fix the YAML`);
  }
}

/** A user profile: a YAML file with the keys of Profile; missing keys come from the generic profile. */
export function loadUserProfile(file: string): Profile {
  const data = parseProfileText(file);
  if (typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${file}: a profile is a mapping of keys (name, waiting, working, …): see "Agent profiles" in the README`);
  for (const [key, value] of Object.entries(data)) {
    if (!(key in generic) && !EXTRA_KEYS.includes(key)) {
      throw new UsageError(`${file}: unknown key '${key}': see "Agent profiles" in the README`);
    }
    if (typeof value === 'string' && key !== 'name') {
      try {
        new RegExp(value, 'm');
      } catch (error) {
        throw new UsageError(`${file}: '${key}' is not a valid regex (${(error as Error).message}): fix the pattern`);
      }
    }
  }
  return { ...generic, name: data.name ?? file, ...data, keys: { ...generic.keys, ...data.keys } } as Profile;
}
