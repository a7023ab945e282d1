// The watcher: one per tmux server. One control-mode client (see follow.ts) reports which panes printed
// something; only those are captured and classified, all through that client (no tmux process per tick).
import { ControlClient } from '../tmux/control.js';
import { runLenient } from '../tmux/runner.js';
import { attachCommand, linksCommand, parseLinks, planLinks, readLinks, runCommands } from './follow.js';
import type { CpxConfig } from '../core/config.js';
import { findProfile } from '../detect/profiles.js';
import { initialState, type TaskStateName } from '../detect/tracker.js';
import { observePane, type Tracked, type WatchEvent } from './observe.js';
import { stateCommands, summaryCommands } from './state.js';
import { LIVE_FORMAT, mergeLive, META_FILTER, META_FORMAT, parseMeta, type PaneMeta } from './pane-meta.js';
import { decideDependents } from '../tasks/dependencies.js';
import { launchPending, noteBlocked } from '../tasks/pending.js';

export interface WatcherOptions {
  config: CpxConfig;
  /** A state change; may return tmux commands (messages to clients) to run with the state writes. */
  onEvent: (event: WatchEvent, meta: PaneMeta) => Promise<string[][] | void>;
  /** The server option @cpx_watcher names the owner; when it names another process, this one stops. */
  ownerPid: number;
  log: (line: string) => void;
  onScan?: (counts: Record<string, number>) => Promise<void> | void;
}

const WAITING_ON_OTHERS = new Set(['pending', 'blocked']);
const MIN_CAPTURE_GAP_MS = 100;

export type { WatchEvent };

export class Watcher {
  private client?: ControlClient;
  private panes = new Map<string, Tracked>();
  private flushTimer?: NodeJS.Timeout;
  private scanTimer?: NodeJS.Timeout;
  private flushing = Promise.resolve();
  private emptySince = Date.now();
  private done!: (code: number) => void;
  readonly finished = new Promise<number>((resolve) => { this.done = resolve; });

  constructor(private options: WatcherOptions) {}

  async start(): Promise<void> {
    await this.scan();
    this.scanTimer = setInterval(() => void this.scan(), this.options.config.watch.rescanMs);
  }

  stop(code = 0): void {
    // A scan or flush still under way must not attach a new client once stopped (it would keep us alive).
    this.stopped = true;
    clearInterval(this.scanTimer);
    clearTimeout(this.scanSoon);
    clearTimeout(this.flushTimer);
    for (const t of this.panes.values()) clearTimeout(t.recheck);
    this.client?.close();
    this.client = undefined;
    this.done(code);
  }

  private channel(): ControlClient | undefined {
    return this.client && !this.client.closed ? this.client : undefined;
  }

  /** Our session links exactly the task windows, and one control client attached to it hears them all. */
  private async follow(tasks: PaneMeta[]): Promise<void> {
    const windows = [...new Set(tasks.map((m) => m.windowId))];
    const channel = this.channel();
    const read = channel ? (await channel.send([linksCommand()]))[0] : await readLinks();
    const commands = planLinks(windows, read.ok ? parseLinks(read.lines) : undefined);
    if (commands.length) {
      const replies = channel ? await channel.send(commands) : [await runCommands(commands)];
      for (const reply of replies) if (!reply.ok) this.options.log(`linking task windows: ${reply.lines.join(' ')}`);
    }
    if (windows.length && !this.channel()) this.attach();
  }

  private attach(): void {
    if (this.stopped) return;
    const client = new ControlClient([attachCommand()], {
      onOutput: (paneId) => this.noteOutput(paneId),
      onNotice: (line) => { if (/^%(sessions-changed|window-add|session-window-changed|unlinked-window-add)/.test(line)) this.scheduleScan(); },
      // A client that fails at once must not turn into a respawn loop: the next regular scan retries.
      onExit: () => { if (this.client === client) this.client = undefined; },
    });
    this.client = client;
  }

  private scanSoon?: NodeJS.Timeout;
  private stopped = false;
  private lastSummary = '';
  private scheduleScan(): void {
    if (this.scanSoon) return;
    this.scanSoon = setTimeout(() => { this.scanSoon = undefined; void this.scan(); }, 100);
  }

