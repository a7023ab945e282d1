// What the watcher reads about every pane in one list-panes call.
import { decodeList, decodeText, OPTION, TASK_FILTER } from '../tasks/task.js';

export interface PaneMeta {
  paneId: string;
  sessionRef: string;
  session: string;
  windowId: string;
  /** Set on the watcher's own session (follow.ts): its panes are listed twice, skip those rows. */
  watchGroup: boolean;
  dead: boolean;
  exitStatus?: number;
  tty: string;
  command: string;
  agent: string;
  state: string;
  since: number;
  hook: string;
  task: string;
  /** Server-wide @cpx_watcher: the pid of the watcher that owns the server. */
  watcher: string;
  /** Names of the tasks this one starts after (pending tasks). */
  after: string[];
  turns: number;
  done: boolean;
  /** The tmux server's pid. */
  serverPid: number;
  /** The detail last written (a restarted watcher keeps a waiting task's time when its prompt is the same). */
  detail: string;
  title: string;
}

const FIELDS = [
  'pane_id', 'session_id', 'session_name', 'window_id', '@cpx_watch', 'pane_dead', 'pane_dead_status', 'pane_tty',
  'pane_current_command', OPTION.agent, OPTION.state, OPTION.since, '@cpx_hook', OPTION.name, '@cpx_watcher', '@cpx_after', '@cpx_turns', '@cpx_done', 'pid', OPTION.detail, 'pane_title',
];
export const META_FORMAT = FIELDS.map((f) => `#{${f}}`).join('\t');
export { TASK_FILTER as META_FILTER };

/** What can change between scans, read for the panes being captured (not for every pane). */
const LIVE_FIELDS = ['pane_dead', 'pane_dead_status', 'pane_current_command', '@cpx_hook', '@cpx_done', 'pane_title'];
export const LIVE_FORMAT = LIVE_FIELDS.map((f) => `#{${f}}`).join('\t');

export function mergeLive(meta: PaneMeta, line: string): PaneMeta {
  const c = line.split('\t');
  const dead = c[0] === '1';
  return {
    ...meta, dead, exitStatus: dead && c[1] !== '' ? Number(c[1]) : undefined, command: c[2], hook: c[3], done: c[4] === '1',
    title: c.slice(5).join('\t'),
  };
}

export function parseMeta(lines: string[]): PaneMeta[] {
  return lines.filter(Boolean).map((line) => {
    const c = line.split('\t');
    return {
      paneId: c[0], sessionRef: c[1], session: c[2], windowId: c[3], watchGroup: Boolean(c[4]), dead: c[5] === '1',
      exitStatus: c[5] === '1' && c[6] !== '' ? Number(c[6]) : undefined, tty: c[7], command: c[8], agent: c[9],
      state: c[10], since: Number(c[11]) || 0, hook: c[12], task: c[13], watcher: c[14], after: decodeList(c[15]), turns: Number(c[16]) || 0, done: c[17] === '1',
      serverPid: Number(c[18]) || 0, detail: decodeText(c[19]), title: c.slice(20).join('\t'),
    };
  });
}
