#!/usr/bin/env python3
"""Re-run every command shown in README.md and replace its printed output.

Each fenced block that starts with ```console holds commands on lines beginning
with "$ " (continued with a trailing backslash); everything up to the next
command or the closing fence is that command's output, rewritten here from a
real run of the release binary (`make release` first). Run from anywhere:

    python3 scripts/update_readme_examples.py               # every command
    python3 scripts/update_readme_examples.py run.yaml cov  # only commands containing "run.yaml" or "cov"
    python3 scripts/update_readme_examples.py "!--method all"  # every command but those containing "--method all"

With arguments, a command is re-run only when it contains one of them; the
others keep the output the README shows.
"""
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINARY = ROOT / ".build" / "release" / "tailrisk"


def run(command: str) -> str:
    shell = re.sub(r"^tailrisk\b", str(BINARY), command)
    shell = shell.replace("| tailrisk", f"| {BINARY}")
    env = dict(os.environ, PATH=f"{BINARY.parent}:{os.environ.get('PATH', '')}")  # `tailrisk` inside loops and pipes
    done = subprocess.run(["bash", "-c", shell], cwd=ROOT, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"README command failed ({done.returncode}): {command}\n{done.stderr}")
    return done.stdout.replace(str(ROOT) + "/", "")


def main(words: list[str]) -> int:
    """`words`: re-run only the commands containing one; a word `!w` skips those containing `w`."""
    skip = [w[1:] for w in words if w.startswith("!")]
    only = [w for w in words if not w.startswith("!")]
    if not BINARY.exists():
        sys.exit("build the release binary first: make release")
    lines = (ROOT / "README.md").read_text().split("\n")
    out, i, ran = [], 0, 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if line.strip() != "```console":
            continue
        keep = False  # whether the lines read are the kept output of a command not re-run
        while i < len(lines) and lines[i].strip() != "```":
            if not lines[i].lstrip().startswith("$ "):
                if keep:
                    out.append(lines[i])
                i += 1  # old output
                continue
            command_lines = [lines[i]]
            while command_lines[-1].endswith("\\"):
                i += 1
                command_lines.append(lines[i])
            i += 1
            out.extend(command_lines)
            command = " ".join(l.rstrip("\\").strip() for l in command_lines).lstrip()[2:]
            keep = (bool(only) and not any(word in command for word in only)) or any(word in command for word in skip)
            if keep:
                continue
            indent = command_lines[0][: len(command_lines[0]) - len(command_lines[0].lstrip())]
            out.extend(indent + l if l else l for l in run(command).rstrip("\n").split("\n"))
            ran += 1
    (ROOT / "README.md").write_text("\n".join(out))
    print(f"README.md: {ran} commands re-run")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
