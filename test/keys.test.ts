// cpx keys: the printed snippet, --install into a throwaway HOME, and the bindings pressed by a real client.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { CPX, ROOT, quietShellHome, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';
import { startViewer, viewedPane } from './support/viewer.js';

// Every socket this file makes lives here, so the user's default server cannot be reached:
// `--install` reloads "default" too, which resolves to a socket that does not exist in this folder.
process.env.TMUX_TMPDIR = mkdtempSync(join(tmpdir(), 'cpx-keys-tmux-'));
const home = quietShellHome('keys');
const server = startServer(import.meta.filename, { HOME: home });
const project = join(server.home, 'shop');
mkdirSync(project, { recursive: true });
const SESSION = 'cpx-shop';
const cpx = (args: string[], env: NodeJS.ProcessEnv = server.env) => runCpx(args, { env, cwd: project });
const SNIPPET = readFileSync(join(ROOT, 'completions/cpx.tmux'), 'utf8');
const test = suite('cpx keys');

test.after(() => {
  server.kill();
  for (const dir of [home, process.env.TMUX_TMPDIR!]) rmSync(dir, { recursive: true, force: true });
});

test('cpx keys prints completions/cpx.tmux with the path of this cpx', withDeadline(10000, async () => {
  const r = await cpx(['keys']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, SNIPPET.replace("set -g @cpx_bin 'cpx'\n", `set -g @cpx_bin ${CPX}\n`));
}));

