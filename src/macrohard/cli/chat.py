"""`macrohard chat` and `macrohard chats list`: a conversation in the terminal on the chat engine.

Answers are printed as they stream; a delegated run is shown step by step as it runs (the same lines
as `macrohard run`); the guard's questions are answered inline (y/n). With stdin not a terminal,
each line is a message (and the answer to a question), and the end of input ends the chat.
"""

from __future__ import annotations

import functools
import itertools
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from macrohard.cli.common import ago, confirm, console, err_console, open_store, print_json, read_line, status_text
from macrohard.cli.view import BODY_CHARS, HEAD_CHARS, action_summary, clip, print_step, visible
from macrohard.errors import MacrohardError, NotFound, UserError
from macrohard.store.conversations import LOCAL_OWNER, ConversationStore
from macrohard.types import parse_action

if TYPE_CHECKING:
    from macrohard.chat import ApprovalNeeded, Conversation

# start52: the chat engine, its divisions, the models and the guard are imported by `macrohard chat` itself (in the
# functions below), not by this module: `macrohard chats list` and `chats show` read the store only, and importing
# the guard's rules and screens cost them ~1 s of CPU at each start

app = typer.Typer(no_args_is_help=True)
SHOWN_HISTORY = 6  # messages shown again when a conversation is continued


