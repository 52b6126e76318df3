#!/usr/bin/env python3
"""Generates what documents pgsplit's command line from the binary's own --help text, so that
the man page and the shell completions list exactly the commands and options the code defines
(the command table and each command's options_description) and never drift:

  cli-reference.py PGSPLIT help2man-include OUT   pgsplit(1)'s per-command sections (help2man)
  cli-reference.py PGSPLIT bash OUT               bash completion
  cli-reference.py PGSPLIT zsh OUT                zsh completion
  cli-reference.py PGSPLIT list                   "command option" lines (for tests)

The build runs it (cmake/docs.cmake); a new command or option is picked up on the next build.
Only the Python standard library."""

import re
import subprocess
import sys

# An option whose value is the mapping file completes to *.yaml / *.yml files.
MAPPING_OPTIONS = {"config"}
# Options whose value is a path: completed as files or directories.
PATH_WORDS = ("file", "dir", "output", "path", "folder")


class Option:
    def __init__(self, short, long, takes_value, default, description):
        self.short = short
        self.long = long
        self.takes_value = takes_value
        self.default = default
        self.description = description

    def values(self):
        """The choices a description lists as "a | b | c" (e.g. --format), else []."""
        match = re.search(r"\b([a-z][\w-]*(?: \| [a-z][\w-]*)+)", self.description)
        return match.group(1).split(" | ") if match else []

    def is_mapping_file(self):
        return self.long in MAPPING_OPTIONS

    def is_path(self):
        return any(word in self.long for word in PATH_WORDS)


class Command:
    def __init__(self, name, summary, usage, options):
        self.name = name
        self.summary = summary
        self.usage = usage
        self.options = options


def run_help(binary, *arguments):
    return subprocess.run([binary, *arguments, "--help"], check=True, capture_output=True,
                          text=True).stdout


def parse_commands(text):
    """(name, summary) pairs from the "Commands:" block of `pgsplit --help`."""
    commands = []
    inside = False
    for line in text.splitlines():
        if line.strip() == "Commands:":
            inside = True
        elif inside and not line.strip():
            break
        elif inside:
            match = re.match(r"^  (\S+)\s+(.*)$", line)
            if match:
                commands.append((match.group(1), match.group(2).strip()))
            elif commands:  # a wrapped summary
                commands[-1] = (commands[-1][0], commands[-1][1] + " " + line.strip())
    if not commands:
        sys.exit("cli-reference: no 'Commands:' block in `pgsplit --help`")
    return commands


SPEC = re.compile(r"^  (?:-(\w) \[ --([\w-]+) \]|--([\w-]+))( arg)?(?: \(=([^)]*)\))?(\s+|$)(.*)$")


def parse_options(text):
    """Options of a boost::program_options description as printed by a command's --help."""
    options = []
    for line in text.splitlines():
        match = SPEC.match(line)
        if match:
            short, long_a, long_b, arg, default, _, description = match.groups()
            options.append(Option(short, long_a or long_b, bool(arg), default,
                                  description.strip()))
        elif options and line.startswith("    ") and line.strip():
            options[-1].description += " " + line.strip()
    return options


def load(binary):
    commands = []
    for name, summary in parse_commands(run_help(binary)):
        text = run_help(binary, name)
        usage = text.splitlines()[0].removeprefix("Usage: ").strip()
        commands.append(Command(name, summary, usage, parse_options(text)))
    return commands


# ---- man page (help2man --include) ----------------------------------------------------------

