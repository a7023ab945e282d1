// For tests that read layouts in-process: a private XDG_CONFIG_HOME whose profiles folder knows the
// extra agents the tests name (a layout may only name agents cpx can start), never the user's own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './scratch.js';

export function useTestProfiles(...agents: string[]): void {
  const config = scratchDir('profiles');
  mkdirSync(join(config, 'cpx/profiles'), { recursive: true });
  for (const agent of agents) writeFileSync(join(config, 'cpx/profiles', `${agent}.yaml`), `name: ${agent}\ncommand: [${agent}]\n`);
  process.env.XDG_CONFIG_HOME = config;
  delete process.env.CPX_CONFIG;
}
