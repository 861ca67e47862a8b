"""The embedded model's actions: which it is offered, the grammar of their format, reading one back from
the model's JSON (backslashes in a command reach the shell as written), and fast decoding for ChatML
models (Qwen).

**Backslashes.** A model writes a regex into a JSON string as it would type it (``grep -E '\\bword\\b'``,
``\\d``, ``\\s``). Read as JSON, ``\\b`` became a backspace (the command was then denied) and ``\\d`` was
not even allowed. Here a backslash keeps its JSON meaning only before ``"``, ``\\``, ``/``, ``n``
(a newline: heredocs and multi-line commands) and ``u`` (and ``t``, a tab, in a written file's content);
before anything else it stands for itself, and the grammar allows it.

**Fast decoding** (``decode_action``). Measured on Qwen2.5-Coder 1.5B on 2 cores (RESULTS.md): each token
decoded under the JSON grammar cost ~110 ms against ~70 ms free (the grammar is checked over the whole
151k vocabulary), and a third of an action's tokens are fixed punctuation (``{"kind": "bash", "command": "``),
each a full decode step. So the model picks only the kind (a grammar over the offered kinds, 1-3
tokens); the fixed parts are put in the prompt (read in one batch); each string is decoded free up to its
closing quote, and ``success`` by a two-word grammar. The model still writes every value: which kind,
which command, which claim. A string that does not close within its limit falls back to the grammar.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from macrohard.models import local_browser as web
from macrohard.types import BashAction, FinishAction, WriteFileAction

# The actions the small model is offered, with the fields it fills (kind always first). Others the
# environment has (read_file, list_dir, ...) are left out: every extra choice costs a tiny model accuracy.
LOCAL_ACTIONS: dict[str, dict[str, dict[str, Any]]] = {
    "bash": web.local_fields(BashAction, command=120),
    "write_file": web.local_fields(WriteFileAction, path=60, content=400),
    "finish": web.local_fields(FinishAction, answer=80, success=None),
}
HEAD = '{"kind": "'
STRING_TOKENS = {"command": 160, "path": 40, "content": 600, "answer": 40}  # a string cut here falls back
# A JSON string's character whose backslash may precede any character (GBNF): see the module doc.
CHAR_RULE = r'char ::= [^"\\] | "\\" [^\x00-\x1F]'
BOOL_GRAMMAR = 'root ::= ("true" | "false") "}"'


def action_schema(kinds: list[str], paths: list[str] | None = None) -> dict[str, Any]:
    """One JSON schema over the offered actions: an object per kind, ``kind`` first, all fields required.

    ``paths``: when the task names files, ``write_file`` may only write one of them (a tiny model
    otherwise invents names).
    """
    variants = []
    for kind in kinds:
        fields = dict(LOCAL_ACTIONS[kind])
        if kind == "write_file" and paths:
            fields["path"] = {"enum": list(paths)}
        variants.append({"type": "object", "properties": {"kind": {"const": kind}, **fields},
                         "required": ["kind", *fields], "additionalProperties": False})
    return {"oneOf": variants} if len(variants) > 1 else variants[0]


def token_bound(kinds: list[str]) -> int:
    """The most tokens an action of ``kinds`` can take under its grammar (``action_schema``): every string has a
    maxLength, a grammar character is at most 2 characters (an escape) of at most 4 bytes, and a token is at least
    one byte. Decoding under the grammar with this ``max_tokens`` cannot be cut off before the JSON closes (only
    the context window, which llama.cpp clamps to, is smaller)."""
    longest = max(sum(int(f.get("maxLength") or 0) for f in LOCAL_ACTIONS[k].values()) for k in kinds)
    return 8 * longest + 128


def grammar_text(schema: dict[str, Any]) -> str:
    """The GBNF of ``schema`` (llama.cpp's converter) with strings that let a backslash stand for itself."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    gbnf = json_schema_to_gbnf(json.dumps(schema))
    return re.sub(r"(?m)^char ::= .*$", lambda _: CHAR_RULE, gbnf)


_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


def parse_action(text: str) -> dict[str, Any] | None:
    """The JSON object in ``text``, its strings read with backslashes kept as written (see the module doc)."""
    out, pos, prev = [], 0, ""
    for m in _LITERAL.finditer(text):
        literal = m.group(0)
        tabs = prev == '"content"'
        out.append(text[pos:m.start()])
        out.append(re.sub(r"\\(.)", lambda e, tabs=tabs: e.group(0) if e.group(1) in '"\\/nu' or (tabs and e.group(1) == "t")
                          else "\\\\" + e.group(1), literal, flags=re.S))
        pos, prev = m.end(), literal
    out.append(text[pos:])
    try:
        data = json.loads("".join(out), strict=False)
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


def chatml(chat: list[dict[str, str]]) -> str:
    """The chat as a ChatML prompt ending where the assistant's reply starts (Qwen's and SmolLM2's template
    for plain turns)."""
    return "".join(f"<|im_start|>{t['role']}\n{t['content']}<|im_end|>\n" for t in chat) + "<|im_start|>assistant\n"


# complete(prompt, grammar_text | None, stop | None, max_tokens) -> (text, finished: True unless cut at max_tokens)
Complete = Callable[[str, str | None, list[str] | None, int], tuple[str, bool]]
FIELDS = {"bash": ("command",), "write_file": ("path", "content"), "finish": ("answer", "success")}


def pick_kind(complete: Complete, prompt: str, kinds: list[str]) -> str | None:
    """The model's choice among ``kinds`` (the first tokens of its action)."""
    if len(kinds) == 1:
        return kinds[0]
    alts = " | ".join(f'"{k}"' for k in kinds)
    text, _ = complete(prompt + HEAD, f'root ::= ({alts}) "\\""', None, 8)
    kind = text.rstrip('"')
    return kind if kind in kinds else None


def fill(complete: Complete, prompt: str, kind: str) -> tuple[dict[str, Any] | None, str]:
    """The rest of an action of ``kind`` (each value the model's); None when a string did not close."""
    raw = f'{HEAD}{kind}"'
    for field in FIELDS[kind]:
        if field == "success":
            raw += ', "success": '
            text, _ = complete(prompt + raw, BOOL_GRAMMAR, None, 3)
            raw += text if text.endswith("}") else text + "}"
            continue
        raw += f', "{field}": "'
        value = read_string(complete, prompt + raw, STRING_TOKENS[field])
        if value is None:
            return None, raw
        raw += value + '"'
    if not raw.endswith("}"):
        raw += "}"
    return parse_action(raw), raw


def read_string(complete: Complete, prompt: str, limit: int) -> str | None:
    """A JSON string's body, decoded free up to its first unescaped quote (the grammar's end of a string)."""
    got = ""
    for _ in range(8):
        text, finished = complete(prompt + got, None, ['"'], max(1, limit))
        got += text
        if not finished:
            return None
        trailing = len(got) - len(got.rstrip("\\"))
        if trailing % 2 == 0:
            return got
        got += '"'  # an escaped quote belongs to the string: go on after it
        limit -= max(1, len(text) // 3)
    return None


def decode_action(complete: Complete, prompt: str, kinds: list[str], *,
                  stop_before: Callable[[str], bool] | None = None) -> tuple[dict[str, Any] | None, str]:
    """One action: the kind first; ``stop_before(kind)`` true returns ``{"kind": kind}`` unfilled (the
    caller will not take it as it is: a finish right after a change becomes a read-back)."""
    kind = pick_kind(complete, prompt, kinds)
    if kind is None:
        return None, ""
    if stop_before is not None and stop_before(kind):
        return {"kind": kind}, f'{HEAD}{kind}"'
    return fill(complete, prompt, kind)


__all__ = ["LOCAL_ACTIONS", "action_schema", "chatml", "decode_action", "fill", "grammar_text", "parse_action", "token_bound"]
