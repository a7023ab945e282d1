import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keysForChoice, pickChoice } from '../lib/tasks/answer.js';
import { classifyScreen, type Classification } from '../lib/detect/classify.js';
import { claude } from '../lib/detect/profiles/claude.js';
import { shell } from '../lib/detect/profiles/shell.js';
import { advance, initialState, type Observation, type PaneState } from '../lib/detect/tracker.js';
import { UsageError } from '../lib/core/errors.js';

const DEBOUNCE = 1000;
const test = suite('tracker: advance');

function screen(state: Classification['state'], extra: Partial<Classification> = {}): Classification {
  return { state, kind: '', detail: '', choices: [], selected: 0, numbered: false, rule: 'test', ...extra };
}
const obs = (now: number, s: Classification, more: Partial<Observation> = {}): Observation => ({ now, dead: false, screen: s, ...more });
const state = (name: PaneState['state'], since = 0): PaneState => initialState(since, name, since);
const asking = screen('waiting', { kind: 'permission', detail: 'Bash: touch a', choices: ['1. Yes', '2. No'], numbered: true });

test('waiting is never delayed, from any state, with detail and choices', () => {
  for (const from of ['working', 'idle', 'unknown'] as const) {
    const step = advance(state(from), obs(500, asking), DEBOUNCE);
    assert.ok(step.changed, from);
    assert.is(step.next.state, 'waiting');
    assert.is(step.next.since, 500);
    assert.is(step.next.detail, 'Bash: touch a');
    assert.equal(step.next.choices, ['1. Yes', '2. No']);
    assert.is(step.recheckAt, undefined);
  }
});

test('a new question while waiting is a change; the same one is not', () => {
  const first = advance(state('working'), obs(100, asking), DEBOUNCE).next;
  const same = advance(first, obs(200, asking), DEBOUNCE);
  assert.not.ok(same.changed);
  assert.is(same.next.since, 100);
  const other = advance(first, obs(300, screen('waiting', { detail: 'Edit: b.txt' })), DEBOUNCE);
  assert.ok(other.changed);
  assert.is(other.next.detail, 'Edit: b.txt');
  assert.is(other.next.since, 300);
});

test('idle is debounced: only after idleDebounceMs of idle-looking screens', () => {
  const idle = screen('idle');
  let step = advance(state('working'), obs(1000, idle), DEBOUNCE);
  assert.is(step.next.state, 'working');
  assert.not.ok(step.changed);
  assert.is(step.recheckAt, 1000 + DEBOUNCE);
  step = advance(step.next, obs(1000 + DEBOUNCE - 1, idle), DEBOUNCE);
  assert.is(step.next.state, 'working');
  assert.is(step.recheckAt, 1000 + DEBOUNCE, 'the stretch keeps its start');
  step = advance(step.next, obs(1000 + DEBOUNCE, idle), DEBOUNCE);
  assert.is(step.next.state, 'idle');
  assert.ok(step.changed);
  assert.is(step.next.since, 1000 + DEBOUNCE);
  assert.is(step.recheckAt, undefined);
});

test('a working screen in between restarts the idle stretch', () => {
  const idle = screen('idle');
  let step = advance(state('working'), obs(0, idle), DEBOUNCE);
  step = advance(step.next, obs(600, screen('working')), DEBOUNCE);
  assert.is(step.next.idleSeen, undefined);
  step = advance(step.next, obs(900, idle), DEBOUNCE);
  assert.is(step.recheckAt, 900 + DEBOUNCE);
  step = advance(step.next, obs(1500, idle), DEBOUNCE);
  assert.is(step.next.state, 'working', 'only 600 ms of idle since the restart');
});

test('a Stop hook newer than the last one makes idle immediate', () => {
  const idle = screen('idle');
  let step = advance(state('working'), obs(1000, idle, { hook: { event: 'UserPromptSubmit', time: 900 } }), DEBOUNCE);
  assert.is(step.next.state, 'working');
  assert.is(step.next.lastHook, 900);
  step = advance(step.next, obs(1100, idle, { hook: { event: 'Stop', time: 1050 } }), DEBOUNCE);
  assert.is(step.next.state, 'idle');
  assert.is(step.next.since, 1100);
  assert.is(step.next.turnsDone, 1);
  // A Stop the tracker already saw does not skip the debounce.
  const again = advance({ ...state('working'), lastHook: 1050 }, obs(2000, idle, { hook: { event: 'Stop', time: 1050 } }), DEBOUNCE);
  assert.is(again.next.state, 'working');
  assert.is(again.recheckAt, 2000 + DEBOUNCE);
});

test('hooks decide when the screen says nothing', () => {
  const unknown = screen('unknown');
  const submitted = advance(state('idle'), obs(10, unknown, { hook: { event: 'UserPromptSubmit', time: 10 } }), DEBOUNCE);
  assert.is(submitted.next.state, 'working');
  const stopped = advance(submitted.next, obs(20, unknown, { hook: { event: 'Stop', time: 20 } }), DEBOUNCE);
  assert.is(stopped.next.state, 'idle');
});

