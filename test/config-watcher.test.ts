// A mistake in config.yaml keeps the watcher from starting: it must reach the user from the command
// that would start one (file:line:col), nothing may start unwatched, and `cpx doctor` must say so.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { isRunning, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const cpx = (...args: string[]) => runCpx(args, { env: server.env, cwd: server.home });
const test = suite('config.yaml and the watcher');
test.after(() => server.kill());

const configFile = join(server.home, 'config/cpx/config.yaml');
mkdirSync(join(server.home, 'config/cpx'), { recursive: true });
const watcherPid = () => Number(server.tmux('show-options', '-gqv', '@cpx_watcher').trim()) || 0;
const taskNames = () => server.tmux('list-panes', '-a', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{@cpx_task}').split('\n').filter(Boolean);

test('a watcher runs for a first task; doctor reports it with its last scan', withDeadline(15000, async () => {
  const r = await cpx('new', 'first', '--cmd', "sh -c 'sleep 100000'", 'x');
  assert.is(r.code, 0, r.stderr);
  await until(() => isRunning(watcherPid()) && server.tmux('show-options', '-gqv', '@cpx_scanned').trim(), { what: 'a watcher that has scanned' });
  const doctor = await cpx('doctor');
  assert.is(doctor.code, 0, doctor.stdout);
  assert.match(doctor.stdout, /✓ watcher running \(pid \d+, last scan \d+s ago\)/);
  // keep and the task's session; the watcher's own cpx-watch is not the user's.
  assert.ok(server.tmux('list-sessions', '-F', '#{session_name}').split('\n').includes('cpx-watch'));
  assert.match(doctor.stdout, /✓ server on socket '[^']+': 2 sessions\n/);
}));

test('with a typo in config.yaml: new and up refuse with file:line:col and start nothing', withDeadline(15000, async () => {
  const pid = watcherPid();
  process.kill(pid, 'SIGKILL'); // ours: started by this file's cpx call
  await until(() => !isRunning(pid), { what: 'watcher gone' });
  writeFileSync(configFile, 'wach:\n  idle_debounce_ms: 500\n');
  const r = await cpx('new', 'second', '--cmd', "sh -c 'sleep 100000'", 'x');
  assert.is(r.code, 2);
  assert.ok(/^cpx: no watcher can run \(no bells, no after: starts\): .*config\.yaml:1:1: .*wach.*\n$/.test(r.stderr), r.stderr);
  assert.equal(taskNames(), ['first']);
  const layout = join(server.home, 'one.yaml');
  writeFileSync(layout, 'name: one\ntasks:\n  - name: third\n    cmd: sleep 100000\n');
  for (const args of [['up', layout], ['up', layout, '--dry-run']]) {
    const up = await cpx(...args);
    assert.is(up.code, 2, `cpx ${args.join(' ')}`);
    assert.match(up.stderr, /config\.yaml:1:1:/);
  }
  assert.equal(taskNames(), ['first']);
}));

test('with the typo, ls still lists the tasks and warns in one line; doctor fails and names the file', withDeadline(15000, async () => {
  const ls = await cpx('ls');
  assert.is(ls.code, 0, ls.stderr);
  assert.match(ls.stdout, /^first +/m);
  assert.match(ls.stderr, /^cpx: warning: no watcher can run \(no bells, no after: starts\): .*config\.yaml:1:1: [^\n]*\n$/);
  assert.not.ok(isRunning(watcherPid()));
  const doctor = await cpx('doctor');
  assert.is(doctor.code, 1);
  assert.match(doctor.stdout, /✗ no watcher can run .*config\.yaml:1:1/);
  assert.not.match(doctor.stdout, /cpx is ready/);
}));

test('once config.yaml is fixed, the next command starts the watcher', withDeadline(15000, async () => {
  rmSync(configFile);
  const ls = await cpx('ls');
  assert.is(ls.code, 0, ls.stderr);
  assert.is(ls.stderr, '');
  await until(() => isRunning(watcherPid()), { what: 'a watcher again' });
}));

test.run();
