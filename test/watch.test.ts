import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { CPX, isRunning as alive, quietShellHome, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';
import { startViewer, viewedPane } from './support/viewer.js';

// The task shells are real bash; a HOME of our own keeps the user's ~/.bashrc (slow under load) out.
const home = quietShellHome('watch');
const server = startServer(import.meta.filename, { HOME: home });
const project = join(server.home, 'shop');
mkdirSync(project, { recursive: true });
const SESSION = 'cpx-shop';
const cpx = (args: string[], env: NodeJS.ProcessEnv = server.env) => runCpx(args, { env, cwd: project });
const test = suite('the watcher (cpx watch, states, bell, next)');
const STATE_WAIT = 15000;

interface Started { name: string; paneId: string; windowId: string; session: string }
const tasks = new Map<string, Started>();

async function start(name: string, ...args: string[]): Promise<Started> {
  const r = await cpx(['new', name, '--json', ...args]);
  assert.is(r.code, 0, r.stderr);
  const task = JSON.parse(r.stdout) as Started;
  tasks.set(name, task);
  return task;
}
const paneOf = (name: string) => tasks.get(name)!.paneId;
// -J joins wrapped lines: a long typed command must not put our own `a<n>=[` at the start of a line.
const screenOf = (name: string) => server.tmux('capture-pane', '-p', '-J', '-t', paneOf(name));
/** The shell still shows a `[y/N]` question on its last line. */
const stillAsking = (name: string) => /\[y\/N\] *$/.test(screenOf(name).trimEnd());

/** What the watcher wrote on the pane, read straight from tmux (a `cpx ls` would also restart a dead watcher). */
function stateOf(name: string): { state: string; detail: string } {
  const [state, detail] = server.tmux('display-message', '-p', '-t', paneOf(name), '#{@cpx_state}\t#{@cpx_detail}').replace(/\n$/, '').split('\t');
  return { state, detail: detail ? JSON.parse(detail) : '' };
}

function waitState(name: string, state: string, detail?: string): Promise<unknown> {
  return until(() => {
    const now = stateOf(name);
    return now.state === state && (detail === undefined || now.detail === detail);
  }, { timeout: STATE_WAIT, what: `${name} ${state}${detail ? ` (${detail})` : ''}; last ${JSON.stringify(stateOf(name))}`, pane: [server.socket, paneOf(name)] });
}

async function lsJson(args: string[] = []): Promise<any[]> {
  const r = await cpx(['ls', '--json', ...args]);
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** The shell prints its prompt: the cursor leaves column 0 (program output, not our typing). */
function waitPrompt(name: string): Promise<unknown> {
  return until(() => server.tmux('display-message', '-p', '-t', paneOf(name), '#{cursor_x}').trim() !== '0', { timeout: STATE_WAIT, what: `${name} prompt`, pane: [server.socket, paneOf(name)] });
}

let asked = 0;
/**
 * Make a shell task ask `Continue? [y/N] `. After the answer it prints `a<n>=[answer]` (the typed line
 * holds `a<n>=[$x]`, so only the program's output matches `answered`).
 */
async function ask(name: string, question = 'Continue? [y/N] '): Promise<{ answered: (value: string) => boolean; n: number }> {
  const n = ++asked;
  const r = await cpx(['send', name, `read -p "${question}" x; echo "a${n}=[$x]"`]);
  assert.is(r.code, 0, r.stderr);
  await waitState(name, 'waiting', question.trim());
  return { n, answered: (value) => screenOf(name).includes(`a${n}=[${value}]`) };
}

function bellFlag(name: string): { active: string; bell: string } {
  const rows = server.tmux('list-windows', '-t', `=${SESSION}`, '-F', '#{window_id} #{window_active} #{window_bell_flag}').trim().split('\n').map((l) => l.split(' '));
  const row = rows.find((r) => r[0] === tasks.get(name)!.windowId)!;
  return { active: row[1], bell: row[2] };
}

function watcherPid(): number {
  return Number(server.tmux('show-options', '-gqv', '@cpx_watcher').trim()) || 0;
}


/** Background watchers of THIS test: cmdline `… watch --background`, started in our project directory. */
function ourBackgroundWatchers(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!cmdline.includes('watch') || !cmdline.includes('--background')) continue;
      if (readlinkSync(`/proc/${entry}/cwd`) !== project) continue;
      found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** Kill a watcher, but only one that our own cpx calls started (cwd is this test's project). */
function killOurWatcher(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (!(pid > 1)) return;
  let cwd = '';
  try {
    cwd = readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return;
  }
  if (cwd === project) process.kill(pid, signal);
}

let viewerPane = '';
function attachViewer(): string {
  viewerPane ||= startViewer(server, SESSION);
  return viewerPane;
}
const viewerShows = () => viewedPane(server, SESSION);

let foreground: ChildProcess | undefined;
const questions: Record<string, { answered: (value: string) => boolean; n: number }> = {};

test.after(() => {
  if (foreground?.exitCode === null) foreground.kill('SIGTERM');
  for (const pid of ourBackgroundWatchers()) killOurWatcher(pid);
  server.kill();
  rmSync(home, { recursive: true, force: true, maxRetries: 5 });
});

test('a shell task is idle at its prompt, working while `sleep 2` runs, idle after', withDeadline(45000, async () => {
  await start('sh', '--agent', 'shell');
  await waitPrompt('sh');
  await waitState('sh', 'idle');
  const r = await cpx(['send', 'sh', 'sleep 2; echo slept-$((1+1))']);
  assert.is(r.code, 0, r.stderr);
  await waitState('sh', 'working');
  assert.not.ok(screenOf('sh').includes('slept-2'), 'seen working while sleep still ran');
  await until(() => screenOf('sh').includes('slept-2'), { timeout: 10000, what: 'sleep finished', pane: [server.socket, paneOf('sh')] });
  await waitState('sh', 'idle');
  const [task] = (await lsJson()).filter((t) => t.name === 'sh');
  assert.is(task.state, 'idle');
  assert.is(task.agent, 'shell');
}));

test('cpx next with nothing waiting exits 1', withDeadline(20000, async () => {
  const r = await cpx(['next']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /no task is waiting/);
  assert.is(r.stdout, '');
}));

test('an exited task shows exited with its status, and the journal records the exit', withDeadline(30000, async () => {
  await start('ex', '--cmd', "sh -c 'exit 3'");
  await until(async () => (await lsJson()).find((t) => t.name === 'ex' && t.state === 'exited' && t.exitStatus === 3), { timeout: STATE_WAIT, what: 'ex exited 3' });
  await waitState('ex', 'exited');
  const journalFile = join(server.home, 'state/cpx/journal.jsonl');
  const exit = await until(() => readFileSync(journalFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.event === 'exit' && e.task === 'ex'), { timeout: STATE_WAIT, what: 'exit event in the journal' });
  assert.is(exit.session, SESSION);
  assert.is(exit.pane, paneOf('ex'));
  assert.is(exit.status, 3);
  const ls = await cpx(['ls']);
  assert.match(ls.stdout, /^ex +exited 3 /m);
}));

test('exactly one watcher per server, whatever the number of cpx new calls', withDeadline(45000, async () => {
  await Promise.all([start('w1', '--agent', 'shell'), start('w2', '--agent', 'shell')]);
  await start('sh2', '--agent', 'shell');
  const pids = await until(() => {
    const found = ourBackgroundWatchers();
    return found.length === 1 && found[0] === watcherPid() && found;
  }, { timeout: 15000, what: `one background watcher (found ${ourBackgroundWatchers().join(',')}, @cpx_watcher ${watcherPid()})` });
  assert.ok(alive(pids[0]));
  for (const name of ['w1', 'w2']) {
    const k = await cpx(['kill', name]);
    assert.is(k.code, 0, k.stderr);
  }
  await waitPrompt('sh2');
  await waitState('sh2', 'idle');
}));

test('a question makes the task waiting with the question as detail, and rings the bell of its window (current window, nobody attached)', withDeadline(40000, async () => {
  assert.equal(server.tmux('list-clients', '-t', `=${SESSION}`).trim(), '', 'no client attached');
  assert.equal(bellFlag('sh'), { active: '1', bell: '0' }, 'sh is the current window and has not rung yet');
  questions.first = await ask('sh');
  await until(() => bellFlag('sh').bell === '1', { timeout: 5000, what: `bell flag on sh's window ${JSON.stringify(bellFlag('sh'))}` });
  assert.is(bellFlag('sh').active, '1');
  const [task] = (await lsJson()).filter((t) => t.name === 'sh');
  assert.is(task.state, 'waiting');
  assert.is(task.detail, 'Continue? [y/N]');
}));

test('cpx ls --waiting lists only the waiting tasks', withDeadline(20000, async () => {
  const json = await lsJson(['--waiting']);
  assert.equal(json.map((t) => t.name), ['sh']);
  const r = await cpx(['ls', '--waiting']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^sh +waiting .*⚑ Continue\? \[y\/N\]$/m);
  assert.not.match(r.stdout, /^sh2 /m);
  server.tmux('send-keys', '-t', paneOf('sh'), 'n', 'Enter');
  await until(() => questions.first.answered('n'), { what: 'answered', pane: [server.socket, paneOf('sh')] });
  await waitState('sh', 'idle');
}));

test('cpx approve sh y answers a shell y/N question with y', withDeadline(30000, async () => {
  const q = await ask('sh');
  try {
    const r = await cpx(['approve', 'sh', 'y']);
    assert.is(r.code, 0, `approve sh y: ${r.stderr}`);
    await until(() => q.answered('y'), { what: 'read got y', pane: [server.socket, paneOf('sh')] });
  } finally {
    // Leave the shell at its prompt for the next tests, whatever approve did.
    if (stillAsking('sh')) server.tmux('send-keys', '-t', paneOf('sh'), 'y', 'Enter');
    await until(() => !stillAsking('sh'), { what: 'question gone', pane: [server.socket, paneOf('sh')] });
    await waitState('sh', 'idle');
  }
}));

test('plain cpx approve never sends the deny keys (Ctrl-C) to a shell question', withDeadline(40000, async () => {
  const q = await ask('sh');
  try {
    const r = await cpx(['approve', 'sh']);
    assert.not.match(r.stdout, /C-c/, `approve reported sending C-c: ${r.stdout}`);
    if (r.code === 0) await until(() => q.answered('y'), { what: 'read got y', pane: [server.socket, paneOf('sh')] });
    else assert.is(stateOf('sh').state, 'waiting', 'a refused approve leaves the question alone');
  } finally {
    if (stillAsking('sh')) server.tmux('send-keys', '-t', paneOf('sh'), 'n', 'Enter');
    await waitState('sh', 'idle');
  }
}));

test('cpx deny answers a shell [y/N] question with n and the task goes back to idle', withDeadline(40000, async () => {
  const q = await ask('sh', 'Delete everything? [y/N] ');
  const r = await cpx(['deny', 'sh']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /denied sh: Delete everything\? \[y\/N\] → n\. no/);
  await until(() => q.answered('n'), { what: 'read got n', pane: [server.socket, paneOf('sh')] });
  await waitState('sh', 'idle');
}));

test('cpx next visits the longest-waiting task first, then the other, then wraps', withDeadline(60000, async () => {
  questions.sh = await ask('sh');
  questions.sh2 = await ask('sh2', 'Overwrite config? [y/N] ');
  assert.equal((await lsJson(['--waiting'])).map((t) => t.name), ['sh', 'sh2'], 'longest waiting first');
  // sh2 is not its session's current window: it rang too.
  assert.equal(bellFlag('sh2'), { active: '0', bell: '1' });
  attachViewer();
  await until(() => viewerShows(), { what: 'viewer client attached', pane: [server.socket, viewerPane] });
  // Look at something else first, so that going to sh is a visible move.
  server.tmux('select-window', '-t', tasks.get('ex')!.paneId);
  await until(() => viewerShows() === paneOf('ex'), { what: 'viewer on ex' });
  const [socketPath, pid] = server.tmux('display-message', '-p', '#{socket_path}\t#{pid}').trim().split('\t');
  const inside: NodeJS.ProcessEnv = { ...server.env, TMUX: `${socketPath},${pid},0` };
  delete inside.CPX_SOCKET;
  for (const name of ['sh', 'sh2', 'sh']) {
    const r = await cpx(['next'], inside);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^→ ${name} \\(waiting .*: ${name === 'sh' ? 'Continue' : 'Overwrite config'}\\? \\[y/N\\]\\)$`, 'm'));
    await until(() => viewerShows() === paneOf(name), { what: `viewer on ${name} (shows ${viewerShows()})`, pane: [server.socket, viewerPane] });
  }
}));

test('the border of a waiting task says WAITING and the question (seen by a real client)', withDeadline(30000, async () => {
  attachViewer();
  server.tmux('select-window', '-t', `=${SESSION}:${tasks.get('sh2')!.windowId}`);
  await until(() => viewerShows() === paneOf('sh2'), { what: 'viewer on sh2' });
  await until(() => {
    const screen = server.tmux('capture-pane', '-p', '-t', viewerPane);
    return /sh2 +WAITING Overwrite config\? \[y\/N\]/.test(screen);
  }, { timeout: 10000, what: 'WAITING on the border', pane: [server.socket, viewerPane] });
  // Answer both so the next tests start from idle.
  for (const name of ['sh', 'sh2']) server.tmux('send-keys', '-t', paneOf(name), 'n', 'Enter');
  await until(() => questions.sh.answered('n') && questions.sh2.answered('n'), { what: 'both answered' });
  await waitState('sh', 'idle');
  await waitState('sh2', 'idle');
  await until(() => /sh2 +idle/.test(server.tmux('capture-pane', '-p', '-t', viewerPane)), { what: 'idle on the border', pane: [server.socket, viewerPane] });
}));

test('a killed watcher comes back with the next cpx ls, and states keep working', withDeadline(45000, async () => {
  const old = watcherPid();
  assert.ok(alive(old), `watcher ${old} alive`);
  assert.equal(ourBackgroundWatchers(), [old]);
  killOurWatcher(old, 'SIGKILL');
  await until(() => !alive(old), { what: `watcher ${old} gone` });
  const r = await cpx(['ls']);
  assert.is(r.code, 0, r.stderr);
  const fresh = await until(() => {
    const pid = watcherPid();
    return pid !== old && alive(pid) && ourBackgroundWatchers().includes(pid) && pid;
  }, { timeout: 10000, what: 'a new watcher' });
  assert.ok(fresh > 1);
  const q = await ask('sh2', 'Again? [y/N] ');
  server.tmux('send-keys', '-t', paneOf('sh2'), 'y', 'Enter');
  await until(() => q.answered('y'), { what: 'answered', pane: [server.socket, paneOf('sh2')] });
  await waitState('sh2', 'idle');
}));

test('cpx watch --json prints transitions as JSON Lines and takes over from the background watcher', withDeadline(60000, async () => {
  const background = watcherPid();
  assert.ok(alive(background));
  const lines: any[] = [];
  let stderr = '';
  foreground = spawn(CPX, ['watch', '--json'], { env: server.env, cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  let partial = '';
  foreground.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) if (line) lines.push(JSON.parse(line));
  });
  foreground.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const fg = foreground;
  await until(() => watcherPid() === fg.pid, { timeout: 10000, what: `@cpx_watcher = ${fg.pid} (stderr: ${stderr})` });
  await until(() => !alive(background), { timeout: 10000, what: `background watcher ${background} stops` });
  assert.equal(ourBackgroundWatchers(), []);
  const q = await ask('sh');
  server.tmux('send-keys', '-t', paneOf('sh'), 'y', 'Enter');
  await until(() => q.answered('y'), { what: 'answered', pane: [server.socket, paneOf('sh')] });
  await waitState('sh', 'idle');
  const mine = await until(() => {
    const seen = lines.filter((e) => e.task === 'sh');
    return seen.some((e) => e.to === 'waiting') && seen.some((e) => e.from === 'waiting') && seen;
  }, { timeout: 10000, what: `sh transitions on stdout: ${JSON.stringify(lines)}` });
  const waiting = mine.find((e) => e.to === 'waiting');
  assert.is(waiting.detail, 'Continue? [y/N]');
  assert.is(waiting.pane, paneOf('sh'));
  assert.is(waiting.session, SESSION);
  assert.equal(waiting.choices, ['y. yes', 'n. no']);
  assert.match(waiting.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(waiting.rule, /^shell\.waiting/);
  assert.is(mine.at(-1).to, 'idle');
  const stoppedAt = Date.now();
  fg.kill('SIGTERM');
  const exit = await until(() => (fg.exitCode !== null || fg.signalCode !== null) && { code: fg.exitCode, signal: fg.signalCode }, { timeout: 10000, what: 'foreground watcher exits' });
  assert.equal(exit, { code: 0, signal: null }, `stderr: ${stderr}`);
  assert.ok(Date.now() - stoppedAt < 2000, `exited ${Date.now() - stoppedAt} ms after SIGTERM`);
  foreground = undefined;
  // It hands the role back: a background watcher runs again, with no cpx command in between.
  const back = await until(() => { const pid = watcherPid(); return pid !== fg.pid && alive(pid) && ourBackgroundWatchers().includes(pid) && pid; }, { timeout: 5000, what: 'a background watcher again' });
  assert.ok(back > 1);
  const q2 = await ask('sh', 'Once more? [y/N] ');
  await waitState('sh', 'waiting');
  server.tmux('send-keys', '-t', paneOf('sh'), 'n', 'Enter');
  await until(() => q2.answered('n'), { what: 'answered', pane: [server.socket, paneOf('sh')] });
}));

test.run();
