// Writing a task's state where everyone reads it: pane options (ls, the border) and a server summary (status line).
import { borderText } from './border.js';
import type { PaneState } from './detect/tracker.js';
import { OPTION } from './tasks.js';

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

/** `waiting=1 working=2 idle=0 …`: one cheap read for `cpx status`. */
export function summaryCommand(counts: Record<string, number>): string[] {
  const text = ['waiting', 'working', 'idle', 'exited', 'pending', 'blocked', 'unknown'].map((s) => `${s}=${counts[s] ?? 0}`).join(' ');
  return ['set-option', '-g', '@cpx_summary', text];
}
