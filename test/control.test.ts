import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ControlClient } from '../lib/tmux/control.js';
import { selectServer } from '../lib/tmux/runner.js';
import { startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
selectServer(server.socket);
const test = suite('lib/tmux/control: ControlClient');

const outputs: string[] = [];
const notices: string[] = [];
let exitCode: number | null | undefined;
let exited = false;
let client: ControlClient;
// A pane of the attached session that runs a plain shell the tests can type into.
let pane = '';

test.before(async () => {
  server.tmux('new-session', '-d', '-s', 'ctl', '-x', '120', '-y', '30', 'sh');
  pane = server.tmux('display-message', '-p', '-t', '=ctl:', '#{pane_id}').trim();
  client = new ControlClient([['attach-session', '-t', '=ctl']], {
    onOutput: (id) => outputs.push(id),
    onNotice: (line) => notices.push(line),
    onExit: (code) => { exited = true; exitCode = code; },
  });
});
test.after(() => {
  client.close();
  server.kill();
});

test('several commands in one send get their replies in order', withDeadline(10000, async () => {
  const replies = await client.send([
    ['display-message', '-p', 'first'],
    ['display-message', '-p', '-t', pane, '#{pane_id}'],
    ['list-sessions', '-F', '#{session_name}'],
    ['display-message', '-p', 'fourth'],
  ]);
  assert.equal(replies.map((r) => r.ok), [true, true, true, true]);
  assert.equal(replies[0].lines, ['first']);
  assert.equal(replies[1].lines, [pane]);
  assert.equal(replies[2].lines.sort(), ['ctl', 'keep']);
  assert.equal(replies[3].lines, ['fourth']);
}));

test('a failing command gets ok=false without shifting the others', withDeadline(10000, async () => {
  const replies = await client.send([
    ['display-message', '-p', 'before'],
    ['send-keys', '-t', '%9999', 'x'],
    ['display-message', '-p', 'after'],
  ]);
  assert.equal(replies.map((r) => r.ok), [true, false, true]);
  assert.match(replies[1].lines.join('\n'), /can't find pane/);
  assert.equal(replies[2].lines, ['after']);
  // Sends that overlap still resolve in order.
  const [a, b] = await Promise.all([client.send([['display-message', '-p', 'A']]), client.send([['display-message', '-p', 'B']])]);
  assert.equal([a[0].lines, b[0].lines], [['A'], ['B']]);
}));

test('%output of a pane in the attached session reaches onOutput', withDeadline(10000, async () => {
  outputs.length = 0;
  server.tmux('send-keys', '-t', pane, 'echo out-$((6*7))', 'Enter');
  await until(() => server.tmux('capture-pane', '-p', '-t', pane).includes('out-42'), { what: 'echo ran', pane: [server.socket, pane] });
  await until(() => outputs.includes(pane), { what: `%output for ${pane} (got ${outputs.join(',')})` });
  // A pane of another session is not reported.
  server.tmux('new-session', '-d', '-s', 'other', 'sh');
  const other = server.tmux('display-message', '-p', '-t', '=other:', '#{pane_id}').trim();
  server.tmux('send-keys', '-t', other, 'echo other-$((6*7))', 'Enter');
  await until(() => server.tmux('capture-pane', '-p', '-t', other).includes('other-42'), { what: 'echo in other ran', pane: [server.socket, other] });
  const [reply] = await client.send([['display-message', '-p', 'sync']]);
  assert.ok(reply.ok);
  assert.not.ok(outputs.includes(other), `outputs: ${outputs.join(',')}`);
}));

test('screen text that looks like %end or %begin does not end a block early', withDeadline(10000, async () => {
  server.tmux('send-keys', '-t', pane, `clear; printf '%s\\n' '%end 1 2 1' '%error 1 2 1' '%begin 1 2 1' "%end-marker-$((1+1))"`, 'Enter');
  await until(() => server.tmux('capture-pane', '-p', '-t', pane).includes('%end-marker-2'), { what: 'markers printed', pane: [server.socket, pane] });
  const replies = await client.send([['capture-pane', '-p', '-t', pane], ['display-message', '-p', 'next']]);
  assert.ok(replies[0].ok);
  const lines = replies[0].lines;
  for (const marker of ['%end 1 2 1', '%error 1 2 1', '%begin 1 2 1', '%end-marker-2']) assert.ok(lines.includes(marker), `${marker} in ${JSON.stringify(lines)}`);
  assert.ok(lines.indexOf('%end-marker-2') > lines.indexOf('%end 1 2 1'));
  assert.equal(replies[1].lines, ['next']);
}));

test('arguments with spaces, quotes, $, #, ; and unicode round-trip', withDeadline(10000, async () => {
  const values = [
    'two words', "it's", 'say "hi"', `both ' and "`, '$HOME', 'cost $5 ${x}', '#{pane_id}', '# not a comment', 'a;b', 'ends;',
    ';', 'ünï 漢字 ✓ 🚀', '~', '~/x', '', ' lead and trail ', '\\back\\slash', '{ brace }', '%if', '-dash', 'tab\there',
  ];
  const replies = await client.send(values.flatMap((v, i) => [
    ['set-option', '-t', '=ctl:', `@q${i}`, v],
    ['show-options', '-v', '-t', '=ctl:', `@q${i}`],
  ]));
  for (const [i, v] of values.entries()) {
    assert.ok(replies[2 * i].ok, `set ${JSON.stringify(v)}: ${replies[2 * i].lines.join(' ')}`);
    assert.is(replies[2 * i + 1].lines.join('\n'), v, `value ${JSON.stringify(v)}`);
  }
  // And tmux itself agrees (not just our reading of it).
  assert.is(server.tmux('show-options', '-v', '-t', '=ctl:', '@q4').replace(/\n$/, ''), '$HOME');
}));

test('a newline in an argument is refused, and the client keeps working', withDeadline(10000, async () => {
  for (const bad of ['two\nlines', 'cr\rhere']) {
    let error: unknown;
    try {
      await client.send([['set-option', '-t', '=ctl:', '@bad', bad]]);
    } catch (e) {
      error = e;
    }
    assert.instance(error, Error, `refused ${JSON.stringify(bad)}`);
    assert.match((error as Error).message, /line break/);
  }
  const [reply] = await client.send([['display-message', '-p', 'still fine']]);
  assert.equal(reply.lines, ['still fine']);
  assert.not.ok(server.tmux('show-options', '-t', '=ctl:').includes('@bad'));
}));

test('a client of a server that is not running exits at once', withDeadline(10000, async () => {
  const socket = `cpx-t-${process.pid}-no-such-server`;
  selectServer(socket);
  let done = false;
  const lonely = new ControlClient([['attach-session']], { onExit: () => { done = true; } });
  selectServer(server.socket);
  try {
    await until(() => done, { what: 'onExit of a client without a server' });
    const [reply] = await lonely.send([['display-message', '-p', 'x']]);
    assert.is(reply.ok, false);
  } finally {
    // tmux -C starts a server for its command, which exits at once but leaves its socket file.
    rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, socket), { force: true });
  }
}));

test('onExit fires when the server is killed, and pending sends resolve', withDeadline(10000, async () => {
  assert.not.ok(exited);
  assert.ok(client.pid! > 1);
  server.tmux('kill-server');
  await until(() => exited, { what: 'onExit after kill-server' });
  assert.ok(client.closed);
  assert.ok(exitCode === 0 || exitCode === null || typeof exitCode === 'number');
  const [reply] = await client.send([['display-message', '-p', 'x']]);
  assert.is(reply.ok, false);
}));

test.run();
