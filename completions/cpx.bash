# bash completion for cpx; `cpx completion bash` prints this file.
# Install: add `source <(cpx completion bash)` to ~/.bashrc, or save this file as
# ~/.local/share/bash-completion/completions/cpx.

_cpx_commands='new ls list attach send interrupt kill watch detect next approve deny up down save layouts demo done doctor keys status completion help'

# The options of a command ('' is cpx itself, before the command).
_cpx_options() {
  case $1 in
    '') echo '-L --socket --no-color -V --version' ;;
    new) echo '-d --dir -a --agent -c --cmd -p --pane -s --session -e --env --agent-args --after --attach --json' ;;
    ls|list) echo '--json -w --waiting -s --session' ;;
    attach|interrupt|done) echo '-s --session' ;;
    send) echo '--no-enter -s --session' ;;
    kill) echo '--all -y --yes -s --session' ;;
    watch|layouts|doctor) echo '--json' ;;
    detect) echo '-a --agent --json -s --session' ;;
    next) echo '-q --quiet' ;;
    approve) echo '--always --pane -s --session' ;;
    deny) echo '--pane -s --session' ;;
    up) echo '-n --dry-run -s --session --json' ;;
    down) echo '-y --yes -s --session' ;;
    save) echo '-f --force -s --session' ;;
    keys) echo '--install --next --waiting --approve --deny --new --ls --no-status' ;;
    status) echo '--plain' ;;
  esac
}

# Whether option $2 of command $1 ('' before the command) is followed by a value.
_cpx_takes_value() {
  case $2 in
    -L|--socket) return 0 ;;
    -s|--session)
      case $1 in new|ls|list|attach|send|interrupt|kill|detect|approve|deny|up|down|save|done) return 0 ;; esac ;;
  esac
  case $1:$2 in
    new:-d|new:--dir|new:-a|new:--agent|new:-c|new:--cmd|new:-e|new:--env|new:--agent-args|new:--after) return 0 ;;
    detect:-a|detect:--agent|approve:--pane|deny:--pane) return 0 ;;
    keys:--next|keys:--waiting|keys:--approve|keys:--deny|keys:--new|keys:--ls) return 0 ;;
  esac
  return 1
}

# What the n-th argument of a command is.
_cpx_argument() {
  case $1:$2 in
    send:1|attach:1|interrupt:1|kill:1|approve:1|deny:1|done:1) echo task ;;
    detect:1) echo task-or-file ;;
    up:1|down:1) echo layout ;;
    save:1) echo file ;;
    completion:1) echo shell ;;
    help:1) echo command ;;
  esac
}

# The text a word stands for, quotes and backslashes removed (into REPLY; no eval); the quote
# still open at its end goes into _cpx_open_quote.
_cpx_dequote() {
  local in=$1 c quote='' i
  REPLY=''
  for (( i = 0; i < ${#in}; i++ )); do
    c=${in:i:1}
    if [[ $quote == "'" ]]; then
      if [[ $c == "'" ]]; then quote=''; else REPLY+=$c; fi
    elif [[ $c == '\' ]]; then
      (( i++ )); REPLY+=${in:i:1}
    elif [[ ( $c == "'" || $c == '"' ) && ( -z $quote || $quote == "$c" ) ]]; then
      if [[ $quote == "$c" ]]; then quote=''; else quote=$c; fi
    else
      REPLY+=$c
    fi
  done
  _cpx_open_quote=$quote
}

# Reply with the names `cpx __complete KIND` prints that start with the typed text, quoted for bash.
# Inside an open quote readline inserts the reply after the quote and closes it.
_cpx_reply_names() {
  local typed name quoted _cpx_open_quote
  _cpx_dequote "$1"; typed=$REPLY
  while IFS= read -r name; do
    [[ $name == "$typed"* ]] || continue
    case $_cpx_open_quote in
      "'") quoted=${name//"'"/"'\\''"} ;;
      '"') quoted=${name//'\'/'\\'}; quoted=${quoted//'"'/'\"'}; quoted=${quoted//'$'/'\$'}; quoted=${quoted//'`'/'\`'} ;;
      *) printf -v quoted '%q' "$name" ;;
    esac
    COMPREPLY+=("$quoted")
  done < <(command cpx __complete "${@:2}" 2>/dev/null)
}

# Reply with files (or directories, with -d); readline quotes them.
_cpx_reply_files() {
  _cpx_dequote "$2"
  compopt -o filenames 2>/dev/null
  local file
  while IFS= read -r file; do COMPREPLY+=("$file"); done < <(compgen "$1" -- "$REPLY")
}

_cpx() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local i word command='' count=0 socket=() kind
  COMPREPLY=()
  # COMP_WORDBREAKS splits --dir=x into '--dir' '=' 'x'.
  if [[ $cur == = && $prev == --* ]]; then cur=''
  elif [[ $prev == = && ${COMP_WORDS[COMP_CWORD-2]} == --* ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}
  fi
  for (( i = 1; i < COMP_CWORD; i++ )); do
    word=${COMP_WORDS[i]}
    if [[ $word == -L || $word == --socket ]] && (( i + 1 < COMP_CWORD )); then
      [[ ${COMP_WORDS[i+1]} == = ]] && (( i++ ))
      _cpx_dequote "${COMP_WORDS[i+1]}"; socket=(--socket "$REPLY")
    fi
    if [[ $word == -L?* ]]; then _cpx_dequote "${word#-L}"; socket=(--socket "$REPLY"); fi
    if _cpx_takes_value "$command" "$word"; then
      (( i++ )); [[ ${COMP_WORDS[i]} == = ]] && (( i++ ))
    elif [[ $word != -* ]]; then
      if [[ -z $command ]]; then command=$word; else (( count++ )); fi
    fi
  done

  if (( COMP_CWORD > 1 )) && _cpx_takes_value "$command" "$prev"; then
    case $prev in
      -d|--dir) _cpx_reply_files -d "$cur" ;;
      -a|--agent) _cpx_reply_names "$cur" agents "${socket[@]}" ;;
      --after) _cpx_reply_names "$cur" tasks "${socket[@]}" ;;
      -s|--session) _cpx_reply_names "$cur" sessions "${socket[@]}" ;;
    esac
    return 0
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_cpx_options "$command") -h --help" -- "$cur")
    return 0
  fi
  if [[ -z $command ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$_cpx_commands" -- "$cur")
    return 0
  fi
  kind=$(_cpx_argument "$command" $(( count + 1 )))
  case $kind in
    task) _cpx_reply_names "$cur" tasks "${socket[@]}" ;;
    task-or-file) _cpx_reply_names "$cur" tasks "${socket[@]}"; _cpx_reply_files -f "$cur" ;;
    layout)
      _cpx_reply_names "$cur" layouts "${socket[@]}"
      [[ $cur == */* ]] && _cpx_reply_files -f "$cur" ;;
    file) _cpx_reply_files -f "$cur" ;;
    shell) mapfile -t COMPREPLY < <(compgen -W 'bash zsh fish' -- "$cur") ;;
    command) mapfile -t COMPREPLY < <(compgen -W "$_cpx_commands" -- "$cur") ;;
  esac
  return 0
}

complete -F _cpx cpx
