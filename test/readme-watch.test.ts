// The README as a list of promises, part 2: "The watcher", "Alerts and config.yaml" (the file and the
// CPX_* overrides), approve/deny, `cpx watch`. Black box: bin/cpx against private tmux servers, tasks run
// by the simulated agent of `cpx demo` (it draws Claude Code's screens).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { findSgrBefore, poll } from './support/readme-tools.js';
import { CPX, isRunning, startServer } from './support/server.js';
import { withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'alerts');
const alerts = join(server.home, 'alert-env');
for (const dir of [project, alerts, join(server.home, 'config/cpx')]) mkdirSync(dir, { recursive: true });
// config.yaml is read when the watcher starts: written before the first cpx call. A list is run as it is
// (no shell of ours): sh gets the folder as $0 and writes every CPX_* variable it was given.
const RECORD = 'env | grep ^CPX_ | sort > "$0/$CPX_TASK-$CPX_STATE.env"';
writeFileSync(join(server.home, 'config/cpx/config.yaml'), `waiting:
  command: [sh, -c, '${RECORD}', ${alerts}]
done:
  bell: true
  command: [sh, -c, '${RECORD}', ${alerts}]
`);
const SESSION = 'cpx-alerts';
const cpx = (args: string[], env: NodeJS.ProcessEnv = server.env) => runCpx(args, { env, cwd: project });
const test = suite('README: the watcher and its alerts');
// Extra servers this file starts itself: killed and their socket files removed at the end.
const extraSockets: string[] = [];

interface Started { name: string; paneId: string; windowId: string; session: string }
const started = new Map<string, Started>();

async function start(name: string, args: string[], env = server.env): Promise<Started> {
  const r = await cpx(['new', name, '--json', ...args], env);
  assert.is(r.code, 0, r.stderr);
  const task = JSON.parse(r.stdout) as Started;
  started.set(name, task);
  return task;
}
/** The simulated agent: works `work` seconds, then asks to run `npm test` (if `ask`), then works 1 s more. */
const demo = (work: number, ask = true) => ['--agent', 'demo', '--agent-args', `--work ${work}${ask ? ' --ask "npm test"' : ''} --then 1`, 'Build it'];

function readEnvFile(file: string): Record<string, string> | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  if (!text.endsWith('\n')) return undefined;
  return Object.fromEntries(text.trimEnd().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}
const alertEnv = (task: string, state: string) => poll(() => readEnvFile(join(alerts, `${task}-${state}.env`)), { timeout: 15000, what: `the ${state} command for ${task}` });
const stateOf = (name: string, socket = server.socket) => tmuxOn(socket, 'display-message', '-p', '-t', started.get(name)!.paneId, '#{@cpx_state}').trim();
/** The window's flags in the task's own session (a pane id alone may resolve to another session holding the window). */
function windowOf(name: string, socket = server.socket): { active: string; bell: string; flags: string } {
  const task = started.get(name)!;
  const rows = tmuxOn(socket, 'list-windows', '-t', `=${task.session}`, '-F', '#{window_id}\t#{window_active}\t#{window_bell_flag}\t#{window_flags}').trim().split('\n').map((l) => l.split('\t'));
  const [, active, bell, flags] = rows.find((row) => row[0] === task.windowId)!;
  return { active, bell, flags };
}
const bellFlag = (name: string, socket = server.socket) => windowOf(name, socket).bell;
const viewerScreen = (escapes = false) => server.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', '=viewer:');

