// Pure: one state machine per pane, fed with what the screen, the agent's hooks and tmux say.
import type { Classification } from './classify.js';

export type TaskStateName = 'working' | 'waiting' | 'idle' | 'exited' | 'unknown' | 'pending' | 'blocked';

export interface HookEvent {
  event: string;
  time: number;
  detail?: string;
}

export interface Observation {
  now: number;
  dead: boolean;
  exitStatus?: number;
  screen: Classification;
  hook?: HookEvent;
  /** The foreground program is one the profile calls idle (a shell at its prompt). */
  idleCommand?: boolean;
  title?: 'idle' | 'working';
}

export interface PaneState {
  state: TaskStateName;
  since: number;
  detail: string;
  choices: string[];
  /** When the screen first looked idle in the current stretch (idle is debounced). */
  idleSeen?: number;
  /** Turns of work that ended (working → idle). */
  turnsDone: number;
  lastHook?: number;
}

export interface Step {
  next: PaneState;
  changed: boolean;
  /** Evaluate again at this time even if nothing is printed (debounce running). */
  recheckAt?: number;
}

export function initialState(now: number, state: TaskStateName = 'unknown', since = now, turnsDone = 0): PaneState {
  return { state, since, detail: '', choices: [], turnsDone };
}

function become(prev: PaneState, state: TaskStateName, now: number, detail = '', choices: string[] = []): PaneState {
  const same = prev.state === state && prev.detail === detail;
  const turnsDone = prev.turnsDone + (prev.state === 'working' && state === 'idle' ? 1 : 0);
  return { ...prev, state, since: same ? prev.since : now, detail, choices, idleSeen: undefined, turnsDone };
}

/** What the screen alone cannot tell is filled in by hooks, then the title. */
function resolveScreen(obs: Observation): 'working' | 'waiting' | 'idle' | 'unknown' {
  if (obs.screen.state !== 'unknown') return obs.screen.state;
  if (obs.idleCommand !== undefined) return obs.idleCommand ? 'idle' : 'working';
  if (obs.hook) {
    if (obs.hook.event === 'UserPromptSubmit' || obs.hook.event === 'PreToolUse') return 'working';
    if (obs.hook.event === 'Stop') return 'idle';
  }
  return obs.title ?? 'unknown';
}

export function advance(prev: PaneState, obs: Observation, idleDebounceMs: number): Step {
  const { now } = obs;
  const finish = (next: PaneState, recheckAt?: number): Step => ({
    next: { ...next, lastHook: obs.hook?.time ?? prev.lastHook },
    changed: next.state !== prev.state || next.detail !== prev.detail || next.choices.join('\n') !== prev.choices.join('\n'),
    recheckAt,
  });
  if (obs.dead) return finish(become(prev, 'exited', now, obs.exitStatus === undefined ? '' : `exit ${obs.exitStatus}`));
  const seen = resolveScreen(obs);
  if (seen === 'waiting') return finish(become(prev, 'waiting', now, obs.screen.detail, obs.screen.choices));
  if (seen === 'working') return finish(become(prev, 'working', now));
  if (seen === 'unknown') return finish({ ...prev, idleSeen: undefined });
  if (prev.state === 'idle') return finish(prev);
  // A Stop hook that came after the screen started to look idle ends the turn at once.
  const stopped = obs.hook?.event === 'Stop' && obs.hook.time > (prev.lastHook ?? 0);
  const idleSeen = prev.idleSeen ?? now;
  if (stopped || prev.state === 'unknown' && obs.idleCommand || now - idleSeen >= idleDebounceMs) return finish(become(prev, 'idle', now));
  return finish({ ...prev, idleSeen }, idleSeen + idleDebounceMs);
}
