// End to end with the real Claude Code binary, offline: a local fake Messages API scripts each turn.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { makeClaudeHome } from './support/claude-home.js';
import { runCpx } from './support/cli.js';
import { scratchDir } from './support/scratch.js';
import { startFakeAnthropic, type FakeAnthropic, type ScriptedTurn } from './support/fake-anthropic.js';
import { ROOT, startServer, type TestServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const test = suite('watcher with the real Claude Code');
const CLAUDE_BIN = join(ROOT, 'node_modules/.bin');
let server: TestServer;
let project: string;
const fakes: FakeAnthropic[] = [];

const cpx = (...args: string[]) => runCpx(args, { env: server.env, cwd: project });
const bash = (command: string): ScriptedTurn => ({ tool: 'Bash', input: { command, description: `Run ${command}` } });

async function tasks(): Promise<any[]> {
  return JSON.parse((await cpx('ls', '--json')).stdout);
}
async function task(name: string): Promise<any> {
  return (await tasks()).find((t) => t.name === name);
}
function screen(pane: string): string {
  return server.tmux('capture-pane', '-p', '-t', pane);
}

/** Start a claude task whose turns come from `script`, in manual permission mode (this build defaults to auto). */
async function startClaude(name: string, script: ScriptedTurn[], prompt: string, args = '--permission-mode manual'): Promise<any> {
  const fake = await startFakeAnthropic(script);
  fakes.push(fake);
  const r = await cpx('new', name, '--env', `ANTHROPIC_BASE_URL=${fake.url}`, '--agent-args', args, prompt);
  assert.is(r.code, 0, r.stderr);
  return until(() => task(name), { what: `task ${name}` });
}

async function waitingTask(name: string, timeout = 30000): Promise<any> {
  const t = await task(name);
  return until(async () => {
    const now = await task(name);
    return now?.state === 'waiting' && now;
  }, { timeout, what: `${name} waiting`, pane: [server.socket, t.paneId] });
}

test.before(async () => {
  // The server's environment is what every pane inherits: a HOME where claude needs no login.
  const dir = join(realpathSync(scratchDir('claude-project')), 'proj');
  mkdirSync(dir);
  const claudeHome = await makeClaudeHome(dir);
  server = startServer(import.meta.filename, { ...claudeHome.env, PATH: `${CLAUDE_BIN}:${process.env.PATH}` });
  project = dir;
});

test.after(async () => {
  server?.kill();
  await Promise.all(fakes.map((f) => f.close()));
});

test('a Bash permission prompt: waiting within 1 s, BEL to the client, border, approve runs it, then idle + done', withDeadline(90000, async () => {
  const t = await startClaude('build', [bash('touch hello.txt'), { text: 'Created hello.txt.' }], 'create hello.txt');
  // A client attached from another session's pane plays the user's terminal.
  server.tmux('new-session', '-d', '-s', 'viewer', '-x', '120', '-y', '40', 'env', '-u', 'TMUX', 'tmux', '-L', server.socket, 'attach', '-t', t.session);
  server.tmux('set-option', '-t', 'viewer', 'bell-action', 'any');
  await until(() => /Do you want to proceed\?/.test(screen(t.paneId)), { timeout: 40000, what: 'prompt on screen', pane: [server.socket, t.paneId] });
  const shown = Date.now();
  // The first `cpx ls` that says waiting must have been asked within a second of the prompt
  // showing (its own run time, ~0.2 s on a quiet machine, is not the watcher's latency).
  let asked = 0;
  const waiting = await until(async () => {
    asked = Date.now();
    const now = await task('build');
    return now?.state === 'waiting' && now;
  }, { timeout: 5000, what: 'build waiting', pane: [server.socket, t.paneId] });
  assert.ok(asked - shown < 1000, `the first cpx ls saying waiting was run ${asked - shown} ms after the prompt appeared`);
  assert.ok(Date.parse(waiting.since) - shown < 1000, `the watcher marked it waiting ${Date.parse(waiting.since) - shown} ms after the prompt appeared`);
  assert.is(waiting.detail, 'Bash: touch hello.txt');
  // Claude Code's hooks reached the pane through `cpx hook` (they speed up, the screen decides).
  const hook = () => server.tmux('show-options', '-pqv', '-t', t.paneId, '@cpx_hook');
  await until(() => /"event":"PermissionRequest"/.test(hook()) && /Bash: touch hello\.txt/.test(hook()), { what: 'PermissionRequest hook recorded' });
  assert.match(waiting.choices[0], /^1\. Yes/);
  // The BEL went through the client to its terminal: the viewer's own window rang.
  await until(() => server.tmux('display', '-p', '-t', 'viewer:', '#{window_bell_flag}').trim() === '1', { what: 'bell at the client terminal' });
  await until(() => /WAITING Bash: touch hello\.txt/.test(screen('viewer:')), { what: 'border says waiting', pane: [server.socket, 'viewer:'] });
  const r = await cpx('approve', 'build');
  assert.is(r.code, 0, r.stderr);
  await until(() => existsSync(join(project, 'hello.txt')), { timeout: 15000, what: 'hello.txt created' });
  await until(async () => (await task('build')).state === 'idle', { timeout: 20000, what: 'idle after the turn', pane: [server.socket, t.paneId] });
  await until(() => /build finished its turn/.test(screen('viewer:')), { what: 'done message', pane: [server.socket, 'viewer:'] });
  assert.match(hook(), /"event":"Stop"/);
}));

test('approve refuses when no prompt is showing, and sends nothing', withDeadline(30000, async () => {
  // Claude redraws its idle screen on its own (tips, timers), so compare what a stray key would
  // change: the input line, and the requests made to the model.
  const pane = (await task('build')).paneId;
  const inputLine = () => screen(pane).split('\n').filter((l) => /^\s*❯/.test(l)).at(-1);
  const api = fakes[fakes.length - 1];
  const before = { input: inputLine(), requests: api.agentRequests().length };
  assert.ok(before.input !== undefined, screen(pane));
  const r = await cpx('approve', 'build');
  assert.is(r.code, 1);
  assert.match(r.stderr, /task 'build' is not showing a prompt \(it looks idle\): nothing was sent/);
  await new Promise((done) => setTimeout(done, 1000));
  assert.equal({ input: inputLine(), requests: api.agentRequests().length }, before);
  assert.is((await task('build')).state, 'idle');
}));

test('deny: the command does not run, the task goes back to idle', withDeadline(90000, async () => {
  await startClaude('careful', [bash('touch denied.txt'), { text: 'OK.' }], 'create denied.txt');
  const w = await waitingTask('careful', 40000);
  assert.is(w.detail, 'Bash: touch denied.txt');
  const r = await cpx('deny', 'careful');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /denied careful: Bash: touch denied\.txt → 4\. No/);
  await until(async () => (await task('careful')).state === 'idle', { timeout: 20000, what: 'idle after deny' });
  assert.not.ok(existsSync(join(project, 'denied.txt')));
}));

