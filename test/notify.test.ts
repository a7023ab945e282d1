import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertConfig } from '../lib/core/config.js';
import { alert, ringBell, type AlertTargets, type Transition } from '../lib/watch/alerts.js';
import { startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const test = suite('notify: bells, messages, OSC, commands');
test.after(() => server.kill());

const OFF: AlertConfig = { bell: false, message: false, osc: false, notifySend: false, command: undefined };
const show = (target: string, format: string) => server.tmux('display-message', '-p', '-t', target, format).trim();
const bellFlag = (target: string) => show(target, '#{window_bell_flag}');
const newWindow = (...command: string[]) => server.tmux('new-window', '-d', '-t', 'keep:', '-P', '-F', '#{window_id}', ...command).trim();
const transition = (over: Partial<Transition> = {}): Transition => ({
  task: 'auth', paneId: '%9', windowId: '@9', session: 'cpx-shop', state: 'waiting', previous: 'working', detail: 'Allow Bash(rm -rf build)?', ...over,
});
const noTargets: AlertTargets = { paneTty: '', clientTtys: [], clients: [] };
/** The JSON a fixture wrote, once it is complete. */
const readJson = (file: string): unknown => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
let files = 0;
const scratch = () => join(server.home, `out-${++files}`);

let viewerClient = '';
test.before(async () => {
  // A client of session keep whose terminal is a pane of session viewer on the same server:
  // whatever tmux writes to that client's terminal shows up in the viewer pane.
  server.tmux('new-session', '-d', '-s', 'viewer', '-x', '120', '-y', '30', 'env', '-u', 'TMUX', 'tmux', '-L', server.socket, 'attach', '-t', 'keep');
  server.tmux('new-window', '-d', '-t', 'viewer:', 'sleep', '100000');
  viewerClient = await until(() => server.tmux('list-clients', '-t', 'keep', '-F', '#{client_name}').trim(), { what: 'viewer client attached', pane: [server.socket, 'viewer:'] });
});

test('ringBell sets the bell flag of the window the pane is in', withDeadline(10000, async () => {
  server.tmux('set-option', '-t', 'keep', 'bell-action', 'none'); // the flag is set whatever bell-action says
  const window = newWindow();
  assert.is(bellFlag(window), '0');
  ringBell(show(window, '#{pane_tty}'));
  await until(() => bellFlag(window) === '1', { what: 'window_bell_flag 1', pane: [server.socket, window] });
  assert.match(show(window, '#{window_flags}'), /!/);
}));

test('with bell-action any the BEL reaches the terminal of every attached client', withDeadline(10000, async () => {
  server.tmux('set-option', '-t', 'keep', 'bell-action', 'any');
  server.tmux('set-option', '-t', 'keep', 'visual-bell', 'off');
  const window = newWindow();
  // Visiting a window clears its bell flag.
  server.tmux('select-window', '-t', 'viewer:1');
  server.tmux('select-window', '-t', 'viewer:0');
  assert.is(bellFlag('viewer:'), '0');
  ringBell(show(window, '#{pane_tty}'));
  await until(() => bellFlag(window) === '1', { what: 'bell flag on the ringing window' });
  // The client's terminal is the viewer pane: its window rings only if tmux forwarded the BEL.
  await until(() => bellFlag('viewer:') === '1', { what: 'bell forwarded to the client terminal', pane: [server.socket, 'viewer:'] });
}));

test('ringBell ignores a tty that is gone', () => {
  ringBell(join(server.home, 'no-such-tty'));
  assert.not.ok(existsSync(join(server.home, 'no-such-tty')));
});

test('alert rings the pane unless the task exited (a dead pane tty can be reused)', withDeadline(10000, async () => {
  const tty = scratch();
  writeFileSync(tty, '');
  await alert(transition({ state: 'exited', previous: 'working' }), { ...OFF, bell: true }, { ...noTargets, paneTty: tty });
  assert.is(readFileSync(tty, 'utf8'), '');
  await alert(transition(), { ...OFF, bell: true }, { ...noTargets, paneTty: tty });
  assert.is(readFileSync(tty, 'utf8'), '\x07');
}));

test('message returns one display-message per client, with # escaped, and tmux shows it', withDeadline(10000, async () => {
  const t = transition({ task: 'fix #12 #{session_name}', detail: 'Allow Bash(git push)?\n' });
  const commands = await alert(t, { ...OFF, message: true }, { ...noTargets, clients: [viewerClient, 'other'] });
  const text = 'cpx: ⚑ fix ##12 ##{session_name} is waiting: Allow Bash(git push)?';
  assert.equal(commands, [['display-message', '-c', viewerClient, '-d', '5000', text], ['display-message', '-c', 'other', '-d', '5000', text]]);
  server.tmux(...commands[0]!);
  const shown = 'cpx: ⚑ fix #12 #{session_name} is waiting: Allow Bash(git push)?';
  await until(() => server.tmux('capture-pane', '-p', '-t', 'viewer:').includes(shown), { what: 'message on the status line', pane: [server.socket, 'viewer:'] });
  const done = await alert(transition({ state: 'idle' }), { ...OFF, message: true }, { ...noTargets, clients: ['c'] });
  assert.equal(done, [['display-message', '-c', 'c', '-d', '5000', 'cpx: ✓ auth finished its turn']]);
  assert.equal(await alert(transition(), OFF, { ...noTargets, clients: ['c'] }), []);
}));

test('osc writes OSC 777 and OSC 9 to each client tty, control characters stripped', withDeadline(10000, async () => {
  const [a, b] = [scratch(), scratch()];
  writeFileSync(a, '');
  writeFileSync(b, '');
  const t = transition({ task: 'evil\x1b]0;pwned\x07', detail: 'Allow\tthis?' });
  await alert(t, { ...OFF, osc: true }, { ...noTargets, clientTtys: [a, '', b] });
  const expected = '\x1b]777;notify;cpx: evil ]0,pwned;Allow this?\x1b\\\x1b]9;cpx: evil ]0;pwned Allow this?\x07';
  assert.is(readFileSync(a, 'utf8'), expected);
  assert.is(readFileSync(b, 'utf8'), expected);
}));

test('osc sequences are well formed: a real terminal consumes them without printing', withDeadline(10000, async () => {
  const window = newWindow('sleep', '100000');
  const tty = show(window, '#{pane_tty}');
  await alert(transition(), { ...OFF, osc: true }, { ...noTargets, clientTtys: [tty] });
  writeFileSync(tty, 'MARK\r\n');
  const screen = await until(() => {
    const text = server.tmux('capture-pane', '-p', '-t', window);
    return text.includes('MARK') ? text : undefined;
  }, { what: 'MARK on screen', pane: [server.socket, window] });
  assert.is(screen.split('\n')[0], 'MARK');
}));

test('command runs the argv with CPX_* variables, no shell', withDeadline(10000, async () => {
  const out = scratch();
  const script = "require('fs').writeFileSync(process.argv[1], JSON.stringify([process.argv.slice(2), ...['CPX_TASK','CPX_STATE','CPX_PREVIOUS_STATE','CPX_PANE','CPX_DETAIL','CPX_SESSION'].map((k) => process.env[k])]))";
  const t = transition({ task: "pay'ments $(x)", detail: 'Allow? "yes"' });
  const commands = await alert(t, { ...OFF, command: [process.execPath, '-e', script, out, '$HOME', '*'] }, noTargets);
  assert.equal(commands, []);
  const got = await until(() => readJson(out), { what: 'command output' });
  assert.equal(got, [['$HOME', '*'], "pay'ments $(x)", 'waiting', 'working', '%9', 'Allow? "yes"', 'cpx-shop']);
}));

test('a command that cannot start is ignored', withDeadline(10000, async () => {
  await alert(transition(), { ...OFF, command: [join(server.home, 'missing-program')] }, noTargets);
  // spawn reports ENOENT on a later tick: an unhandled 'error' event would crash this process here.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(true);
}));

test('notifySend runs notify-send from PATH with a title and body', withDeadline(10000, async () => {
  const out = scratch();
  const bin = join(server.home, 'notify-bin');
  writeFileSync(join(server.home, 'notify-send.js'), `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.argv.slice(2)))`);
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'notify-send'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(server.home, 'notify-send.js'))} "$@"\n`);
  chmodSync(join(bin, 'notify-send'), 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path}`;
  try {
    await alert(transition({ state: 'idle', detail: '' }), { ...OFF, notifySend: true }, noTargets);
  } finally {
    process.env.PATH = path;
  }
  const got = await until(() => readJson(out), { what: 'notify-send argv' });
  assert.equal(got, ['--app-name=cpx', 'cpx: auth', 'finished its turn']);
}));

test.run();