test('a dead pane is exited with its exit status in detail', () => {
  for (const from of ['working', 'waiting', 'idle', 'unknown'] as const) {
    const step = advance(state(from), obs(70, asking, { dead: true, exitStatus: 3 }), DEBOUNCE);
    assert.is(step.next.state, 'exited', from);
    assert.is(step.next.detail, 'exit 3');
    assert.equal(step.next.choices, []);
    assert.ok(step.changed);
  }
  assert.is(advance(state('working'), obs(70, screen('idle'), { dead: true }), DEBOUNCE).next.detail, '');
  assert.is(advance(state('working'), obs(70, screen('idle'), { dead: true, exitStatus: 0 }), DEBOUNCE).next.detail, 'exit 0');
});

test('working → idle counts turns; waiting → idle and idle → working do not', () => {
  let st = state('idle');
  let t = 0;
  const work = () => { st = advance(st, obs((t += 10), screen('working')), DEBOUNCE).next; };
  const rest = () => { st = advance(st, obs((t += 10), screen('idle')), DEBOUNCE).next; st = advance(st, obs((t += DEBOUNCE), screen('idle')), DEBOUNCE).next; };
  work();
  assert.is(st.turnsDone, 0);
  rest();
  assert.is(st.state, 'idle');
  assert.is(st.turnsDone, 1);
  work();
  rest();
  assert.is(st.turnsDone, 2);
  st = advance(st, obs((t += 10), asking), DEBOUNCE).next;
  rest();
  assert.is(st.state, 'idle');
  assert.is(st.turnsDone, 2);
});

test('an unknown screen keeps the state (and ends an idle stretch)', () => {
  for (const from of ['working', 'waiting', 'idle', 'exited'] as const) {
    const prev = { ...state(from, 5), detail: 'd' };
    const step = advance(prev, obs(100, screen('unknown')), DEBOUNCE);
    assert.not.ok(step.changed, from);
    assert.is(step.next.state, from);
    assert.is(step.next.since, 5);
    assert.is(step.next.detail, 'd');
  }
  let step = advance(state('working'), obs(0, screen('idle')), DEBOUNCE);
  step = advance(step.next, obs(500, screen('unknown')), DEBOUNCE);
  assert.is(step.next.idleSeen, undefined);
  assert.is(step.recheckAt, undefined);
});

test('idleCommand: a shell at its prompt is idle, another program is working', () => {
  const unknown = screen('unknown');
  // The first look at a fresh shell needs no debounce.
  const fresh = advance(state('unknown'), obs(10, unknown, { idleCommand: true }), DEBOUNCE);
  assert.is(fresh.next.state, 'idle');
  assert.is(fresh.recheckAt, undefined);
  const busy = advance(fresh.next, obs(20, unknown, { idleCommand: false }), DEBOUNCE);
  assert.is(busy.next.state, 'working');
  // Back at the prompt after a command: debounced like any idle.
  const back = advance(busy.next, obs(30, unknown, { idleCommand: true }), DEBOUNCE);
  assert.is(back.next.state, 'working');
  assert.is(back.recheckAt, 30 + DEBOUNCE);
  const done = advance(back.next, obs(30 + DEBOUNCE, unknown, { idleCommand: true }), DEBOUNCE);
  assert.is(done.next.state, 'idle');
  assert.is(done.next.turnsDone, 1);
  // A question on screen beats the foreground command (`read -p` runs inside the shell).
  const q = advance(done.next, obs(5000, screen('waiting', { detail: 'Continue? [y/N]' }), { idleCommand: true }), DEBOUNCE);
  assert.is(q.next.state, 'waiting');
  assert.is(q.next.detail, 'Continue? [y/N]');
});

test('the title is the last resort', () => {
  const step = advance(state('idle'), obs(10, screen('unknown'), { title: 'working' }), DEBOUNCE);
  assert.is(step.next.state, 'working');
  const hooked = advance(state('idle'), obs(10, screen('unknown'), { title: 'idle', hook: { event: 'UserPromptSubmit', time: 10 } }), DEBOUNCE);
  assert.is(hooked.next.state, 'working', 'a hook beats the title');
});

test.run();

// ---------------------------------------------------------------------------------------------------

const answers = suite('answer: pickChoice / keysForChoice');
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures/screens', name), 'utf8');

answers('numbered Claude choices are picked by their digit', () => {
  const r = classifyScreen(fixture('permission-bash.80x24.txt'), claude);
  assert.ok(r.numbered);
  assert.is(r.choices.length, 4);
  const approve = pickChoice(r, undefined, claude, 'approve')!;
  assert.is(approve, 0);
  assert.equal(keysForChoice(r, approve, claude), ['1']);
  assert.equal(keysForChoice(r, pickChoice(r, '3', claude, 'approve')!, claude), ['3']);
  assert.equal(keysForChoice(r, pickChoice(r, 'auto mode', claude, 'approve')!, claude), ['3'], 'by words of the label');
});