  private async listPanes(): Promise<PaneMeta[] | undefined> {
    const channel = this.channel();
    if (channel) {
      const [reply] = await channel.send([['list-panes', '-a', '-f', META_FILTER, '-F', META_FORMAT]]);
      return reply.ok ? parseMeta(reply.lines) : undefined;
    }
    const out = await runLenient(['list-panes', '-a', '-f', META_FILTER, '-F', META_FORMAT]);
    return out === undefined ? undefined : parseMeta(out.split('\n'));
  }

  async scan(): Promise<void> {
    if (this.stopped) return;
    const all = await this.listPanes();
    if (this.stopped) return;
    if (all === undefined) return this.stop(0); // the server is gone
    if (all.length && all[0].watcher !== String(this.options.ownerPid)) {
      this.options.log(`another watcher (pid ${all[0].watcher}) owns this server; stopping`);
      return this.stop(0);
    }
    const tasks = all.filter((m) => m.task && !m.watchGroup);
    await this.follow(tasks);
    await this.track(tasks);
    await this.startDependents();
    // Tasks that disappeared change the counts the status line reads.
    const summary = summaryCommands(this.summary());
    if (JSON.stringify(summary) !== this.lastSummary) {
      this.lastSummary = JSON.stringify(summary);
      await this.channel()?.send(summary);
    }
    // For `cpx doctor`: when this watcher last looked (one command through our client, no process).
    await this.channel()?.send([['set-option', '-g', '@cpx_scanned', String(Date.now())]]);
    if (tasks.length) this.emptySince = Date.now();
    else if (Date.now() - this.emptySince > 5000) return this.stop(0);
    await this.options.onScan?.(this.summary());
  }

  private async track(tasks: PaneMeta[]): Promise<void> {
    const seen = new Set<string>();
    for (const meta of tasks) {
      if (seen.has(meta.paneId)) continue;
      seen.add(meta.paneId);
      const known = this.panes.get(meta.paneId);
      if (known) {
        // The foreground program changes without output (a shell starting `sleep`): compare it too.
        const changed = known.hookValue !== meta.hook || known.meta.dead !== meta.dead || known.meta.title !== meta.title
          || known.meta.command !== meta.command;
        known.meta = meta;
        if (changed) this.markDirty(meta.paneId);
        continue;
      }
      const profile = await findProfile(meta.agent, this.options.config.profiles);
      const st = { ...initialState(Date.now(), (meta.state || 'unknown') as TaskStateName, meta.since || Date.now(), meta.turns), detail: meta.detail };
      this.panes.set(meta.paneId, { meta, profile, st, dirty: false, hookValue: '', lastOutput: 0, lastCapture: 0 });
      this.markDirty(meta.paneId);
    }
    for (const [id, t] of this.panes) if (!seen.has(id)) { clearTimeout(t.recheck); this.panes.delete(id); }
  }

