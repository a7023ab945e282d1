// Hostile user text (tmux formats, shell metacharacters, quotes, emoji) through every cpx command
// that hands it to tmux: nothing may run, and every name, folder and text must arrive exactly.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { escapeFormat, escapeFormatArgs } from '../lib/tmux/format.js';
import { escapeArg } from '../lib/tmux/runner.js';
import { runCpx } from './support/cli.js';
import { scratchDir } from './support/scratch.js';
import { startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';
import { startViewer } from './support/viewer.js';
import { readAgentEvents } from './support/agent-log.js';

// A '#(touch …)' that runs leaves a file here; $PWN is in the server's environment, which tmux's
// '#()' jobs inherit.
const marks = scratchDir('hostile-marks');
const PWN = join(marks, 'pwned');
const server = startServer(import.meta.filename, { PWN });
const project = join(server.home, 'proj');
mkdirSync(join(project, '.git'), { recursive: true }); // one project: every folder below shares its session
const cpx = (args: string[], input?: string) => runCpx(args, { env: server.env, cwd: project, input });
const test = suite('hostile text');

/** Task names, folders, prompts and typed text; each is also used as a folder name ('/' → '_'). */
const HOSTILE = [
  `#(touch ${PWN}-literal)`,
  '#(touch $PWN-env)',
  '#{pane_id}',
  'a##b',
  '##',
  '#[fg=red]red',
  '#',
  'trailing#',
  '#{?#{pane_id},#(touch $PWN-cond),x}',
  `it's "quoted"`,
  '$(touch $PWN-shell) `touch $PWN-tick`',
  'semi; colon;',
  'back\\slash\\',
  'emoji 😀 ünï',
  '%H %% #,#} ##[x] #',
];
const folder = (base: string, text: string) => join(base, text.replace(/\//g, '_'));

const events = (task: string) => readAgentEvents(server.home, task);
const inputs = (task: string) => events(task).filter((e) => e.event === 'input').map((e) => e.text);

interface PaneRow { paneId: string; pid: number; session: string; windowName: string; task: string }
function panes(): PaneRow[] {
  const out = server.tmux('list-panes', '-a', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{pane_id}\t#{pane_pid}\t#{session_name}\t#{window_name}\t#{@cpx_task}');
  return out.split('\n').filter(Boolean).map((line) => {
    const [paneId, pid, session, windowName, task] = line.split('\t');
    return { paneId, pid: Number(pid), session, windowName, task };
  });
}

/** The real working folder of a pane's process (tmux returns before its child has changed there). */
async function assertCwd(pid: number, dir: string): Promise<void> {
  let seen = '';
  const read = () => {
    try {
      seen = readlinkSync(`/proc/${pid}/cwd`);
    } catch { /* not there yet, or exited */ }
    return seen === dir;
  };
  await until(read, { timeout: 3000 }).catch(() => assert.is(seen, dir, `cwd of pid ${pid}`));
}
/** What sh makes of the quoted words a hint printed (one per line), as a user pasting it would get. */
function shellWords(match: RegExpExecArray | null): string {
  assert.ok(match, 'the hint is printed');
  return spawnSync('sh', ['-c', `printf '%s\\n' ${match!.slice(1).join(' ')}`], { encoding: 'utf8' }).stdout.replace(/\n$/, '');
}
const paneOf = (task: string, session?: string) => panes().find((p) => p.task === task && (!session || p.session === session));

async function lsJson(): Promise<any[]> {
  const r = await cpx(['ls', '--json']);
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** Nothing ran: give a '#()' job (tmux runs them in the background) a moment, then look. */
async function assertNothingRan(): Promise<void> {
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(readdirSync(marks), [], 'a tmux #() job ran');
}

test.after(() => server.kill());

// The property tests draw folders from this alphabet, and names from it without the characters a
// name may not hold (C1 controls, bidi marks: the validator refuses them, see the last test).
const HIDDEN = ['\u0085', '\u009b', '\u202e', '\u200f'];
const ALPHABET = ['#', '#', '#', '{', '}', '(', ')', '[', ']', "'", '"', '$', '`', ';', '\\', ' ', ',', '%', 'a', 'z', '😀', ...HIDDEN];
const textOf = (alphabet: string[]) => fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
const hostileText = textOf(ALPHABET);
const hostileName = textOf(ALPHABET.filter((c) => !HIDDEN.includes(c)));

test('escapeFormatArgs escapes exactly the format-expanded arguments', () => {
  assert.equal(escapeFormatArgs(['new-window', '-dP', '-F', '#{pane_id}', '-n', 'a#b', '-c', '/x#(y)', '-e', 'K=#{v}', '-t', '$1:', '--', 'sh', '-c', '#(z)']),
    ['new-window', '-dP', '-F', '#{pane_id}', '-n', 'a##b', '-c', '/x##(y)', '-e', 'K=#{v}', '-t', '$1:', '--', 'sh', '-c', '#(z)']);
  assert.equal(escapeFormatArgs(['neww', '-dn#{x}', '-c/#']), ['neww', '-dn##{x}', '-c/##']);
  assert.equal(escapeFormatArgs(['new-session', '-s', '#s', '-n', '#[x]##', '-t', '#t']), ['new-session', '-s', '##s', '-n', '#[x]####', '-t', '#t']);
  assert.equal(escapeFormatArgs(['rename-window', '-t', '@1', '#(x)']), ['rename-window', '-t', '@1', '##(x)']);
  assert.equal(escapeFormatArgs(['display-message', '-p', '#{pane_id}']), ['display-message', '-p', '#{pane_id}']);
  assert.equal(escapeFormatArgs(['set-option', '-p', '@cpx_task', '#(x)']), ['set-option', '-p', '@cpx_task', '#(x)']);
});

test('property: tmux expands an escaped window name and start folder back to the exact text', withDeadline(20000, async () => {
  const base = scratchDir('hostile-escape');
  let run = 0;
  await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 24 }).map((cs) => cs.join('')), async (text) => {
    const dir = join(base, String(run++), text);
    mkdirSync(dir, { recursive: true });
    // The window goes away by itself when its program ends.
    const [name, pid] = server.tmux('new-window', '-d', '-P', '-F', '#{window_name}\t#{pane_pid}', '-t', 'keep:',
      '-n', escapeArg(escapeFormat(text)), '-c', escapeArg(escapeFormat(dir)), 'sleep 20').replace(/\n$/, '').split('\t');
    assert.is(name, text);
    await assertCwd(Number(pid), dir);
  }), { numRuns: 40, endOnFailure: true, includeErrorInReport: true });
  await assertNothingRan();
}));

test('new: hostile names, folders and prompts reach tmux and the agent exactly', withDeadline(30000, async () => {
  for (const text of HOSTILE) {
    const dir = folder(join(project, 'new'), text);
    mkdirSync(dir, { recursive: true });
    const r = await cpx(['new', '--dir', dir, '--', text, text]);
    assert.is(r.code, 0, r.stderr);
  }
  const listed = await lsJson();
  for (const text of HOSTILE) {
    const dir = folder(join(project, 'new'), text);
    const start = await until(() => events(text).find((e) => e.event === 'start'), { what: `start of ${text}` });
    assert.is(start.cwd, dir, `agent cwd of ${text}`);
    assert.is(start.argv[start.argv.indexOf('--') + 1], text, `prompt of ${text}`);
    const pane = paneOf(text);
    assert.ok(pane, `pane of ${text}`);
    assert.is(pane!.windowName, text, 'window name');
    await assertCwd(pane!.pid, dir);
    const task = listed.find((t) => t.name === text);
    assert.ok(task, `cpx ls --json lists ${text}`);
    assert.is(task.dir, dir);
    assert.is(task.prompt, text);
  }
  await assertNothingRan();
}));

test('send: hostile text reaches the agent byte-exact', withDeadline(30000, async () => {
  // Hostile names to look up, hostile words to type; then every hostile text at once, from stdin.
  const targets = HOSTILE.slice(0, 5);
  for (const [i, name] of targets.entries()) {
    const r = await cpx(['send', '--', name, ...HOSTILE.slice(i * 3, i * 3 + 3)]);
    assert.is(r.code, 0, r.stderr);
  }
  const all = HOSTILE.join('\n');
  const r = await cpx(['send', '--', HOSTILE[5], '-'], all);
  assert.is(r.code, 0, r.stderr);
  for (const [i, name] of targets.entries()) {
    const text = HOSTILE.slice(i * 3, i * 3 + 3).join(' ');
    await until(() => inputs(name).includes(text), { what: `input of ${name}` });
  }
  await until(() => inputs(HOSTILE[5]).includes(all), { what: 'the multi-line text' });
  await assertNothingRan();
}));

// Session names may not hold '$', '.' or ':' (tmux rewrites them), so the path is spelled out.
const PANE_SESSION = `#(touch ${PWN}-session) #{session_id} '##'`;
const PANE_NAMES = ['#[fg=red]red', '#{pane_id}', 'a##b', 'trail#'];

test('new --pane and --session: labels drawn literally on the border, session and folders exact', withDeadline(30000, async () => {
  for (const name of PANE_NAMES) {
    const dir = folder(join(project, 'pane'), name);
    mkdirSync(dir, { recursive: true });
    const r = await cpx(['new', '--pane', '--session', PANE_SESSION, '--dir', dir, '--', name, 'go']);
    assert.is(r.code, 0, r.stderr);
    assert.is(shellWords(/attach with: cpx attach (.*) {3}\(or: tmux -L \S+ attach -t (.*)\)$/m.exec(r.stdout)), [name, PANE_SESSION].join('\n'));
    const pane = paneOf(name, PANE_SESSION);
    assert.ok(pane, `pane of ${name} in its session`);
    await assertCwd(pane!.pid, dir);
    assert.is(pane!.windowName, PANE_NAMES[0], 'the first task names the window');
  }
  const listed = (await lsJson()).filter((t) => t.session === PANE_SESSION);
  assert.equal(listed.map((t) => t.name).sort(), [...PANE_NAMES].sort());
  // An attached client draws the borders (and the status line with the window name).
  const viewer = startViewer(server, PANE_SESSION);
  try {
    const screen = await until(() => {
      const text = server.tmux('capture-pane', '-p', '-t', viewer);
      return PANE_NAMES.every((n) => text.includes(` ${n} `)) && text;
    }, { what: 'every label on the borders', pane: [server.socket, viewer] });
    assert.not.match(screen, /%\d+ /, 'no #{pane_id} rendered');
  } finally {
    server.tmux('kill-session', '-t', '=viewer');
  }
  await assertNothingRan();
}));

test('the title a program sets is drawn literally on the border', withDeadline(30000, async () => {
  // OSC 2 sets the title; an agent may make it from the prompt.
  const title = '#[fg=red]red #{pane_id} a##b #(touch $PWN-title)';
  const script = join(server.home, 'set-title.sh');
  writeFileSync(script, `printf '\\033]2;%s\\007' '${title}'\nexec sleep 600\n`);
  const r = await cpx(['new', '--session', 'titles', 'titler', '--cmd', `sh ${script}`]);
  assert.is(r.code, 0, r.stderr);
  await until(() => server.tmux('list-panes', '-a', '-F', '#{@cpx_task}\t#{pane_title}').includes(`titler\t${title}`), { what: 'the title set' });
  const viewer = startViewer(server, 'titles');
  try {
    await until(() => server.tmux('capture-pane', '-p', '-t', viewer).split('\n').some((l) => l.startsWith('── titler ') && l.includes(` ${title} ─`)), { what: 'the title on the border', pane: [server.socket, viewer] });
  } finally {
    server.tmux('kill-session', '-t', '=viewer');
  }
  await assertNothingRan();
}));

test('new: session names tmux would change are refused before anything starts', withDeadline(15000, async () => {
  const taskPanes = () => panes().filter((p) => p.task).length; // the property test's windows come and go
  const before = taskPanes();
  for (const session of ['back\\slash', 'c1\u0085x', 'a:b', 'a.b', '$HOME', 'a$b']) {
    const r = await cpx(['new', '--session', session, 'x', 'go']);
    assert.is(r.code, 2, `${JSON.stringify(session)}: ${r.stderr}`);
    assert.match(r.stderr, /^cpx: [^\n]+\n$/);
  }
  assert.is(taskPanes(), before);
}));

test('a pending task is started by the watcher in its exact folder', withDeadline(30000, async () => {
  const session = 'pending ##';
  const first = 'first #{pane_id}';
  const later = 'later #(touch $PWN-later)';
  const dir = folder(join(project, 'pending'), '#(touch $PWN-pending) a##b #{pane_id}');
  mkdirSync(dir, { recursive: true });
  for (const args of [['--', first, 'go'], ['--after', first, '--dir', dir, '--', later, 'go']]) {
    const r = await cpx(['new', '--session', session, ...args]);
    assert.is(r.code, 0, r.stderr);
  }
  assert.is((await cpx(['done', '--session', session, '--', first])).code, 0);
  const start = await until(() => events(later).find((e) => e.event === 'start'), { timeout: 15000, what: 'the watcher starting the pending task' });
  assert.is(start.cwd, dir);
  await assertCwd(paneOf(later, session)!.pid, dir);
  await assertNothingRan();
}));

const layoutHome = scratchDir('hostile-layout');
const LAYOUT_NAME = 'review #(touch $PWN-layout) #{pane_id}';
const LAYOUT_SESSION = `up '#(touch ${PWN}-up)' ##`;
const WINDOW = '#[fg=red]w #{window_id} ##';
const LAYOUT_TASKS = HOSTILE.slice(0, 6);

test('up: hostile layout, window, task, session and folder names start exactly', withDeadline(30000, async () => {
  const tasks = LAYOUT_TASKS.map((name, i) => {
    mkdirSync(folder(layoutHome, name), { recursive: true });
    return [
      `  - name: ${JSON.stringify(name)}`,
      `    prompt: ${JSON.stringify(name)}`,
      `    dir: ${JSON.stringify(`./${name.replace(/\//g, '_')}`)}`,
      ...(i % 2 ? [`    window: ${JSON.stringify(WINDOW)}`] : []),
    ].join('\n');
  });
  const file = join(layoutHome, 'hostile.yaml');
  writeFileSync(file, `name: ${JSON.stringify(LAYOUT_NAME)}\ndir: ${JSON.stringify(layoutHome)}\narrange: tiled\nsession: ${JSON.stringify(LAYOUT_SESSION)}\ntasks:\n${tasks.join('\n')}\n`);
  const r = await cpx(['up', file]);
  assert.is(r.code, 0, r.stderr);
  assert.is(shellWords(/attach: tmux -L \S+ attach -t (.*)$/m.exec(r.stdout)), LAYOUT_SESSION, 'the attach hint, pasted into sh');
  for (const [i, name] of LAYOUT_TASKS.entries()) {
    const pane = paneOf(name, LAYOUT_SESSION);
    assert.ok(pane, `pane of ${name} in session ${LAYOUT_SESSION}`);
    await assertCwd(pane!.pid, folder(layoutHome, name));
    assert.is(pane!.windowName, i % 2 ? WINDOW : LAYOUT_NAME);
  }
  const listed = (await lsJson()).filter((t) => t.session === LAYOUT_SESSION);
  assert.equal(listed.map((t) => t.name).sort(), [...LAYOUT_TASKS].sort());
  await assertNothingRan();
}));

test('save: the saved layout reads back with every hostile field exact', withDeadline(15000, async () => {
  const file = join(layoutHome, 'saved.yaml');
  const r = await cpx(['save', file, '--session', LAYOUT_SESSION]);
  assert.is(r.code, 0, r.stderr);
  const saved = parse(readFileSync(file, 'utf8'));
  const base = resolve(dirname(file), saved.dir ?? '.');
  const byName = new Map<string, any>(saved.tasks.map((t: any) => [t.name, t]));
  assert.equal([...byName.keys()].sort(), [...LAYOUT_TASKS].sort());
  LAYOUT_TASKS.forEach((name, i) => {
    const t = byName.get(name);
    assert.is(t.prompt, name);
    assert.is(resolve(base, t.dir ?? '.'), folder(layoutHome, name));
    if (i % 2) assert.is(t.window, WINDOW);
  });
  await assertNothingRan();
}));

const PROP_SESSION = 'prop #{session_id}';
const propHome = scratchDir('hostile-prop');

test('property: any name and folder from the hostile alphabet arrives exactly', withDeadline(60000, async () => {
  const started: Array<{ name: string; dir: string }> = [];
  // Each name starts with the run's number: names are unique in a session.
  await fc.assert(fc.asyncProperty(hostileName, hostileText, async (text, dirName) => {
    const name = `${started.length}${text}`;
    const dir = join(propHome, String(started.length), dirName);
    mkdirSync(dir, { recursive: true });
    started.push({ name, dir });
    const r = await cpx(['new', '--session', PROP_SESSION, '--dir', dir, '--', name, name]);
    assert.is(r.code, 0, r.stderr);
    const pane = paneOf(name, PROP_SESSION);
    assert.ok(pane, `pane of ${JSON.stringify(name)}`);
    assert.is(pane!.windowName, name);
    await assertCwd(pane!.pid, dir);
  }), { numRuns: 25, endOnFailure: true, includeErrorInReport: true });
  const listed = (await lsJson()).filter((t) => t.session === PROP_SESSION);
  assert.equal(listed.map((t) => [t.name, t.dir]).sort(), started.map((t) => [t.name, t.dir]).sort());
  await assertNothingRan();
}));

test('property: a name the validator rejects is a one-line exit-2 error that starts nothing', withDeadline(30000, async () => {
  // Controls, and what would make two names look alike or run text backwards.
  const control = fc.constantFrom('\t', '\n', '\r', '\x1b', '\x7f', '\x01', ...HIDDEN, '\u200b', '\u2028', '\u2029', '\ufeff', '\u2066');
  const rejected = fc.oneof(
    fc.tuple(hostileName, control, hostileName).map(([a, c, b]) => a + c + b),
    fc.constantFrom(' ', '   ', '\u3000', '\u200d', '\u0301'),
    fc.constantFrom('😀'.repeat(101), '👩‍💻'.repeat(101)),
    fc.string({ minLength: 101, maxLength: 120, unit: fc.constantFrom('#', 'a', '(') }),
  );
  const sessions = () => server.tmux('list-sessions', '-F', '#{session_id}');
  const before = [panes().length, sessions()];
  await fc.assert(fc.asyncProperty(rejected, fc.constantFrom(PROP_SESSION, 'fresh'), async (name, session) => {
    const r = await cpx(['new', '--session', session, '--', name, 'go']);
    assert.is(r.code, 2, `${JSON.stringify(name)}: ${r.stderr}`);
    assert.match(r.stderr, /^cpx: [^\n]+\n$/);
    assert.is(r.stdout, '');
  }), { numRuns: 8, endOnFailure: true, includeErrorInReport: true });
  assert.equal([panes().length, sessions()], before);
  assert.equal(readdirSync(marks), []);
}));

test.run();
