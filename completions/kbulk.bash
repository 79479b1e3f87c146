# bash completion for kbulk. Commands and flags come from kbulk's own --help, so they never drift from the
# program: `kbulk --help` lists the commands, `kbulk CMD [SUB] --help` their subcommands and flags.
_kbulk_help_words() {
  # $1: the section to read ("Subcommands:" or "Options:"); the rest: the command words.
  local section=$1
  shift
  "${_kbulk_program:-kbulk}" "$@" --help 2>/dev/null | awk -v section="$section" '
    $0 == section { in_section = 1; next }
    /^[^ ]/ { in_section = 0 }
    in_section && section == "Subcommands:" && /^  [a-z]/ { print $1 }
    in_section && section == "Options:" && /^  -/ {
      n = split($1, names, ",")
      for (i = 1; i <= n; i++) if (names[i] ~ /^--/) print names[i]
    }'
}

_kbulk() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  _kbulk_program=${COMP_WORDS[0]}
  local words=() i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    [[ $w == -* ]] && break
    words+=("$w")
  done
  case $prev in
    -o | --output | --base | --from | --journal | --report | --rejected | --api-key-file | --ca-file | \
      --temp-dir | --ready-file | --seed-file)
      COMPREPLY=($(compgen -f -- "$cur"))
      return
      ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_kbulk_help_words Options: "${words[@]}")" -- "$cur"))
    return
  fi
  local subs
  subs=$(_kbulk_help_words Subcommands: "${words[@]}")
  if [ -n "$subs" ]; then
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _kbulk kbulk
