import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, loadConfig } from '../lib/core/config.js';
import { UsageError } from '../lib/core/errors.js';

const home = mkdtempSync(join(tmpdir(), 'cpx-config-test-'));
process.env.XDG_CONFIG_HOME = join(home, 'config');
const test = suite('config.yaml and CPX_* overrides');
test.after(() => rmSync(home, { recursive: true, force: true }));

let count = 0;
function file(text: string): string {
  const path = join(home, `config-${++count}.yaml`);
  writeFileSync(path, text);
  return path;
}

/** The UsageError message loadConfig throws for this text (and env). */
function failure(text: string, env: NodeJS.ProcessEnv = {}): string {
  const path = file(text);
  try {
    loadConfig(path, env);
  } catch (error) {
    assert.instance(error, UsageError);
    assert.is((error as UsageError).exitCode, 2);
    return (error as Error).message.replace(path, 'FILE');
  }
  throw new Error(`no error for:\n${text}`);
}

test('a missing file gives the defaults', () => {
  const config = loadConfig(join(home, 'nope.yaml'), {});
  assert.equal(config, defaultConfig());
  assert.equal(config.watch, { rescanMs: 2000, idleDebounceMs: 1200, captureDelayMs: 40 });
  assert.equal(config.waiting, { bell: true, message: true, osc: false, notifySend: false, command: undefined });
  assert.equal(config.done, { bell: false, message: true, osc: false, notifySend: false, command: undefined });
  assert.is(config.profiles, join(home, 'config/cpx/profiles'));
});

test('the default path is $XDG_CONFIG_HOME/cpx/config.yaml, and CPX_CONFIG overrides it', () => {
  mkdirSync(join(home, 'config/cpx'), { recursive: true });
  writeFileSync(join(home, 'config/cpx/config.yaml'), 'watch:\n  rescan_ms: 3000\n');
  assert.is(loadConfig(undefined, {}).watch.rescanMs, 3000);
  assert.is(loadConfig(undefined, { CPX_CONFIG: file('watch: {rescan_ms: 4000}\n') }).watch.rescanMs, 4000);
});

test('an empty file or empty sections give the defaults', () => {
  assert.equal(loadConfig(file('# nothing yet\n'), {}), defaultConfig());
  assert.equal(loadConfig(file('waiting:\ndone:\nwatch:\n'), {}), defaultConfig());
});

test('every key is read', () => {
  const config = loadConfig(file(`
watch:
  rescan_ms: 500
  idle_debounce_ms: 0
  capture_delay_ms: 10
waiting:
  bell: false
  message: false
  osc: true
  notify_send: true
  command: notify-me --title "cpx task" 'it is $CPX_TASK'
done:
  bell: true
  message: false
  osc: true
  notify_send: true
  command: [sh, -c, 'echo "$CPX_TASK" >> ~/done.log']
profiles: /opt/cpx-profiles
`), {});
  assert.equal(config, {
    watch: { rescanMs: 500, idleDebounceMs: 0, captureDelayMs: 10 },
    waiting: { bell: false, message: false, osc: true, notifySend: true, command: ['notify-me', '--title', 'cpx task', 'it is $CPX_TASK'] },
    done: { bell: true, message: false, osc: true, notifySend: true, command: ['sh', '-c', 'echo "$CPX_TASK" >> ~/done.log'] },
    profiles: '/opt/cpx-profiles',
  });
});

test('profiles: ~ is the home directory, a relative path is relative to the config file', () => {
  assert.is(loadConfig(file('profiles: ~/agents\n'), {}).profiles, join(homedir(), 'agents'));
  assert.is(loadConfig(file('profiles: agents\n'), {}).profiles, join(home, 'agents'));
});

test('an anchor can share one alert setup between waiting and done', () => {
  const config = loadConfig(file('waiting: &alerts\n  osc: true\n  bell: false\ndone: *alerts\n'), {});
  assert.equal(config.done, config.waiting);
  assert.is(config.done.osc, true);
});

