// The README as a list of promises, part 1: "Quick start", "Using it" (cpx new/send/attach/kill and the
// command table), "Agents", "Borders", "Global options and environment", "Exit codes", "How it works",
// and human output with colour on. Black box: the built bin/cpx against this file's private tmux server.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { findColumn, findSgrBefore, findSgrProblems, listPaneTasks, poll, readAgentEvents, runCpxInPty, stripSgr } from './support/readme-tools.js';
import { scratchDir } from './support/scratch.js';
import { CPX, isRunning, quietShellHome, startServer } from './support/server.js';
import { withDeadline } from './support/until.js';

// The shell task runs a real bash: a HOME of our own keeps the user's ~/.bashrc out.
const server = startServer(import.meta.filename, { HOME: quietShellHome('readme-tasks') });
const project = join(server.home, 'acme');
const repo = join(server.home, 'shop');
for (const dir of [project, join(repo, '.git'), join(repo, 'web/src')]) mkdirSync(dir, { recursive: true });
const SESSION = 'cpx-acme';
const cpx = (args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}) =>
  runCpx(args, { env: options.env ?? server.env, cwd: options.cwd ?? project, input: options.input });
const colourEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...server.env, TERM: 'xterm-256color', FORCE_COLOR: '1' };
  delete env.NO_COLOR;
  return env;
};
const test = suite('README: using cpx');

async function lsJson(env = server.env): Promise<any[]> {
  const r = await cpx(['ls', '--json'], { env });
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}
async function taskNamed(name: string, session = SESSION): Promise<any> {
  return (await lsJson()).find((t) => t.name === name && t.session === session);
}
/** The task pane as tmux has it (cheap enough to poll). */
const paneTask = (name: string, session = SESSION) => listPaneTasks(server.tmux).find((t) => t.name === name && t.session === session);
async function startJson(args: string[], options: { cwd?: string; input?: string } = {}): Promise<any> {
  const r = await cpx(['new', ...args, '--json'], options);
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}
const started = (task: string) => poll(() => readAgentEvents(server.home, task).find((e) => e.event === 'start'), { what: `${task}: agent started` });
const inputs = (task: string) => readAgentEvents(server.home, task).filter((e) => e.event === 'input').map((e) => e.text);
const screen = (target: string) => server.tmux('capture-pane', '-p', '-t', target);
/** [session, pane] of each real client (the watcher's control-mode clients left out). */
const clients = () => server.tmux('list-clients', '-F', '#{client_control_mode}\t#{client_session}\t#{pane_id}').trim().split('\n')
  .map((l) => l.split('\t')).filter(([control]) => control === '0').map(([, session, pane]) => [session, pane]);

/** The watcher follows `session`: it has written the state of a task there (cpx new writes `unknown`). */
function isWatched(session: string): boolean {
  return listPaneTasks(server.tmux).some((t) => t.session === session && !['unknown', 'pending', ''].includes(t.state));
}

/** The pane the user's client attached to keep shows. */
const viewerPane = () => clients().find(([session]) => session === 'keep')?.[1];

/** A pane playing the user's terminal outside tmux (TMUX unset), running `cpx args…` in `cwd`. */
function openTerminal(session: string, cwd: string, ...args: string[]): void {
  server.tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', '-c', cwd, 'env', '-u', 'TMUX', '-u', 'TMUX_PANE', `CPX_SOCKET=${server.socket}`, CPX, ...args);
}

