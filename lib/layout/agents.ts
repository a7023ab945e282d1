// Stage 4 for agents: an agent a layout names must be one cpx can start (built in, or a user profile
// with a `command`), said at file:line:col before anything starts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../core/config.js';
import { loadUserProfile } from '../detect/user-profile.js';
import { BUILTIN_AGENTS } from '../tasks/agents.js';
import { failAt, type LayoutSource } from './read.js';
import type { Entry } from './schema.js';

export function requireKnownAgent(source: LayoutSource, entry: Entry<string> | undefined): void {
  if (!entry || BUILTIN_AGENTS.includes(entry.value)) return;
  const dir = loadConfig().profiles;
  const file = ['yaml', 'yml'].map((ext) => join(dir, `${entry.value}.${ext}`)).find((f) => existsSync(f));
  if (!file) {
    failAt(source, entry.node, `unknown agent '${entry.value}' (built in: ${BUILTIN_AGENTS.join(', ')}; no profile ${join(dir, `${entry.value}.yaml`)})`, "fix 'agent', or write that profile (README, \"Agent profiles\")");
  }
  const command = (loadUserProfile(file) as { command?: unknown }).command;
  if (!Array.isArray(command) || !command.length) {
    failAt(source, entry.node, `the profile ${file} has no 'command'`, 'add one, e.g. command: [myagent, --no-color]');
  }
}
