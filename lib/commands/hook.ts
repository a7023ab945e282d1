// cpx hook <event>: called by Claude Code's hooks inside a task pane. Records the event on the pane
// for the watcher. It prints nothing (a PermissionRequest hook's output could be read as a decision)
// and never fails the agent.
import { run, selectServer } from '../tmux/runner.js';

async function readStdin(limitMs: number): Promise<string> {
  if (process.stdin.isTTY) return '';
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve(text), limitMs);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d: string) => { text += d; });
    process.stdin.on('end', () => { clearTimeout(timer); resolve(text); });
    process.stdin.on('error', () => { clearTimeout(timer); resolve(text); });
  });
}

function describe(payload: Record<string, any>): string {
  const input = payload.tool_input ?? {};
  const what = input.command ?? input.file_path ?? input.url ?? input.pattern ?? '';
  if (payload.tool_name) return `${payload.tool_name}${what ? `: ${String(what).split('\n')[0]}` : ''}`;
  return String(payload.notification_type ?? payload.message ?? '').split('\n')[0];
}

export async function runHook(args: string[]): Promise<number> {
  const pane = process.env.TMUX_PANE;
  if (!pane) return 0;
  let payload: Record<string, any> = {};
  try {
    payload = JSON.parse((await readStdin(300)) || '{}');
  } catch {
    // a hook without JSON still says which event fired
  }
  const event = args[0] || payload.hook_event_name || 'unknown';
  const value = JSON.stringify({ event, time: Date.now(), detail: describe(payload).slice(0, 200), kind: payload.notification_type });
  selectServer(process.env.CPX_SOCKET);
  await run(['set-option', '-p', '-t', pane, '@cpx_hook', value]).catch(() => undefined);
  return 0;
}
