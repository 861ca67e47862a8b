"""Examples shown at the end of each command's ``--help`` (helper ux49: before, no command's help named one).

Each line is a whole command a new user can copy; ``tests/front/test_ux49.py`` parses every one against the command it
belongs to (an option that does not exist, or a value it refuses, fails there) and runs those that need no model.
Placeholders are in capitals (RUN_ID, REPO)."""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "run": ('macrohard run "create hello.txt containing hello world"',
            'macrohard run "sort the lines of names.txt" --source . --max-steps 10',
            'macrohard run "what is the title of example.org?" -e browser --network hosts --allow-host example.org',
            "macrohard run --task-file task.yaml --json"),
    "code": ('macrohard code "make the failing test in tests/test_parse.py pass" --source REPO',),
    "models": ("macrohard models",),
    "company": ('macrohard company "make a CLI that prints the date, with tests and a logo" --workers 2',),
    "divisions": ("macrohard divisions", "macrohard divisions --json"),
    "chat": ("macrohard chat", "macrohard chat --continue", 'echo "how big is /etc/hosts in the sandbox?" | macrohard chat',
             'macrohard chat --json "what is in /etc/os-release?"'),
    "say": ('macrohard say "the run succeeded" -o done.wav',),
    "listen": ("macrohard listen question.wav",),
    "runs": ("macrohard runs list --status failed", "macrohard runs show RUN_ID --full", "macrohard runs diff RUN_ID",
             "macrohard runs apply RUN_ID", "macrohard runs replay RUN_ID"),
    "policy": ("macrohard policy show", 'macrohard policy try "rm -rf ~"', "macrohard policy check policy.yaml"),
    "audit": ("macrohard audit verify RUN_ID", "macrohard audit show RUN_ID --json"),
    "serve": ("macrohard serve", "macrohard serve users add alice --role member"),
    "eval": ("macrohard eval list", "macrohard eval run tiny --model local", "macrohard eval compare EVAL_A EVAL_B"),
    "mcp": ("macrohard mcp serve --allow bash,read_file",),
    "money": ("macrohard money accounts", "macrohard money fund user:alice 20", "macrohard money limits"),
    "chats": ("macrohard chats list", "macrohard chats show CHAT_ID"),
    "imagine": ("macrohard imagine describe RUN_ID", 'macrohard imagine search "error dialog"',
                "macrohard imagine make script.yaml -o demo.mp4"),
}


def epilog(name: str) -> str | None:
    """The examples of command ``name`` as its help's last lines (rich markup escaped), or None."""
    from rich.markup import escape

    lines = EXAMPLES.get(name)
    return "Examples:\n" + "\n".join(f"  {escape(line)}" for line in lines) if lines else None


__all__ = ["EXAMPLES", "epilog"]