test('a multiple-choice question: waiting (question), answered with choice 2', withDeadline(90000, async () => {
  const fake = await startClaude('ask', [{
    tool: 'AskUserQuestion',
    input: { questions: [{ question: 'Which language should the script use?', header: 'Language', multiSelect: false, options: [
      { label: 'Python', description: 'Simple' }, { label: 'Bash', description: 'No interpreter' }, { label: 'Node.js', description: 'Same runtime' },
    ] }] },
  }, { text: 'Got it.' }], 'write a script');
  const w = await waitingTask('ask', 40000);
  assert.is(w.detail, 'Question: Which language should the script use?');
  assert.ok(w.choices.some((c: string) => /^2\. Bash/.test(c)), JSON.stringify(w.choices));
  const r = await cpx('approve', 'ask', 'Bash');
  assert.is(r.code, 0, r.stderr);
  const api = fakes[fakes.length - 1];
  await until(() => JSON.stringify(api.agentRequests().at(-1)?.body ?? '').includes('Bash'), { timeout: 15000, what: 'answer sent to the model' });
  assert.ok(fake);
}));

test('a plan approval is a waiting task (plan)', withDeadline(90000, async () => {
  const planPath = (body: unknown) => /create your plan at (\S+\.md)/.exec(JSON.stringify(body))?.[1] ?? '/tmp/plan.md';
  await startClaude('planner', [
    (body) => ({ tool: 'Write', input: { file_path: planPath(body), content: '# Plan\n\n1. Create plan.txt\n' } }),
    { tool: 'ToolSearch', input: { query: 'select:ExitPlanMode' } },
    { tool: 'ExitPlanMode', input: {} },
  ], 'plan creating plan.txt', '--permission-mode plan');
  const w = await waitingTask('planner', 40000);
  assert.match(w.detail, /^Plan: /);
  const r = await cpx('deny', 'planner');
  assert.is(r.code, 0, r.stderr);
}));