function tmuxOn(socket: string, ...args: string[]): string {
  const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux -L ${socket} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
function waitState(name: string, state: string, socket = server.socket): Promise<unknown> {
  return poll(() => stateOf(name, socket) === state, { timeout: 15000, what: `${name} ${state} (now ${stateOf(name, socket)})`, pane: [socket, started.get(name)!.paneId] });
}

test('A task that starts waiting runs waiting.command with its CPX_* variables, and every attached client gets a message', withDeadline(40000, async () => {
  // calm holds the session's first (current) window, so the waiting task's window is not the one shown.
  await start('calm', demo(0, false));
  server.tmux('new-session', '-d', '-s', 'viewer', '-x', '150', '-y', '30', 'env', '-u', 'TMUX', 'tmux', '-L', server.socket, 'attach', '-t', `=${SESSION}`);
  const api = await start('api', demo(1));
  const env = await alertEnv('api', 'waiting');
  const promised = ['CPX_TASK', 'CPX_STATE', 'CPX_PREVIOUS_STATE', 'CPX_DETAIL', 'CPX_PANE', 'CPX_WINDOW', 'CPX_SESSION'];
  assert.equal(promised.map((k) => env[k]), ['api', 'waiting', env.CPX_PREVIOUS_STATE, 'Bash: npm test', api.paneId, api.windowId, SESSION], JSON.stringify(env));
  assert.ok(['working', 'unknown'].includes(env.CPX_PREVIOUS_STATE), env.CPX_PREVIOUS_STATE);
  await poll(() => viewerScreen().includes('cpx: ⚑ api is waiting: Bash: npm test'), { what: 'the message on the status line', pane: [server.socket, 'viewer:'] });
}));

test('The bell rings in the waiting task\'s pane: tmux marks its window and `next-window -a` reaches it', withDeadline(20000, async () => {
  const api = started.get('api')!;
  await poll(() => bellFlag('api') === '1', { what: 'bell flag on api\'s window' });
  assert.match(windowOf('api').flags, /!/);
  assert.is(server.tmux('display-message', '-p', '-t', `=${SESSION}:`, '#{window_id}').trim(), started.get('calm')!.windowId);
  server.tmux('next-window', '-a', '-t', `=${SESSION}`);
  assert.is(server.tmux('display-message', '-p', '-t', `=${SESSION}:`, '#{window_id}').trim(), api.windowId);
}));

test('The border turns yellow with WAITING <what is asked>; cpx ls and the status line say the same', withDeadline(20000, async () => {
  const line = await poll(() => viewerScreen(true).split('\n').find((l) => l.includes('WAITING Bash: npm test')), { what: 'WAITING on the border', pane: [server.socket, 'viewer:'] });
  const style = findSgrBefore(line, 'WAITING');
  assert.ok(style.includes('43') || style.includes('48;5;3'), `yellow background: ${JSON.stringify(line)}`);
  assert.ok(style.includes('30'), `black text: ${JSON.stringify(line)}`);
  const task = JSON.parse((await cpx(['ls', '--json'])).stdout).find((t: any) => t.name === 'api');
  assert.equal([task.state, task.detail], ['waiting', 'Bash: npm test']);
  // (With a watcher running, bin/cpx answers `cpx status` itself with one tmux call: cheap to poll.)
  await poll(async () => (await cpx(['status', '--plain'])).stdout === '⚑1 waiting ✓1 idle\n', { what: 'the counts from cpx status' });
  assert.match(server.tmux('show-options', '-gqv', '@cpx_status'), /⚑1 waiting/);
}));

test('cpx deny on a task that is not asking refuses and sends nothing', withDeadline(20000, async () => {
  const calm = started.get('calm')!;
  await waitState('calm', 'idle');
  const before = server.tmux('capture-pane', '-p', '-t', calm.paneId);
  const r = await cpx(['deny', 'calm']);
  assert.is(r.code, 1);
  assert.is(r.stderr, "cpx: task 'calm' is not showing a prompt (it looks idle): nothing was sent\n");
  assert.is(server.tmux('capture-pane', '-p', '-t', calm.paneId), before);
}));

test('cpx approve --always picks the "don\'t ask again" choice; the turn then ends: done.command runs, done.bell rings, a quieter message', withDeadline(30000, async () => {
  // Look at calm: a window being looked at gets no bell flag.
  server.tmux('select-window', '-t', `=${SESSION}:${started.get('calm')!.windowId}`);
  assert.is(bellFlag('api'), '0', 'visiting api cleared its flag');
  const r = await cpx(['approve', 'api', '--always']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "approved api: Bash: npm test → 2. Yes, and don't ask again for: npm test\n");
  const env = await alertEnv('api', 'idle');
  assert.equal([env.CPX_TASK, env.CPX_STATE, env.CPX_PREVIOUS_STATE, env.CPX_DETAIL], ['api', 'idle', 'working', '']);
  await poll(() => bellFlag('api') === '1', { what: 'done.bell on api\'s window' });
  await poll(() => viewerScreen().includes('cpx: ✓ api finished its turn'), { what: 'the done message', pane: [server.socket, 'viewer:'] });
}));

test('cpx approve <name> <words> picks the choice whose label has those words', withDeadline(30000, async () => {
  // Started only now: its waiting message would have replaced the others on the status line.
  await start('b1', demo(0));
  await waitState('b1', 'waiting');
  const r = await cpx(['approve', 'b1', "don't ask"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "approved b1: Bash: npm test → 2. Yes, and don't ask again for: npm test\n");
  await poll(() => server.tmux('capture-pane', '-p', '-t', started.get('b1')!.paneId).includes('Ran npm test (simulated)'), { what: 'b1 ran it' });
}));

test('CPX_BELL=0, CPX_DONE_BELL=0, CPX_NOTIFY_COMMAND and CPX_NOTIFY_SEND=1 override config.yaml', withDeadline(40000, async () => {
  const socket = `${server.socket}-env`;
  extraSockets.push(socket);
  const log = join(server.home, 'override.log');
  const bin = join(server.home, 'notify-bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'notify-send'), `#!/bin/sh\nprintf '%s|' "$@" >> '${join(server.home, 'notify-send.log')}'\necho >> '${join(server.home, 'notify-send.log')}'\n`, { mode: 0o755 });
  // The watcher of a server gets the environment of the cpx call that starts it.
  const env = {
    ...server.env, CPX_SOCKET: socket, PATH: `${bin}:${server.env.PATH}`,
    CPX_BELL: '0', CPX_DONE_BELL: '0', CPX_NOTIFY_SEND: '1', CPX_NOTIFY_COMMAND: `sh -c 'echo "$CPX_TASK $CPX_STATE" >> "$0"' ${log}`,
  };
  // quiet's window is not the session's current one: a ring would flag it.
  await start('first', ['--cmd', 'sleep 600'], env);
  await start('quiet', demo(0), env);
  const lines = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
  await poll(() => lines().includes('quiet waiting\n'), { timeout: 15000, what: `the override command (log: ${lines()})`, pane: [socket, started.get('quiet')!.paneId] });
  assert.is(readEnvFile(join(alerts, 'quiet-waiting.env')), undefined, "config.yaml's command did not run");
  await poll(() => existsSync(join(server.home, 'notify-send.log')) && readFileSync(join(server.home, 'notify-send.log'), 'utf8').includes('cpx: quiet|'), { what: 'notify-send called' });
  assert.match(readFileSync(join(server.home, 'notify-send.log'), 'utf8'), /^--app-name=cpx\|cpx: quiet\|.*npm test.*\|$/m);
  assert.is((await cpx(['approve', 'quiet'], env)).code, 0);
  await poll(() => lines().includes('quiet idle\n'), { timeout: 15000, what: `idle in the log (log: ${lines()})` });
  // One more turn: by its end any bell of the first one would long have been seen by tmux.
  assert.is((await cpx(['send', 'quiet', 'again'], env)).code, 0);
  await poll(() => lines().split('quiet idle\n').length === 3, { timeout: 15000, what: `a second idle (log: ${lines()})` });
  assert.is(windowOf('quiet', socket).active, '0');
  assert.is(bellFlag('quiet', socket), '0');
}));

test('A typo in the config file (CPX_CONFIG picks it) is an error naming file:line:column and the fix', withDeadline(20000, async () => {
  const socket = `${server.socket}-conf`;
  extraSockets.push(socket);
  tmuxOn(socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'plain');
  const file = join(server.home, 'typo.yaml');
  writeFileSync(file, 'waiting:\n  bel: false\n');
  const r = await cpx(['watch'], { ...server.env, CPX_SOCKET: socket, CPX_CONFIG: file });
  assert.is(r.code, 2, r.stderr);
  assert.is(r.stderr, `cpx: ${file}:2:3: unknown key 'bel' in 'waiting': did you mean 'bell'?\n`);
  assert.is(r.stdout, '');
}));

test('The background watcher ends with the server', withDeadline(20000, async () => {
  const socket = `${server.socket}-gone`;
  extraSockets.push(socket);
  const env = { ...server.env, CPX_SOCKET: socket };
  assert.is((await cpx(['new', 'solo', '--cmd', 'sleep 600'], env)).code, 0);
  const pid = await poll(() => {
    const value = Number(tmuxOn(socket, 'show-options', '-gqv', '@cpx_watcher').trim());
    return value > 1 && isRunning(value) && value;
  }, { what: 'the watcher' });
  assert.match(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), /\0watch\0--background/);
  tmuxOn(socket, 'kill-server');
  await poll(() => !isRunning(pid), { timeout: 10000, what: `watcher ${pid} gone with its server` });
}));

let foreground: ChildProcess | undefined;
// Last: the foreground watcher takes over from the background one, and none is left after it.
test('cpx watch runs the watcher in the foreground and prints each change', withDeadline(30000, async () => {
  const lines: string[] = [];
  let stderr = '';
  const child = spawn(CPX, ['watch'], { env: server.env, cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  foreground = child;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  await poll(() => stderr.includes(`cpx watch: watching (pid ${child.pid}); Ctrl-C to stop`), { what: `the watching line (stderr: ${stderr})` });
  await waitState('api', 'idle');
  assert.is((await cpx(['send', 'api', 'one more thing'])).code, 0);
  const api = started.get('api')!;
  const pattern = (from: string, to: string) => new RegExp(`^\\d\\d:\\d\\d:\\d\\d  api \\(${api.paneId}\\)  ${from} → ${to}$`);
  await poll(() => lines.some((l) => pattern('idle', 'working').test(l)) && lines.some((l) => pattern('working', 'idle').test(l)), { timeout: 15000, what: `both changes printed: ${JSON.stringify(lines)}` });
  child.kill('SIGTERM');
  const exit = await poll(() => (child.exitCode !== null || child.signalCode !== null) && { code: child.exitCode, signal: child.signalCode }, { what: 'cpx watch exits' });
  assert.equal(exit, { code: 0, signal: null }, stderr);
  foreground = undefined;
}));

test.after(() => {
  if (foreground?.exitCode === null) foreground.kill('SIGTERM');
  for (const socket of extraSockets) {
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, socket), { force: true });
  }
  server.kill();
});
test.run();