def _errors_as_json(command: Callable[..., None]) -> Callable[..., None]:
    """With --json, an error is a JSON line on stdout ({"error": …, "exit_code": …}) and the same exit status."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        if not kwargs.get("as_json"):
            return command(*args, **kwargs)
        try:
            return command(*args, **kwargs)
        except MacrohardError as exc:
            code = getattr(exc, "exit_code", 1)
            _json_line({"error": str(exc), "exit_code": code})
            raise typer.Exit(code) from None

    return wrapper


@_errors_as_json
def chat(
    conversation: Annotated[str | None, typer.Argument(help="With --continue: the conversation to continue "
                                                            "(an id from `macrohard chats list`; default: the last). "
                                                            "With --json and no --continue: the message to send.")] = None,
    cont: Annotated[bool, typer.Option("--continue", "-c", help="Continue a stored conversation instead of starting one.")] = False,
    model: Annotated[str | None, typer.Option("--model", "-m", help="Model that answers: local (the embedded model, offline), xai, openai:MODEL, http://HOST/v1 … (default: the chat division's, else $MACROHARD_MODEL, else local).")] = None,
    run_model: Annotated[str | None, typer.Option("--run-model", help="Model for delegated runs (default: each division's own, else the --model, else the agent default: local:qwen-1.5b when installed).")] = None,
    network: Annotated[str, typer.Option("--network", help="Sandbox network of delegated runs: none (default), loopback, hosts, full.")] = "none",
    source: Annotated[Path | None, typer.Option("--source", "-s", help="A git repository (clean, on a branch) the coding division works on: its delegated runs are gated by the repository's tests, and a change waits for `macrohard runs apply`.")] = None,
    policy: Annotated[Path | None, typer.Option("--policy", help="Safety policy YAML (default: $MACROHARD_POLICY, $MACROHARD_HOME/policy.yaml, or the built-in).")] = None,
    model_timeout: Annotated[float | None, typer.Option("--model-timeout", min=1, help="Most seconds one answer of a model server may take, its retries included (default 300).")] = None,
    voice: Annotated[bool, typer.Option("--voice", help="Talk instead of typing: speech in, spoken answers (microphone and speaker, or the files below).")] = False,
    audio_in: Annotated[list[Path] | None, typer.Option("--audio-in", help="With --voice: a recording to say (repeat it for each turn, and for each spoken yes/no).")] = None,
    audio_out: Annotated[Path | None, typer.Option("--audio-out", help="With --voice: a folder for the spoken answers (one WAV a clause, listed in clauses.jsonl) instead of the speaker.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="For a script, in JSON Lines: one message a line of stdin (or the argument alone), one JSON object a line out for each turn; a line {\"message\": \"…\"} sends a message over several lines. The guard's questions are denied. An error is a JSON line too; exit 1 if a turn failed (which ends the chat), 2 for a wrong command.")] = False,
) -> None:
    """Talk with macrohard: it answers, or hands work to a division and shows that run live.

    For a script, JSON Lines: `printf 'what is 2+2?\\nand 3+3?\\n' | macrohard chat --json` answers each line of
    stdin with one JSON line; `echo "and then?" | macrohard chat --json --continue ID` goes on with a conversation.
    """
    from macrohard.chat import open_conversation
    from macrohard.chat.divisions import CHAT, DivisionDelegator, chat_prompt
    from macrohard.chat.engine import CHAT_SYSTEM_PROMPT
    from macrohard.chat.slash import as_sent
    from macrohard.divisions import load_divisions
    from macrohard.models import get_model
    from macrohard.safety.guard import Guard

    messages = None
    if as_json:  # ux49b: one message in, one JSON object out; ux51: one turn a stdin line, JSON Lines out
        if voice or audio_in or audio_out:
            raise UserError("--json sends typed messages; leave out --voice, --audio-in and --audio-out")
        if not cont and conversation is not None:
            messages, conversation = iter([conversation]), None
        else:
            messages = _stdin_messages()
        first = next(messages, None)
        if first is None:
            raise UserError("--json has no message to send: give it as the argument (macrohard chat --json "
                            "\"MESSAGE\") or one a line on stdin")
        messages = itertools.chain([first], messages)
    if conversation and not cont:
        raise UserError(f"to go on with conversation {conversation}, add --continue: macrohard chat --continue {conversation}")
    if network not in ("none", "loopback", "hosts", "full"):
        raise UserError(f"--network must be none, loopback, hosts or full, not {network!r}")
    repo = None
    if source is not None:  # checked before any model is loaded: a bad repository is said at once, with the fix
        from macrohard.coding.repo import check_repo

        repo = check_repo(source).path
    divisions = load_divisions()
    store = open_store()
    chats = ConversationStore(store)
    chat_division = divisions.get(CHAT)
    resume = None
    if cont:  # found before the model is made: a continued conversation keeps its model unless --model says
        record = chats.get(conversation) if conversation else chats.latest()
        if record is None:
            raise NotFound("there is no conversation to continue yet; start one with `macrohard chat`")
        resume, model = record.id, model or record.model or None
    chosen = model or (chat_division.model if chat_division is not None else None)
    llm = get_model(chosen, role="chat")
    if model_timeout is not None:
        # rel47 (rel46b's left-open): the model's errors (a slow server, a Retry-After past the deadline) name
        # --model-timeout, which chat did not have ("No such option"); the answer's deadline was fixed at 300 s
        if not hasattr(llm, "timeout"):
            raise UserError(f"--model-timeout bounds a model server's answer; {llm.name} answers in this process "
                            "and has no deadline to set: leave the option out, or choose a server with --model")
        llm.timeout = model_timeout
    worker = get_model(run_model) if run_model else None
    guard = Guard.from_policy(str(policy) if policy else None)
    # delegated runs: --run-model, else the chosen model, else each division's own or the agent default
    delegator = DivisionDelegator(store=store, guard=guard, divisions=divisions, default_model=llm if chosen else None,
                                  models=(lambda _division, _task: worker) if worker is not None else None,
                                  task_updates={"network": network}, source=repo)
    prompt = chat_prompt(divisions, CHAT_SYSTEM_PROMPT)
    if repo is not None:
        prompt += (f"\nThe coding division works on the git repository {repo}: its change is tested there "
                   "before and after, and reaches the repository only if the tests pass and the user applies it.")
    conv = open_conversation(chats, llm, resume=resume, guard=guard, delegator=delegator, system_prompt=prompt)
    from macrohard.safety import content_embed, warm

    content_embed.warn_if_missing()  # ux56: said before the first prompt, not into the line being typed
    warm.start()  # the answer screen's heads load while the person types (rel46: the first answer paid them)
    if messages is not None:
        from macrohard.cli.closing import watched

        failed = False
        # ux54: SIGTERM and SIGHUP stop a --json chat as Ctrl-C does (as the typed chat's, rel46b). Before, `timeout`
        # killed it at once, its delegated run left `running` with its sandbox mounted
        try:
            with watched():
                for message in messages:
                    if not _json_turn(conv, message, llm.name, store):
                        failed = True
                        break  # a failed turn (a model server down) ends the chat: the next would fail the same way
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        if failed:
            raise typer.Exit(1)
        return
    if voice or audio_in or audio_out:
        from macrohard.cli.voice import voice_chat

        voice_chat(conv, llm.name, audio_in or [], audio_out)
        return
    interactive = sys.stdin.isatty()
    console.print(f"[bold]macrohard[/] chat [cyan]{conv.id}[/] · model [cyan]{escape(llm.name)}[/]"
                  + ("  [dim](Ctrl-D ends) · /help: the commands[/]" if interactive else ""), highlight=False)
    if cont:
        _show_history(conv)
    from macrohard.cli.closing import watched

    # rel46b: SIGTERM and SIGHUP stop the chat as Ctrl-C does. Before, SIGTERM (a closed terminal's SIGHUP, a
    # service manager, `kill`) ended the process at once: a delegated run in progress stayed `running` in the store
    # with its sandbox mounted, until the next command called it crashed
    try:
        with watched():
            while (text := _read_message(interactive)) is not None:
                if not text.strip():
                    continue
                said = _slash(text, conv.id)
                if said == "exit":
                    break
                if said == "done":
                    continue
                text = as_sent(text)  # "//…": a message that starts with "/" as it is
                try:
                    events = conv.send(text)
                except UserError as exc:
                    err_console.print(f"[bold red]error:[/] {escape(str(exc))}")
                    continue
                _show_turn(conv, events, interactive)
    except KeyboardInterrupt as exc:
        err_console.print(f"\n[yellow]{escape(str(exc) or 'interrupted')}; the conversation is kept: macrohard chat "
                          f"--continue {conv.id} (an answer cut short is kept as far as it was shown, marked cut)[/]")
        raise typer.Exit(130) from None
    console.print(f"[dim]continue it: macrohard chat --continue {conv.id}[/]", highlight=False)


def _json_line(data: Any) -> None:
    """One JSON object on one line of stdout, flushed: a script reading turn by turn gets each as it ends."""
    print(json.dumps(data, default=str), flush=True)


def _stdin_messages() -> Iterator[str]:
    """The messages of stdin, one a line as it comes (a script may wait for each answer before it writes the next);
    empty lines are skipped; a line that is a JSON object with a string "message" is that message (one over several
    lines). Before (ux51) all of stdin was one message."""
    while line := sys.stdin.readline():
        text = line.rstrip("\r\n")
        if text.lstrip().startswith("{"):
            try:
                obj = json.loads(text)
            except ValueError:
                obj = None
            if isinstance(obj, dict) and isinstance(obj.get("message"), str):
                text = obj["message"]
        if text.strip():
            yield text


def _json_turn(conv: Conversation, message: str, model_name: str, store: Any = None) -> bool:
    """One message sent, its answer and the runs it started printed as one JSON line; False if the turn failed. A
    stop (Ctrl-C, SIGTERM) prints the line too, its error saying so, each run as recorded, and is raised again."""
    from macrohard.chat import ApprovalNeeded, DelegationFinished, DelegationStarted, ErrorEvent, MessageDone

    said: dict[str, Any] = {"conversation": conv.id, "model": model_name, "message": message, "answer": None,
                            "withheld": False, "runs": [], "questions": [], "error": None}
    runs: dict[str, dict[str, Any]] = {}
    try:
        events = conv.send(message)
    except UserError as exc:  # this message is refused (too long …): said on its line, the chat goes on
        said["error"] = str(exc)
        _json_line(said)
        return True
    try:
        for event in events:
            if isinstance(event, MessageDone):
                said["answer"], said["withheld"] = event.text, event.withheld
            elif isinstance(event, DelegationStarted):
                runs[event.run_id] = {"run_id": event.run_id, "division": event.division, "task": event.task,
                                      "status": "running", "answer": None, "error": None}
            elif isinstance(event, DelegationFinished):
                runs.setdefault(event.run_id, {"run_id": event.run_id, "division": None, "task": None}).update(
                    status=event.status, answer=event.answer, error=event.error)
            elif isinstance(event, ApprovalNeeded):  # no one to ask: denied, and said
                conv.answer(event.approval_id, False)
                said["questions"].append({"run_id": event.run_id, "action": event.action,
                                          "reason": event.verdict.reason, "allowed": False})
            elif isinstance(event, ErrorEvent):
                said["error"] = event.message
    except KeyboardInterrupt as exc:
        said["error"] = (f"{exc or 'interrupted'}; the conversation is kept: macrohard chat --continue {conv.id}")
        for run in runs.values():  # as recorded once the stop reached it (interrupted, its steps kept)
            if run.get("status") == "running" and store is not None:
                try:
                    got = store.get_run(run["run_id"])
                    run.update(status=got.status.value, answer=got.answer, error=got.error)
                except MacrohardError:
                    pass
        said["runs"] = list(runs.values())
        _json_line(said)
        raise
    finally:
        events.close()
    said["runs"] = list(runs.values())
    _json_line(said)
    return said["error"] is None


def _slash(text: str, conv_id: str) -> str | None:
    """A line that is a chat command (``/help``, ``/exit``), done here and never sent to the model: "exit", "done", or
    None for a message. Before (ux49) every line went to the model, so `/help` or a mistyped `/exit` was answered by
    it ("I'm sorry for any confusion"). The words are the web chat page's too (``chat/slash.py``)."""
    from macrohard.chat.slash import help_text, slash_word, unknown_text

    word = slash_word(text)
    if word is None:
        return None
    if word in ("/exit", "/quit"):
        return "exit"
    if word == "/help":
        console.print(escape(help_text("terminal", conv_id)), highlight=False)
        return "done"
    err_console.print(f"[yellow]{escape(unknown_text(word))}[/]", highlight=False)
    return "done"


