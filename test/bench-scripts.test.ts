// `npm run bench` names a script that exists, and bench/run.sh knows every benchmark it lists.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './support/server.js';

const test = suite('bench scripts');

test('npm run bench runs bench/run.sh; every default benchmark it runs is a script', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const script = /^bash (\S+)$/.exec(pkg.scripts.bench)?.[1];
  assert.ok(script && existsSync(join(ROOT, script)), `npm run bench: ${pkg.scripts.bench}`);
  const runner = readFileSync(join(ROOT, 'bench/run.sh'), 'utf8');
  const defaults = /names=\(([^)]*)\)\n/.exec(runner.split('[ ${#names[@]} -gt 0 ] || ')[1])![1].split(' ');
  assert.ok(defaults.length >= 5);
  for (const name of defaults) assert.ok(existsSync(join(ROOT, `bench/${name}.sh`)), `bench/${name}.sh`);
});

test('an unknown benchmark: exit 2 and the names it knows', () => {
  const r = spawnSync('bash', [join(ROOT, 'bench/run.sh'), 'nosuch'], { encoding: 'utf8' });
  assert.is(r.status, 2);
  assert.match(r.stderr, /no benchmark 'nosuch' \(have: ls status complete watch up\)/);
});

test.run();
