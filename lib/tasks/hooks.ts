// Claude Code hooks for a task: a per-task --settings JSON (the user's own settings files are never edited).
import { launcherPath } from '../core/paths.js';
import { quoteAlways } from '../core/shell-words.js';

/** Events that speed up what the screen shows; none fires on Escape or on answering "No". */
export const HOOK_EVENTS = ['UserPromptSubmit', 'PermissionRequest', 'Notification', 'Stop'];

/** Claude runs hook commands through a shell; the only word in it is our own quoted path. */
export function claudeHookSettings(cpx = launcherPath()): string {
  const command = (event: string) => `${quoteAlways(cpx)} hook ${event}`;
  const hooks = Object.fromEntries(HOOK_EVENTS.map((event) => [event, [{ hooks: [{ type: 'command', command: command(event) }] }]]));
  return JSON.stringify({ hooks });
}
