// The program: global options, the command groups (each in lib/cli/), one catch that reports and sets
// the exit code. (bin/cpx.ts loads this for every command except the hook and status fast paths.)
import type { Command } from 'commander';
import { addTaskCommands } from './cli/task-commands.js';
import { addWatchCommands } from './cli/watch-commands.js';
import { addLayoutCommands } from './cli/layout-commands.js';
import { addSetupCommands } from './cli/setup-commands.js';
import { describeUsageError, formatCommandTerm, Program } from './cli/help.js';
import { CpxError } from './core/errors.js';
import { report } from './core/report.js';
import { decideColor } from './core/output.js';
import { requireSocketName, selectServer } from './tmux/runner.js';
import { VERSION } from './core/version.js';

// Commands that read or change tasks make sure a watcher runs afterwards (one was maybe killed):
// all but these, which touch no task or manage the watcher themselves.
const NO_WATCHER_CHECK = new Set(['watch', 'completion', 'keys', 'demo', 'help']);
let ranCommand: string | undefined;

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

  addTaskCommands(program);
  addWatchCommands(program);
  addLayoutCommands(program);
  addSetupCommands(program);
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

