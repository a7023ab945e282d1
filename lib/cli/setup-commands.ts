// Shell and tmux integration (keys, status, completion), and setup (demo, doctor).
import type { Command } from 'commander';
import { lazy, examples } from './wiring.js';

export function addSetupCommands(program: Command): void {
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
    .action(lazy(() => import('../commands/keys.js')));

  program.command('status')
    .description("task counts for tmux's status-right (⚑2 waiting ▶3 working ✓1 idle); nothing when there are no tasks")
    .summary("task counts for tmux's status line")
    .option('--plain', 'no tmux colour markup')
    .addHelpText('after', examples(["tmux set -ag status-right ' #(cpx status)'", 'cpx status --plain']))
    .action(lazy(() => import('../commands/status.js')));

  program.command('completion')
    .description('print the shell completion script for bash, zsh or fish (the same as completions/ in the package)')
    .summary('the shell completion script for bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText('after', examples(['source <(cpx completion bash)', 'cpx completion zsh > ~/.zfunc/_cpx', 'cpx completion fish > ~/.config/fish/completions/cpx.fish']))
    .action(lazy(() => import('../commands/completion.js')));

  program.commandsGroup('Setup:');

  program.command('demo')
    .description('see cpx work with no agent account: three simulated tasks, one asks for approval, one waits for another')
    .summary('see cpx work with simulated tasks, no account needed')
    .addHelpText('after', examples(['cpx demo', 'cpx next', 'cpx down demo --yes']))
    .action(lazy(() => import('../commands/demo.js')));

  program.command('doctor')
    .description('check tmux, the agents and the server, and say what to fix')
    .summary('check tmux, agents and the server; say what to fix')
    .option('--json', 'print the checks as JSON')
    .action(lazy(() => import('../commands/doctor.js')));
}