test('cpx keys --next/--deny change only those bindings; a bad key is a usage error', withDeadline(10000, async () => {
  const r = await cpx(['keys', '--next', 'C-n', '--deny', 'none', '--no-status']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^bind-key -N 'cpx next: [^']*' C-n if-shell /m);
  assert.match(r.stdout, /^# left out \(none\):\n# bind-key -N 'cpx deny: /m);
  assert.match(r.stdout, /^bind-key -N 'cpx approve: [^']*' Y /m);
  assert.not.match(r.stdout, /status-right/);
  const bad = await cpx(['keys', '--next', 'two words']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--next 'two words' is not a tmux key/);
}));

const userHome = join(server.home, 'user');
const userEnv = { ...server.env, HOME: userHome, XDG_CONFIG_HOME: join(userHome, '.config') };
const cpxConf = join(userHome, '.config/cpx/tmux.conf');
const ORIGINAL = "# mine\nset -g mouse on\nbind-key W display-message 'my W'";

test('--install: one source-file line, a backup, the other lines untouched, a taken key reported and skipped', withDeadline(20000, async () => {
  mkdirSync(userHome, { recursive: true });
  writeFileSync(join(userHome, '.tmux.conf'), ORIGINAL);
  server.tmux('bind-key', 'W', 'display-message', 'my W');
  const first = await cpx(['keys', '--install'], userEnv);
  assert.is(first.code, 0, first.stderr);
  assert.match(first.stderr, /prefix W is bound to `display-message "my W"` on server '[^']+': cpx waiting left out; pick a free key with `cpx keys --install --waiting KEY`/);
  assert.match(first.stdout, new RegExp(`loaded into the running tmux server: ${server.socket}`));
  const second = await cpx(['keys', '--install'], userEnv);
  assert.is(second.code, 0, second.stderr);
  assert.match(second.stdout, /already sources it/);
  assert.ok(second.stdout.startsWith(`already installed: ${cpxConf} unchanged\n`), second.stdout);
  assert.not.match(second.stdout, /wrote/);
  assert.ok(first.stdout.startsWith(`wrote ${cpxConf}\n`), first.stdout);
  const conf = readFileSync(join(userHome, '.tmux.conf'), 'utf8');
  assert.is(conf, `${ORIGINAL}\nsource-file -q ${cpxConf}\n`);
  assert.is(conf.split('\n').filter((l) => l.includes('source-file')).length, 1);
  assert.is(readFileSync(join(userHome, '.tmux.conf.cpx-backup'), 'utf8'), ORIGINAL);
  assert.match(readFileSync(cpxConf, 'utf8'), /^# skipped: prefix W is bound to .*\n# bind-key -N 'cpx waiting: /m);
  // Loaded into the live server: cpx's keys are there, the user's W is untouched.
  assert.match(server.tmux('list-keys', '-T', 'prefix', 'N'), /if-shell -b "CPX_SOCKET= #\{q:@cpx_bin\} next -q"/);
  assert.match(server.tmux('list-keys', '-T', 'prefix', 'W'), /display-message "my W"/);
  assert.match(server.tmux('list-keys', '-T', 'prefix', 'O'), /display-popup -E/);
  assert.is(server.tmux('show-options', '-gqv', '@cpx_bin').trim(), CPX);
  // Sourced twice, the status segment is there once.
  assert.is(server.tmux('show-options', '-gv', 'status-right').split('#{@cpx_status}').length, 2);
  // The user takes the line out and edits; installing again adds it back and keeps the first backup.
  writeFileSync(join(userHome, '.tmux.conf'), `${ORIGINAL}\nset -g status-keys vi\n`);
  assert.is((await cpx(['keys', '--install'], userEnv)).code, 0);
  assert.is(readFileSync(join(userHome, '.tmux.conf'), 'utf8'), `${ORIGINAL}\nset -g status-keys vi\nsource-file -q ${cpxConf}\n`);
  assert.is(readFileSync(join(userHome, '.tmux.conf.cpx-backup'), 'utf8'), ORIGINAL);
}));

test('--install uses $XDG_CONFIG_HOME/tmux/tmux.conf when there is no ~/.tmux.conf', withDeadline(20000, async () => {
  const other = join(server.home, 'xdg-user');
  const xdgConf = join(other, '.config/tmux/tmux.conf');
  mkdirSync(join(other, '.config/tmux'), { recursive: true });
  writeFileSync(xdgConf, 'set -g mouse on\n');
  const r = await cpx(['keys', '--install', '--waiting', 'M-w'], { ...server.env, HOME: other, XDG_CONFIG_HOME: join(other, '.config') });
  assert.is(r.code, 0, r.stderr);
  assert.not.ok(existsSync(join(other, '.tmux.conf')));
  assert.is(readFileSync(xdgConf, 'utf8'), `set -g mouse on\nsource-file -q ${join(other, '.config/cpx/tmux.conf')}\n`);
  assert.match(server.tmux('list-keys', '-T', 'prefix', 'M-w'), /choose-tree -Z -f/);
  // A key asked for by name is bound even when taken, with a warning (the tests below use W).
  const again = await cpx(['keys', '--install', '--waiting', 'W'], userEnv);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stderr, /prefix W is bound to `display-message "my W"` on server '[^']+': binding it to cpx waiting anyway, as --waiting asked/);
  assert.match(server.tmux('list-keys', '-T', 'prefix', 'W'), /choose-tree -Z -f/);
}));

test("--install follows tmux's own file order: ~/.config/tmux/tmux.conf is found with XDG_CONFIG_HOME set elsewhere", withDeadline(20000, async () => {
  const other = join(server.home, 'xdg-elsewhere');
  const plainConf = join(other, '.config/tmux/tmux.conf');
  mkdirSync(join(other, '.config/tmux'), { recursive: true });
  writeFileSync(plainConf, 'set -g mouse on\n');
  const env = { ...server.env, HOME: other, XDG_CONFIG_HOME: join(other, 'xdg') };
  const r = await cpx(['keys', '--install', '--waiting', 'W'], env);
  assert.is(r.code, 0, r.stderr);
  assert.not.ok(existsSync(join(other, '.tmux.conf')), 'no new ~/.tmux.conf beside the one tmux reads');
  assert.is(readFileSync(plainConf, 'utf8'), `set -g mouse on\nsource-file -q ${join(other, 'xdg/cpx/tmux.conf')}\n`);
  // $XDG_CONFIG_HOME/tmux/tmux.conf comes before ~/.config/tmux/tmux.conf in tmux's list.
  const xdgConf = join(other, 'xdg/tmux/tmux.conf');
  mkdirSync(join(other, 'xdg/tmux'), { recursive: true });
  writeFileSync(xdgConf, 'set -g history-limit 5000\n');
  const second = await cpx(['keys', '--install', '--waiting', 'W'], env);
  assert.is(second.code, 0, second.stderr);
  assert.match(readFileSync(xdgConf, 'utf8'), /^set -g history-limit 5000\nsource-file -q /);
  // ~/.tmux.conf comes first of all.
  writeFileSync(join(other, '.tmux.conf'), 'set -g base-index 1\n');
  const third = await cpx(['keys', '--install', '--waiting', 'W'], env);
  assert.is(third.code, 0, third.stderr);
  assert.match(readFileSync(join(other, '.tmux.conf'), 'utf8'), /^set -g base-index 1\nsource-file -q /);
}));

// --- the bindings, pressed through a real client ---

let viewerPane = '';
function attachViewer(): string {
  viewerPane = startViewer(server, SESSION);
  return viewerPane;
}
const viewerShows = () => viewedPane(server, SESSION);
/** Press prefix + key on the viewer's terminal. */
function press(...keys: string[]): void {
  server.tmux('send-keys', '-t', viewerPane, 'C-b', ...keys);
}
const screen = (pane: string) => server.tmux('capture-pane', '-p', '-J', '-t', pane);
const stateOf = (pane: string) => server.tmux('display-message', '-p', '-t', pane, '#{@cpx_state}').trim();

const panes: Record<string, string> = {};
async function start(name: string, ...args: string[]): Promise<void> {
  const r = await cpx(['new', name, '--json', ...args]);
  assert.is(r.code, 0, r.stderr);
  panes[name] = JSON.parse(r.stdout).paneId;
}

test('prefix N goes to the waiting task, prefix Y approves it, prefix W lists only waiting tasks', withDeadline(60000, async () => {
  await start('quiet', '--cmd', 'sleep 3600');
  await start('api', '--agent', 'demo', '--agent-args', '--work 1 --ask "npm test"', 'Build the API');
  await start('web', '--agent', 'demo', '--agent-args', '--work 2 --ask "npm run lint"', 'Build the page');
  for (const name of ['api', 'web']) await until(() => stateOf(panes[name]) === 'waiting', { timeout: 20000, what: `${name} waiting`, pane: [server.socket, panes[name]] });
  attachViewer();
  server.tmux('select-window', '-t', panes.quiet);
  await until(() => viewerShows() === panes.quiet, { what: 'viewer on quiet', pane: [server.socket, viewerPane] });
  // The status line: the watcher's @cpx_status, drawn by tmux itself (no command runs for it).
  const statusLine = () => screen(viewerPane).trimEnd().split('\n').at(-1)!;
  await until(() => /⚑2 waiting/.test(statusLine()), { what: 'status line ⚑2 waiting', pane: [server.socket, viewerPane] });

  press('N');
  await until(() => viewerShows() === panes.api, { what: `viewer on api (shows ${viewerShows()})`, pane: [server.socket, viewerPane] });
  press('Y');
  await until(() => screen(panes.api).includes('Ran npm test (simulated)'), { timeout: 10000, what: 'api approved', pane: [server.socket, panes.api] });
  await until(() => /⚑1 waiting/.test(statusLine()), { what: 'status line ⚑1 waiting', pane: [server.socket, viewerPane] });

  press('W');
  await until(() => screen(viewerPane).includes('(filter: active)'), { what: 'the chooser', pane: [server.socket, viewerPane] });
  // The session and web's window (a window of one pane shows no pane line): not quiet, not the approved api.
  const rows = screen(viewerPane).split('\n').filter((l) => /^\(\d\)/.test(l));
  assert.is(rows.length, 2, rows.join('\n'));
  assert.match(rows[0], /^\(0\) [-+] cpx-shop: /);
  assert.match(rows[1], /^\(1\) +└─> [-+]? ?2: web/);
  server.tmux('send-keys', '-t', viewerPane, 'q');
}));

test('prefix X on a pane with no prompt says so and sends nothing', withDeadline(20000, async () => {
  server.tmux('select-window', '-t', panes.quiet);
  await until(() => viewerShows() === panes.quiet, { what: 'viewer on quiet' });
  press('X');
  await until(() => screen(viewerPane).includes('cpx: no prompt to deny here'), { what: 'the message', pane: [server.socket, viewerPane] });
  const why = await cpx(['deny', '--target', panes.quiet]);
  assert.is(why.code, 1);
  assert.match(why.stderr, /task 'quiet' is not showing a prompt \(it looks \w+\): nothing was sent/);
  const keep = server.tmux('display-message', '-p', '-t', 'keep:', '#{pane_id}').trim();
  assert.match((await cpx(['approve', '--target', keep])).stderr, new RegExp(`pane ${keep} is not a cpx task: nothing was sent`));
  const usage = await Promise.all([cpx(['approve']), cpx(['deny', '--target', 'quiet'])]);
  assert.equal(usage.map((r) => r.code), [2, 2]);
  assert.match(usage[0].stderr, /approve needs a task name, or --target %ID/);
  assert.match(usage[1].stderr, /--target 'quiet' is not a pane id/);
}));

test('approve/deny: a task name together with --target is a usage error; --pane still means --target', withDeadline(20000, async () => {
  // Key bindings installed before --pane was renamed still pass it.
  const old = await cpx(['deny', '--pane', panes.quiet]);
  assert.is(old.code, 1, old.stderr);
  assert.match(old.stderr, /task 'quiet' is not showing a prompt/);
  const usage = await Promise.all([
    cpx(['deny', 'quiet', '--target', panes.quiet]),
    cpx(['approve', 'quiet', '--target', panes.quiet]),
    cpx(['approve', 'quiet', '-t', panes.quiet]),
    cpx(['approve', 'quiet', '--pane', panes.quiet]),
    cpx(['approve', '2', 'quiet', '--target', panes.quiet]),
    cpx(['deny', '--target', panes.quiet, '--pane', panes.quiet]),
  ]);
  assert.equal(usage.map((r) => r.code), [2, 2, 2, 2, 2, 2], usage.map((r) => r.stderr).join(''));
  assert.is(usage[0].stderr, 'cpx: deny --target takes no task name: cpx deny --target %ID, or cpx deny <name>\n');
  for (const r of usage.slice(1, 5)) assert.match(r.stderr, /^cpx: approve --target takes no task name, only a choice number: [^\n]+\n$/);
  assert.match(usage[5].stderr, /^cpx: --pane is the old name of --target: give one of them\n$/);
}));

test('prefix O shows cpx ls in a popup; Enter closes it', withDeadline(30000, async () => {
  press('O');
  await until(() => /│NAME +STATE/.test(screen(viewerPane)) && /│quiet /.test(screen(viewerPane)) && /│Enter closes this\./.test(screen(viewerPane)), { timeout: 15000, what: 'the popup, with how to close it', pane: [server.socket, viewerPane] });
  server.tmux('send-keys', '-t', viewerPane, 'Enter');
  await until(() => !screen(viewerPane).includes('│NAME'), { timeout: 10000, what: 'popup closed', pane: [server.socket, viewerPane] });
}));

test('prefix T asks for a name and a prompt; quotes, $ and ; reach cpx new as typed', withDeadline(30000, async () => {
  const name = `it's "odd" $(x); ~`;
  const prompt = 'Fix the `README`; then $HOME \\o/';
  press('T');
  await until(() => screen(viewerPane).includes('task name:'), { what: 'the name prompt', pane: [server.socket, viewerPane] });
  server.tmux('send-keys', '-t', viewerPane, '-l', name);
  server.tmux('send-keys', '-t', viewerPane, 'Enter');
  await until(() => screen(viewerPane).includes('prompt:'), { what: 'the prompt prompt', pane: [server.socket, viewerPane] });
  server.tmux('send-keys', '-t', viewerPane, '-l', prompt);
  server.tmux('send-keys', '-t', viewerPane, 'Enter');
  const task = await until(async () => {
    const r = await cpx(['ls', '--json']);
    return (JSON.parse(r.stdout) as any[]).find((t) => t.name === name);
  }, { timeout: 15000, what: `task ${JSON.stringify(name)}`, pane: [server.socket, viewerPane] });
  assert.is(task.prompt, prompt);
  assert.is(task.session, SESSION);
  // The answers passed through the global environment are removed again.
  await until(() => !/CPX_NEW_/.test(server.tmux('show-environment', '-g')), { what: 'CPX_NEW_* unset' });
}));

test.run();
