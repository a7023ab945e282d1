// Commander wiring only: each action lazy-imports its command; one catch reports and sets the exit code.
// (bin/cpx.ts loads this for every command except the hook fast path.)
import { Command, Option } from 'commander';
import { describeUsageError, formatCommandTerm, Program } from './help.js';
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

const sessionOption = (what = 'the tmux session holding the task (when names repeat across sessions)') => new Option('-s, --session <name>', what);

// approve and deny name a pane as tmux does (-t %12); --pane, the old name, still works unlisted.
const targetOption = (what: string) => new Option('-t, --target <pane>', what);
const oldPaneOption = () => new Option('--pane <id>').hideHelp();

export function buildProgram(): Command {
  const program = new Program('cpx')
    .description('Run many AI coding-agent tasks in parallel inside tmux; never lose track.')
    .version(VERSION, '-V, --version')
    .option('-L, --socket <name>', 'a private tmux server, like tmux -L (env: CPX_SOCKET)')
    .option('--no-color', 'plain output (also NO_COLOR=1, TERM=dumb)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({ subcommandTerm: formatCommandTerm });

  program.hook('preAction', (_root, action) => {
    ranCommand = action.name();
    const opts = program.opts();
    const path = opts.socket ? undefined : process.env.CPX_SOCKET_PATH;
    if (opts.socket) requireSocketName(opts.socket, '-L');
    else if (!path && process.env.CPX_SOCKET) requireSocketName(process.env.CPX_SOCKET, 'CPX_SOCKET');
    selectServer(opts.socket ?? process.env.CPX_SOCKET, path);
    decideColor({ color: opts.color, json: action.opts().json });
  });

  program.commandsGroup('Tasks:');

  program.command('new')
    .description('start an agent task in a new tmux window (or pane) with a labeled border')
    .summary('start an agent task in a new tmux window or pane')
    .argument('<name>', 'task name: a label, may contain spaces and unicode')
    .argument('[prompt...]', "the task's prompt ('-' reads it from stdin)")
    .option('-d, --dir <path>', 'working directory (default: current directory)')
    .option('-a, --agent <name>', 'agent to run: claude (default), shell, demo, or the name of a profile (~/.config/cpx/profiles/<name>.yaml)')
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
    .summary('list every task with its state, place and prompt')
    .option('--json', 'print an array of task objects')
    .option('-w, --waiting', 'only tasks waiting for you')
    .addOption(sessionOption('only the tasks in this tmux session'))
    .addHelpText('after', examples(['cpx ls', 'cpx ls --json | jq -r \'.[] | select(.state=="waiting") | .name\'']))
    .action(lazy(() => import('./commands/ls.js')));

  program.command('attach')
    .description("go to a task's pane (switch-client inside tmux, attach-session outside)")
    .summary("go to a task's pane")
    .argument('[name]', "task name (default: this directory's cpx session)")
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx attach auth', 'cpx attach']))
    .action(lazy(() => import('./commands/attach.js')));

  program.command('send')
    .description('type text into a task and press Enter (several lines arrive as one message)')
    .summary('type text into a task and press Enter')
    .argument('<name>', 'task name')
    .argument('<text...>', "text to type ('-' reads it from stdin)")
    .option('--no-enter', 'type the text but do not submit it')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx send auth "Also add a logout button"', 'git diff | cpx send review -']))
    .action(lazy(() => import('./commands/send.js')));

  program.command('interrupt')
    .description('press Escape in a task (stops Claude Code early)')
    .summary('press Escape in a task (stops Claude Code early)')
    .argument('<name>', 'task name')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx interrupt auth']))
    .action(lazy(() => import('./commands/interrupt.js')));

  program.command('kill')
    .description("end a task's pane (or every task in the session with --all)")
    .summary("end a task's pane, or every task with --all")
    .argument('[name]', 'task name')
    .option('--all', "every task in the session (this directory's, or --session)")
    .option('-y, --yes', 'do not ask for confirmation')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx kill auth', 'cpx kill --all --yes']))
    .action(lazy(() => import('./commands/kill.js')));

  program.command('done')
    .description('mark a task finished, so tasks that run after it can start')
    .summary('mark a task finished, so tasks after it can start')
    .argument('<name>', 'task name')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx done backend']))
    .action(lazy(() => import('./commands/done.js')));

  program.commandsGroup('Watching and answering:');

  program.command('next')
    .description('go to the task that has waited longest (again: the next one)')
    .summary('go to the task that has waited longest')
    .option('-q, --quiet', 'print nothing')
    .addHelpText('after', examples(['cpx next', "bind-key N run-shell -b 'cpx next -q'"]))
    .action(lazy(() => import('./commands/next.js')));

  program.command('approve')
    .description("answer a task's prompt with yes (or the given choice); refuses if no prompt is showing")
    .summary("answer a task's prompt with yes, or a choice")
    .argument('[name]', 'task name (not with --target)')
    .argument('[choice]', 'choice number or words of its label (default: the first, usually "Yes"); with --target, only a number')
    .option('--always', 'pick the "don\'t ask again" choice where offered')
    .addOption(targetOption('the task in this tmux pane (%ID, as a key binding passes #{pane_id}) instead of a name'))
    .addOption(oldPaneOption())
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx approve auth', 'cpx approve auth --always', 'cpx approve auth 2', 'cpx approve --target %12', 'cpx approve --target %12 2']))
    .action(lazy(async () => ({ default: (await import('./commands/answer.js')).approve })));

  program.command('deny')
    .description("answer a task's prompt with no (Escape where there is no \"No\" choice)")
    .summary("answer a task's prompt with no")
    .argument('[name]', 'task name (not with --target)')
    .addOption(targetOption('the task in this tmux pane (%ID) instead of a name'))
    .addOption(oldPaneOption())
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx deny auth', 'cpx deny --target %12']))
    .action(lazy(async () => ({ default: (await import('./commands/answer.js')).deny })));

  program.command('watch')
    .description('run the watcher in the foreground and print every state change (cpx starts one in the background by itself)')
    .summary('print every state change as it happens')
    .option('--json', 'print changes as JSON Lines')
    .addOption(new Option('--background', 'run detached (used by cpx)').hideHelp())
    .addOption(new Option('--ensure', 'start a background watcher unless one runs, print nothing (the status line runs this)').hideHelp())
    .addHelpText('after', examples(['cpx watch', 'cpx watch --json | jq -c \'select(.to=="waiting")\'']))
    .action(lazy(() => import('./commands/watch.js')));

  program.command('detect')
    .description("classify a task's screen, or a saved screen (FILE or - for stdin), and show the rule that decided")
    .summary("show a task's state and the rule that decided it")
    .argument('[target]', 'task name, a file saved with `tmux capture-pane -p [-e]`, or - for stdin')
    .option('-a, --agent <name>', 'profile to use (default: the task\'s agent, or claude for files)')
    .option('--json', 'print {state, kind, detail, choices, rule}')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx detect auth', 'tmux capture-pane -p -t %3 | cpx detect -', 'cpx detect --agent shell screen.txt']))
    .action(lazy(() => import('./commands/detect.js')));

  program.commandsGroup('Layouts:');

  program.command('up')
    .description("start a layout's tasks (by name from ./layouts, ./.cpx/layouts, ~/.config/cpx/layouts, or a path)")
    .summary("start a layout's tasks")
    .argument('<layout>', 'layout name or file')
    .option('-n, --dry-run', 'print the plan (order, dirs, the exact prompt each task receives) and start nothing')
    .option('-s, --session <name>', 'tmux session to use (default: the layout\'s, the current one, or the project\'s)')
    .option('--json', 'print what was started (with --dry-run: the plan) as JSON')
    .addHelpText('after', examples(['cpx up pages', 'cpx up ./layouts/backend-frontend.yaml --dry-run']))
    .action(lazy(() => import('./commands/up.js')));

  program.command('down')
    .description("end the tasks a layout started")
    .summary('end the tasks a layout started')
    .argument('<layout>', 'layout name or file')
    .option('-y, --yes', 'do not ask for confirmation')
    .addOption(sessionOption("only the layout's tasks in this tmux session"))
    .addHelpText('after', examples(['cpx down pages', 'cpx down demo --yes']))
    .action(lazy(() => import('./commands/down.js')));

  program.command('save')
    .description("write this session's tasks as a layout file that `cpx up` recreates")
    .summary("write this session's tasks as a layout file")
    .argument('<layout>', 'a name (written to ./layouts/<name>.yaml) or a path')
    .option('-f, --force', 'overwrite an existing file')
    .addOption(sessionOption("the tmux session whose tasks to save (default: the current one inside tmux, else this directory's)"))
    .addHelpText('after', examples(['cpx save sprint-12', 'cpx save ~/.config/cpx/layouts/review.yaml --force']))
    .action(lazy(() => import('./commands/save.js')));

  program.command('layouts')
    .description('list the layouts cpx can find, with their file and task count')
    .summary('list the layouts cpx can find')
    .option('--json', 'print an array of {name, file, tasks, error}')
    .action(lazy(() => import('./commands/layouts.js')));

  program.commandsGroup('Shell and tmux integration:');

  program.command('keys')
    .description('print tmux key bindings and a status segment for cpx (the same as completions/cpx.tmux); --install adds them to tmux')
    .summary('tmux key bindings and status segment (--install)')
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
    .summary("task counts for tmux's status line")
    .option('--plain', 'no tmux colour markup')
    .addHelpText('after', examples(["tmux set -ag status-right ' #(cpx status)'", 'cpx status --plain']))
    .action(lazy(() => import('./commands/status.js')));

  program.command('completion')
    .description('print the shell completion script for bash, zsh or fish (the same as completions/ in the package)')
    .summary('the shell completion script for bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText('after', examples(['source <(cpx completion bash)', 'cpx completion zsh > ~/.zfunc/_cpx', 'cpx completion fish > ~/.config/fish/completions/cpx.fish']))
    .action(lazy(() => import('./commands/completion.js')));

  program.commandsGroup('Setup:');

  program.command('demo')
    .description('see cpx work with no agent account: three simulated tasks, one asks for approval, one waits for another')
    .summary('see cpx work with simulated tasks, no account needed')
    .addHelpText('after', examples(['cpx demo', 'cpx next', 'cpx down demo --yes']))
    .action(lazy(() => import('./commands/demo.js')));

  program.command('doctor')
    .description('check tmux, the agents and the server, and say what to fix')
    .summary('check tmux, agents and the server; say what to fix')
    .option('--json', 'print the checks as JSON')
    .action(lazy(() => import('./commands/doctor.js')));
  program.helpCommand(true);

  program.addHelpText('after', `
New here? \`cpx demo\` shows cpx at work; \`cpx doctor\` checks your setup.
Learn more: \`cpx <command> --help\` (options, examples) and the README.`);
  // commander's usage errors as one line that shows what to type, each from the command it is about.
  for (const command of [program, ...program.commands]) {
    command.configureOutput({ outputError: (text, write) => write(`cpx: ${describeUsageError(command, text)}\n`) });
  }
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

