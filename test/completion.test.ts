import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { buildProgram } from '../lib/cli.js';
import { TASK_FILTER } from '../lib/tasks/task.js';
import { runCpx } from './support/cli.js';
import { scratchDir } from './support/scratch.js';
import { ROOT, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'shop');
const FILES = { bash: join(ROOT, 'completions/cpx.bash'), zsh: join(ROOT, 'completions/_cpx'), fish: join(ROOT, 'completions/cpx.fish') };
const NAMES = ['auth', 'sign up', "pay'ments"];
const NO_SERVER = `cpx-t-${process.pid}-no-server`;
// The completions call the `cpx` on PATH: this checkout's.
const env = { ...server.env, PATH: `${join(ROOT, 'bin')}:${server.env.PATH}` };
const cpx = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCpx(args, { env: { ...env, ...extra }, cwd: project });
const test = suite('shell completions');

test.before(async () => {
  for (const dir of ['layouts', 'src', 'my dir']) mkdirSync(join(project, dir), { recursive: true });
  writeFileSync(join(project, 'notes.txt'), 'not a directory\n');
  writeFileSync(join(project, 'layouts/alpha.yaml'), 'tasks:\n  - name: a\n    prompt: x\n');
  writeFileSync(join(project, 'layouts/beta.yml'), 'tasks:\n  - name: b\n    prompt: x\n');
  mkdirSync(join(server.home, 'config/cpx/profiles'), { recursive: true });
  writeFileSync(join(server.home, 'config/cpx/profiles/codex.yaml'), 'command: [codex]\n');
  for (const name of NAMES) {
    const r = await cpx(['new', name, 'x']);
    assert.is(r.code, 0, r.stderr);
  }
  server.tmux('new-session', '-d', '-s', 'my work');
});

/** The sessions --session completes to: every one but the watcher's own session. */
function sessionNames(): string[] {
  const lines = server.tmux('list-sessions', '-F', '#{session_name}\t#{@cpx_watch}').split('\n').filter(Boolean);
  const names = lines.filter((l) => !l.split('\t')[1]).map((l) => l.split('\t')[0]);
  assert.ok(names.includes('my work') && names.length >= 2, lines.join(' | '));
  return names;
}
test.after(() => server.kill());

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
const sorted = (list: string[]) => [...list].sort();

