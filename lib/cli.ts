// Commander wiring only: each action lazy-imports its command; one catch reports and sets the exit code.
// (bin/cpx.ts loads this for every command except the hook fast path.)
import { Command, Option } from 'commander';
import { CpxError } from './core/errors.js';
import { report } from './core/report.js';
import { decideColor } from './core/output.js';
import { requireSocketName, selectServer } from './tmux/runner.js';
import { VERSION } from './core/version.js';

type Action = (...args: any[]) => Promise<number | void>;

// Commands that read or change tasks make sure a watcher runs afterwards (one was maybe killed):
// all but these, which touch no task or manage the watcher themselves.
const NO_WATCHER_CHECK = new Set(['watch', 'completion', 'keys', 'demo', 'help']);
let ranCommand: string | undefined;

function lazy(load: () => Promise<{ default: Action }>): (...args: any[]) => Promise<void> {
  return async (...args: any[]) => {
    const command = await load();
    const code = await command.default(...args);
    if (typeof code === 'number') process.exitCode = code;
  };
}

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

const sessionOption = () => new Option('-s, --session <name>', 'the tmux session holding the task (when names repeat across sessions)');

export function buildProgram(): Command {
  const program = new Command('cpx')
    .description('Run many AI coding-agent tasks in parallel inside tmux, and never lose track of them.')
    .version(VERSION, '-V, --version')
    .option('-L, --socket <name>', 'use a private tmux server, like tmux -L (env: CPX_SOCKET)')
    .option('--no-color', 'plain output (also NO_COLOR=1, TERM=dumb)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`cpx: ${text.replace(/^error: /, '').trim()}\n`) });

  program.hook('preAction', (_root, action) => {
    ranCommand = action.name();
    const opts = program.opts();
    const path = opts.socket ? undefined : process.env.CPX_SOCKET_PATH;
    if (opts.socket) requireSocketName(opts.socket, '-L');
    else if (!path && process.env.CPX_SOCKET) requireSocketName(process.env.CPX_SOCKET, 'CPX_SOCKET');
    selectServer(opts.socket ?? process.env.CPX_SOCKET, path);
    decideColor({ color: opts.color, json: action.opts().json });
  });

  program.command('new')
    .description('start an agent task in a new tmux window (or pane) with a labeled border')
    .argument('<name>', 'task name: a label, may contain spaces and unicode')
    .argument('[prompt...]', "the task's prompt ('-' reads it from stdin)")
    .option('-d, --dir <path>', 'working directory (default: current directory)')
    .option('-a, --agent <name>', 'agent to run: claude (default) or shell')
    .option('-c, --cmd <command>', "any other program, split like a shell would (no shell runs); the prompt is appended")
    .option('-p, --pane', "split the session's current window instead of opening a new window")
    .addOption(new Option('-s, --session <name>', 'tmux session to use (created if missing)'))
    .option('-e, --env <KEY=VALUE>', 'set a variable in the agent\'s environment (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--agent-args <args>', "extra arguments for the agent, split like a shell would, e.g. '--permission-mode plan'")
    .option('--after <tasks>', 'start only when these tasks (comma-separated, same session) have finished')
    .option('--attach', 'go to the task after starting it')
    .option('--json', 'print the started task as JSON')
    .addHelpText('after', examples([
      'cpx new auth "Build login and signup with the existing session middleware"',
      'cpx new signup --pane "Build the signup form"',
      'cpx new logs --agent shell "tail -f log/dev.log"',
      "cpx new review --cmd 'aider --yes' 'Review the diff'",
      "cpx new plan-it --agent-args '--permission-mode plan' 'Plan the billing rewrite'",
    ]))
    .action(lazy(() => import('./commands/new.js')));

  program.command('ls')
    .alias('list')
    .description('list every task with its state, place and prompt')
    .option('--json', 'print an array of task objects')
    .option('-w, --waiting', 'only tasks waiting for you')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx ls', 'cpx ls --json | jq -r \'.[] | select(.state=="waiting") | .name\'']))
    .action(lazy(() => import('./commands/ls.js')));

  program.command('attach')
    .description("go to a task's pane (switch-client inside tmux, attach-session outside)")
    .argument('[name]', "task name (default: this directory's cpx session)")
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx attach auth', 'cpx attach']))
    .action(lazy(() => import('./commands/attach.js')));

  program.command('send')
    .description('type text into a task and press Enter (several lines arrive as one message)')
    .argument('<name>', 'task name')
    .argument('<text...>', "text to type ('-' reads it from stdin)")
    .option('--no-enter', 'type the text but do not submit it')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx send auth "Also add a logout button"', 'git diff | cpx send review -']))
    .action(lazy(() => import('./commands/send.js')));

  program.command('interrupt')
    .description('press Escape in a task (stops Claude Code early)')
    .argument('<name>', 'task name')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx interrupt auth']))
    .action(lazy(() => import('./commands/interrupt.js')));

  program.command('kill')
    .description("end a task's pane (or every task in the session with --all)")
    .argument('[name]', 'task name')
    .option('--all', "every task in the session (this directory's, or --session)")
    .option('-y, --yes', 'do not ask for confirmation')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx kill auth', 'cpx kill --all --yes']))
    .action(lazy(() => import('./commands/kill.js')));

  program.command('watch')
    .description('run the watcher in the foreground and print every state change (cpx starts one in the background by itself)')
    .option('--json', 'print changes as JSON Lines')
    .addOption(new Option('--background', 'run detached (used by cpx)').hideHelp())
    .addOption(new Option('--ensure', 'start a background watcher unless one runs, print nothing (the status line runs this)').hideHelp())
    .addHelpText('after', examples(['cpx watch', 'cpx watch --json | jq -c \'select(.to=="waiting")\'']))
    .action(lazy(() => import('./commands/watch.js')));

  program.command('detect')
    .description("classify a task's screen, or a saved screen (FILE or - for stdin), and show the rule that decided")
    .argument('[target]', 'task name, a file saved with `tmux capture-pane -p [-e]`, or - for stdin')
    .option('-a, --agent <name>', 'profile to use (default: the task\'s agent, or claude for files)')
    .option('--json', 'print {state, kind, detail, choices, rule}')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx detect auth', 'tmux capture-pane -p -t %3 | cpx detect -', 'cpx detect --agent shell screen.txt']))
    .action(lazy(() => import('./commands/detect.js')));

  program.command('next')
    .description('go to the task that has waited longest (again: the next one)')
    .option('-q, --quiet', 'print nothing')
    .addHelpText('after', examples(['cpx next', "bind-key N run-shell -b 'cpx next -q'"]))
    .action(lazy(() => import('./commands/next.js')));

  program.command('approve')
    .description("answer a task's prompt with yes (or the given choice); refuses if no prompt is showing")
    .argument('[name]', 'task name (not with --pane)')
    .argument('[choice]', 'choice number or words of its label (default: the first, usually "Yes")')
    .option('--always', 'pick the "don\'t ask again" choice where offered')
    .option('--pane <id>', 'the task in this tmux pane (%ID, as a key binding passes #{pane_id}) instead of a name')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx approve auth', 'cpx approve auth --always', 'cpx approve auth 2', 'cpx approve --pane %12']))
    .action(lazy(async () => ({ default: (await import('./commands/answer.js')).approve })));

  program.command('deny')
    .description("answer a task's prompt with no (Escape where there is no \"No\" choice)")
    .argument('[name]', 'task name (not with --pane)')
    .option('--pane <id>', 'the task in this tmux pane (%ID) instead of a name')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx deny auth', 'cpx deny --pane %12']))
    .action(lazy(async () => ({ default: (await import('./commands/answer.js')).deny })));

  program.command('up')
    .description("start a layout's tasks (by name from ./layouts, ./.cpx/layouts, ~/.config/cpx/layouts, or a path)")
    .argument('<layout>', 'layout name or file')
    .option('-n, --dry-run', 'print the plan (order, dirs, the exact prompt each task receives) and start nothing')
    .option('-s, --session <name>', 'tmux session to use (default: the layout\'s, the current one, or the project\'s)')
    .option('--json', 'print what was started (with --dry-run: the plan) as JSON')
    .addHelpText('after', examples(['cpx up pages', 'cpx up ./layouts/backend-frontend.yaml --dry-run']))
    .action(lazy(() => import('./commands/up.js')));

  program.command('down')
    .description("end the tasks a layout started")
    .argument('<layout>', 'layout name or file')
    .option('-y, --yes', 'do not ask for confirmation')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx down pages', 'cpx down demo --yes']))
    .action(lazy(() => import('./commands/down.js')));

  program.command('save')
    .description("write this session's tasks as a layout file that `cpx up` recreates")
    .argument('<layout>', 'a name (written to ./layouts/<name>.yaml) or a path')
    .option('-f, --force', 'overwrite an existing file')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx save sprint-12', 'cpx save ~/.config/cpx/layouts/review.yaml --force']))
    .action(lazy(() => import('./commands/save.js')));

  program.command('layouts')
    .description('list the layouts cpx can find, with their file and task count')
    .option('--json', 'print an array of {name, file, tasks, error}')
    .action(lazy(() => import('./commands/layouts.js')));

  program.command('demo')
    .description('see cpx work with no agent account: three simulated tasks, one asks for approval, one waits for another')
    .addHelpText('after', examples(['cpx demo', 'cpx next', 'cpx down demo --yes']))
    .action(lazy(() => import('./commands/demo.js')));

  program.command('done')
    .description('mark a task finished, so tasks that run after it can start')
    .argument('<name>', 'task name')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx done backend']))
    .action(lazy(() => import('./commands/done.js')));

  program.command('doctor')
    .description('check tmux, the agents and the server, and say what to fix')
    .option('--json', 'print the checks as JSON')
    .action(lazy(() => import('./commands/doctor.js')));

  program.command('keys')
    .description('print tmux key bindings and a status segment for cpx (the same as completions/cpx.tmux); --install adds them to tmux')
    .option('--install', "write them to ~/.config/cpx/tmux.conf, source that from your tmux.conf once, and load it into running servers")
    .option('--next <key>', 'key (after the prefix) for cpx next (default N; none leaves it out)')
    .option('--waiting <key>', 'key for choosing among the waiting tasks (default W)')
    .option('--approve <key>', "key for approving the prompt in the current pane (default Y)")
    .option('--deny <key>', "key for denying the prompt in the current pane (default X)")
    .option('--new <key>', 'key for starting a task from a tmux prompt (default T)')
    .option('--ls <key>', 'key for a popup with cpx ls (default O)')
    .option('--no-status', 'leave the status line alone')
    .addHelpText('after', examples(['cpx keys --install', 'cpx keys --install --next C-n --deny none', 'cpx keys > ~/.config/tmux/cpx.conf']))
    .action(lazy(() => import('./commands/keys.js')));

  program.command('status')
    .description("task counts for tmux's status-right (⚑2 waiting ▶3 working ✓1 idle); nothing when there are no tasks")
    .option('--plain', 'no tmux colour markup')
    .addHelpText('after', examples(["tmux set -ag status-right ' #(cpx status)'", 'cpx status --plain']))
    .action(lazy(() => import('./commands/status.js')));

  program.command('completion')
    .description('print the shell completion script for bash, zsh or fish (the same as completions/ in the package)')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText('after', examples(['source <(cpx completion bash)', 'cpx completion zsh > ~/.zfunc/_cpx', 'cpx completion fish > ~/.config/fish/completions/cpx.fish']))
    .action(lazy(() => import('./commands/completion.js')));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  // A closed pipe (`cpx ls | head`) is not a failure.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  decideColor({}, process.stderr);
  let failure: unknown;
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    failure = error;
    process.exitCode = report(error);
  }
  // (A command that already failed on config.yaml has said why no watcher can run.)
  if (ranCommand && !NO_WATCHER_CHECK.has(ranCommand) && !(failure instanceof CpxError && failure.message.startsWith('no watcher can run'))) {
    const { ensureWatcherQuietly } = await import('./watch/keeper.js');
    await ensureWatcherQuietly();
  }
}

