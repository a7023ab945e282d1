// Writing a task's state where everyone reads it: pane options (ls, the border) and a server summary (status line).
import { borderText } from '../tasks/border.js';
import type { PaneState } from '../detect/tracker.js';
import { formatStatus, formatSummary } from './status-line.js';
import { OPTION } from '../tasks/task.js';

export function stateCommands(paneId: string, st: PaneState): string[][] {
  const set = (option: string, value: string) => ['set-option', '-p', '-t', paneId, option, value];
  return [
    set(OPTION.state, st.state),
    set(OPTION.since, String(st.since)),
    set(OPTION.detail, JSON.stringify(st.detail)),
    set('@cpx_detail_label', borderText(st.detail)),
    set(OPTION.choices, JSON.stringify(st.choices)),
    set('@cpx_turns', String(st.turnsDone)),
  ];
}

/**
 * The counts where others read them: @cpx_summary (`waiting=1 working=2 …`, for scripts), @cpx_status
 * (drawn by tmux in status-right) and @cpx_status_plain (what bin/cpx prints for `cpx status --plain`).
 */
export function summaryCommands(counts: Record<string, number>): string[][] {
  return [
    ['set-option', '-g', '@cpx_summary', formatSummary(counts)],
    ['set-option', '-g', '@cpx_status', formatStatus(counts, false)],
    ['set-option', '-g', '@cpx_status_plain', formatStatus(counts, true)],
  ];
}
