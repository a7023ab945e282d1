// Deciding one pane's state: its screen, hook event, title and process fed to its state machine.
import { classifyScreen } from '../detect/classify.js';
import type { Profile } from '../detect/profile.js';
import { advance, type HookEvent, type PaneState, type TaskStateName } from '../detect/tracker.js';
import type { PaneMeta } from './pane-meta.js';

export interface WatchEvent {
  time: string;
  task: string;
  pane: string;
  session: string;
  from: TaskStateName;
  to: TaskStateName;
  detail: string;
  choices: string[];
  rule: string;
}

export interface Tracked {
  meta: PaneMeta;
  profile: Profile;
  st: PaneState;
  dirty: boolean;
  hookValue: string;
  recheck?: NodeJS.Timeout;
  /** A SIGCHLD was sent to the server for this dead pane's exit status. */
  reaped?: boolean;
  lastOutput: number;
  lastCapture: number;
}

const FOLLOW_UP_MS = 300;

/** Feed one pane's screen to its state machine; the change, if any. `recheck` asks for another look later. */
export function observePane(t: Tracked, screen: string, idleDebounceMs: number, recheck: (paneId: string) => void): WatchEvent | undefined {
  const now = Date.now();
  if (t.meta.dead && t.meta.exitStatus === undefined && !t.reaped) {
    // tmux 3.3a can miss the SIGCHLD of a program that exits at once: another one makes it
    // collect the exit status, which we want before we call the task exited.
    t.reaped = true;
    if (t.meta.serverPid > 1) process.kill(t.meta.serverPid, 'SIGCHLD');
    setTimeout(() => recheck(t.meta.paneId), 50);
    return undefined;
  }
  const screenState = classifyScreen(screen, t.profile);
  const hook = parseHook(t.meta.hook);
  const newHook = t.meta.hook !== t.hookValue ? hook : undefined;
  t.hookValue = t.meta.hook;
  const idleCommand = t.profile.idleCommands ? t.profile.idleCommands.includes(t.meta.command) : undefined;
  const step = advance(t.st, {
    now, dead: t.meta.dead, exitStatus: t.meta.exitStatus, screen: screenState, hook: newHook ?? undefined,
    idleCommand, title: titleState(t.meta.title, t.profile),
  }, idleDebounceMs);
  const prev = t.st;
  t.st = step.next;
  clearTimeout(t.recheck);
  // Profiles that read the foreground program look again shortly: it may change after the output stops.
  const afterOutput = now - t.lastOutput < FOLLOW_UP_MS;
  const recheckAt = step.recheckAt ?? (idleCommand !== undefined && afterOutput ? now + FOLLOW_UP_MS : undefined);
  if (recheckAt) t.recheck = setTimeout(() => recheck(t.meta.paneId), Math.max(0, recheckAt - now) + 5);
  if (!step.changed) return undefined;
  return {
    time: new Date(now).toISOString(), task: t.meta.task, pane: t.meta.paneId, session: t.meta.session,
    from: prev.state, to: t.st.state, detail: t.st.detail, choices: t.st.choices, rule: screenState.rule,
  };
}

function parseHook(value: string): HookEvent | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as HookEvent;
    return typeof parsed.event === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function titleState(title: string, profile: Profile): 'idle' | 'working' | undefined {
  if (!profile.title || !title) return undefined;
  if (profile.title.idle && new RegExp(profile.title.idle).test(title)) return 'idle';
  if (profile.title.working && new RegExp(profile.title.working).test(title)) return 'working';
  return undefined;
}