test('Outside tmux, cpx new names the session after the nearest folder with .git, reuses it from any subfolder or --dir, and says how to attach', withDeadline(20000, async () => {
  const first = await cpx(['new', 'api', '--cmd', 'sleep 600'], { cwd: join(repo, 'web/src') });
  assert.is(first.code, 0, first.stderr);
  assert.match(first.stdout, /^started api in cpx-shop:\d+\.0 \(%\d+, agent cmd\)$/m);
  assert.match(first.stdout, new RegExp(`^attach with: cpx attach 'api'   \\(or: tmux -L ${server.socket} attach -t 'cpx-shop'\\)$`, 'm'));
  const second = await cpx(['new', 'web', '--cmd', 'sleep 600'], { cwd: repo });
  assert.match(second.stdout, /^started web in cpx-shop:/m);
  // --dir PATH: the agent runs there, and the session is that folder's project.
  const docs = await startJson(['docs', '--dir', join(repo, 'web'), 'Write the docs']);
  assert.is(docs.session, 'cpx-shop');
  assert.is((await started('docs')).cwd, join(repo, 'web'));
  const sessions = server.tmux('list-sessions', '-F', '#{session_name}').split('\n').filter((s) => s.startsWith('cpx-shop'));
  assert.equal(sessions, ['cpx-shop']);
  assert.is((await taskNamed('api', 'cpx-shop')).dir, join(repo, 'web/src'));
  // `cpx new` started the watcher: every later test here relies on it.
  await poll(() => isRunning(Number(server.tmux('show-options', '-gqv', '@cpx_watcher').trim()) || 0), { what: 'the background watcher' });
}));

test('Quick start: cpx doctor checks node, tmux, the agents, the server and the state directory, and says what to fix', withDeadline(20000, async () => {
  const r = await cpx(['doctor']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^✓ node \d+\.\d+\.\d+ \(cpx needs 20\.5 or newer\)$/m);
  assert.match(r.stdout, /^✓ tmux 3\.\d+\w* \(cpx needs 3\.2 or newer\)$/m);
  assert.match(r.stdout, /^✓ shell: \/bin\/bash$/m);
  assert.ok(r.stdout.includes(`✓ journal in ${join(server.home, 'state/cpx')}\n`), r.stdout);
  assert.match(r.stdout, /\ncpx is ready\n$/);
  // A state directory that cannot be created is a ✗ line naming the fix, and exit 1 (on a socket with no server).
  const file = join(server.home, 'a-file');
  writeFileSync(file, '');
  const env = { ...server.env, XDG_STATE_HOME: join(file, 'state'), CPX_SOCKET: `${server.socket}-none` };
  const bad = await cpx(['doctor'], { env });
  assert.is(bad.code, 1);
  assert.ok(bad.stdout.includes(`✗ cannot write ${join(file, 'state/cpx')}  → set XDG_STATE_HOME to a writable directory\n`), bad.stdout);
  assert.match(bad.stdout, /✓ no server running on socket '.*-none' \(cpx new starts one\)/);
  assert.match(bad.stdout, /\ncpx cannot run until the ✗ lines are fixed\n$/);
}));

test('cpx new --session NAME starts the task in that session, creating it once', withDeadline(20000, async () => {
  // From a folder of its own: the session cpx creates becomes that folder's session.
  const cwd = join(server.home, 'sprint');
  mkdirSync(cwd);
  const one = await cpx(['new', 'lint', '--session', 'sprint', '--cmd', 'sleep 600'], { cwd });
  assert.is(one.code, 0, one.stderr);
  assert.match(one.stdout, /^started lint in sprint:\d+\.0 /m);
  const two = await cpx(['new', 'types', '--session', 'sprint', '--cmd', 'sleep 600'], { cwd });
  assert.match(two.stdout, /^started types in sprint:/m);
  assert.equal(server.tmux('list-windows', '-t', '=sprint', '-F', '#{window_name}').trim().split('\n'), ['lint', 'types']);
}));