def _read_message(interactive: bool) -> str | None:
    if interactive:
        try:
            console.print("[bold green]you>[/] ", end="")
            return read_line()  # not console.input: a Ctrl-C as the prompt appears is not lost (common.read_line)
        except EOFError:
            return None
    line = sys.stdin.readline()
    return None if line == "" else line.rstrip("\n")


def _show_history(conv: Conversation) -> None:
    history = conv.history()
    if len(history) > SHOWN_HISTORY:
        console.print(f"[dim]… {len(history) - SHOWN_HISTORY} earlier messages[/]")
    for msg in history[-SHOWN_HISTORY:]:
        who = "[bold green]you>[/]" if msg.role == "user" else "[bold cyan]macrohard>[/]"
        console.print(f"{who} {escape(visible(clip(msg.text, HEAD_CHARS)))}", highlight=False)


def _show_turn(conv: Conversation, events: Any, interactive: bool) -> None:
    try:
        _show_events(conv, events, interactive)
    except KeyboardInterrupt:
        # rel47 (rel46b's left-open): said with no delegated run too, where nothing was stopping
        if (run_id := conv.delegating) is not None:
            err_console.print(f"\n[yellow]stopping: a delegated run ends after its current step … ({run_id})[/]")
        raise
    finally:  # the turn ends, and a sub-run still going stops at its next step (recorded interrupted)
        events.close()


