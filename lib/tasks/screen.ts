// Reading a task's screen now, and what its profile makes of it.
import { loadConfig } from '../core/config.js';
import { classifyScreen, plainLines, type Classification } from '../detect/classify.js';
import type { Profile } from '../detect/profile.js';
import { builtinProfileNames, findProfile } from '../detect/profiles.js';
import type { Task } from './task.js';
import { run } from '../tmux/runner.js';

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

/** tmux format text for a literal line in a `#{C/r:…}` search: POSIX ERE metacharacters, then format escapes. */
function searchPattern(line: string): string {
  const regex = line.replace(/[\\^$.[\]|()*+?{}]/g, '\\$&');
  return regex.replace(/[#,}]/g, '#$&');
}

/**
 * A tmux format that is true (non-zero) while the pane still shows the bottom of `screen`: each of its
 * last non-blank lines (up to 12, ~6 kB: one tmux command has a length limit) on the same row.
 * `#{C/r:…}` gives the first row that matches, so a line seen higher up too is left out.
 */
export function showingCondition(screen: string): string {
  const lines = plainLines(screen);
  const checks: string[] = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0 && checks.length < 12; i--) {
    if (!lines[i].trim() || lines.indexOf(lines[i]) < i) continue;
    const check = `#{==:#{C/r:^${searchPattern(lines[i])}$},${i + 1}}`;
    if ((bytes += Buffer.byteLength(check)) > 6000) break;
    checks.push(check);
  }
  if (!checks.length) return '0';
  return checks.reduce((all, check) => `#{&&:${check},${all}}`);
}
