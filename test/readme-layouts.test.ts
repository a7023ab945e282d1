// The README as a list of promises, part 3: "Layouts" (finding them, their keys, grounding, errors,
// dependencies, cpx save/down) and the closed-pipe exit code. Black box: bin/cpx against a private server;
// tasks run the fixture agents (the fake `claude` records its argv, cwd and input).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execa } from 'execa';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { findSgrProblems, listPaneTasks, poll, readAgentEvents, runCpxInPty } from './support/readme-tools.js';
import { CPX, quietShellHome, startServer } from './support/server.js';
import { withDeadline } from './support/until.js';

// The shell task runs a real bash: a HOME of our own keeps the user's ~/.bashrc out (and is where ~ goes).
const HOME = quietShellHome('readme-layouts');
const server = startServer(import.meta.filename, { HOME });
const project = join(server.home, 'site');
const userLayouts = join(server.home, 'config/cpx/layouts');
for (const dir of ['layouts', '.cpx/layouts', 'docs', 'web']) mkdirSync(join(project, dir), { recursive: true });
mkdirSync(userLayouts, { recursive: true });
mkdirSync(join(HOME, 'notes'));
writeFileSync(join(project, 'docs/style.md'), '# style\n');
const outside = join(server.home, 'brand.md');
writeFileSync(outside, '# brand\n');
const cpx = (...args: string[]) => runCpx(args, { env: server.env, cwd: project });
const test = suite('README: layouts');

function put(file: string, text: string): string {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}
async function tasks(): Promise<any[]> {
  const r = await cpx('ls', '--json');
  assert.is(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}
const taskNamed = async (name: string) => (await tasks()).find((t) => t.name === name);
/** The task pane as tmux has it (cheap enough to poll). */
const paneTask = (name: string) => listPaneTasks(server.tmux).find((t) => t.name === name);
const started = (task: string) => poll(() => readAgentEvents(server.home, task).find((e) => e.event === 'start'), { timeout: 15000, what: `${task}: agent started` });
const screen = (target: string) => server.tmux('capture-pane', '-p', '-J', '-t', target);

test('Names are looked up as <name>.yaml/.yml in ./layouts, ./.cpx/layouts, then $XDG_CONFIG_HOME/cpx/layouts; cpx up says which file', withDeadline(20000, async () => {
  const text = 'tasks:\n  - {name: a, prompt: x}\n';
  const order = [join(project, 'layouts/found.yml'), join(project, '.cpx/layouts/found.yaml'), join(userLayouts, 'found.yml')].map((file) => put(file, text));
  for (const file of order) {
    const r = await cpx('up', 'found', '--dry-run');
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout.split('\n')[0], `layout: ${file}`);
    // Take the winner away: the next folder in the order answers.
    rmSync(file);
  }
  assert.equal(await tasks(), [], 'a dry run starts nothing');
}));

test('A path works too; `name:` defaults to the file name; cpx down <path> ends the layout\'s tasks', withDeadline(20000, async () => {
  put(join(server.home, 'elsewhere/my-site.yaml'), 'session: paths\ntasks:\n  - {name: one, cmd: sleep 600}\n  - {name: two, cmd: sleep 600}\n');
  const r = await cpx('up', '../elsewhere/my-site.yaml', '--json');
  assert.is(r.code, 0, r.stderr);
  const up = JSON.parse(r.stdout);
  assert.equal([up.layout, up.session, up.started], ['my-site', 'paths', ['one', 'two']]);
  assert.equal((await tasks()).filter((t) => t.layout === 'my-site').map((t) => t.name), ['one', 'two']);
  const down = await cpx('down', '../elsewhere/my-site.yaml', '--yes');
  assert.is(down.code, 0, down.stderr);
  assert.match(down.stdout, /^killed one \(%\d+\)\nkilled two \(%\d+\)\n$/);
  assert.equal((await tasks()).filter((t) => t.layout === 'my-site'), []);
}));

