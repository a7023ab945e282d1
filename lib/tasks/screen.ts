// Reading a task's screen now, and what its profile makes of it.
import { loadConfig } from '../core/config.js';
import { classifyScreen, plainLines, type Classification } from '../detect/classify.js';
import type { Profile } from '../detect/profile.js';
import { builtinProfileNames, findProfile } from '../detect/profiles.js';
import type { Task } from './task.js';
import { run } from '../tmux/runner.js';
import { linesShownCondition } from '../tmux/format.js';

export async function profileFor(agent: string): Promise<Profile> {
  // Built-in profiles need no config file (and no YAML parser).
  return builtinProfileNames().includes(agent) ? findProfile(agent) : findProfile(agent, loadConfig().profiles);
}

export interface Screen {
  screen: string;
  profile: Profile;
  result: Classification;
}

export async function readScreen(task: Task, profile?: Profile): Promise<Screen> {
  const used = profile ?? (await profileFor(task.agent));
  const screen = await run(['capture-pane', '-p', '-t', task.paneId]);
  return { screen, profile: used, result: classifyScreen(screen, used) };
}

/** A tmux format, true while the pane still ends as `screen` did (see linesShownCondition). */
export function showingCondition(screen: string): string {
  return linesShownCondition(plainLines(screen));
}
