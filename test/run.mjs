// Run every test file in its own process (each has its own tmux server), two at a time, and sum up.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync('test').filter((f) => f.endsWith('.test.ts')).filter((f) => !only.length || only.some((o) => f.includes(o))).sort();
const jobs = Number(process.env.CPX_TEST_JOBS || 2);
let passed = 0;
let failed = 0;
const failures = [];

function runFile(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `test/${file}`], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => {
      const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? 0);
      const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? 0);
      passed += ok;
      failed += Math.max(total - ok, code === 0 ? 0 : 1);
      if (code !== 0 || total !== ok) failures.push(file);
      process.stdout.write(`\n# ${file} (exit ${code})\n${out}`);
      resolve();
    });
  });
}

const queue = [...files];
await Promise.all(Array.from({ length: jobs }, async () => {
  while (queue.length) await runFile(queue.shift());
}));
if (failures.length) console.log(`\nfailed files: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed || failures.length ? 1 : 0);
