// Long prompts (a `git diff` piped in) reach the agent byte-exact through new, up (also a pending task)
// and send, past tmux's 16 kB command limit; past what a program takes as one argument, a clear error.
// Also: the bracketed paste cannot be ended early by the text itself, and names count what a person sees.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCpx, type CliResult } from './support/cli.js';
import { startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';
import { readAgentEvents } from './support/agent-log.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'proj');
mkdirSync(project, { recursive: true });
const cpx = (args: string[], input?: string) => runCpx(args, { env: server.env, cwd: project, input });
const test = suite('long input');
test.after(() => server.kill());

const events = (task: string) => readAgentEvents(server.home, task);
const startOf = (task: string) => until(() => events(task).find((e) => e.event === 'start'), { timeout: 15000, what: `${task} started` });
const promptOf = (argv: string[]) => argv[argv.length - 1];
const taskCount = () => server.tmux('list-panes', '-a', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{@cpx_task}').split('\n').filter(Boolean).length;

/** `size` characters of text tmux and shells would read specially, with lines of every length. */
function hostilePrompt(size: number, seed: number): string {
  const pieces = ['#(touch x)', '#{pane_id}', '##', '#[fg=red]', "'", '"', '$HOME', '`id`', ';', '\\', '\n', '\n# comment\n', '\\\n', '%if 1\n', '~', ' ', 'é', '😀', '\t', 'word'];
  let [text, state] = ['', seed];
  while (text.length < size) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += pieces[state % pieces.length];
  }
  return `${text.slice(0, size - 1)}.`; // stdin drops a final line break: end on text
}

function assertOneLineUsageError(r: CliResult): void {
  assert.is(r.code, 2, r.stderr);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /^cpx: [^\n]+\n$/);
}

/** cpx's command files are private and gone once tmux has read them. */
const commandFiles = () => readdirSync(tmpdir()).filter((f) => f.startsWith('cpx-tmux-'));

test('new: 100 kB prompts as an argument and from stdin reach the agent byte-exact', withDeadline(30000, async () => {
  const leftBefore = commandFiles().length;
  const [a, b] = [hostilePrompt(100_000, 1), hostilePrompt(100_000, 2)];
  const r1 = await cpx(['new', 'big-arg', '--cmd', 'fake-agent', '--', a]);
  assert.is(r1.code, 0, r1.stderr);
  const r2 = await cpx(['new', 'big-stdin', '--cmd', 'fake-agent', '-'], b);
  assert.is(r2.code, 0, r2.stderr);
  assert.is(promptOf((await startOf('big-arg')).argv), a);
  assert.is(promptOf((await startOf('big-stdin')).argv), b);
  const listed = JSON.parse((await cpx(['ls', '--json'])).stdout) as Array<{ name: string; prompt: string }>;
  assert.is(listed.find((t) => t.name === 'big-stdin')?.prompt, b);
  assert.is(commandFiles().length, leftBefore, 'no command file left behind');
}));

test('a prompt past 128 KiB: one line naming the limit and the way out, nothing started', withDeadline(15000, async () => {
  const before = taskCount();
  const r = await cpx(['new', 'huge', '--cmd', 'fake-agent', '-'], 'x'.repeat(140_000));
  assertOneLineUsageError(r);
  assert.match(r.stderr, /136\.7 KiB, more than the 128 KiB.*save the text to a file/);
  const layout = join(project, 'huge.yaml');
  writeFileSync(layout, `name: huge\ntasks:\n  - name: fine\n    cmd: [fake-agent]\n    prompt: ok\n  - name: huge\n    cmd: [fake-agent]\n    prompt: ${'y'.repeat(140_000)}\n`);
  for (const args of [['up', layout, '--dry-run'], ['up', layout]]) {
    const up = await cpx(args);
    assert.is(up.code, 2, up.stderr);
    assert.match(up.stderr, /huge\.yaml: task 'huge': the prompt is 136\.7 KiB/);
  }
  assert.is(taskCount(), before);
}));

