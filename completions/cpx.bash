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
    approve) echo '--always -t --target -s --session' ;;
    deny) echo '-t --target -s --session' ;;
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
    detect:-a|detect:--agent|approve:-t|approve:--target|deny:-t|deny:--target) return 0 ;;
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
# With _cpx_list set the word is a comma-separated list, and only its last item is completed.
_cpx_reply_names() {
  local typed name quoted _cpx_open_quote lead=''
  if [[ -n ${_cpx_list-} && $1 == *,* ]]; then lead=${1%,*},; set -- "${1##*,}" "${@:2}"; fi
  _cpx_dequote "$1"; typed=$REPLY
  while IFS= read -r name; do
    [[ $name == "$typed"* ]] || continue
    case $_cpx_open_quote in
      "'") quoted=${name//"'"/"'\\''"} ;;
      '"') quoted=${name//'\'/'\\'}; quoted=${quoted//'"'/'\"'}; quoted=${quoted//'$'/'\$'}; quoted=${quoted//'`'/'\`'} ;;
      *) printf -v quoted '%q' "$name" ;;
    esac
    # Readline replaces only the text after the last ':' or '=': leave out what is before it.
    quoted=$lead$quoted
    [[ $quoted == "$_cpx_head"* ]] || continue
    COMPREPLY+=("${quoted#"$_cpx_head"}")
  done < <(command cpx __complete "${@:2}" 2>/dev/null)
}

# Reply with files (or directories, with -d); readline quotes them.
_cpx_reply_files() {
  _cpx_dequote "$2"
  compopt -o filenames 2>/dev/null
  local file
  while IFS= read -r file; do
    [[ $file == "$_cpx_head"* ]] && COMPREPLY+=("${file#"$_cpx_head"}")
  done < <(compgen "$1" -- "$REPLY")
}

# Bash splits the line at COMP_WORDBREAKS too (a:b and --dir=x are three words each): join back
# the pieces with no blank between them into _cpx_words and _cpx_cword. _cpx_head is the part of
# the current word before the text readline replaces; replies leave it out.
_cpx_join_words() {
  local line=${COMP_LINE:0:COMP_POINT} at=0 i word blank
  _cpx_words=()
  for (( i = 0; i <= COMP_CWORD; i++ )); do
    word=${COMP_WORDS[i]}
    blank=${line:at}; blank=${blank%%[![:space:]]*}
    if (( i > 0 )) && [[ -z $blank ]]; then _cpx_words[-1]+=$word; else _cpx_words+=("$word"); fi
    (( at += ${#blank} + ${#word} ))
  done
  _cpx_cword=$(( ${#_cpx_words[@]} - 1 ))
  word=${COMP_WORDS[COMP_CWORD]}
  # Right after a ':' or '=', readline replaces nothing.
  [[ $word == [:=] ]] && word=''
  _cpx_head=${_cpx_words[_cpx_cword]%"$word"}
}

_cpx() {
  local _cpx_words _cpx_cword _cpx_head
  _cpx_join_words
  local cur=${_cpx_words[_cpx_cword]} prev=${_cpx_words[_cpx_cword-1]}
  local i word command='' count=0 socket=() kind
  COMPREPLY=()
  for (( i = 1; i < _cpx_cword; i++ )); do
    word=${_cpx_words[i]}
    if [[ $word == -L || $word == --socket ]] && (( i + 1 < _cpx_cword )); then
      _cpx_dequote "${_cpx_words[i+1]}"; socket=(--socket "$REPLY")
    fi
    if [[ $word == --socket=* ]]; then _cpx_dequote "${word#--socket=}"; socket=(--socket "$REPLY"); fi
    if [[ $word == -L?* ]]; then _cpx_dequote "${word#-L}"; socket=(--socket "$REPLY"); fi
    if _cpx_takes_value "$command" "$word"; then
      (( i++ ))
    elif [[ $word != -* ]]; then
      if [[ -z $command ]]; then command=$word; else (( count++ )); fi
    fi
  done
  # --dir=x: complete x as the value of --dir.
  if [[ $cur == --*=* ]] && _cpx_takes_value "$command" "${cur%%=*}"; then
    prev=${cur%%=*}; _cpx_head=${_cpx_head#"$prev="}; cur=${cur#*=}
  elif (( _cpx_cword < 2 )) || ! _cpx_takes_value "$command" "$prev"; then
    prev=''
  fi

  if [[ -n $prev ]]; then
    case $prev in
      -d|--dir) _cpx_reply_files -d "$cur" ;;
      -a|--agent) _cpx_reply_names "$cur" agents "${socket[@]}" ;;
      --after) _cpx_list=1 _cpx_reply_names "$cur" tasks "${socket[@]}" ;;
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
