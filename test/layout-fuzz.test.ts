// Layout documents as a property: whatever a file holds (the shipped examples with typos, cut lines,
// hostile characters, odd indentation; any YAML value), reading it either gives a layout or one
// LayoutError line `file:line:col: problem: fix` pointing inside the file, never a crash; and through
// bin/cpx, `up` either starts every task or nothing. (Panes are listed without the watcher's session,
// which links every task window a second time.)
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { LayoutError, UsageError } from '../lib/core/errors.js';
import { parseLayout } from '../lib/layout/read.js';
import { validateLayout } from '../lib/layout/validate.js';
import { planLayout } from '../lib/layout/plan.js';
import { runCpx } from './support/cli.js';
import { ROOT, startServer } from './support/server.js';
import { withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const test = suite('layout documents (property)');
test.after(() => server.kill());

const examples = readdirSync(join(ROOT, 'layouts')).filter((f) => /\.ya?ml$/.test(f))
  .map((f) => readFileSync(join(ROOT, 'layouts', f), 'utf8'));
const HOSTILE = ['#', '#(touch x)', '#{pane_id}', ':', ': ', '- ', '\t', '\n', '  ', '"', "'", '{', '}', '[', ']', '&a', '*a', '!!str ', '|', '>', '%', '@', '`', '\\', '\0', '\u0085', '\u202e', '😀', 'nmae', 'promt', 'after', 'tasks', '~'];

/** One edit of the text: insert, delete, replace, duplicate or drop a line, re-indent. */
const edit = fc.oneof(
  fc.tuple(fc.constant('insert'), fc.nat(), fc.constantFrom(...HOSTILE)),
  fc.tuple(fc.constant('delete'), fc.nat(), fc.integer({ min: 1, max: 8 })),
  fc.tuple(fc.constant('replace'), fc.nat(), fc.constantFrom(...HOSTILE)),
  fc.tuple(fc.constant('line'), fc.nat(), fc.constantFrom('duplicate', 'drop', 'indent', 'dedent')),
);
type Edit = [string, number, string | number];

function apply(text: string, [kind, at, arg]: Edit): string {
  if (kind === 'line') {
    const lines = text.split('\n');
    const i = at % lines.length;
    if (arg === 'duplicate') lines.splice(i, 0, lines[i]);
    else if (arg === 'drop') lines.splice(i, 1);
    else lines[i] = arg === 'indent' ? `  ${lines[i]}` : lines[i].replace(/^ {1,2}/, '');
    return lines.join('\n');
  }
  const i = at % (text.length + 1);
  if (kind === 'insert') return text.slice(0, i) + String(arg) + text.slice(i);
  if (kind === 'delete') return text.slice(0, i) + text.slice(i + Number(arg));
  return text.slice(0, i) + String(arg) + text.slice(i + String(arg).length);
}

const mutated = fc.tuple(fc.constantFrom(...examples), fc.array(edit, { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => edits.reduce((t, e) => apply(t, e as Edit), text));

const FILE = join(ROOT, 'layouts', 'fuzz.yaml');

/** A layout, or the one-line error; anything else (a TypeError, a position outside the text) fails. */
function outcome(text: string): 'ok' | string {
  try {
    planLayout(validateLayout(parseLayout(FILE, text), { cwd: ROOT }));
    return 'ok';
  } catch (error) {
    if (!(error instanceof LayoutError || error instanceof UsageError)) throw error;
    const message = (error as Error).message;
    assert.is(message.split('\n').length, 1, message);
    assert.is((error as LayoutError).exitCode, 2);
    const at = new RegExp(`^${FILE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+): .+: .+`).exec(message);
    if (at) {
      const lines = text.split('\n');
      const [line, col] = [Number(at[1]), Number(at[2])];
      assert.ok(line >= 1 && line <= lines.length + 1, `line ${line} of ${lines.length}: ${message}`);
      assert.ok(col >= 1 && col <= (lines[line - 1] ?? '').length + 2, `column ${col}: ${message}`);
    } else {
      assert.match(message, /^\S.*: .+/, message);
    }
    return message;
  }
}

test('property: an edited example reads as a layout or as one positioned error line', () => {
  let [valid, invalid] = [0, 0];
  fc.assert(fc.property(mutated, (text) => { if (outcome(text) === 'ok') valid++; else invalid++; }), { numRuns: 400 });
  console.log(`  400 edited layouts: ${valid} valid, ${invalid} one-line errors`);
  assert.ok(invalid > 100, 'the edits do break layouts');
});

test('property: any YAML value as a layout, or as a task, is a layout or one error line', () => {
  fc.assert(fc.property(fc.anything({ maxDepth: 3 }), (value) => {
    outcome(stringify(value) ?? ''); // undefined: an empty file
    outcome(stringify({ name: 'x', tasks: [value] }));
    outcome(stringify({ name: 'x', tasks: [{ name: 't', prompt: 'p', ...(value && typeof value === 'object' ? value : { after: value }) }] }));
  }), { numRuns: 300 });
});

const project = join(server.home, 'proj');
mkdirSync(project, { recursive: true });
const BASE = `name: fuzz
env:
  MODE: test
ground: Keep it small.
tasks:
  - name: api
    cmd: [fake-agent]
    prompt: Build the API.
  - name: web
    cmd: [fake-agent]
    after: [api]
    prompt: Build the page.
  - name: docs
    cmd: [fake-agent]
    window: side
    prompt: Write the docs.
`;
const taskNames = () => server.tmux('list-panes', '-a', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{@cpx_task}').split('\n').filter(Boolean);

test('property: bin/cpx up of an edited layout starts all of its tasks or none', withDeadline(120000, async () => {
  const edited = fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => edits.reduce((t, e) => apply(t, e as Edit), BASE));
  let [run, started] = [0, 0];
  await fc.assert(fc.asyncProperty(edited, async (text) => {
    const file = join(project, `l${run++}.yaml`);
    writeFileSync(file, text);
    assert.equal(taskNames(), [], "clean before");
    const r = await runCpx(["up", file], { env: server.env, cwd: project });
    const names = taskNames();
    assert.not.match(r.stderr, /unexpected error/);
    if (r.code !== 0) {
      assert.is(r.code, 2, r.stderr);
      assert.match(r.stderr, /^cpx: [^\n]+\n$/);
      assert.equal(names, [], `nothing started:\n${text}`);
      return;
    }
    started++;
    const layout = validateLayout(parseLayout(file, text), { cwd: project });
    assert.equal([...names].sort(), layout.tasks.map((t) => t.name).sort(), `every task started (${names.join(", ")}):\n${r.stdout}${r.stderr}\n${text}`);
    const down = await runCpx(['down', file, '--yes'], { env: server.env, cwd: project });
    assert.is(down.code, 0, down.stderr);
    assert.equal(taskNames(), []);
  }), { numRuns: 20, endOnFailure: true, includeErrorInReport: true, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
  console.log(`  20 edited layouts through cpx up: ${started} started whole, ${20 - started} refused with one line`);
}));

test.run();
