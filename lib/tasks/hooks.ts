// Claude Code hooks for a task: a per-task --settings JSON (the user's own settings files are never edited).
import { launcherPath } from '../core/paths.js';

/** Events that speed up what the screen shows; none fires on Escape or on answering "No". */
export const HOOK_EVENTS = ['UserPromptSubmit', 'PermissionRequest', 'Notification', 'Stop'];

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Claude runs hook commands through a shell; the only word in it is our own quoted path. */
export function claudeHookSettings(cpx = launcherPath()): string {
  const command = (event: string) => `${shellQuote(cpx)} hook ${event}`;
  const hooks = Object.fromEntries(HOOK_EVENTS.map((event) => [event, [{ hooks: [{ type: 'command', command: command(event) }] }]]));
  return JSON.stringify({ hooks });
}