test('environment overrides win over the file', () => {
  const path = file('waiting:\n  bell: true\n  command: from-file\ndone:\n  osc: false\nwatch:\n  idle_debounce_ms: 900\n');
  const config = loadConfig(path, {
    CPX_BELL: '0', CPX_DONE_BELL: '1', CPX_OSC: '1', CPX_NOTIFY_SEND: '1',
    CPX_NOTIFY_COMMAND: "notify-me 'a b'", CPX_IDLE_DEBOUNCE_MS: '2500',
  });
  assert.is(config.waiting.bell, false);
  assert.is(config.done.bell, true);
  assert.equal([config.waiting.osc, config.done.osc, config.waiting.notifySend, config.done.notifySend], [true, true, true, true]);
  assert.equal(config.waiting.command, ['notify-me', 'a b']);
  assert.equal(config.done.command, ['notify-me', 'a b']);
  assert.is(config.watch.idleDebounceMs, 2500);
  // Empty means "not set" for flags; an empty command turns the file's command off.
  const off = loadConfig(path, { CPX_BELL: '', CPX_NOTIFY_COMMAND: '' });
  assert.is(off.waiting.bell, true);
  assert.is(off.waiting.command, undefined);
});

test('bad environment values are usage errors that name the variable', () => {
  assert.is(failure('', { CPX_OSC: 'yes' }), "CPX_OSC must be 0 or 1, not 'yes': set CPX_OSC=1 to turn it on or CPX_OSC=0 to turn it off");
  assert.match(failure('', { CPX_IDLE_DEBOUNCE_MS: '1.5s' }), /^CPX_IDLE_DEBOUNCE_MS must be a whole number of milliseconds, not '1.5s'/);
  assert.is(failure('', { CPX_NOTIFY_COMMAND: "notify 'oops" }), "CPX_NOTIFY_COMMAND has an unterminated ' quote: close the quote");
});

test('a misspelt key points at its line and column and suggests the right one', () => {
  assert.is(failure('# my config\nwating:\n  bell: true\n'), "FILE:2:1: unknown key 'wating': did you mean 'waiting'?");
  assert.is(failure('done:\n  osc: true\n  notifysend: true\n'), "FILE:3:3: unknown key 'notifysend' in 'done': did you mean 'notify_send'?");
  assert.is(failure('watch: {rescan_ms: 100, debounce: 5}\n'), "FILE:1:25: unknown key 'debounce' in 'watch': valid keys are rescan_ms, idle_debounce_ms, capture_delay_ms");
});

test('a value of the wrong type points at the value', () => {
  assert.is(failure('waiting:\n  bell: yes\n'), `FILE:2:9: 'waiting.bell' must be true or false, not "yes": write bell: true or bell: false`);
  assert.is(failure('watch:\n  rescan_ms: 2s\n'), `FILE:2:14: 'watch.rescan_ms' must be a whole number of milliseconds from 100 to 3600000, not "2s": write e.g. rescan_ms: 1000`);
  assert.match(failure('watch:\n  rescan_ms: 10\n'), /^FILE:2:14: 'watch.rescan_ms' must be a whole number of milliseconds from 100/);
  assert.is(failure('done: true\n'), "FILE:1:7: 'done' must be a mapping, not true: write 'done:' and indented keys below it, such as 'bell:'");
  assert.is(failure('- waiting\n'), "FILE:1:1: the config must be a mapping, not a list: write top-level keys such as 'waiting:'");
  assert.match(failure('done:\n  command: {run: x}\n'), /^FILE:2:12: 'done.command' must be a command line or a list of arguments, not a mapping/);
  assert.match(failure('done:\n  command: [ok, [nested]]\n'), /^FILE:2:17: 'done.command' list items must be strings, not a list/);
  assert.is(failure('waiting:\n  command: notify "oops\n'), `FILE:2:12: 'waiting.command' has an unterminated " quote: close the quote`);
});

test('a YAML syntax error has a position', () => {
  assert.is(failure('waiting:\n\tbell: true\n'), 'FILE:2:1: YAML syntax error: Tabs are not allowed as indentation: fix the YAML at that position');
  // yaml points at the value that swallowed the over-indented line.
  assert.is(failure('waiting:\n  bell: true\n   message: false\n'), 'FILE:2:9: YAML syntax error: Nested mappings are not allowed in compact mappings: fix the YAML at that position');
  assert.match(failure('waiting:\n  bell: true\n  bell: false\n'), /^FILE:3:3: YAML syntax error: Map keys must be unique/);
});

test.run();
