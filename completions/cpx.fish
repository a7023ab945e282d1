# fish completion for cpx; `cpx completion fish` prints this file.
# Install: cpx completion fish > ~/.config/fish/completions/cpx.fish

# Whether option $option of command $command ('' before the command) is followed by a value.
function __cpx_takes_value -a command option
    contains -- $option -L --socket; and return 0
    if contains -- $option -s --session
        contains -- $command new ls list attach send interrupt kill detect approve deny up down save done
        return
    end
    switch "$command:$option"
        case new:-d new:--dir new:-a new:--agent new:-c new:--cmd new:-e new:--env new:--agent-args new:--after
            return 0
        case detect:-a detect:--agent approve:-t approve:--target deny:-t deny:--target
            return 0
        case keys:--next keys:--waiting keys:--approve keys:--deny keys:--new keys:--ls
            return 0
    end
    return 1
end

# The words before the cursor that are neither options nor option values: the command, then its arguments.
function __cpx_args
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    set -l command ''
    for token in $tokens
        if test $skip = 1
            set skip 0
        else if string match -q -- '-*' $token
            __cpx_takes_value "$command" $token; and set skip 1
        else
            test -z "$command"; and set command $token
            printf '%s\n' $token
        end
    end
end

# The -L/--socket given on the line, as arguments for `cpx __complete`.
function __cpx_socket
    set -l tokens (commandline -opc)
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case -L --socket
                set -q tokens[(math $i + 1)]; and printf '%s\n' --socket $tokens[(math $i + 1)]
            case '--socket=*'
                printf '%s\n' --socket (string replace -- --socket= '' $tokens[$i])
            case '-L?*'
                printf '%s\n' --socket (string sub -s 3 -- $tokens[$i])
        end
    end
end

function __cpx_names
    command cpx __complete $argv (__cpx_socket) 2>/dev/null
end

# For a comma-separated list (--after a,b): the items typed before the last comma, then each name.
function __cpx_list_names
    set -l lead (string replace -r -- '^--after=' '' (commandline -ct) | string match -r -- '^.*,')
    for name in (__cpx_names $argv)
        printf '%s%s\n' "$lead" $name
    end
end

# No command yet.
function __cpx_none
    test (count (__cpx_args)) -eq 0
end

# The command is one of $argv.
function __cpx_in
    set -l args (__cpx_args)
    set -q args[1]; and contains -- $args[1] $argv
end

# Completing argument number $argv[1] of one of the commands $argv[2..].
function __cpx_at
    set -l args (__cpx_args)
    set -q args[1]; and contains -- $args[1] $argv[2..-1]; and test (count $args) -eq $argv[1]
end

complete -c cpx -f

# Commands
complete -c cpx -n __cpx_none -a new -d 'start an agent task'
complete -c cpx -n __cpx_none -a ls -d 'list every task'
complete -c cpx -n __cpx_none -a list -d 'list every task'
complete -c cpx -n __cpx_none -a attach -d "go to a task's pane"
complete -c cpx -n __cpx_none -a send -d 'type text into a task and press Enter'
complete -c cpx -n __cpx_none -a interrupt -d 'press Escape in a task'
complete -c cpx -n __cpx_none -a kill -d "end a task's pane"
complete -c cpx -n __cpx_none -a watch -d 'run the watcher in the foreground'
complete -c cpx -n __cpx_none -a detect -d "classify a task's screen"
complete -c cpx -n __cpx_none -a next -d 'go to the task that has waited longest'
complete -c cpx -n __cpx_none -a approve -d "answer a task's prompt with yes"
complete -c cpx -n __cpx_none -a deny -d "answer a task's prompt with no"
complete -c cpx -n __cpx_none -a up -d "start a layout's tasks"
complete -c cpx -n __cpx_none -a down -d 'end the tasks a layout started'
complete -c cpx -n __cpx_none -a save -d "write this session's tasks as a layout"
complete -c cpx -n __cpx_none -a layouts -d 'list the layouts cpx can find'
complete -c cpx -n __cpx_none -a demo -d 'three simulated tasks'
complete -c cpx -n __cpx_none -a done -d 'mark a task finished'
complete -c cpx -n __cpx_none -a doctor -d 'check tmux, the agents and the server'
complete -c cpx -n __cpx_none -a keys -d 'print tmux key bindings for cpx, or --install them'
complete -c cpx -n __cpx_none -a status -d "task counts for tmux's status line"
complete -c cpx -n __cpx_none -a completion -d 'print the shell completion script'
complete -c cpx -n __cpx_none -a help -d 'show help for a command'