test('Layout keys reach the tasks: dir relative to the file\'s folder, ~, session, env, agent_args only for the layout\'s agent', withDeadline(30000, async () => {
  put(join(project, '.cpx/layouts/keys.yaml'), `dir: ../..
session: acme
agent: claude
agent_args: --permission-mode plan
env: { API_URL: http://localhost:3000 }
tasks:
  - name: todos
    prompt: Build the /api/todos endpoints.
  - name: web
    dir: ./web
    cmd: sh -c 'printf "%s" "$API_URL" > api-url.txt; exec sleep 600'
  - name: notes
    dir: ~/notes
    cmd: fake-agent --flag
`);
  const r = await cpx('up', 'keys');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^up keys in session acme: started 3$/m);
  const todos = await started('todos');
  assert.is(todos.cwd, project);
  assert.equal(todos.argv.slice(-4), ['--permission-mode', 'plan', '--', 'Build the /api/todos endpoints.']);
  const notes = await started('notes');
  assert.equal([notes.cwd, notes.argv], [join(HOME, 'notes'), ['--flag']]);
  await poll(() => {
    try {
      return readFileSync(join(project, 'web/api-url.txt'), 'utf8') === 'http://localhost:3000';
    } catch {
      return false;
    }
  }, { what: 'API_URL written in web/' });
  assert.equal((await tasks()).filter((t) => t.layout === 'keys').map((t) => t.session), ['acme', 'acme', 'acme']);
}));

test('arrange puts the tasks in one window laid out that way; tasks with the same `window:` share it as panes', withDeadline(30000, async () => {
  put(join(project, 'layouts/grid.yaml'), `arrange: main-vertical
session: grid
tasks:
  - {name: one, cmd: sleep 600}
  - {name: two, cmd: sleep 600}
  - {name: three, cmd: sleep 600}
  - {name: dev, cmd: sleep 600, window: servers}
  - {name: db, cmd: sleep 600, window: servers}
`);
  const r = await cpx('up', 'grid');
  assert.is(r.code, 0, r.stderr);
  const rows = server.tmux('list-panes', '-s', '-t', '=grid', '-F', '#{window_name}\t#{@cpx_task}\t#{pane_left}\t#{pane_top}\t#{pane_height}\t#{window_height}')
    .trim().split('\n').map((l) => l.split('\t'));
  const byWindow = (name: string) => rows.filter((row) => row[0] === name);
  assert.equal(byWindow('grid').map((row) => row[1]), ['one', 'two', 'three']);
  assert.equal(byWindow('servers').map((row) => row[1]), ['dev', 'db']);
  // main-vertical: the first pane takes the full height on the left, the others are stacked to its right.
  const [main, ...others] = byWindow('grid');
  // (A task window has a border line on top.)
  assert.equal([main[2], Number(main[3]) + Number(main[4])], ['0', Number(main[5])]);
  for (const pane of others) assert.ok(Number(pane[2]) > 0 && pane[2] === others[0][2], `${pane[1]} right of the main pane`);
}));

test('Grounding goes in front of the prompt: ground, task ground, files to read (relative inside the task dir), a blank line, the prompt', withDeadline(30000, async () => {
  put(join(project, 'layouts/grounded.yaml'), `session: grounded
ground: |
  Match the design patterns in components/ui.
ground_files: [docs/style.md, ${outside}]
tasks:
  - name: pages
    ground: Use the colour variables in globals.css.
    prompt: Build the pages.
  - name: bare
  - name: notes-shell
    agent: shell
    prompt: echo grounded-$((40+2))
`);
  const told = `Match the design patterns in components/ui.\nUse the colour variables in globals.css.\nRead these first: docs/style.md, ${outside}\n\nBuild the pages.`;
  const dry = await cpx('up', 'grounded', '--dry-run');
  assert.is(dry.code, 0, dry.stderr);
  assert.ok(dry.stdout.includes(`   prompt:\n${told.split('\n').map((l) => (l ? `     ${l}` : '')).join('\n')}\n`), dry.stdout);
  const r = await cpx('up', 'grounded');
  assert.is(r.code, 0, r.stderr);
  assert.equal((await started('pages')).argv.slice(-2), ['--', told]);
  // No prompt, no grounding: claude starts without one.
  assert.not.ok((await started('bare')).argv.includes('--'));
  // A shell task's prompt is a command line: typed as it is.
  const shell = await poll(() => paneTask('notes-shell')?.paneId, { what: 'notes-shell' });
  await poll(() => screen(shell).includes('grounded-42'), { timeout: 15000, what: 'the shell ran the command', pane: [server.socket, shell] });
  assert.not.match(screen(shell), /Match the design|Read these first/);
  // cpx ls shows the task's own prompt.
  assert.is((await taskNamed('pages')).prompt, 'Build the pages.');
}));