def roff(text):
    """Escapes text for roff: backslashes, hyphens of options, a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def option_heading(option):
    value = " \\fIVALUE\\fR" if option.takes_value else ""
    names = f"\\fB\\-\\-{roff(option.long)}\\fR{value}"
    if option.short:
        names = f"\\fB\\-{option.short}\\fR, " + names
    return names


def help2man_include(commands):
    out = ["[COMMANDS]",
           "Each command has its own options; `pgsplit COMMAND \\-\\-help` prints them."]
    for command in commands:
        out += [".SS \"" + roff(command.name) + "\"", roff(command.summary) + ".", ".PP",
                "\\fBpgsplit " + roff(command.usage.removeprefix("pgsplit ")) + "\\fR"]
        for option in command.options:
            text = roff(option.description)
            if option.default is not None:
                text += f" (default: {roff(option.default)})"
            out += [".TP", option_heading(option), text]
    out += ["", "[SEE ALSO]",
            "\\fBpgsplit\\-mapping\\fR(5) for the mapping file; README.md and docs/ in",
            "/usr/share/doc/pgsplit for the guides (apply, verify, stamping, security)."]
    return "\n".join(out) + "\n"


# ---- bash -------------------------------------------------------------------------------------

def words(options):
    names = []
    for option in options:
        names.append("--" + option.long)
        if option.short:
            names.append("-" + option.short)
    return " ".join(names)


def bash_value_case(command, option):
    patterns = "|".join([f"{command.name}:--{option.long}"] +
                        ([f"{command.name}:-{option.short}"] if option.short else []))
    if option.is_mapping_file():
        action = "_pgsplit_mapping_files"
    elif option.values():
        action = f'COMPREPLY=($(compgen -W "{" ".join(option.values())}" -- "$cur"))'
    elif option.is_path():
        action = 'compopt -o filenames 2>/dev/null || true; COMPREPLY=($(compgen -f -- "$cur"))'
    else:
        action = "COMPREPLY=()"  # a number, a size, a URL: nothing to offer
    return f"    {patterns}) {action}; return ;;"


def bash(commands):
    names = " ".join(command.name for command in commands)
    option_cases = "\n".join(f'    {c.name}) options="{words(c.options)}" ;;' for c in commands)
    value_cases = "\n".join(bash_value_case(c, o) for c in commands for o in c.options
                            if o.takes_value)
    return f"""# bash completion for pgsplit. Generated from `pgsplit --help` by
# scripts/cli-reference.py at build time: do not edit.

_pgsplit_mapping_files() {{
  compopt -o filenames 2>/dev/null || true
  COMPREPLY=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -f -X '!*.yml' -- "$cur")
    $(compgen -d -- "$cur"))
}}

_pgsplit() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD - 1]}}
  if ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W "{names} --help --version" -- "$cur"))
    return
  fi
  local command=${{COMP_WORDS[1]}} options=""
  case $command in
{option_cases}
    *) return ;;
  esac
  case $command:$prev in
{value_cases}
  esac
  COMPREPLY=($(compgen -W "$options" -- "$cur"))
}}
complete -F _pgsplit pgsplit
"""


# ---- zsh --------------------------------------------------------------------------------------

def zsh_quote(text):
    """A description inside '…[…]…' of _arguments: no brackets or colons, quotes doubled."""
    text = re.sub(r"[\[\]]", "", text).replace(":", ",").replace("'", "'\\''")
    return text[:120]


def zsh_option(option):
    description = zsh_quote(option.description)
    if option.is_mapping_file():
        value = ":mapping file:_files -g '\\''*.(yaml|yml)'\\''"
    elif option.values():
        value = f":{option.long}:({' '.join(option.values())})"
    elif option.is_path():
        value = f":{option.long}:_files"
    elif option.takes_value:
        value = f":{option.long}: "
    else:
        value = ""
    if option.short:
        exclusive = f"(-{option.short} --{option.long})"
        return f"'{exclusive}'{{-{option.short},--{option.long}}}'[{description}]{value}'"
    return f"'--{option.long}[{description}]{value}'"


def zsh(commands):
    command_list = "\n".join(f"    '{c.name}:{zsh_quote(c.summary)}'" for c in commands)
    cases = []
    for command in commands:
        arguments = " \\\n        ".join(zsh_option(o) for o in command.options)
        cases.append(f"    {command.name})\n      _arguments \\\n        {arguments}\n      ;;")
    case_text = "\n".join(cases)
    return f"""#compdef pgsplit
# zsh completion for pgsplit. Generated from `pgsplit --help` by scripts/cli-reference.py at
# build time: do not edit.

_pgsplit() {{
  local -a commands
  commands=(
{command_list}
  )
  if ((CURRENT == 2)); then
    _describe -t commands 'pgsplit command' commands
    _arguments '--help[show the commands]' '--version[show the version and libpq version]'
    return
  fi
  local command=$words[2]
  shift words
  ((CURRENT--))
  case $command in
{case_text}
  esac
}}

_pgsplit "$@"
"""


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, what = sys.argv[1], sys.argv[2]
    commands = load(binary)
    if what == "list":
        for command in commands:
            for option in command.options:
                print(command.name, "--" + option.long, " ".join(option.values()))
        return
    text = {"help2man-include": help2man_include, "bash": bash, "zsh": zsh}[what](commands)
    with open(sys.argv[3], "w", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main()
