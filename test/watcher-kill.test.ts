// The watcher may die in any way (TERM, KILL, INT, an OOM kill): the tmux server, every pane and the
// user's own sessions must survive it, and the next cpx call starts a new watcher.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { runCpx } from './support/cli.js';
import { isRunning, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const cpx = (...args: string[]) => runCpx(args, { env: server.env, cwd: server.home });
const test = suite('killing the watcher');
test.after(() => server.kill());

server.tmux('new-session', '-d', '-s', 'user', 'sleep 100000');
const userPane = server.tmux('display-message', '-p', '-t', '=user:', '#{pane_id} #{pane_pid}').trim();

const watcherPid = () => Number(server.tmux('show-options', '-gqv', '@cpx_watcher').trim()) || 0;
const controlClients = () => server.tmux('list-clients', '-F', '#{client_control_mode}').split('\n').filter((l) => l === '1').length;
/** The watcher follows `count` task windows: its one client is attached and its session links them all. */
function following(count: number): boolean {
  if (!isRunning(watcherPid()) || controlClients() !== 1) return false;
  const linked = spawnSync('tmux', ['-L', server.socket, 'list-windows', '-t', '=cpx-watch:', '-F', '#{window_id}'], { encoding: 'utf8' }).stdout;
  return linked.split('\n').filter(Boolean).length === count;
}
/** pane id → pid of every pane on the server. */
function panes(): Map<string, number> {
  const rows = server.tmux('list-panes', '-a', '-F', '#{pane_id} #{pane_pid}').trim().split('\n').map((l) => l.split(' '));
  return new Map(rows.map(([id, pid]) => [id, Number(pid)]));
}

let sessions = 0;
/** Tasks in `count` sessions in all, each printing or sleeping; waits until the watcher follows them all. */
async function tasksInSessions(count: number, cmd: string): Promise<void> {
  while (sessions < count) {
    sessions++;
    const r = await cpx('new', `t${sessions}`, '--session', `s${sessions}`, '--cmd', cmd, 'x');
    assert.is(r.code, 0, r.stderr);
  }
  await until(() => following(count), { timeout: 10000, what: `a watcher following ${count} sessions` });
}

/** Kill the watcher (it is ours: started by this file's cpx calls on this file's server) and check that nothing else went. */
async function killWatcher(signal: NodeJS.Signals): Promise<void> {
  const before = panes();
  const pid = watcherPid();
  process.kill(pid, signal);
  await until(() => !isRunning(pid), { timeout: 5000, what: `watcher ${pid} gone after ${signal}` });
  // Whatever tmux does with the watcher's clients, it does it now: give it a moment to crash if it would.
  await until(() => controlClients() === 0, { timeout: 5000, what: 'the control clients gone' }).catch((error) => {
    throw new Error(`${error.message}\n${server.tmux('list-clients', '-F', '#{client_pid} #{client_control_mode} #{client_session}')}`);
  });
  const after = panes();
  for (const [id, panePid] of before) {
    assert.ok(after.has(id), `pane ${id} survived ${signal}`);
    assert.ok(isRunning(panePid), `the program in ${id} survived ${signal}`);
  }
  assert.ok(server.tmux('list-sessions', '-F', '#{session_name}').split('\n').includes('user'), "the user's own session survived");
  assert.is(server.tmux('display-message', '-p', '-t', '=user:', '#{pane_id} #{pane_pid}').trim(), userPane);
  // The user's sessions never had a client of ours: none of them reads as attached.
  assert.not.match(server.tmux('list-sessions', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{session_name} #{session_attached}'), / [1-9]/);
}

for (const count of [1, 2, 5]) {
  test(`${count} session(s): TERM, KILL and INT each leave the server and every pane; the next cpx call restarts the watcher`, withDeadline(40000, async () => {
    await tasksInSessions(count, "sh -c 'sleep 100000'");
    for (const signal of ['SIGTERM', 'SIGKILL', 'SIGINT'] as const) {
      await killWatcher(signal);
      const r = await cpx('ls');
      assert.is(r.code, 0, r.stderr);
      await until(() => following(count), { timeout: 10000, what: `a new watcher after ${signal}` });
    }
  }));
}

test('killed 50 times while its tasks print: the server and every pane survive each time', withDeadline(120000, async () => {
  await tasksInSessions(7, "sh -c 'while :; do date +%s%N; sleep 0.02; done'");
  const signals = ['SIGKILL', 'SIGTERM', 'SIGINT'] as const;
  for (let i = 0; i < 50; i++) {
    await killWatcher(signals[i % 3]);
    const r = await cpx('status', '--plain');
    assert.is(r.code, 0, r.stderr);
    await until(() => following(7), { timeout: 10000, what: `watcher ${i + 1} following the tasks` });
  }
}));

test.run();
