// The journal (the record revive will read): private, resilient to a torn record, and an unwritable
// state folder is said before acting (new, up) or as a warning after (kill), never "unexpected error".
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { startServer } from './support/server.js';
import { withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const cpx = (args: string[], env = server.env, input?: string) => runCpx(args, { env, cwd: server.home, input });
const test = suite('the journal');
test.after(() => server.kill());

const journal = join(server.home, 'state/cpx/journal.jsonl');
const records = () => readFileSync(journal, 'utf8').split('\n').filter(Boolean).flatMap((line) => {
  try { return [JSON.parse(line)]; } catch { return []; }
});
const taskNames = () => server.tmux('list-panes', '-a', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{@cpx_task}').split('\n').filter(Boolean);
const blocked = join(server.home, 'a-file');
writeFileSync(blocked, '');
const badState = { ...server.env, XDG_STATE_HOME: join(blocked, 'state') };

test('new records the task in a journal only its owner can read (0600, folder 0700)', withDeadline(15000, async () => {
  const r = await cpx(['new', 'one', '--cmd', "sh -c 'sleep 100000'", 'secret prompt']);
  assert.is(r.code, 0, r.stderr);
  assert.is(statSync(journal).mode & 0o777, 0o600);
  assert.is(statSync(join(server.home, 'state/cpx')).mode & 0o777, 0o700);
  assert.ok(records().some((e) => e.event === 'new' && e.task === 'one'));
}));

test('a torn last record does not swallow the next one', withDeadline(15000, async () => {
  appendFileSync(journal, '{"event":"new","task":"torn","sess');
  const r = await cpx(['new', 'two', '--cmd', "sh -c 'sleep 100000'", 'x']);
  assert.is(r.code, 0, r.stderr);
  assert.ok(records().some((e) => e.event === 'new' && e.task === 'two'), readFileSync(journal, 'utf8'));
}));

test('an unwritable state folder: new and up refuse before starting anything, naming the folder', withDeadline(15000, async () => {
  const r = await cpx(['new', 'three', '--cmd', 'sleep 100000', 'x'], badState);
  assert.is(r.code, 1);
  assert.is(r.stderr, `cpx: cannot write cpx's state folder ${join(blocked, 'state/cpx')} (ENOTDIR): set XDG_STATE_HOME to a writable folder\n`);
  const layout = join(server.home, 'l.yaml');
  writeFileSync(layout, 'name: l\ntasks:\n  - name: four\n    cmd: sleep 100000\n');
  const up = await cpx(['up', layout], badState);
  assert.is(up.code, 1);
  assert.match(up.stderr, /cannot write cpx's state folder/);
  assert.equal(taskNames().sort(), ['one', 'two']);
}));

test('kill with an unwritable state folder kills, then warns in one line naming the journal', withDeadline(15000, async () => {
  const r = await cpx(['kill', 'two'], badState);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, `cpx: warning: could not record 'two' (kill) in the journal ${join(blocked, 'state/cpx/journal.jsonl')} (ENOTDIR): set XDG_STATE_HOME to a writable folder\n`);
  assert.equal(taskNames(), ['one']);
}));

test('a NUL byte in a stdin prompt: one clear line, exit 2, nothing started', withDeadline(15000, async () => {
  const r = await cpx(['new', 'nul', '--cmd', 'sleep 100000', '-'], server.env, 'ab\0cd');
  assert.is(r.code, 2);
  assert.is(r.stderr, "cpx: the text from stdin has a NUL byte at character 3: remove it (e.g. tr -d '\\000')\n");
  assert.equal(taskNames(), ['one']);
}));

test.run();
