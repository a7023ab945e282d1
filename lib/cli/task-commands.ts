// The task commands: new, ls, attach, send, interrupt, kill, done.
import { Option, type Command } from 'commander';
import { lazy, examples, sessionOption } from './wiring.js';

export function addTaskCommands(program: Command): void {
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
    .action(lazy(() => import('../commands/new.js')));

  program.command('ls')
    .alias('list')
    .description('list every task with its state, place and prompt')
    .summary('list every task with its state, place and prompt')
    .option('--json', 'print an array of task objects')
    .option('-w, --waiting', 'only tasks waiting for you')
    .addOption(sessionOption('only the tasks in this tmux session'))
    .addHelpText('after', examples(['cpx ls', 'cpx ls --json | jq -r \'.[] | select(.state=="waiting") | .name\'']))
    .action(lazy(() => import('../commands/ls.js')));

  program.command('attach')
    .description("go to a task's pane (switch-client inside tmux, attach-session outside)")
    .summary("go to a task's pane")
    .argument('[name]', "task name (default: this directory's cpx session)")
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx attach auth', 'cpx attach']))
    .action(lazy(() => import('../commands/attach.js')));

  program.command('send')
    .description('type text into a task and press Enter (several lines arrive as one message)')
    .summary('type text into a task and press Enter')
    .argument('<name>', 'task name')
    .argument('<text...>', "text to type ('-' reads it from stdin)")
    .option('--no-enter', 'type the text but do not submit it')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx send auth "Also add a logout button"', 'git diff | cpx send review -']))
    .action(lazy(() => import('../commands/send.js')));

  program.command('interrupt')
    .description('press Escape in a task (stops Claude Code early)')
    .summary('press Escape in a task (stops Claude Code early)')
    .argument('<name>', 'task name')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx interrupt auth']))
    .action(lazy(() => import('../commands/interrupt.js')));

  program.command('kill')
    .description("end a task's pane (or every task in the session with --all)")
    .summary("end a task's pane, or every task with --all")
    .argument('[name]', 'task name')
    .option('--all', "every task in the session (this directory's, or --session)")
    .option('-y, --yes', 'do not ask for confirmation')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx kill auth', 'cpx kill --all --yes']))
    .action(lazy(() => import('../commands/kill.js')));

  program.command('done')
    .description('mark a task finished, so tasks that run after it can start')
    .summary('mark a task finished, so tasks after it can start')
    .argument('<name>', 'task name')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx done backend']))
    .action(lazy(() => import('../commands/done.js')));
}
