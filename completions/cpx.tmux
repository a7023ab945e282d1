# cpx key bindings and status-line segment for tmux 3.2+.
# `cpx keys` prints this file with the line `set -g @cpx_bin ...` pointing at the cpx that printed it;
# `cpx keys --install` writes it to $XDG_CONFIG_HOME/cpx/tmux.conf and sources that from your tmux.conf.
#
# Keys, after the prefix (C-b). Pick others with `cpx keys --install --next KEY --approve KEY ...`
# (`none` leaves one out); --install skips a default key that is already bound to something else.
#   N  next      go to the task that has waited longest (press again: the next one)
#   W  waiting   choose among the waiting tasks
#   Y  approve   answer the prompt of the task in this pane with yes
#   X  deny      answer it with no
#   T  new       start a task in this pane's directory (asks for a name and a prompt)
#   O  ls        every task, in a popup
#
# The status line gets the task counts (⚑2 waiting ▶3 working ✓1 idle): the watcher keeps them in the
# server option @cpx_status and tmux draws it without running anything (`cpx status` prints the same).
#
# Commands run by /bin/sh get `CPX_SOCKET=`: a key always means the server it was pressed in.

set -g @cpx_bin 'cpx'

bind-key -N 'cpx next: go to the task that has waited longest' N if-shell -b 'CPX_SOCKET= #{q:@cpx_bin} next -q' '' 'display-message "cpx: no task is waiting"'
bind-key -N 'cpx waiting: choose among the waiting tasks' W choose-tree -Z -f '#{&&:#{==:#{@cpx_state},waiting},#{?#{@cpx_watch},0,1}}'
bind-key -N 'cpx approve: answer the prompt in this pane with yes' Y if-shell -b 'CPX_SOCKET= #{q:@cpx_bin} approve --target #{pane_id}' '' 'display-message "cpx: no prompt to approve here (try: cpx approve --target #{pane_id})"'
bind-key -N 'cpx deny: answer the prompt in this pane with no' X if-shell -b 'CPX_SOCKET= #{q:@cpx_bin} deny --target #{pane_id}' '' 'display-message "cpx: no prompt to deny here (try: cpx deny --target #{pane_id})"'
# %1% and %2% are the answers with " \ $ ; ~ escaped; they reach cpx through the environment, never as shell code.
# run-shell starts its job on tmux's next loop, so the variables are removed a second later; cpx's errors show in view mode.
bind-key -N 'cpx new: start a task in this directory' T command-prompt -p 'task name:,prompt:' "set-environment -g CPX_NEW_NAME \"%1%\" ; set-environment -g CPX_NEW_PROMPT \"%2%\" ; set-environment -gF CPX_NEW_DIR '#{pane_current_path}' ; run-shell -b 'CPX_SOCKET= #{q:@cpx_bin} new --dir \"\$CPX_NEW_DIR\" -- \"\$CPX_NEW_NAME\" \"\$CPX_NEW_PROMPT\" 2>&1 >/dev/null' ; run-shell -d 1 -C 'set-environment -gu CPX_NEW_NAME ; set-environment -gu CPX_NEW_PROMPT ; set-environment -gu CPX_NEW_DIR'"
# display-popup does not expand formats in its command: run-shell -C expands them first.
%if "#{>=:#{version},3.2}"
bind-key -N 'cpx ls: every task, in a popup' O run-shell -C "display-popup -E -w 90% -h 60% '#{q:@cpx_bin} ls; echo; printf %s \"Enter closes this.\"; read x'"
%endif

# Added once, even when this file is sourced again. `cpx watch --ensure` prints nothing: it restarts
# a watcher that was killed, within one status-interval (one tmux call while the watcher lives).
%if "#{==:#{m:*@cpx_status*,#{status-right}},0}"
set -ag status-right ' #{@cpx_status}'
%endif
%if "#{==:#{m:*watch --ensure*,#{status-right}},0}"
set -ag status-right '#(CPX_SOCKET= #{q:@cpx_bin} watch --ensure)'
%endif
%if "#{e|<|:#{status-right-length},80}"
set -g status-right-length 80
%endif