test('cpx new --env KEY=VALUE (repeatable) sets the task\'s environment; anything else is a usage error', withDeadline(20000, async () => {
  const out = join(server.home, 'env.out');
  const r = await cpx(['new', 'envy', '--env', 'API_URL=http://localhost:3000', '--env', 'GREETING=hello world', '--cmd', `sh -c 'printf "%s|%s" "$API_URL" "$GREETING" > "${out}"; exec sleep 600'`]);
  assert.is(r.code, 0, r.stderr);
  await poll(() => existsSync(out) && readFileSync(out, 'utf8') === 'http://localhost:3000|hello world', { what: 'the variables in the task' });
  const bad = await cpx(['new', 'envless', '--env', 'API_URL', '--cmd', 'sleep 600']);
  assert.is(bad.code, 2);
  assert.is(bad.stderr, "cpx: --env 'API_URL' is not KEY=VALUE: write it like --env API_URL=http://localhost:3000\n");
  assert.is(await taskNamed('envless'), undefined);
}));

test('Agents: claude gets --session-id <uuid> --name <task>, the hook settings, --agent-args, then -- "<prompt>"; the id is recorded', withDeadline(20000, async () => {
  const task = await startJson(['plan-it', '--agent-args', '--permission-mode plan', 'Plan the billing rewrite']);
  const argv: string[] = (await started('plan-it')).argv;
  assert.equal(argv.slice(0, 4), ['--session-id', task.agentSessionId, '--name', 'plan-it']);
  assert.match(task.agentSessionId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(argv.slice(-4), ['--permission-mode', 'plan', '--', 'Plan the billing rewrite']);
  // "How it knows": a per-task --settings JSON whose hooks run `cpx hook <event>`.
  const settings = JSON.parse(argv[argv.indexOf('--settings') + 1]);
  assert.equal(Object.keys(settings.hooks).sort(), ['Notification', 'PermissionRequest', 'Stop', 'UserPromptSubmit']);
  for (const [event, entries] of Object.entries<any>(settings.hooks)) {
    assert.ok(entries[0].hooks[0].command.endsWith(`bin/cpx' hook ${event}`), entries[0].hooks[0].command);
  }
  // So that `claude --resume <id>` works: the id is in cpx ls --json and in the journal.
  assert.is((await taskNamed('plan-it')).sessionId, task.agentSessionId);
  const journal = readFileSync(join(server.home, 'state/cpx/journal.jsonl'), 'utf8');
  assert.ok(journal.split('\n').filter(Boolean).map((l) => JSON.parse(l)).some((e) => e.event === 'new' && e.task === 'plan-it' && e.agentSessionId === task.agentSessionId));
}));

test('cpx new <name> - reads the prompt from stdin; git diff | cpx send <name> - arrives as ONE message', withDeadline(20000, async () => {
  const prompt = 'Line one\nline "two" with $HOME';
  await startJson(['piped', '-'], { input: `${prompt}\n` });
  assert.equal((await started('piped')).argv.slice(-2), ['--', prompt]);
  const diff = 'diff --git a/app.ts b/app.ts\n+added line\n-removed line\n';
  const r = await cpx(['send', 'piped', '-'], { input: diff });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^sent 3 lines to piped$/m);
  assert.equal(await poll(() => inputs('piped').length && inputs('piped'), { what: 'the message' }), [diff.replace(/\n$/, '')]);
}));

test('How it works: a task is one pane whose @cpx_* options hold its definition, free text JSON-encoded', withDeadline(10000, async () => {
  const pane = (await taskNamed('piped')).paneId;
  const names = server.tmux('show-options', '-p', '-t', pane).split('\n').map((l) => l.split(' ')[0]);
  for (const option of ['@cpx_task', '@cpx_prompt', '@cpx_agent', '@cpx_dir', '@cpx_session_id', '@cpx_created', '@cpx_state', '@cpx_since']) {
    assert.ok(names.includes(option), `${option} in ${names.join(' ')}`);
  }
  const raw = server.tmux('display-message', '-p', '-t', pane, '#{@cpx_prompt}\t#{@cpx_dir}').replace(/\n$/, '').split('\t');
  assert.equal(raw.map((v) => JSON.parse(v)), ['Line one\nline "two" with $HOME', project]);
}));