/** COMPREPLY of completions/cpx.bash for each command line (its words, the last being completed). */
function bashComplete(lines: string[][], extra: NodeJS.ProcessEnv = {}): string[][] {
  const script = [
    `source ${quote(FILES.bash)}`,
    // The line as typed: bash splits at ':' and '=' too, and those pieces have no blank between them.
    't() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=""; local w p=; for w; do [[ -n $COMP_LINE && $w != [:=] && $p != [:=] ]] && COMP_LINE+=" "; COMP_LINE+=$w; p=$w; done',
    '  COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _cpx; printf "%s\\n" "${COMPREPLY[@]}"; printf "\\036\\n"; }',
    ...lines.map((words) => `t ${words.map(quote).join(' ')}`),
  ].join('\n');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { env: { ...env, ...extra }, cwd: project, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return r.stdout.split('\x1e\n').slice(0, lines.length).map((out) => out.split('\n').filter(Boolean));
}

/** `complete -C` of completions/cpx.fish for each command line: the candidates without descriptions. */
function fishComplete(lines: string[], extra: NodeJS.ProcessEnv = {}): string[][] {
  const script = [`source ${quote(FILES.fish)}`, ...lines.map((line) => `complete -C ${quote(line)}; printf '\\036\\n'`)].join('\n');
  const r = spawnSync('fish', ['--no-config', '-c', script], { env: { ...env, ...extra }, cwd: project, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return r.stdout.split('\x1e\n').slice(0, lines.length).map((out) => out.split('\n').filter(Boolean).map((l) => l.split('\t')[0]));
}

test('bash: commands, options of new, and the shells for cpx completion', () => {
  const [commands, options, shells, help] = bashComplete([['cpx', ''], ['cpx', 'new', '-'], ['cpx', 'completion', ''], ['cpx', 'help', 'se']]);
  for (const command of ['new', 'ls', 'send', 'up', 'down', 'completion']) assert.ok(commands.includes(command), command);
  for (const flag of ['--dir', '-d', '--agent', '--cmd', '--pane', '--after', '--json', '--help']) assert.ok(options.includes(flag), flag);
  assert.equal(shells, ['bash', 'zsh', 'fish']);
  assert.equal(help, ['send']);
});

test('bash: task names from the server, quoted for bash', () => {
  const [all, space, quoteOpen, doubleOpen, kill] = bashComplete([
    ['cpx', 'send', ''], ['cpx', 'attach', 'sign\\ '], ['cpx', 'interrupt', "'pa"], ['cpx', 'approve', '"si'], ['cpx', 'kill', 'a'],
  ]);
  assert.equal(sorted(all), sorted(['auth', 'sign\\ up', "pay\\'ments"]));
  assert.equal(space, ['sign\\ up']);
  // Inside an open quote readline puts the reply after the quote and closes it.
  assert.equal(quoteOpen, ["pay'\\''ments"]);
  assert.equal(doubleOpen, ['sign up']);
  assert.equal(kill, ['auth']);
  // Only the first argument is a task; the text after it is not.
  assert.equal(bashComplete([['cpx', 'send', 'auth', '']])[0], []);
});

test('bash: -L/--socket on the line beats CPX_SOCKET', () => {
  const lines = [['cpx', '-L', server.socket, 'deny', ''], ['cpx', 'done', '--socket', server.socket, ''], ['cpx', 'detect', '']];
  const [short, long, none] = bashComplete(lines, { CPX_SOCKET: NO_SERVER });
  assert.equal(sorted(short), sorted(['auth', 'sign\\ up', "pay\\'ments"]));
  assert.equal(sorted(long), sorted(short));
  assert.not.ok(none.includes('auth'), 'CPX_SOCKET names a server with no tasks');
});

test('bash: layouts, agents and directories', () => {
  const [up, down, agents, dirs, eq, after] = bashComplete([
    ['cpx', 'up', ''], ['cpx', 'down', 'a'], ['cpx', 'new', '--agent', ''], ['cpx', 'new', 'x', '--dir', ''], ['cpx', 'new', '--dir', '=', 'm'], ['cpx', 'new', 'x', '--after', 'pay'],
  ]);
  assert.equal(up, ['alpha', 'beta']);
  assert.equal(down, ['alpha']);
  assert.equal(agents, ['claude', 'shell', 'demo', 'codex']);
  assert.equal(sorted(dirs), ['layouts', 'my dir', 'src']);
  assert.equal(eq, ['my dir']);
  assert.equal(after, ["pay\\'ments"]);
  // --after takes a comma-separated list: the item after the last comma is completed.
  const [second, all] = bashComplete([['cpx', 'new', 'x', '--after', 'auth,si'], ['cpx', 'new', '--after', '=', 'auth,']]);
  assert.equal(second, ['auth,sign\\ up']);
  assert.equal(sorted(all), sorted(['auth,auth', 'auth,sign\\ up', "auth,pay\\'ments"]));
});

test('bash and fish: --session values are the server\'s sessions, quoted; never the watcher\'s', withDeadline(30000, async () => {
  // The watcher's own session exists once the watcher has started.
  await until(() => /^cpx-watch\t1$/m.test(server.tmux('list-sessions', '-F', '#{session_name}\t#{@cpx_watch}')), { what: 'the watcher session' });
  const names = sessionNames();
  const [bashAll, bashSpace, bashEq] = bashComplete([['cpx', 'ls', '-s', ''], ['cpx', 'kill', '--session', 'my'], ['cpx', 'attach', '--session', '=', "'my"]]);
  assert.equal(sorted(bashAll), sorted(names.map((n) => n.replace(/ /g, '\\ '))));
  assert.equal(bashSpace, ['my\\ work']);
  assert.equal(bashEq, ["my work"]);
  const [fishAll, fishLong] = fishComplete(['cpx ls -s ', 'cpx new x --session=my']);
  assert.equal(sorted(fishAll), sorted(names));
  assert.equal(fishLong, ['--session=my work']);
}));

test('fish: task names, layouts, agents; -L on the line', () => {
  const [send, up, agents, options] = fishComplete(['cpx send ', 'cpx up ', 'cpx new --agent ', 'cpx new -']);
  const [socket, none] = fishComplete([`cpx -L ${server.socket} attach `, 'cpx send '], { CPX_SOCKET: NO_SERVER });
  assert.equal(sorted(send), sorted(NAMES));
  assert.ok(up.includes('alpha') && up.includes('beta'), up.join(','));
  assert.equal(agents, ['claude', 'demo', 'shell', 'codex'].sort());
  assert.equal(sorted(socket), sorted(NAMES));
  assert.ok(options.includes('--dir') && options.includes('-d'), options.join(','));
  assert.equal(none, []);
});

test('zsh: Tab in a real zsh lists the tasks and completes a name with a space, quoted', withDeadline(30000, async () => {
  const zdot = scratchDir('zsh');
  const rc = [`fpath=(${quote(join(ROOT, 'completions'))} $fpath)`, 'autoload -U compinit; compinit -u', `PATH=${quote(join(ROOT, 'bin'))}:$PATH`, "PS1='zsh> '"];
  writeFileSync(join(zdot, '.zshrc'), `${rc.join('\n')}\n`);
  const pane = server.tmux('new-window', '-d', '-P', '-F', '#{pane_id}', '-c', project, '-e', `ZDOTDIR=${zdot}`, '-e', `CPX_SOCKET=${server.socket}`, 'zsh').trim();
  const screen = () => server.tmux('capture-pane', '-p', '-t', pane);
  const opts = { timeout: 15000, pane: [server.socket, pane] as [string, string] };
  // capture-pane drops trailing spaces: the prompt reads 'zsh>'.
  await until(() => /^zsh>/m.test(screen()), { ...opts, what: 'the zsh prompt' });
  server.tmux('send-keys', '-t', pane, '-l', 'cpx send ');
  server.tmux('send-keys', '-t', pane, 'Tab');
  // The listing is drawn below the prompt line: every name there, each quoted for zsh.
  const listing = await until(() => {
    const below = screen().split('zsh> cpx send')[1]?.split('\n').slice(1).join('\n') ?? '';
    return ['auth', 'sign\\ up', "pay\\'ments"].every((name) => below.includes(name)) && below;
  }, { ...opts, what: 'the task listing' });
  assert.match(listing, /auth/);
  server.tmux('send-keys', '-t', pane, 'C-c');
  server.tmux('send-keys', '-t', pane, 'C-l');
  server.tmux('send-keys', '-t', pane, '-l', 'cpx send si');
  server.tmux('send-keys', '-t', pane, 'Tab');
  await until(() => /zsh> cpx send sign\\ up/.test(screen()), { ...opts, what: 'sign up completed as sign\\ up' });
  server.tmux('send-keys', '-t', pane, 'C-c');
  // `up` and `detect` offer names and files together (_alternative): both listed, no zsh error.
  for (const [line, expected] of [['cpx up ', ['alpha', 'beta', 'layouts/']], ['cpx detect ', ['auth', "pay\\'ments", 'layouts/']]] as const) {
    server.tmux('send-keys', '-t', pane, 'C-l');
    server.tmux('send-keys', '-t', pane, '-l', line);
    server.tmux('send-keys', '-t', pane, 'Tab');
    const shown = await until(() => expected.every((word) => screen().includes(word)) && screen(), { ...opts, what: `the listing of ${line}` });
    assert.not.match(shown, /bad option|_alternative/);
    server.tmux('send-keys', '-t', pane, 'C-c');
  }
  // --after completes the item after the last comma.
  server.tmux('send-keys', '-t', pane, 'C-l');
  server.tmux('send-keys', '-t', pane, '-l', 'cpx new x --after auth,si');
  server.tmux('send-keys', '-t', pane, 'Tab');
  await until(() => /zsh> cpx new x --after auth,sign\\ up/.test(screen()), { ...opts, what: '--after auth,sign\\ up' });
  server.tmux('send-keys', '-t', pane, 'C-c');
  // --session completes the server's sessions, a space quoted.
  server.tmux('send-keys', '-t', pane, 'C-l');
  server.tmux('send-keys', '-t', pane, '-l', 'cpx ls --session my');
  server.tmux('send-keys', '-t', pane, 'Tab');
  await until(() => /zsh> cpx ls --session my\\ work/.test(screen()), { ...opts, what: 'my work completed as my\\ work' });
  server.tmux('send-keys', '-t', pane, 'C-c');
  server.tmux('kill-pane', '-t', pane);
}));

test('__complete: nothing and exit 0 with no server or no tmux; --socket and CPX_SOCKET pick the server', withDeadline(30000, async () => {
  let r = await cpx(['__complete', 'tasks'], { CPX_SOCKET: NO_SERVER });
  assert.equal([r.code, r.stdout, r.stderr], [0, '', '']);
  r = await cpx(['__complete', 'sessions'], { CPX_SOCKET: NO_SERVER });
  assert.equal([r.code, r.stdout, r.stderr], [0, '', '']);
  const bin = scratchDir('no-tmux');
  symlinkSync(process.execPath, join(bin, 'node'));
  for (const kind of ['tasks', 'sessions']) {
    r = await cpx(['__complete', kind], { PATH: bin });
    assert.equal([r.code, r.stdout, r.stderr], [0, '', '']);
  }
  r = await cpx(['__complete', 'tasks']);
  assert.equal(sorted(r.stdout.split('\n').filter(Boolean)), sorted(NAMES));
  r = await cpx(['__complete', 'tasks', '--socket', server.socket], { CPX_SOCKET: NO_SERVER });
  assert.equal(sorted(r.stdout.split('\n').filter(Boolean)), sorted(NAMES));
  r = await cpx(['__complete', 'nope']);
  assert.is(r.code, 2);
}));

test('cpx completion <shell> prints the committed file, byte for byte', withDeadline(30000, async () => {
  for (const [shell, file] of Object.entries(FILES)) {
    const r = await cpx(['completion', shell]);
    assert.is(r.code, 0, r.stderr);
    assert.ok(r.stdout === readFileSync(file, 'utf8'), `cpx completion ${shell} differs from ${file}`);
  }
  const r = await cpx(['completion', 'tcsh']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /bash, zsh or fish/);
}));

// Every command and flag of lib/cli.ts, read from commander itself.
interface Spec { names: string[]; flags: string[]; valued: string[] }
function listSpecs(): Spec[] {
  const program: Command = buildProgram();
  const flagsOf = (options: readonly Option[]) => options.filter((o) => !o.hidden).flatMap((o) => [o.short, o.long].filter((f): f is string => Boolean(f)).map((flag) => ({ flag, valued: o.required || o.optional })));
  const spec = (names: string[], options: readonly Option[]): Spec => {
    const flags = [...flagsOf(options), { flag: '-h', valued: false }, { flag: '--help', valued: false }];
    return { names, flags: flags.map((f) => f.flag), valued: flags.filter((f) => f.valued).map((f) => f.flag) };
  };
  const commands = program.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden);
  return [spec([''], program.options), ...commands.map((c) => spec([c.name(), ...c.aliases()], c.options))];
}

test('every command and flag in lib/cli.ts is in all three completions', () => {
  const specs = listSpecs();
  const commands = specs.flatMap((s) => s.names).filter(Boolean);
  const zsh = readFileSync(FILES.zsh, 'utf8');
  const bashCommands = bashComplete([['cpx', '']])[0];
  const fishCommands = fishComplete(['cpx '])[0];
  const zshCommands = [...zsh.matchAll(/^\s+'([\w-]+):/gm)].map((m) => m[1]);
  for (const command of commands) {
    assert.ok(bashCommands.includes(command), `bash does not complete the command ${command}`);
    assert.ok(fishCommands.includes(command), `fish does not complete the command ${command}`);
    assert.ok(zshCommands.includes(command), `zsh does not complete the command ${command}`);
  }
  const lines = specs.flatMap((s) => s.names.map((name) => ['cpx', ...(name ? [name] : []), '-']));
  const bash = bashComplete(lines);
  const fish = fishComplete(lines.map((words) => words.join(' ')));
  const pairs = specs.flatMap((spec) => spec.names.flatMap((name) => spec.flags.map((flag) => [name, flag, spec.valued.includes(flag)] as const)));
  const bashValued = askShell('bash', pairs.map(([name, flag]) => `_cpx_takes_value ${quote(name)} ${quote(flag)} && echo 1 || echo 0`));
  const fishValued = askShell('fish', pairs.map(([name, flag]) => `__cpx_takes_value ${quote(name)} ${quote(flag)}; and echo 1; or echo 0`));
  // Options that take a value are skipped when counting arguments.
  pairs.forEach(([name, flag, valued], i) => {
    const what = `cpx ${name} ${flag} ${valued ? 'takes a value' : 'takes no value'}`;
    assert.is(bashValued[i], valued ? '1' : '0', `${what}: fix _cpx_takes_value in cpx.bash`);
    assert.is(fishValued[i], valued ? '1' : '0', `${what}: fix __cpx_takes_value in cpx.fish`);
  });
  lines.forEach((words, i) => {
    const spec = specs.find((s) => s.names.includes(words.length > 2 ? words[1] : ''))!;
    const block = words.length > 2 ? zshBlock(zsh, words[1]) : zsh.slice(0, zsh.indexOf('1:command:'));
    for (const flag of spec.flags) {
      const where = `cpx ${words.slice(1, -1).join(' ')} ${flag}`;
      assert.ok(bash[i].includes(flag), `bash does not complete ${where}`);
      assert.ok(fish[i].includes(flag), `fish does not complete ${where}`);
      const zshHas = new RegExp(`(^|[^\\w-])${flag}[+=[\\]},' ]`).test(block) || (/^--?h(elp)?$/.test(flag) && block.includes('$help'));
      assert.ok(zshHas, `zsh does not complete ${where}`);
    }
    // In zsh an option that takes a value is written -x+ or --xx=.
    for (const flag of spec.valued) {
      if (words.length > 2) assert.match(block, new RegExp(`(^|[^\\w-])${flag}[+=]`), `zsh: ${flag} of ${words[1]} takes a value`);
    }
  });
});

/** One output line per command, run after sourcing the shell's completion file. */
function askShell(shell: 'bash' | 'fish', commands: string[]): string[] {
  const args = shell === 'bash' ? ['--norc', '--noprofile', '-c'] : ['--no-config', '-c'];
  const r = spawnSync(shell, [...args, [`source ${quote(FILES[shell])}`, ...commands].join('\n')], { env, cwd: project, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return r.stdout.split('\n').slice(0, commands.length);
}

/** The `(name|alias)` branch of _cpx's case. */
function zshBlock(zsh: string, command: string): string {
  const start = [...zsh.matchAll(/^\s+\(([\w|-]+)\)$/gm)].find((m) => m[1].split('|').includes(command));
  assert.ok(start, `zsh has no branch for the command ${command}`);
  return zsh.slice(start.index!, zsh.indexOf(';;', start.index));
}

test('bin/cpx answers __complete tasks itself, with the task filter of lib/tasks/task.ts', () => {
  assert.ok(readFileSync(join(ROOT, 'bin/cpx'), 'utf8').includes(`list-panes -a -f '${TASK_FILTER}' -F '#{@cpx_task}'`));
});

test('layout names from bin/cpx are the layouts `cpx layouts` finds', withDeadline(30000, async () => {
  const dir = scratchDir('layout-names');
  const config = join(dir, 'config');
  const files = ['layouts/b.yaml', 'layouts/a-b.yml', 'layouts/a.yaml', 'layouts/a.yml', 'layouts/my layout.yaml', 'layouts/.hidden.yaml', 'layouts/notes.txt',
    '.cpx/layouts/a.yaml', '.cpx/layouts/c.yml', 'config/cpx/layouts/d.yaml', 'config/cpx/layouts/b.yaml'];
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), 'tasks:\n  - name: a\n    prompt: x\n');
  }
  mkdirSync(join(dir, 'layouts/folder.yaml'));
  const run = (args: string[]) => runCpx(args, { env: { ...env, XDG_CONFIG_HOME: config }, cwd: dir });
  const names = (await run(['__complete', 'layouts'])).stdout.split('\n').filter(Boolean);
  const listed = JSON.parse((await run(['layouts', '--json'])).stdout).map((l: { name: string }) => l.name);
  assert.equal(names, sorted(listed));
  assert.equal(names, ['a', 'a-b', 'b', 'c', 'd', 'my layout']);
  assert.equal((await run(['__complete', 'layouts', '--socket', NO_SERVER])).stdout.split('\n').filter(Boolean), names);
}));

test('agent names from bin/cpx equal the CLI\'s (built-ins, then profiles); a config file is read by node', withDeadline(30000, async () => {
  const home = scratchDir('agent-names');
  const profiles = join(home, 'cpx/profiles');
  mkdirSync(join(profiles, 'dir.yaml'), { recursive: true });
  for (const f of ['codex.yaml', 'aider.yml', 'claude.yaml', '.x.yaml', 'readme.md']) writeFileSync(join(profiles, f), 'command: [x]\n');
  const run = (extra: NodeJS.ProcessEnv) => runCpx(['__complete', 'agents'], { env: { ...env, XDG_CONFIG_HOME: home, ...extra }, cwd: project });
  const bySh = (await run({})).stdout;
  assert.is(bySh, ['claude', 'shell', 'demo', 'aider', 'codex', ''].join('\n'));
  // The same folder named by a config file: node reads it and must agree.
  writeFileSync(join(home, 'cpx/config.yaml'), `profiles: ${profiles}\n`);
  assert.is((await run({})).stdout, bySh);
  // A config file that moves the folder.
  const other = join(home, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'gemini.yaml'), 'command: [gemini]\n');
  writeFileSync(join(home, 'moved.yaml'), `profiles: ${other}\n`);
  assert.is((await run({ CPX_CONFIG: join(home, 'moved.yaml') })).stdout, 'claude\nshell\ndemo\ngemini\n');
}));

test('a name with accents and emoji completes unchanged in a C locale (tmux would print it as _)', withDeadline(30000, async () => {
  const name = 'café ✓';
  assert.is((await cpx(['new', name, 'x'])).code, 0);
  const c = { LANG: 'C', LC_ALL: 'C', LC_CTYPE: 'C' };
  const r = await cpx(['__complete', 'tasks'], c);
  assert.ok(r.stdout.split('\n').includes(name), r.stdout);
  const ls = await cpx(['ls', '--json'], c);
  assert.ok(JSON.parse(ls.stdout).some((t: { name: string }) => t.name === name), ls.stdout);
  // bash quotes it as $'caf\303\251 …' in this locale: the word still means the name.
  const [[word]] = bashComplete([['cpx', 'kill', 'caf']], c);
  assert.is(spawnSync('bash', ['-c', `printf %s ${word}`], { env: { ...env, ...c }, encoding: 'utf8' }).stdout, name);
  assert.is((await cpx(['kill', name], c)).code, 0);
}));

test('bash, fish: names with : and = (bash splits words there) complete whole, and the words after them count', withDeadline(30000, async () => {
  // Last in the file: these two extra tasks are in no other test's expected lists.
  for (const name of ['fix:login', 'k=v']) assert.is((await cpx(['new', name, 'x'])).code, 0);
  const [bare, colon, after, quoted, eq, option, text] = bashComplete([
    ['cpx', 'send', 'fi'], ['cpx', 'send', 'fix', ':'], ['cpx', 'attach', 'fix', ':', 'lo'], ['cpx', 'kill', "'fix:"],
    ['cpx', 'kill', 'k', '=', ''], ['cpx', 'new', 'x', '--after', '=', 'fix', ':'], ['cpx', 'send', 'fix', ':', 'login', ''],
  ]);
  assert.equal(bare, ['fix:login']);
  // Readline replaces only the text after the ':': the reply is the rest of the name.
  assert.equal(colon, ['login']);
  assert.equal(after, ['login']);
  assert.equal(quoted, ['fix:login']);
  assert.equal(eq, ['v']);
  assert.equal(option, ['login']);
  assert.equal(text, []);
  const [fish, list, listEq] = fishComplete(['cpx send fix:', 'cpx new x --after auth,fix', 'cpx new x --after=fix:login,si']);
  assert.equal(fish, ['fix:login']);
  assert.equal(list, ['auth,fix:login']);
  assert.equal(listEq, ['--after=fix:login,sign up']);
  for (const name of ['fix:login', 'k=v']) assert.is((await cpx(['kill', name])).code, 0);
}));

test.run();