  summary(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const t of this.panes.values()) counts[t.st.state] = (counts[t.st.state] ?? 0) + 1;
    return counts;
  }

  private noteOutput(paneId: string): void {
    const t = this.panes.get(paneId);
    if (t) t.lastOutput = Date.now();
    this.markDirty(paneId);
  }

  private markDirty(paneId: string): void {
    const t = this.panes.get(paneId);
    if (!t) return;
    t.dirty = true;
    this.scheduleFlush(Math.max(this.options.config.watch.captureDelayMs, t.lastCapture + MIN_CAPTURE_GAP_MS - Date.now()));
  }

  private scheduleFlush(delay: number): void {
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = setTimeout(() => this.flush(), Math.max(0, delay));
  }

  private flush(): void {
    this.flushTimer = undefined;
    this.flushing = this.flushing.then(() => this.evaluate()).catch((error) => this.options.log(`evaluate failed: ${(error as Error).message}`));
  }

  private async evaluate(): Promise<void> {
    // Pending and blocked panes run a placeholder: there is no agent screen to read yet.
    const now = Date.now();
    const candidates = [...this.panes.values()].filter((t) => t.dirty && !WAITING_ON_OTHERS.has(t.st.state));
    // A pane that keeps printing (a spinner) is read at most every MIN_CAPTURE_GAP_MS.
    const dirty = candidates.filter((t) => now - t.lastCapture >= MIN_CAPTURE_GAP_MS);
    const later = candidates.filter((t) => !dirty.includes(t));
    if (later.length) this.scheduleFlush(Math.min(...later.map((t) => t.lastCapture + MIN_CAPTURE_GAP_MS - now)));
    const channel = this.channel();
    if (!dirty.length || !channel) return;
    for (const t of dirty) [t.dirty, t.lastCapture] = [false, now];
    const replies = await channel.send(dirty.flatMap((t) => [
      ['display-message', '-p', '-t', t.meta.paneId, LIVE_FORMAT],
      ['capture-pane', '-p', '-t', t.meta.paneId],
    ]));
    const changes: Array<{ t: Tracked; event: WatchEvent }> = [];
    for (const [i, t] of dirty.entries()) {
      const [live, screen] = [replies[2 * i], replies[2 * i + 1]];
      if (!live.ok || !screen.ok) continue;
      t.meta = mergeLive(t.meta, live.lines.join('\n'));
      const event = observePane(t, screen.lines.join('\n'), this.options.config.watch.idleDebounceMs, (id) => this.markDirty(id));
      if (event) changes.push({ t, event });
    }
    if (!changes.length) return;
    // The state first (ls, the border), then the alerts, which may take longer.
    await channel.send([...changes.flatMap(({ t }) => stateCommands(t.meta.paneId, t.st)), ...summaryCommands(this.summary())]);
    for (const { t, event } of changes) {
      const extra = (await this.options.onEvent(event, t.meta)) ?? [];
      if (extra.length) await channel.send(extra);
    }
    await this.startDependents();
  }

  /** Clients a person looks at (not control-mode ones such as ours): names and terminals. */
  async listClients(): Promise<{ names: string[]; ttys: string[] }> {
    const [reply] = (await this.channel()?.send([['list-clients', '-F', '#{client_control_mode}\t#{client_name}\t#{client_tty}']])) ?? [];
    const rows = (reply?.ok ? reply.lines : []).map((l) => l.split('\t')).filter((r) => r[0] !== '1');
    return { names: rows.map((r) => r[1]), ttys: rows.map((r) => r[2]).filter(Boolean) };
  }

  /** Start pending tasks whose prerequisites finished; block those whose prerequisites failed. */
  private async startDependents(): Promise<void> {
    const views = [...this.panes.values()].map((t) => ({
      paneId: t.meta.paneId, sessionRef: t.meta.sessionRef, task: t.meta.task, state: t.st.state, after: t.meta.after,
      exitStatus: t.meta.exitStatus, turns: t.st.turnsDone, done: t.meta.done,
    }));
    for (const action of decideDependents(views)) {
      const t = this.panes.get(action.paneId)!;
      const now = Date.now();
      const prev = t.st;
      if (action.action === 'block') {
        t.st = { ...initialState(now, 'blocked'), detail: action.detail };
        await noteBlocked(t.meta.paneId, t.meta.task, action.detail).catch(() => undefined);
      }
      else {
        await launchPending(t.meta.paneId).catch((error: unknown) => this.options.log(`could not start ${t.meta.task}: ${(error as Error).message}`));
        t.st = initialState(now, 'unknown');
        this.markDirty(t.meta.paneId);
      }
      const event: WatchEvent = {
        time: new Date(now).toISOString(), task: t.meta.task, pane: t.meta.paneId, session: t.meta.session,
        from: prev.state, to: t.st.state, detail: t.st.detail, choices: [], rule: `after: ${t.meta.after.join(', ')}`,
      };
      const extra = (await this.options.onEvent(event, t.meta)) ?? [];
      await this.channel()?.send([...stateCommands(t.meta.paneId, t.st), ...extra]);
    }
  }
}
