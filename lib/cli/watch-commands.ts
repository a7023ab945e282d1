// Watching and answering: next, approve, deny, watch, detect.
import { Option, type Command } from 'commander';
import { lazy, examples, sessionOption, targetOption, oldPaneOption } from './wiring.js';

export function addWatchCommands(program: Command): void {
  program.commandsGroup('Watching and answering:');

  program.command('next')
    .description('go to the task that has waited longest (again: the next one)')
    .summary('go to the task that has waited longest')
    .option('-q, --quiet', 'print nothing')
    .addHelpText('after', examples(['cpx next', "bind-key N run-shell -b 'cpx next -q'"]))
    .action(lazy(() => import('../commands/next.js')));

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
    .action(lazy(async () => ({ default: (await import('../commands/answer.js')).approve })));

  program.command('deny')
    .description("answer a task's prompt with no (Escape where there is no \"No\" choice)")
    .summary("answer a task's prompt with no")
    .argument('[name]', 'task name (not with --target)')
    .addOption(targetOption('the task in this tmux pane (%ID) instead of a name'))
    .addOption(oldPaneOption())
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx deny auth', 'cpx deny --target %12']))
    .action(lazy(async () => ({ default: (await import('../commands/answer.js')).deny })));

  program.command('watch')
    .description('run the watcher in the foreground and print every state change (cpx starts one in the background by itself)')
    .summary('print every state change as it happens')
    .option('--json', 'print changes as JSON Lines')
    .addOption(new Option('--background', 'run detached (used by cpx)').hideHelp())
    .addOption(new Option('--ensure', 'start a background watcher unless one runs, print nothing (the status line runs this)').hideHelp())
    .addHelpText('after', examples(['cpx watch', 'cpx watch --json | jq -c \'select(.to=="waiting")\'']))
    .action(lazy(() => import('../commands/watch.js')));

  program.command('detect')
    .description("classify a task's screen, or a saved screen (FILE or - for stdin), and show the rule that decided")
    .summary("show a task's state and the rule that decided it")
    .argument('[target]', 'task name, a file saved with `tmux capture-pane -p [-e]`, or - for stdin')
    .option('-a, --agent <name>', 'profile to use (default: the task\'s agent, or claude for files)')
    .option('--json', 'print {state, kind, detail, choices, rule}')
    .addOption(sessionOption())
    .addHelpText('after', examples(['cpx detect auth', 'tmux capture-pane -p -t %3 | cpx detect -', 'cpx detect --agent shell screen.txt']))
    .action(lazy(() => import('../commands/detect.js')));
}
