// cpx status: counts for tmux's status line, from the watcher's @cpx_summary or by counting tasks.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { runCpx } from './support/cli.js';
import { isRunning, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const cpx = (args: string[], env: NodeJS.ProcessEnv = server.env) => runCpx(args, { env, cwd: server.home });
const test = suite('cpx status');

test.after(() => server.kill());

/** A pane that looks like a task in the given state (no watcher runs here: nothing rewrites it). */
function fakeTask(name: string, state: string): void {
  const pane = server.tmux('new-window', '-d', '-P', '-F', '#{pane_id}', '-t', 'keep:', 'sleep 3600').trim();
  server.tmux('set-option', '-p', '-t', pane, '@cpx_task', name);
  server.tmux('set-option', '-p', '-t', pane, '@cpx_state', state);
}

function deadPid(): number {
  return spawnSync('true').pid!;
}

// A live process that passes for a watcher (its command line says "watch"), so that no cpx call here
// starts a real one, which would re-read these made-up tasks. Started and stopped by this file.
const standIn = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)', 'watch-stand-in'], { stdio: 'ignore' });
test.after(() => { standIn.kill(); });

test('no server, or no tasks: prints nothing and exits 0', withDeadline(10000, async () => {
  const none = await cpx(['status'], { ...server.env, CPX_SOCKET: `${server.socket}-none` });
  assert.equal([none.code, none.stdout, none.stderr], [0, '', '']);
  const empty = await cpx(['status']);
  assert.equal([empty.code, empty.stdout, empty.stderr], [0, '', '']);
}));

test('without a summary it counts the tasks, waiting first and in colour; --plain has no markup', withDeadline(10000, async () => {
  server.tmux('set-option', '-g', '@cpx_watcher', String(standIn.pid));
  fakeTask('a', 'waiting');
  fakeTask('b', 'working');
  fakeTask('c', 'waiting');
  fakeTask('d', 'idle');
  // The CLI (-L skips the launcher's fast path, which trusts a live watcher's summary, here none).
  const r = await cpx(['-L', server.socket, 'status']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '#[fg=black,bg=yellow,bold]⚑2 waiting#[default] ▶1 working ✓1 idle\n');
  const plain = await cpx(['-L', server.socket, 'status', '--plain']);
  assert.is(plain.stdout, '⚑2 waiting ▶1 working ✓1 idle\n');
}));

test("the CLI formats a live watcher's @cpx_summary instead of counting", withDeadline(10000, async () => {
  server.tmux('set-option', '-g', '@cpx_summary', 'waiting=1 working=3 idle=0 exited=2 pending=0 blocked=1 unknown=0');
  server.tmux('set-option', '-g', '@cpx_watcher', String(standIn.pid));
  const r = await cpx(['-L', server.socket, 'status']);
  assert.is(r.stdout, '#[fg=black,bg=yellow,bold]⚑1 waiting#[default] ▶3 working #[fg=red]✗1 blocked#[default] ■2 exited\n');
  const plain = await cpx(['-L', server.socket, 'status', '--plain']);
  assert.is(plain.code, 0, plain.stderr);
  assert.is(plain.stdout, '⚑1 waiting ▶3 working ✗1 blocked ■2 exited\n');
}));

test('a summary left by a watcher that is gone is not trusted: the tasks are counted, and a watcher starts', withDeadline(10000, async () => {
  const gone = deadPid();
  server.tmux('set-option', '-g', '@cpx_watcher', String(gone));
  const r = await cpx(['status', '--plain']);
  assert.is(r.stdout, '⚑2 waiting ▶1 working ✓1 idle\n');
  await until(() => { const pid = Number(server.tmux('show-options', '-gqv', '@cpx_watcher').trim()); return pid !== gone && isRunning(pid); }, { what: 'a new watcher' });
}));

test('with a real watcher, bin/cpx prints its @cpx_status: the same text the CLI makes of the counts', withDeadline(40000, async () => {
  // Start clean: end the watcher the previous test revived (ours), so two never race for the server.
  const previous = Number(server.tmux('show-options', '-gqv', '@cpx_watcher').trim());
  if (previous > 1 && isRunning(previous)) {
    process.kill(previous, 'SIGTERM');
    await until(() => !isRunning(previous), { what: `watcher ${previous} stopped` });
  }
  server.tmux('kill-window', '-a', '-t', '=keep:0');
  server.tmux('set-option', '-gu', '@cpx_watcher');
  for (const args of [['api', '--agent', 'demo', '--agent-args', '--work 0 --ask "npm test"', 'Build it'], ['db', '--cmd', 'sleep 3600']]) {
    const r = await cpx(['new', ...args]);
    assert.is(r.code, 0, r.stderr);
  }
  const watcher = () => server.tmux('show-options', '-gqv', '@cpx_watcher').trim();
  // Settled: a plain command is working while it runs.
  await until(async () => (await cpx(['status', '--plain'])).stdout === '⚑1 waiting ▶1 working\n' && watcher(), { timeout: 20000, what: 'the watcher sees api waiting, db working' });
  for (const args of [['status'], ['status', '--plain']]) {
    const fast = await cpx(args);
    const cli = await cpx(['-L', server.socket, ...args]);
    assert.is(fast.code, 0, fast.stderr);
    assert.is(fast.stdout, cli.stdout);
  }
  assert.match((await cpx(['status'])).stdout, /^#\[fg=black,bg=yellow,bold\]⚑1 waiting#\[default\] /);
  // A status-right with #{@cpx_status} (what `cpx keys` adds) shows it with no command run.
  assert.is(server.tmux('display-message', '-p', '#{@cpx_status}'), (await cpx(['status'])).stdout);
}));

test.run();
