import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { ROOT, quietShellHome, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';
import { runCpxInPty, stripSgr } from './support/readme-tools.js';

// The live task is a real bash; a HOME of our own keeps the user's ~/.bashrc (slow under load) out.
const home = quietShellHome('detect');
const server = startServer(import.meta.filename, { HOME: home });
const project = join(server.home, 'proj');
mkdirSync(project, { recursive: true });
const cpx = (args: string[], input?: string) => runCpx(args, { env: server.env, cwd: project, input });
const screens = join(ROOT, 'test/fixtures/screens');
const fixture = (name: string) => join(screens, name);
const test = suite('cpx detect');

test.after(() => {
  for (const pid of ourWatchers()) process.kill(pid, 'SIGTERM');
  server.kill();
  rmSync(home, { recursive: true, force: true, maxRetries: 5 });
});

/** The background watcher our `cpx new` started (its cwd is this test's project); never anyone else's. */
function ourWatchers(): number[] {
  try {
    const pid = Number(server.tmux('show-options', '-gqv', '@cpx_watcher').trim());
    return pid > 1 && readlinkSync(`/proc/${pid}/cwd`) === project ? [pid] : [];
  } catch {
    return [];
  }
}

async function detectJson(args: string[], input?: string): Promise<any> {
  const r = await cpx([...args, '--json'], input);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  return JSON.parse(r.stdout);
}

test('a saved Bash permission screen: waiting, permission, detail and the four choices', withDeadline(10000, async () => {
  const r = await detectJson(['detect', fixture('permission-bash.80x24.txt')]);
  assert.is(r.state, 'waiting');
  assert.is(r.kind, 'permission');
  assert.is(r.detail, 'Bash: touch hello.txt');
  assert.is(r.choices.length, 4);
  assert.is(r.choices[0], '1. Yes');
  assert.match(r.choices[1], /^2\. Yes, and always allow access to /);
  assert.is(r.choices[3], '4. No');
  assert.match(r.rule, /^claude\.waiting\[\d+\] \(permission\)$/);
}));

test('the same screen captured with escapes (-e) gives the same answer', withDeadline(40000, async () => {
  for (const scenario of ['permission-bash', 'question', 'plan-approval', 'idle-fresh', 'working', 'idle-quoting-prompt']) {
    const plain = await detectJson(['detect', fixture(`${scenario}.80x24.txt`)]);
    const ansi = await detectJson(['detect', fixture(`${scenario}.80x24.ansi.txt`)]);
    assert.ok(readFileSync(fixture(`${scenario}.80x24.ansi.txt`), 'utf8').includes('\x1b['), `${scenario}: the ansi fixture has escapes`);
    assert.equal(ansi, plain, scenario);
  }
}));

test('idle, working and a quoted prompt in the transcript are told apart', withDeadline(10000, async () => {
  assert.is((await detectJson(['detect', fixture('idle-fresh.80x24.txt')])).state, 'idle');
  assert.is((await detectJson(['detect', fixture('working.80x24.txt')])).state, 'working');
  const quoting = await detectJson(['detect', fixture('idle-quoting-prompt.80x24.txt')]);
  assert.is(quoting.state, 'idle');
  assert.equal(quoting.choices, []);
}));

test('- reads the screen from stdin (and so does no target)', withDeadline(10000, async () => {
  const text = readFileSync(fixture('question.80x24.txt'), 'utf8');
  const r = await detectJson(['detect', '-'], text);
  assert.is(r.state, 'waiting');
  assert.is(r.kind, 'question');
  assert.match(r.detail, /^Question: /);
  assert.equal(await detectJson(['detect'], text), r);
}));

test('--agent shell uses the shell profile; the default (claude) does not see a y/n question', withDeadline(10000, async () => {
  const file = join(server.home, 'apt.txt');
  writeFileSync(file, '$ apt-get install ripgrep\nAfter this operation, 2 MB will be used.\nDo you want to continue? [Y/n] ');
  const asShell = await detectJson(['detect', '--agent', 'shell', file]);
  assert.equal({ state: asShell.state, kind: asShell.kind, detail: asShell.detail }, { state: 'waiting', kind: 'question', detail: 'Do you want to continue? [Y/n]' });
  assert.match(asShell.rule, /^shell\./);
  assert.is((await detectJson(['detect', file])).state, 'unknown');
  assert.is((await detectJson(['detect', '-', '--agent', 'shell'], 'user@host:~$ ')).state, 'unknown');
}));

test('the human output names state, kind, detail, choices and rule, the values in one column', withDeadline(10000, async () => {
  const r = await cpx(['detect', fixture('permission-bash.80x24.txt')]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^state: {3}waiting \(permission\)$/m);
  assert.match(r.stdout, /^detail: {2}Bash: touch hello\.txt$/m);
  assert.match(r.stdout, /^choices: 1\. Yes {2}\| {2}2\. Yes, and always allow/m);
  assert.match(r.stdout, /^rule: {4}claude\.waiting\[\d+\] \(permission\)$/m);
  assert.not.match(r.stdout, /\x1b\[/, 'NO_COLOR is respected');
  // In colour, the badge's own padding sits in the gap: the word still starts in the values' column.
  const env: NodeJS.ProcessEnv = { ...server.env, TERM: 'xterm-256color', FORCE_COLOR: '1' };
  delete env.NO_COLOR;
  const coloured = await runCpxInPty(['detect', fixture('permission-bash.80x24.txt')], { env, cwd: project });
  assert.is(coloured.code, 0, coloured.out);
  const plain = stripSgr(coloured.out).split('\n');
  assert.is(plain[0]!.indexOf('waiting'), plain[1]!.indexOf('Bash'), coloured.out);
}));

test('no target: from a terminal, or with nothing piped in, says what to give (exit 2)', withDeadline(10000, async () => {
  const onTerminal = await runCpxInPty(['detect'], { env: server.env, cwd: project });
  assert.is(onTerminal.code, 2, onTerminal.out);
  assert.is(onTerminal.out, 'cpx: nothing to classify: give a task name, a FILE saved with `tmux capture-pane -p`, or - to read the screen from stdin\n');
  const nothing = await cpx(['detect'], '');
  assert.is(nothing.code, 2);
  assert.is(nothing.stderr, onTerminal.out);
}));

test('an empty screen is nothing to classify: exit 2, not `unknown`', withDeadline(10000, async () => {
  for (const input of ['', '\n\n  \n']) {
    const r = await cpx(['detect', '-', '--json'], input);
    assert.is(r.code, 2, JSON.stringify(input));
    assert.is(r.stdout, '');
    assert.is(r.stderr, 'cpx: nothing to classify: stdin was empty; pipe a screen in, e.g. `tmux capture-pane -p -t %3 | cpx detect -`\n');
  }
  const file = join(server.home, 'blank screen.txt');
  writeFileSync(file, '');
  const r = await cpx(['detect', file]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /^cpx: nothing to classify: '.*blank screen\.txt' is empty; save a screen into it, e.g. `tmux capture-pane -p -t %3 > '.*blank screen\.txt'`\n$/);
}));

test('a missing file given as a path says the file does not exist (exit 2), with or without a server', withDeadline(10000, async () => {
  const noServer = { ...server.env, CPX_SOCKET: `cpx-t-${process.pid}-detect-none` };
  for (const [target, env] of [['./saved/screen.txt', server.env], ['screen.txt', server.env], ['screen.txt', noServer]] as const) {
    const r = await runCpx(['detect', target], { env, cwd: project });
    assert.is(r.code, 2, `${target}: ${r.stderr}`);
    assert.is(r.stderr, `cpx: file '${target}' does not exist: give a task name, a FILE saved with \`tmux capture-pane -p\`, or - to read the screen from stdin\n`);
  }
}));

test('--agent with no such profile is a usage error naming the known ones; the help example uses one that exists', withDeadline(10000, async () => {
  const r = await cpx(['detect', '--agent', 'codex', fixture('working.80x24.txt')]);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /^cpx: no agent profile named 'codex': known profiles: claude, shell, generic, demo; or write .*\/cpx\/profiles\/codex\.yaml \(see "Agent profiles" in the README\)\n$/);
  const profiles = join(server.home, 'config/cpx/profiles');
  mkdirSync(profiles, { recursive: true });
  writeFileSync(join(profiles, 'mine.yaml'), "name: mine\nworking: ['^busy']\n");
  assert.match((await cpx(['detect', '--agent', 'nope', '-'], 'x')).stderr, /known profiles: claude, shell, generic, demo, mine;/);
  assert.is((await detectJson(['detect', '--agent', 'mine', '-'], 'busy now')).state, 'working');
  rmSync(profiles, { recursive: true });
  const help = await cpx(['detect', '--help']);
  const agent = /cpx detect --agent (\S+) /.exec(help.stdout)?.[1];
  assert.ok(agent, help.stdout);
  const example = await cpx(['detect', '--agent', agent!, fixture('working.80x24.txt')]);
  assert.is(example.code, 0, `the help's --agent ${agent}: ${example.stderr}`);
}));

test('a live shell task: unknown at the prompt, waiting while `read -p` asks', withDeadline(20000, async () => {
  const started = await cpx(['new', 'sh', '--agent', 'shell']);
  assert.is(started.code, 0, started.stderr);
  const { paneId } = JSON.parse((await cpx(['ls', '--json'])).stdout).find((t: any) => t.name === 'sh');
  const pane: [string, string] = [server.socket, paneId];
  await until(() => server.tmux('display-message', '-p', '-t', paneId, '#{cursor_x}') !== '0\n', { timeout: 15000, what: 'shell prompt', pane });
  const before = await detectJson(['detect', 'sh']);
  assert.is(before.state, 'unknown', 'a shell prompt alone is no question');
  assert.match(before.rule, /^shell:/);
  const sent = await cpx(['send', 'sh', 'read -p "Proceed with deploy? [y/N] " answer; echo "answer=[$answer]"']);
  assert.is(sent.code, 0, sent.stderr);
  const asking = await until(async () => {
    const r = await detectJson(['detect', 'sh']);
    return r.state === 'waiting' && r;
  }, { what: 'detect sh → waiting', pane });
  assert.is(asking.kind, 'question');
  assert.is(asking.detail, 'Proceed with deploy? [y/N]');
  // --agent overrides the task's own profile.
  assert.is((await detectJson(['detect', 'sh', '--agent', 'claude'])).state, 'unknown');
  server.tmux('send-keys', '-t', paneId, 'n', 'Enter');
  await until(() => server.tmux('capture-pane', '-p', '-t', paneId).includes('answer=[n]'), { what: 'read answered', pane });
  assert.is((await detectJson(['detect', 'sh'])).state, 'unknown');
}));

test('an unknown task name (and no such file) exits 1 naming the known tasks', withDeadline(10000, async () => {
  const r = await cpx(['detect', 'no-such-task', '--json']);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /no task named 'no-such-task': known tasks: sh/);
}));

test('without a tmux server a task name fails with exit 1, but files still work', withDeadline(10000, async () => {
  const env = { ...server.env, CPX_SOCKET: `cpx-t-${process.pid}-detect-none` };
  const r = await runCpx(['detect', 'sh'], { env, cwd: project });
  assert.is(r.code, 1);
  assert.match(r.stderr, /no tmux server is running/);
  const file = await runCpx(['detect', fixture('working.80x24.txt'), '--json'], { env, cwd: project });
  assert.is(file.code, 0, file.stderr);
  assert.is(JSON.parse(file.stdout).state, 'working');
}));

test.run();