test('Agents: shell starts $SHELL and types the prompt into it', withDeadline(30000, async () => {
  const task = await startJson(['sh', '--agent', 'shell', 'echo shell-says-$((6*7))']);
  // 42 is the shell's output: the typed line only holds $((6*7)).
  await poll(() => screen(task.paneId).includes('shell-says-42'), { timeout: 15000, what: 'the command ran', pane: [server.socket, task.paneId] });
  assert.is((await taskNamed('sh')).agent, 'shell');
}));

test('Borders: the name, the state and the agent\'s live title; a program that fails at once stays as `exited <status>`', withDeadline(30000, async () => {
  // OSC 2 is how a program sets its title (Claude Code does).
  const titled = await startJson(['titled', '--cmd', `sh -c 'printf "\\033]2;%s\\007" "building the API"; exec sleep 600'`]);
  const quitter = await startJson(['quitter', '--cmd', 'false']);
  await poll(() => paneTask('quitter')?.dead, { what: 'quitter exited' });
  const gone = await taskNamed('quitter');
  assert.equal([gone.state, gone.exitStatus], ['exited', 1]);
  assert.match((await cpx(['ls'])).stdout, /^quitter +exited 1 /m);
  server.tmux('new-session', '-d', '-s', 'viewer', '-x', '150', '-y', '30', 'env', '-u', 'TMUX', 'tmux', '-L', server.socket, 'attach', '-t', `=${SESSION}`);
  try {
    server.tmux('select-window', '-t', `=${SESSION}:${titled.windowId}`);
    await poll(() => /── titled \w+ building the API ─/.test(screen('viewer:')), { what: 'name, state and title on the border', pane: [server.socket, 'viewer:'] });
    server.tmux('select-window', '-t', `=${SESSION}:${quitter.windowId}`);
    // No title of its own: tmux's default (the host name) is not shown.
    await poll(() => /── quitter exited 1 ─/.test(screen('viewer:')), { what: 'exited 1 on the border, no host name', pane: [server.socket, 'viewer:'] });
  } finally {
    server.tmux('kill-session', '-t', '=viewer');
  }
}));

test('Borders: options go on cpx\'s own windows (and bell-action on its sessions), never globally', withDeadline(10000, async () => {
  const task = await taskNamed('titled');
  const show = (...args: string[]) => server.tmux('show-options', ...args).trim();
  assert.is(show('-wqv', '-t', task.paneId, 'pane-border-status'), 'top');
  assert.is(show('-wqv', '-t', task.paneId, 'monitor-bell'), 'on');
  assert.is(show('-pqv', '-t', task.paneId, 'remain-on-exit'), 'on');
  assert.is(show('-qv', '-t', SESSION, 'bell-action'), 'any');
  assert.is(show('-gv', 'pane-border-status'), 'off');
  assert.is(show('-gwv', 'remain-on-exit'), 'off');
  assert.not.match(show('-gwv', 'pane-border-format'), /@cpx/);
  // The session the user made is left alone.
  assert.is(show('-wqv', '-t', '=keep:0', 'pane-border-status'), '');
  assert.is(show('-qv', '-t', 'keep', 'bell-action'), '');
}));

test('Task names: when two sessions hold a task of the same name, --session NAME picks one', withDeadline(20000, async () => {
  const here = await startJson(['twin', '--cmd', 'fake-agent']);
  const there = await startJson(['twin', '--session', 'other', '--cmd', 'fake-agent']);
  await poll(() => screen(there.paneId).includes('fake-agent ready') && screen(here.paneId).includes('fake-agent ready'), { what: 'both twins ready' });
  // From a folder that has no session of its own, the name alone is ambiguous.
  const ambiguous = await cpx(['send', 'twin', 'hello'], { cwd: server.home });
  assert.is(ambiguous.code, 2);
  assert.match(ambiguous.stderr, /^cpx: task name 'twin' is in several sessions \(.*\): add --session <name>\n$/);
  const r = await cpx(['send', 'twin', '--session', 'other', 'for the other one'], { cwd: server.home });
  assert.is(r.code, 0, r.stderr);
  await poll(() => screen(there.paneId).includes('received "for the other one"'), { what: 'the message in the other session', pane: [server.socket, there.paneId] });
  assert.not.ok(screen(here.paneId).includes('for the other one'));
}));

