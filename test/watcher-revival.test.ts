// A killed watcher comes back: every command that reads or changes tasks makes sure one runs, and the
// tmux status line (the segment `cpx keys` adds) restarts it within one status-interval.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { isRunning, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';
import { startViewer } from './support/viewer.js';

const server = startServer(import.meta.filename);
const cpx = (...args: string[]) => runCpx(args, { env: server.env, cwd: server.home });
const test = suite('a killed watcher comes back');
test.after(() => server.kill());

const watcherPid = () => Number(server.tmux('show-options', '-gqv', '@cpx_watcher').trim()) || 0;

/** Kill the watcher (ours: started by this file's cpx calls) and wait until it is gone. */
async function killWatcher(): Promise<number> {
  const pid = await until(() => { const p = watcherPid(); return isRunning(p) && p; }, { what: 'a running watcher' });
  process.kill(pid, 'SIGKILL');
  await until(() => !isRunning(pid), { what: `watcher ${pid} gone` });
  return pid;
}

async function revived(after: number, what: string): Promise<void> {
  await until(() => { const pid = watcherPid(); return pid !== after && isRunning(pid); }, { timeout: 5000, what: `a new watcher after ${what}` });
}

test('setup: two tasks', withDeadline(20000, async () => {
  for (const name of ['one', 'two']) {
    const r = await cpx('new', name, '--cmd', "sh -c 'sleep 100000'", 'x');
    assert.is(r.code, 0, r.stderr);
  }
}));

const COMMANDS: string[][] = [
  ['status'], ['status', '--plain'], ['ls'], ['next', '-q'], ['detect', 'one'], ['layouts'], ['doctor'],
  ['send', 'one', 'hello'], ['interrupt', 'one'], ['approve', 'one'], ['deny', 'one'], ['done', 'two'], ['save', join(server.home, 'saved.yaml')],
];
for (const args of COMMANDS) {
  test(`cpx ${args.join(' ')} restarts a killed watcher`, withDeadline(15000, async () => {
    const old = await killWatcher();
    await cpx(...args); // its own exit code is not the point (approve with no prompt fails, as it should)
    await revived(old, `cpx ${args.join(' ')}`);
  }));
}

test("a restarted watcher keeps how long a task has waited (its FOR, and next's order)", withDeadline(30000, async () => {
  const r = await cpx('new', 'asker', '--json', '--agent', 'demo', '--agent-args', '--work 0 --ask "npm test"', 'Build it');
  assert.is(r.code, 0, r.stderr);
  const pane = JSON.parse(r.stdout).paneId;
  const option = (name: string) => server.tmux('display-message', '-p', '-t', pane, `#{${name}}`).trim();
  await until(() => option('@cpx_state') === 'waiting', { timeout: 20000, what: 'asker waiting', pane: [server.socket, pane] });
  const since = option('@cpx_since');
  const old = await killWatcher();
  assert.is((await cpx('ls')).code, 0);
  await revived(old, 'cpx ls');
  // The new watcher has read the screen (it rewrites the border label) and kept the time.
  await until(() => server.tmux('show-options', '-gqv', '@cpx_scanned').trim() && option('@cpx_state') === 'waiting', { what: 'the new watcher settled' });
  await new Promise((done) => setTimeout(done, 1500));
  assert.is(option('@cpx_since'), since);
  assert.is(option('@cpx_state'), 'waiting');
}));

test('the status line restarts it within one status-interval, with no cpx command typed', withDeadline(30000, async () => {
  const snippet = join(server.home, 'cpx.tmux');
  const keys = await cpx('keys');
  assert.is(keys.code, 0, keys.stderr);
  writeFileSync(snippet, keys.stdout);
  server.tmux('set-option', '-g', 'status-interval', '1');
  server.tmux('source-file', snippet);
  assert.match(server.tmux('show-options', '-gv', 'status-right'), /watch --ensure/);
  startViewer(server, 'keep');
  const old = await killWatcher();
  await revived(old, 'the status line');
  // While it lives, the status line's check costs one tmux call and starts nothing.
  const pid = watcherPid();
  await new Promise((r) => setTimeout(r, 2500));
  assert.is(watcherPid(), pid);
}));

test.run();