def _show_gate(conv: Conversation, run_id: str) -> None:
    """A gated coding sub-run: its test gate, and how its change reaches the repository."""
    try:
        gate = conv.store.store.get_run(run_id).meta.get("gate")
    except MacrohardError:  # never recorded (refused before it started)
        return
    if gate:
        from macrohard.cli.code import print_gate

        print_gate(gate)
        console.print(f"  apply it: macrohard runs apply {run_id}" + ("" if gate.get("status") == "passed" else
                      " (refused unless --force, recorded)"), highlight=False)


def _show_events(conv: Conversation, events: Any, interactive: bool) -> None:
    from macrohard.chat import (
        ApprovalNeeded,
        DelegationFinished,
        DelegationStarted,
        ErrorEvent,
        MessageDone,
        RunStepEvent,
        TokenEvent,
    )

    streaming = False  # in the middle of a streamed answer's line
    for event in events:
        if isinstance(event, TokenEvent):
            if not streaming:
                console.print("[bold cyan]macrohard>[/] ", end="")
                streaming = True
            console.print(visible(event.text), end="", markup=False, highlight=False, soft_wrap=True)
            console.file.flush()
            continue
        if streaming:
            console.print()
            streaming = False
        if isinstance(event, MessageDone):
            if event.withheld:
                console.print(f"[bold red]{escape(event.text)}[/]", highlight=False)
        elif isinstance(event, DelegationStarted):
            console.print(f"[magenta]→ delegated to {escape(event.division)}[/]: {escape(visible(clip(event.task, HEAD_CHARS)))} "
                          f"[dim](run {event.run_id})[/]", highlight=False)
        elif isinstance(event, RunStepEvent):
            print_step(event.step, run_id=event.run_id)
        elif isinstance(event, ApprovalNeeded):
            conv.answer(event.approval_id, _ask(event, interactive))
        elif isinstance(event, DelegationFinished):
            line = f"[magenta]← run {event.run_id}[/] {status_text(event.status)}"
            if event.error:
                line += f": {escape(visible(clip(event.error, HEAD_CHARS)))}"
            console.print(line, highlight=False)
            _show_gate(conv, event.run_id)
        elif isinstance(event, ErrorEvent):
            err_console.print(f"[bold red]error:[/] {escape(event.message)}", highlight=False)
    if streaming:
        console.print()


