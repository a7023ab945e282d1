// Claude Code hooks for a task: a per-task --settings JSON (the user's own settings files are never edited).

/** Events that speed up what the screen shows; none fires on Escape or on answering "No". */
export const HOOK_EVENTS = ['UserPromptSubmit', 'PermissionRequest', 'Notification', 'Stop'];

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Claude runs hook commands through a shell; the only words in it are our own quoted paths. */
export function claudeHookSettings(node = process.execPath, entry = process.argv[1]): string {
  const command = (event: string) => `${shellQuote(node)} ${shellQuote(entry)} hook ${event}`;
  const hooks = Object.fromEntries(HOOK_EVENTS.map((event) => [event, [{ hooks: [{ type: 'command', command: command(event) }] }]]));
  return JSON.stringify({ hooks });
}