test('Errors: nothing starts until the whole file is valid; file:line:column: problem: fix, exit 2', withDeadline(30000, async () => {
  const valid = 'tasks:\n  - {name: fine, cmd: sleep 600}\n';
  const cases: Array<[string, string, RegExp]> = [
    ['cmd-agent', `${valid}  - {name: z, agent: claude, cmd: ls}\n`, /:3:\d+: task 'z' has both 'cmd' and 'agent': /],
    ['arrange', `arrange: grid\n${valid}`, /:1:10: 'arrange' has unknown value 'grid': valid values are windows, tiled, main-vertical, main-horizontal, even-horizontal, even-vertical$/],
    ['type', `${valid}  - name: z\n    prompt: [x]\n`, /:4:13: 'prompt' in task 'z' must be text, not a list: /],
    ['ground', `${valid}  - {name: z, prompt: x, ground_files: [docs/nope.md]}\n`, /:3:\d+: ground file 'docs\/nope\.md' does not exist \(.*\): create it, or remove it from 'ground_files'$/],
    ['session', `session: a.b\n${valid}`, /:1:10: 'session' value 'a\.b' contains ':', '\.' or a control character: /],
  ];
  for (const [name, text, message] of cases) {
    const file = put(join(project, `layouts/bad-${name}.yaml`), text);
    const r = await cpx('up', `bad-${name}`);
    assert.is(r.code, 2, `${name}: ${r.stdout}${r.stderr}`);
    assert.ok(r.stderr.startsWith(`cpx: ${file}:`), r.stderr);
    assert.match(r.stderr.trimEnd(), message, name);
    assert.is(r.stderr.trimEnd().split('\n').length, 1, `${name}: one line`);
    assert.is(r.stdout, '', name);
  }
  assert.not.ok((await tasks()).some((t) => t.name === 'fine'), 'nothing started');
}));

test('Dependencies: `pending (after backend)` in cpx ls and on the border; `cpx done backend` lets the dependent start', withDeadline(40000, async () => {
  put(join(project, 'layouts/chain.yaml'), `session: deps
tasks:
  - name: backend
    cmd: node -e "setInterval(() => {}, 1000)"
  - name: frontend
    after: [backend]
    cmd: fake-agent
`);
  assert.is((await cpx('up', 'chain')).code, 0);
  await poll(() => paneTask('backend')?.state === 'working', { timeout: 15000, what: 'backend working' });
  assert.match((await cpx('ls')).stdout, /^frontend +pending \(after backend\) /m);
  const pane = (await taskNamed('frontend')).paneId;
  server.tmux('new-session', '-d', '-s', 'viewer', '-x', '150', '-y', '30', 'env', '-u', 'TMUX', 'tmux', '-L', server.socket, 'attach', '-t', '=deps');
  try {
    server.tmux('select-window', '-t', `=deps:${server.tmux('display-message', '-p', '-t', pane, '#{window_id}').trim()}`);
    await poll(() => screen('=viewer:').includes('── frontend pending (after backend) '), { what: 'pending on the border', pane: [server.socket, '=viewer:'] });
  } finally {
    server.tmux('kill-session', '-t', '=viewer');
  }
  assert.equal(readAgentEvents(server.home, 'frontend'), [], 'not started yet');
  const done = await cpx('done', 'backend');
  assert.is(done.code, 0, done.stderr);
  assert.is(done.stdout, 'done backend: tasks that run after it can start\n');
  await started('frontend');
  assert.is.not((await taskNamed('frontend')).state, 'pending');
}));