def _ask(event: ApprovalNeeded, interactive: bool) -> bool:
    """The guard's question, answered inline: y to allow, anything else (or the end of input) denies."""
    try:
        what = action_summary(parse_action(event.action))
    except ValueError:
        what = str(event.action)
    console.print(f"[yellow]The guard asks:[/] {escape(visible(clip(what, BODY_CHARS)))}\n  reason: "
                  f"{escape(visible(clip(event.verdict.reason, HEAD_CHARS)))} [dim]({escape(event.verdict.check)})[/]",
                  highlight=False)
    if interactive:
        return confirm("  Allow this action?")
    console.print(escape("  Allow this action? [y/N]: "), end="")
    line = sys.stdin.readline()
    console.print(escape(line.strip()))
    return line.strip().lower() in ("y", "yes")


@app.command("show")
def show_chat(
    conversation: Annotated[str, typer.Argument(help="The conversation's id (or a unique part of it).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the conversation and its messages as JSON.")] = False,
) -> None:
    """Show a stored conversation, message by message, with the runs it delegated."""
    chats = ConversationStore(open_store())
    record = chats.get(conversation)
    messages = chats.messages(record.id)
    if as_json:
        print_json({**record.model_dump(mode="json"), "messages": [m.model_dump(mode="json") for m in messages]})
        return
    console.print(f"[bold]{escape(visible(record.title))}[/] [dim]{record.id} · {record.model} · {ago(record.updated_at)}[/]",
                  highlight=False)
    for msg in messages:
        who = "[bold green]you>[/]" if msg.role == "user" else "[bold cyan]macrohard>[/]"
        style = "red" if msg.withheld else ""
        text = escape(visible(clip(msg.text, BODY_CHARS)))
        console.print(f"{who} [{style}]{text}[/]" if style else f"{who} {text}", highlight=False)
        for run_id in msg.run_ids:
            console.print(f"    [magenta]delegated run[/] {run_id} [dim](macrohard runs show {run_id})[/]", highlight=False)


@app.command("list")
def list_chats(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many, the most recent first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List your stored conversations, the most recent first."""
    rows = ConversationStore(open_store()).list(LOCAL_OWNER, limit=limit)
    if as_json:
        print_json([r.model_dump(mode="json") for r in rows])
        return
    if not rows:
        console.print("no conversations yet: start one with `macrohard chat`")
        return
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("title", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("msgs", justify="right")
    table.add_column("updated", no_wrap=True)
    for r in rows:
        table.add_row(r.id, escape(visible(r.title)), str(r.messages), ago(r.updated_at))
    console.print(table, highlight=False)