test('-L/--socket NAME picks the server over CPX_SOCKET', withDeadline(10000, async () => {
  const elsewhere = { ...server.env, CPX_SOCKET: `${server.socket}-none` };
  assert.equal(await lsJson(elsewhere), []);
  for (const flag of ['--socket', '-L']) {
    const r = await cpx([flag, server.socket, 'ls', '--json'], { env: elsewhere });
    assert.is(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).some((t: any) => t.name === 'plan-it'), flag);
  }
}));

test('CPX_DEBUG=1 prints every tmux command and error stacks to stderr', withDeadline(10000, async () => {
  const env = { ...server.env, CPX_DEBUG: '1' };
  const ls = await cpx(['ls'], { env });
  assert.is(ls.code, 0, ls.stderr);
  assert.match(ls.stderr, new RegExp(`^cpx: tmux "-u" "-L" "${server.socket}" "list-panes" "-a" `, 'm'));
  assert.match(ls.stdout, /^NAME +STATE/);
  const failed = await cpx(['send', 'nope', 'x'], { env });
  assert.is(failed.code, 1);
  assert.match(failed.stderr, /^cpx: no task named 'nope': known tasks: /m);
  assert.match(failed.stderr, /^UnknownTaskError: no task named 'nope'[^\n]*\n {4}at /m);
  const quiet = await cpx(['send', 'nope', 'x']);
  assert.is(quiet.stderr.split('\n').length, 2, quiet.stderr);
}));

