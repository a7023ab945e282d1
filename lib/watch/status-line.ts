// The status-line text: task counts as `⚑2 waiting ▶3 working ✓1 idle`, with tmux style markup.
// The watcher keeps it in the server options @cpx_status and @cpx_status_plain (tmux draws
// `#{@cpx_status}` without running anything; bin/cpx prints them for `cpx status`); with no live
// watcher, `cpx status` counts the tasks and formats them here.

const STATES: Array<[state: string, mark: string, style: string]> = [
  ['waiting', '⚑', 'fg=black,bg=yellow,bold'], // readable on tmux's default green status bar
  ['working', '▶', ''],
  ['idle', '✓', ''],
  ['pending', '…', ''],
  ['blocked', '✗', 'fg=red'],
  ['exited', '■', ''],
  ['unknown', '?', ''],
];

/** `waiting=1 working=2 …` (the watcher's @cpx_summary) → counts; undefined when empty. */
export function parseSummary(text: string): Record<string, number> | undefined {
  const counts: Record<string, number> = {};
  for (const [, state, n] of text.matchAll(/(\w+)=(\d+)/g)) counts[state] = Number(n);
  return Object.keys(counts).length ? counts : undefined;
}

/** `waiting=1 working=2 idle=0 …`, every state: for scripts. */
export function formatSummary(counts: Record<string, number>): string {
  return STATES.map(([state]) => `${state}=${counts[state] ?? 0}`).join(' ');
}

/** `#[fg=black,bg=yellow,bold]⚑2 waiting#[default] ▶3 working`; '' when there are no tasks. */
export function formatStatus(counts: Record<string, number>, plain: boolean): string {
  return STATES.filter(([state]) => counts[state] > 0).map(([state, mark, style]) => {
    const text = `${mark}${counts[state]} ${state}`;
    return style && !plain ? `#[${style}]${text}#[default]` : text;
  }).join(' ');
}
