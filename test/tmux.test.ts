import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NoServerError, TargetNotFoundError } from '../lib/core/errors.js';
import { batch, escapeArg, run, selectServer } from '../lib/tmux/runner.js';
import { versionAtLeast } from '../lib/tmux/version.js';
import { runCommands } from '../lib/watch/follow.js';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { splitCommandLine } from '../lib/core/argv.js';
import { startServer } from './support/server.js';
import { withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
selectServer(server.socket);
const test = suite('lib/tmux/runner');

test.after(() => server.kill());

test('values with trailing ";", "\\;", quotes, newlines and unicode are stored exactly', withDeadline(10000, async () => {
  const values = ['ends;', 'ends\\;', ';', '-x "it\'s $(rm -rf ~)"', 'two\nlines\ttab', 'ünï 漢字 ✓', '#{pane_id} ##'];
  await batch(values.map((v, i) => ['set-option', '-p', '-t', 'keep:', `@v${i}`, v]));
  for (const [i, v] of values.entries()) {
    const out = await run(['show-options', '-p', '-v', '-t', 'keep:', `@v${i}`]);
    assert.is(out.replace(/\n$/, ''), v);
  }
}));

test('escapeArg only touches a trailing semicolon', () => {
  assert.is(escapeArg('a;b'), 'a;b');
  assert.is(escapeArg('a;'), 'a\\;');
});

test('typed errors: unknown target, no server', withDeadline(10000, async () => {
  try {
    await run(['send-keys', '-t', '%999', 'x']);
    assert.unreachable('should fail');
  } catch (error) {
    assert.instance(error, TargetNotFoundError);
  }
  selectServer(`cpx-t-${process.pid}-none`);
  try {
    await run(['list-sessions']);
    assert.unreachable('should fail');
  } catch (error) {
    assert.instance(error, NoServerError);
  } finally {
    selectServer(server.socket);
  }
}));

test("the watcher's session commands never start a server that is gone (tmux -N)", withDeadline(10000, async () => {
  const socket = `cpx-t-${process.pid}-nostart`;
  selectServer(socket);
  try {
    const reply = await runCommands([['new-session', '-d', '-s', 'cpx-watch', 'sleep', '100']]);
    assert.is(reply.ok, false);
    const failed = await batch([['new-session', '-d', '-s', 'x', 'sleep', '100']], { noStart: true }).then(() => undefined, (error: unknown) => error);
    assert.instance(failed, NoServerError);
    assert.not.ok(existsSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, socket)), 'no server was started');
  } finally {
    selectServer(server.socket);
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' }); // only if the check failed: ours then
  }
}));

test('versionAtLeast compares tmux versions', () => {
  assert.ok(versionAtLeast('3.3a', '3.2'));
  assert.ok(versionAtLeast('3.2', '3.2'));
  assert.not.ok(versionAtLeast('3.1c', '3.2'));
  assert.ok(versionAtLeast('3.10', '3.2'));
});

test('splitCommandLine splits like a shell without expanding', () => {
  assert.equal(splitCommandLine(`aider --model "gpt 4" 'a b' c\\ d "$(x)" ''`), ['aider', '--model', 'gpt 4', 'a b', 'c d', '$(x)', '']);
  assert.equal(splitCommandLine(`"say \\"hi\\""`), ['say "hi"']);
  assert.throws(() => splitCommandLine(`a 'b`), /unterminated ' quote/);
});

test.run();