# Options of cpx itself
complete -c cpx -n __cpx_none -s L -l socket -x -d 'use a private tmux server, like tmux -L'
complete -c cpx -n __cpx_none -l no-color -d 'plain output'
complete -c cpx -n __cpx_none -s V -l version -d 'print the version'
complete -c cpx -s h -l help -d 'show help'

# Arguments
complete -c cpx -n '__cpx_at 1 send attach interrupt kill approve deny done detect' -a '(__cpx_names tasks)' -d task
complete -c cpx -n '__cpx_at 1 detect save' -F
complete -c cpx -n '__cpx_at 1 up down' -a '(__cpx_names layouts)' -d layout
complete -c cpx -n '__cpx_at 1 up' -F
complete -c cpx -n '__cpx_at 1 completion' -a 'bash zsh fish'
complete -c cpx -n '__cpx_at 1 help' -a 'new ls list attach send interrupt kill watch detect next approve deny up down save layouts demo done doctor keys status completion help'

# Options of each command
complete -c cpx -n '__cpx_in new' -s d -l dir -x -a '(__fish_complete_directories)' -d 'working directory'
complete -c cpx -n '__cpx_in new detect' -s a -l agent -x -a '(__cpx_names agents)' -d 'agent to run'
complete -c cpx -n '__cpx_in new' -s c -l cmd -x -d 'any other program (the prompt is appended)'
complete -c cpx -n '__cpx_in new' -s p -l pane -d 'split the current window instead of a new window'
complete -c cpx -n '__cpx_in new' -s e -l env -x -d "set a variable in the agent's environment (KEY=VALUE)"
complete -c cpx -n '__cpx_in new' -l agent-args -x -d 'extra arguments for the agent'
complete -c cpx -n '__cpx_in new' -l after -x -a '(__cpx_list_names tasks)' -d 'start when these tasks have finished'
complete -c cpx -n '__cpx_in new' -l attach -d 'go to the task after starting it'
complete -c cpx -n '__cpx_in new ls list attach send interrupt kill detect approve deny up down save done' -s s -l session -x -a '(__cpx_names sessions)' -d 'tmux session'
complete -c cpx -n '__cpx_in new ls list watch detect up layouts doctor' -l json -d 'print JSON'
complete -c cpx -n '__cpx_in ls list' -s w -l waiting -d 'only tasks waiting for you'
complete -c cpx -n '__cpx_in send' -l no-enter -d 'type the text but do not submit it'
complete -c cpx -n '__cpx_in kill' -l all -d 'every task in the session'
complete -c cpx -n '__cpx_in kill down' -s y -l yes -d 'do not ask for confirmation'
complete -c cpx -n '__cpx_in next' -s q -l quiet -d 'print nothing'
complete -c cpx -n '__cpx_in approve' -l always -d 'pick the "don\'t ask again" choice'
complete -c cpx -n '__cpx_in up' -s n -l dry-run -d 'print the plan and start nothing'
complete -c cpx -n '__cpx_in save' -s f -l force -d 'overwrite an existing file'
complete -c cpx -n '__cpx_in approve deny' -s t -l target -x -d 'the task in this tmux pane (%ID) instead of a name'
complete -c cpx -n '__cpx_in keys' -l install -d 'add the bindings to tmux'
complete -c cpx -n '__cpx_in keys' -l next -x -d 'key for cpx next (none leaves it out)'
complete -c cpx -n '__cpx_in keys' -l waiting -x -d 'key for choosing among the waiting tasks'
complete -c cpx -n '__cpx_in keys' -l approve -x -d 'key for approving the prompt in the current pane'
complete -c cpx -n '__cpx_in keys' -l deny -x -d 'key for denying the prompt in the current pane'
complete -c cpx -n '__cpx_in keys' -l new -x -d 'key for starting a task from a tmux prompt'
complete -c cpx -n '__cpx_in keys' -l ls -x -d 'key for a popup with cpx ls'
complete -c cpx -n '__cpx_in keys' -l no-status -d 'leave the status line alone'
complete -c cpx -n '__cpx_in status' -l plain -d 'no tmux colour markup'
