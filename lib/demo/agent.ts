// A simulated coding agent for `cpx demo`: it draws screens in Claude Code's style (so the claude
// profile reads it), works for a while, asks for an approval, waits, finishes. It never runs anything.
// Usage: demo-agent [--work SECONDS] [--ask COMMAND] [--then SECONDS] [--fail] [--] [prompt]

interface Script {
  work: number;
  ask?: string;
  then: number;
  fail: boolean;
  prompt: string;
}

type Mode = 'working' | 'asking' | 'idle';

function parseArgs(argv: string[]): Script {
  const script: Script = { work: 4, then: 3, fail: false, prompt: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--work') script.work = Number(argv[++i]);
    else if (arg === '--then') script.then = Number(argv[++i]);
    else if (arg === '--ask') script.ask = argv[++i];
    else if (arg === '--fail') script.fail = true;
    else if (arg === '--') { script.prompt = argv.slice(i + 1).join(' '); break; }
    else script.prompt = [script.prompt, arg].filter(Boolean).join(' ');
  }
  return script;
}

const script = parseArgs(process.argv.slice(2));
const task = process.env.CPX_TASK ?? 'demo';
const log: string[] = [];
const SPINNER = ['·', '✢', '✳', '✶', '✻', '✽'];
let mode: Mode = 'working';
let tick = 0;
let started = Date.now();
let typed = '';
let asked = false;

function width(): number {
  return Math.max(40, process.stdout.columns || 80);
}

function inputBox(footer: string): string[] {
  const rule = '─'.repeat(width());
  return [rule, `❯ ${typed}`, rule, `  ⏸ manual mode on · ${footer}`];
}

function dialog(command: string): string[] {
  const dashes = '╌'.repeat(width());
  return [
    '─'.repeat(width()), ' Bash command', ` Simulated step for: ${task}`, dashes, ` ${command}`, dashes,
    ' Do you want to proceed?', ' ❯ 1. Yes', `   2. Yes, and don't ask again for: ${command}`, '   3. No', '', ' Esc to cancel',
  ];
}

function draw(): void {
  const rows = process.stdout.rows || 24;
  const top = [` ✻ cpx demo agent · ${task}`, '', ...(script.prompt ? [...script.prompt.split('\n').map((l, i) => `${i ? ' ' : '❯'} ${l}`), ''] : []), ...log.map((l) => `● ${l}`)];
  let bottom: string[];
  if (mode === 'asking') bottom = dialog(script.ask!);
  else if (mode === 'working') {
    const seconds = Math.floor((Date.now() - started) / 1000);
    bottom = [`${SPINNER[tick % SPINNER.length]} Working… (${seconds}s)`, '', ...inputBox('esc to interrupt')];
  } else bottom = ['', ...inputBox('? for shortcuts')];
  const room = Math.max(0, rows - bottom.length);
  const body = top.slice(-room);
  const lines = [...body, ...Array(room - body.length).fill(''), ...bottom];
  process.stdout.write(`\x1b[H\x1b[2J${lines.map((l) => l.slice(0, width())).join('\r\n')}`);
}

function finishTurn(): void {
  if (script.fail) {
    process.stdout.write('\r\n\x1b[31mdemo agent: simulated failure\x1b[0m\r\n');
    process.exit(1);
  }
  log.push('Done. (Nothing was changed: this is a simulation.)');
  mode = 'idle';
  draw();
}

function work(seconds: number, next: () => void): void {
  mode = 'working';
  started = Date.now();
  const timer = setInterval(() => { tick++; draw(); }, 250);
  setTimeout(() => { clearInterval(timer); next(); }, seconds * 1000);
  draw();
}

function ask(): void {
  asked = true;
  mode = 'asking';
  draw();
}

function answer(yes: boolean): void {
  if (!yes) {
    log.push(`Did not run ${script.ask}: Interrupted · What should the agent do instead?`);
    mode = 'idle';
    return draw();
  }
  log.push(`Ran ${script.ask} (simulated)`);
  work(script.then, finishTurn);
}

function onKey(key: string): void {
  if (key === '\x03') process.exit(130);
  if (mode === 'asking') {
    if (key === '1' || key === '2' || key === '\r') answer(true);
    else if (key === '3' || key === '\x1b') answer(false);
    return;
  }
  if (mode === 'idle') {
    if (key === '\r' && typed) { log.push(`You said: ${typed}`); typed = ''; work(2, finishTurn); }
    else if (key === '\x7f') typed = typed.slice(0, -1);
    else if (key >= ' ') typed += key;
    draw();
  }
}

if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (data: string) => {
  for (const key of data.replace(/\x1b\[20[01]~/g, '')) onKey(key);
});
process.stdout.on('resize', draw);
work(script.work, () => (script.ask && !asked ? ask() : finishTurn()));