test('XDG_STATE_HOME unset: every new and kill goes to ~/.local/state/cpx/journal.jsonl', withDeadline(10000, async () => {
  const home = scratchDir('readme-home');
  const env: NodeJS.ProcessEnv = { ...server.env, HOME: home };
  delete env.XDG_STATE_HOME;
  assert.is((await cpx(['new', 'journaled', '--cmd', 'sleep 600'], { env })).code, 0);
  assert.is((await cpx(['kill', 'journaled'], { env })).code, 0);
  const journal = readFileSync(join(home, '.local/state/cpx/journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.equal(journal.map((e) => [e.event, e.task]), [['new', 'journaled'], ['kill', 'journaled']]);
}));

test('Exit codes: 2 for usage errors, one line naming the fix', withDeadline(10000, async () => {
  const cases: Array<[string[], string]> = [
    [['completion', 'tcsh'], "cpx: no completions for 'tcsh': use cpx completion bash, zsh or fish\n"],
    [['kill', 'api', '--all'], 'cpx: give a task name or --all, not both\n'],
  ];
  for (const [args, message] of cases) {
    const r = await cpx(args);
    assert.is(r.code, 2, args.join(' '));
    assert.is(r.stderr, message);
    assert.is(r.stdout, '');
  }
}));

test('cpx attach with no name goes to this directory\'s session (outside tmux: attach-session)', withDeadline(20000, async () => {
  openTerminal('term-attach', join(repo, 'web'), 'attach');
  try {
    await poll(() => clients().some(([session]) => session === 'cpx-shop'), { what: 'a client on cpx-shop', pane: [server.socket, 'term-attach:'] });
  } finally {
    server.tmux('kill-session', '-t', '=term-attach');
  }
}));

test('Outside tmux, cpx new --attach attaches right away', withDeadline(20000, async () => {
  openTerminal('term-new', project, 'new', 'attached', '--attach', '--cmd', 'sleep 600');
  try {
    const task = await poll(() => paneTask('attached'), { what: 'task attached' });
    await poll(() => clients().some(([, pane]) => pane === task.paneId), { what: 'a client on the new task', pane: [server.socket, 'term-new:'] });
  } finally {
    server.tmux('kill-session', '-t', '=term-new');
  }
}));

/** A real client (in a pane of session `viewer`) attached to session keep, the user's own session. */
async function attachViewerToKeep(): Promise<string> {
  if (!server.tmux('list-sessions', '-F', '#{session_name}').split('\n').includes('viewer')) {
    server.tmux('new-session', '-d', '-s', 'viewer', '-x', '120', '-y', '30', 'env', '-u', 'TMUX', 'tmux', '-L', server.socket, 'attach', '-t', '=keep');
  }
  return poll(() => viewerPane(), { what: 'viewer on keep' });
}
/** Run cpx from a pane of session keep: TMUX is set there; no CPX_SOCKET, so the current server is used. */
function runInsideKeep(...args: string[]): void {
  server.tmux('new-window', '-d', '-t', 'keep:', '-c', project, 'env', '-u', 'CPX_SOCKET', CPX, ...args);
}

test('Inside tmux, cpx new adds the task to the current session without taking focus, unless --attach', withDeadline(30000, async () => {
  const before = await attachViewerToKeep();
  runInsideKeep('new', 'inside', '--cmd', 'sleep 600');
  await poll(() => paneTask('inside', 'keep'), { what: 'task inside in session keep' });
  assert.is(viewerPane(), before, 'focus stayed');
  // Once keep holds a task the watcher follows it too (with a tmux client of its own): --attach must still move the user's client.
  await poll(() => isWatched('keep'), { what: 'the watcher watching keep' });
  runInsideKeep('new', 'inside-too', '--attach', '--cmd', 'sleep 600');
  const task = await poll(() => paneTask('inside-too', 'keep'), { what: 'task inside-too' });
  await poll(() => viewerPane() === task.paneId, { what: `the user's client on inside-too (clients: ${server.tmux('list-clients', '-F', '#{client_control_mode} #{client_session} #{pane_id}').trim()})` });
}));

// Colour: NO_COLOR=1 everywhere else hides colour bugs. These run cpx on a real terminal (a pty).

async function waitingTask(): Promise<void> {
  if (!paneTask('asker')) await startJson(['asker', '--agent', 'demo', '--agent-args', '--work 0 --ask "npm test"', 'Build it']);
  await poll(() => paneTask('asker')?.state === 'waiting', { timeout: 15000, what: 'asker waiting' });
}

test('Colour on a terminal: cpx ls colours the states, every escape is well-formed and closed, the rows stay aligned', withDeadline(30000, async () => {
  await waitingTask();
  const r = await runCpxInPty(['ls', '--session', SESSION], { env: colourEnv(), cwd: project, columns: 200 });
  assert.is(r.code, 0, r.out);
  const [header, ...rows] = r.out.trimEnd().split('\n');
  assert.match(header, /\x1b\[1mNAME\x1b\[22m/);
  assert.equal(findSgrProblems(rows.join('\n')), []);
  const asker = rows.find((l) => l.startsWith('asker '))!;
  assert.equal(findSgrBefore(asker, 'waiting').filter((c) => ['30', '43', '1'].includes(c)).sort(), ['1', '30', '43']);
  assert.ok(findSgrBefore(rows.find((l) => l.startsWith('quitter '))!, 'exited 1').includes('90'), 'exited in grey');
  const visibleHeader = stripSgr(header);
  const tasks = await lsJson();
  for (const line of rows.map(stripSgr)) {
    const task = tasks.find((t) => line.startsWith(`${t.name} `) && t.session === SESSION);
    assert.ok(task, line);
    assert.is(findColumn(line, task.where), findColumn(visibleHeader, 'WHERE'), line);
    assert.is(findColumn(line, ` ${task.agent} `) + 1, findColumn(visibleHeader, 'AGENT'), line);
  }
}));

test('Colour off on a terminal with NO_COLOR=1, TERM=dumb, --no-color, and with --json; off when output is not a terminal', withDeadline(30000, async () => {
  const piped = await cpx(['ls'], { env: colourEnv() });
  assert.equal([piped.code, piped.stdout.includes('\x1b'), piped.stdout.includes('asker')], [0, false, true]);
  const runs: Array<[string, NodeJS.ProcessEnv, string[], string]> = [
    ['NO_COLOR=1', { ...colourEnv(), NO_COLOR: '1' }, ['ls'], 'asker'],
    ['TERM=dumb', { ...colourEnv(), TERM: 'dumb' }, ['ls'], 'asker'],
    ['--no-color', colourEnv(), ['--no-color', 'ls'], 'asker'],
    ['--json', colourEnv(), ['ls', '--json'], '"asker"'],
  ];
  for (const [label, env, args, expected] of runs) {
    const r = await runCpxInPty(args, { env, cwd: project });
    assert.is(r.code, 0, `${label}: ${r.out}`);
    assert.not.ok(r.out.includes('\x1b'), `${label}: ${JSON.stringify(r.out.slice(0, 200))}`);
    assert.ok(r.out.includes(expected), label);
  }
}));

test('Colour on a terminal: doctor marks and the error line are coloured, well-formed, one line', withDeadline(20000, async () => {
  const doctor = await runCpxInPty(['doctor'], { env: colourEnv(), cwd: project });
  assert.is(doctor.code, 0, doctor.out);
  assert.match(doctor.out, /^\x1b\[32m✓\x1b\[39m node /m);
  assert.equal(findSgrProblems(doctor.out), []);
  const error = await runCpxInPty(['send', 'nope', 'x'], { env: colourEnv(), cwd: project });
  assert.is(error.code, 1);
  assert.match(error.out, /^\x1b\[31mcpx:\x1b\[39m no task named 'nope': known tasks: [^\n]*\n$/);
  assert.equal(findSgrProblems(error.out), []);
}));

test('Colour on a terminal: the PROMPT header of cpx ls is well-formed and sits over the prompts', withDeadline(30000, async () => {
  await waitingTask();
  for (const columns of [200, 100]) {
    const r = await runCpxInPty(['ls', '--session', SESSION], { env: colourEnv(), cwd: project, columns });
    const [header, ...rows] = r.out.trimEnd().split('\n');
    assert.equal(findSgrProblems(header), [], `${columns} columns`);
    const asker = stripSgr(rows.find((l) => l.startsWith('asker '))!);
    assert.is(findColumn(stripSgr(header), 'PROMPT'), findColumn(asker, '⚑ Bash: npm test'), `${columns} columns: ${JSON.stringify(stripSgr(header))}`);
  }
}));

test('Outside tmux, cpx new --pane says the task\'s own session and how to attach to it, also while the watcher watches it', withDeadline(20000, async () => {
  await poll(() => isWatched(SESSION), { what: `the watcher watching ${SESSION}` });
  const r = await cpx(['new', 'split', '--pane', '--cmd', 'sleep 600']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^started split in ${SESSION}:\\d+\\.\\d+ `, 'm'));
  assert.match(r.stdout, new RegExp(`attach -t '${SESSION}'\\)$`, 'm'));
  const journal = readFileSync(join(server.home, 'state/cpx/journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.is(journal.find((e) => e.event === 'new' && e.task === 'split').session, SESSION);
}));

test('Exit codes: a refused confirmation (answering n to kill --all) exits 2 and says nothing was killed', withDeadline(20000, async () => {
  const r = await runCpxInPty(['kill', '--all', '--session', 'sprint'], { env: server.env, cwd: project, input: 'n\n' });
  assert.match(r.out, /kill 2 task\(s\) in sprint: lint, types\? \[y\/N\]/);
  assert.is((await lsJson()).filter((t) => t.session === 'sprint').length, 2, 'nothing killed');
  assert.is(r.code, 2, r.out);
  assert.match(r.out, /nothing was killed \(you answered no\)/);
}));

test.after(() => server.kill());
test.run();