test('Dependencies: cpx new --after starts a single task when its prerequisite exits 0; a non-zero exit blocks it', withDeadline(40000, async () => {
  const go = join(server.home, 'go');
  const wait = `node -e "setInterval(() => { if (require('fs').existsSync('${go}')) process.exit(0) }, 100)"`;
  assert.is((await cpx('new', 'migrate', '--session', 'deps', '--cmd', wait)).code, 0);
  assert.is((await cpx('new', 'seed', '--session', 'deps', '--after', 'migrate', '--cmd', 'fake-agent')).code, 0);
  assert.is((await cpx('new', 'broken', '--session', 'deps', '--cmd', 'false')).code, 0);
  assert.is((await cpx('new', 'needs broken', '--session', 'deps', '--after', 'broken', '--cmd', 'fake-agent')).code, 0);
  const seed = await taskNamed('seed');
  assert.equal([seed.state, seed.after], ['pending', ['migrate']]);
  await poll(() => paneTask('needs broken')?.state === 'blocked', { timeout: 15000, what: 'needs broken blocked' });
  assert.match((await cpx('ls')).stdout, /^needs broken +blocked \(broken exited 1\) /m);
  assert.equal(readAgentEvents(server.home, 'seed'), [], 'seed waits for migrate');
  writeFileSync(go, '');
  await started('seed');
  const migrate = await taskNamed('migrate');
  assert.equal([migrate.state, migrate.exitStatus], ['exited', 0]);
  assert.equal(readAgentEvents(server.home, 'needs broken'), [], 'a blocked task never starts');
}));

test('cpx save writes ./layouts/<name>.yaml; --force overwrites it, leaving no temporary file', withDeadline(20000, async () => {
  const first = await cpx('save', 'sprint', '--session', 'grid');
  assert.is(first.code, 0, first.stderr);
  const file = join(project, 'layouts/sprint.yaml');
  assert.match(first.stdout, new RegExp(`^saved 5 task\\(s\\) to ${file}: start them again with \`cpx up sprint\`\\n$`));
  assert.is((await cpx('kill', 'db', '--session', 'grid')).code, 0);
  const files = readdirSync(join(project, 'layouts')).sort();
  const again = await cpx('save', 'sprint', '--session', 'grid', '--force');
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, /^saved 4 task\(s\)/);
  const saved = readFileSync(file, 'utf8');
  assert.match(saved, /- name: dev\n/);
  assert.not.match(saved, /- name: db\n/);
  assert.equal(readdirSync(join(project, 'layouts')).sort(), files);
}));

test('Exit code 0 when the output goes to a closed pipe', withDeadline(20000, async () => {
  // Far more than a pipe holds: the reader is gone long before cpx has written it all.
  const task = (i: number) => `  - name: long${i}\n    prompt: ${'word '.repeat(20000).trim()}\n`;
  put(join(project, 'layouts/huge.yaml'), `tasks:\n${[1, 2, 3, 4].map(task).join('')}`);
  const r = await execa('bash', ['-c', `"${CPX}" up huge --dry-run | true; echo "cpx exit \${PIPESTATUS[0]}"`], { env: server.env, extendEnv: false, cwd: project, reject: false });
  assert.is(r.stdout, 'cpx exit 0');
  assert.is(r.stderr, '');
}));

test('Colour on a terminal: the FILE header of cpx layouts is well-formed', withDeadline(20000, async () => {
  const env: NodeJS.ProcessEnv = { ...server.env, TERM: 'xterm-256color', FORCE_COLOR: '1' };
  delete env.NO_COLOR;
  const r = await runCpxInPty(['layouts'], { env, cwd: project });
  assert.is(r.code, 0, r.out);
  const [header] = r.out.split('\n');
  assert.match(header, /\x1b\[1mNAME\x1b\[22m/, 'colour is on');
  assert.equal(findSgrProblems(header), []);
}));

test('Exit codes: a refused confirmation (answering n to cpx down) exits 2 and says nothing was killed', withDeadline(20000, async () => {
  const r = await runCpxInPty(['down', 'grid'], { env: server.env, cwd: project, input: 'n\n' });
  assert.match(r.out, /kill \d task\(s\) of layout grid: .*\? \[y\/N\]/);
  assert.ok((await tasks()).some((t) => t.layout === 'grid'), 'nothing killed');
  assert.is(r.code, 2, r.out);
  assert.match(r.out, /nothing was killed \(you answered no\)/);
}));

test.after(() => server.kill());
test.run();