test('up: a 100 kB prompt, and a pending task with one, started by the watcher, arrive exact', withDeadline(40000, async () => {
  const [first, second] = [hostilePrompt(100_000, 3), hostilePrompt(100_000, 4)];
  const layout = join(project, 'long.yaml');
  writeFileSync(layout, `name: long\ntasks:\n  - name: first\n    cmd: [fake-agent]\n    prompt: ${JSON.stringify(first)}\n  - name: second\n    cmd: [fake-agent]\n    after: [first]\n    prompt: ${JSON.stringify(second)}\n`);
  const r = await cpx(['up', layout]);
  assert.is(r.code, 0, r.stderr);
  assert.is(promptOf((await startOf('first')).argv), first);
  assert.is((await cpx(['done', 'first'])).code, 0);
  assert.is(promptOf((await startOf('second')).argv), second);
}));

test('send: 100 kB through stdin arrives as one message, exact', withDeadline(30000, async () => {
  assert.is((await cpx(['new', 'reader', '--cmd', 'fake-agent'])).code, 0);
  await startOf('reader');
  const text = hostilePrompt(100_000, 5).replace(/\r/g, '');
  const r = await cpx(['send', 'reader', '-'], text);
  assert.is(r.code, 0, r.stderr);
  const got = await until(() => events('reader').find((e) => e.event === 'input'), { timeout: 20000, what: 'the message' });
  assert.is(got.text.length, text.length);
  assert.ok(got.text === text, 'the text arrives exact');
}));

test("send: the paste's end marker inside the text cannot end the paste early", withDeadline(20000, async () => {
  assert.is((await cpx(['new', 'paster', '--cmd', 'fake-agent'])).code, 0);
  await startOf('paster');
  // Without stripping, "evil" would arrive as keys after the paste ended: ESC (an interrupt) and more.
  for (const text of ['a\x1b[201~\x1b evil', 'b\x1b[20\x1b[201~1~ nested', '\x1b[200~c']) {
    const r = await cpx(['send', 'paster', '--', text]);
    assert.is(r.code, 0, r.stderr);
  }
  const inputs = await until(() => { const i = events('paster').filter((e) => e.event === 'input').map((e) => e.text); return i.length === 3 && i; }, { what: 'three messages' });
  assert.equal(inputs, ['a\x1b evil', 'b nested', 'c']);
  assert.is(events('paster').filter((e) => e.event === 'escape').length, 0, 'no key arrived outside the paste');
}));

test('names: 60 emoji and a joined emoji are fine and align in ls; 101 are too long', withDeadline(45000, async () => {
  for (const name of ['😀'.repeat(60), '👩‍💻 dev', 'x']) {
    const r = await cpx(['new', '--cmd', 'sleep 600', '--', name]);
    assert.is(r.code, 0, `${name}: ${r.stderr}`);
  }
  assertOneLineUsageError(await cpx(['new', '--cmd', 'sleep 600', '--', '😀'.repeat(101)]));
  // Every row's STATE column starts at the same column, as tmux itself draws the text before it.
  const table = (await runCpx(['ls'], { env: { ...server.env, COLUMNS: '300' }, cwd: project })).stdout.split('\n').filter(Boolean);
  const rows = table.filter((l) => /^(NAME|😀|👩|x )/.test(l));
  assert.is(rows.length, 4, table.join('\n'));
  const columns = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const file = join(server.home, `row-${i}`);
    writeFileSync(file, row.slice(0, row.search(/(STATE|working|unknown|idle) /)));
    const pane = server.tmux('new-window', '-d', '-P', '-F', '#{pane_id}', '-t', 'keep:', 'cat', file, '-', '/dev/null').trim();
    columns.add(await until(() => { const x = server.tmux('display-message', '-p', '-t', pane, '#{cursor_x}').trim(); return x !== '0' && x; }, { what: `row ${i} drawn` }));
    server.tmux('kill-pane', '-t', pane);
  }
  assert.is(columns.size, 1, `${[...columns]}\n${table.join('\n')}`);
}));

test('property: prompts of any length up to 20 kB from a hostile alphabet arrive exact', withDeadline(90000, async () => {
  let n = 0;
  await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 1e6 }), async (size, seed) => {
    const name = `p${n++}`;
    const prompt = hostilePrompt(size, seed);
    const r = await cpx(['new', name, '--cmd', 'fake-agent', '-'], prompt);
    assert.is(r.code, 0, r.stderr);
    assert.ok(promptOf((await startOf(name)).argv) === prompt, `prompt of ${size} characters`);
  }), { numRuns: 8, endOnFailure: true, includeErrorInReport: true });
}));

test.run();