answers('--always picks the "always allow" / "don\'t ask again" choice', () => {
  const bash = classifyScreen(fixture('permission-bash.80x24.txt'), claude);
  assert.equal(keysForChoice(bash, pickChoice(bash, undefined, claude, 'always')!, claude), ['2']);
  const fetch = classifyScreen(fixture('permission-webfetch.80x24.txt'), claude);
  assert.match(fetch.choices[1], /don't ask again/);
  assert.is(pickChoice(fetch, undefined, claude, 'always'), 1);
});

answers('--always understands Claude\'s curly apostrophe (don’t ask again)', () => {
  const screen = [
    '─'.repeat(60), ' Bash command', '', '   npm test', '   Run the tests', '',
    ' Do you want to proceed?', ' ❯ 1. Yes', '   2. Yes, and don’t ask again for: npm test *',
    '   3. Yes, and switch to auto mode · auto mode handles these prompts for you', '   4. No', '', ' Esc to cancel · Tab to amend',
  ].join('\n');
  const r = classifyScreen(screen, claude);
  assert.is(r.state, 'waiting');
  assert.is(pickChoice(r, undefined, claude, 'always'), 1);
  assert.equal(keysForChoice(r, 1, claude), ['2']);
});

answers('deny picks "No"; without a "No" choice it means the profile\'s deny keys', () => {
  const bash = classifyScreen(fixture('permission-bash.80x24.txt'), claude);
  const no = pickChoice(bash, undefined, claude, 'deny')!;
  assert.is(bash.choices[no], '4. No');
  assert.equal(keysForChoice(bash, no, claude), ['4']);
  const fetch = classifyScreen(fixture('permission-webfetch.80x24.txt'), claude);
  assert.match(fetch.choices[pickChoice(fetch, undefined, claude, 'deny')!], /^3\. No, and tell Claude/);
  const bare = screen('waiting', { choices: ['1. Yes', '2. Maybe'], numbered: true });
  assert.is(pickChoice(bare, undefined, claude, 'deny'), undefined);
});

answers('an unnumbered dialog (trust) is answered with Up/Down then Enter', () => {
  const r = classifyScreen(fixture('trust-dialog.80x24.txt'), claude);
  assert.is(r.kind, 'trust');
  assert.not.ok(r.numbered);
  assert.equal(r.choices, ['1. No, exit', '2. Yes, I trust this folder']);
  assert.is(r.selected, 0);
  assert.equal(keysForChoice(r, pickChoice(r, '2', claude, 'approve')!, claude), ['Down', 'Enter']);
  assert.equal(keysForChoice(r, pickChoice(r, 'trust', claude, 'approve')!, claude), ['Down', 'Enter']);
  assert.equal(keysForChoice(r, pickChoice(r, undefined, claude, 'deny')!, claude), ['Enter'], 'No, exit is already selected');
  assert.equal(keysForChoice({ ...r, selected: 1 }, 0, claude), ['Up', 'Enter']);
  assert.equal(keysForChoice({ ...r, selected: 1 }, 1, claude), ['Enter']);
});

answers('plain approve on the trust dialog picks "Yes", not the highlighted "No, exit"', () => {
  const r = classifyScreen(fixture('trust-dialog.80x24.txt'), claude);
  const index = pickChoice(r, undefined, claude, 'approve')!;
  assert.is(r.choices[index], '2. Yes, I trust this folder');
  assert.equal(keysForChoice(r, index, claude), ['Down', 'Enter']);
});

answers('shell: numbered `select` menus take the digit and Enter', () => {
  const r = classifyScreen('1) apples\n2) pears\n#? ', { ...shell, regionLines: 3, waiting: [{ kind: 'menu', match: String.raw`^#\? *$` }] });
  assert.is(r.state, 'waiting');
  assert.ok(r.numbered);
  assert.equal(keysForChoice(r, pickChoice(r, 'pears', shell, 'approve')!, shell), ['2', 'Enter']);
});

answers('a choice that is not offered is a usage error naming the choices', () => {
  const r = classifyScreen(fixture('permission-bash.80x24.txt'), claude);
  assert.throws(() => pickChoice(r, '9', claude, 'approve'), (e: Error) => e instanceof UsageError && /no choice '9'.*1\. Yes/.test(e.message));
  const edit = classifyScreen(fixture('permission-edit.80x24.txt'), claude);
  assert.throws(() => pickChoice(edit, undefined, claude, 'always'), (e: Error) => e instanceof UsageError && /no "don't ask again" choice/.test(e.message));
});

answers.run();