function bellFlag(session: string, windowId: string): string {
  const row = server.tmux('list-windows', '-t', session, '-F', '#{window_id} #{window_bell_flag}').split('\n').find((l) => l.startsWith(`${windowId} `));
  return row?.split(' ')[1] ?? '';
}

function viewerPane(): string {
  const rows = server.tmux('list-clients', '-F', '#{client_control_mode}\t#{pane_id}').trim().split('\n').map((l) => l.split('\t'));
  return rows.find((r) => r[0] === '0')?.[1] ?? '';
}

test('two tasks waiting at once: cpx next visits the longer-waiting one first, then the other', withDeadline(120000, async () => {
  await startClaude('first', [bash('touch first.txt'), { text: 'ok' }], 'create first.txt');
  const one = await waitingTask('first', 40000);
  await startClaude('second', [bash('touch second.txt'), { text: 'ok' }], 'create second.txt');
  const two = await waitingTask('second', 40000);
  // Run cpx next as if from inside tmux: the server from $TMUX, the attached viewer is the client.
  const [path, pid] = server.tmux('display', '-p', '#{socket_path}\t#{pid}').trim().split('\t');
  const env: NodeJS.ProcessEnv = { ...server.env, TMUX: `${path},${pid},0` };
  delete env.CPX_SOCKET;
  const waitingNow = (await tasks()).filter((t) => t.state === 'waiting').sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
  let r = await runCpx(['next'], { env, cwd: project });
  assert.is(r.code, 0, r.stderr);
  await until(() => viewerPane() === waitingNow[0].paneId, { what: 'client on the longest-waiting task' });
  r = await runCpx(['next'], { env, cwd: project });
  assert.is(r.code, 0, r.stderr);
  await until(() => viewerPane() === waitingNow[1].paneId, { what: 'client on the next waiting task' });
  assert.ok([one.paneId, two.paneId].includes(waitingNow[1].paneId));
}));

test('the watcher killed mid-run is restarted by the next cpx call and loses nothing', withDeadline(90000, async () => {
  const before = Number(server.tmux('show-options', '-gv', '@cpx_watcher').trim());
  process.kill(before, 'SIGKILL'); // started by this test's cpx calls
  await until(() => { try { process.kill(before, 0); return false; } catch { return true; } }, { what: 'old watcher gone' });
  assert.is((await task('first')).state, 'waiting');
  await until(async () => Number(server.tmux('show-options', '-gv', '@cpx_watcher').trim()) !== before && (await tasks()).length > 0, { what: 'a new watcher' });
  const r = await cpx('approve', 'first');
  assert.is(r.code, 0, r.stderr);
  await until(() => existsSync(join(project, 'first.txt')), { timeout: 15000, what: 'first.txt' });
  await until(async () => (await task('first')).state === 'idle', { timeout: 20000, what: 'new watcher saw the turn end' });
  assert.is((await task('second')).state, 'waiting');
}));

test('the client detached (SSH dropped): the bell still counts for the window, even the current one', withDeadline(90000, async () => {
  server.tmux('kill-session', '-t', 'viewer');
  const t = await startClaude('late', [bash('touch late.txt'), { text: 'ok' }], 'create late.txt');
  server.tmux('select-window', '-t', t.paneId); // make it the session's current window
  const w = await waitingTask('late', 40000);
  await until(() => bellFlag(w.session, server.tmux('display', '-p', '-t', w.paneId, '#{window_id}').trim()) === '1', { what: 'bell flag on the current window of a detached session' });
}));

test.run();
