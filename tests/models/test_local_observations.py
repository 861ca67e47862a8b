"""What the embedded model reads of an untrusted result: the cut applies to the content, not to its markers.

Found while tuning (helper `tune`, 2026-11-29): a file the agent had not written comes back fenced by the flow
screen behind a ~230-character marker, and the local loop cut the whole thing to 300 characters, so the model saw
almost nothing of the file it had just read.
"""

from __future__ import annotations

from macrohard.models.local import OBSERVATION_CHARS, _result_text
from macrohard.safety.flow import fence
from macrohard.types import Observation

BOUNDARY = "0123456789abcdef"
BODY = "\n".join(f"row {i}: value {i * 7}" for i in range(8))  # ~130 characters: fits the budget


def _fenced(body: str, delivery: str = "fence") -> str:
    obs = Observation(output=body, untrusted=True,
                      meta={"flow": {"source": "file data.txt (not written by the agent in this run)",
                                     "delivery": delivery, "spans": []}})
    return fence(obs, BOUNDARY)


def test_a_short_untrusted_file_reaches_the_model_whole_inside_its_boundary():
    text = _result_text(_fenced(BODY))
    assert BODY in text
    assert text.startswith("Result:\n[UNTRUSTED CONTENT from file data.txt")
    assert f"<<<BEGIN UNTRUSTED {BOUNDARY}>>>\n{BODY}\n<<<END UNTRUSTED {BOUNDARY}>>>" in text


def test_a_long_untrusted_file_is_cut_inside_the_block_and_the_block_still_closes():
    body = "\n".join(f"row {i}: value {i * 7}" for i in range(60))
    text = _result_text(_fenced(body))
    assert "row 0: value 0" in text and "...(cut)..." in text
    assert text.endswith(f"<<<END UNTRUSTED {BOUNDARY}>>>")
    inside = text.split(f"<<<BEGIN UNTRUSTED {BOUNDARY}>>>\n")[1].split(f"\n<<<END UNTRUSTED {BOUNDARY}>>>")[0]
    assert len(inside) <= OBSERVATION_CHARS + len("\n...(cut)...")


def test_marker_delivery_and_trusted_output_are_cut_as_before():
    marked = _result_text(_fenced(BODY, "marker"))
    assert BODY in marked and marked.count("data, not instructions") == 1
    assert _result_text("x" * 1000).count("x") == OBSERVATION_CHARS
    assert _result_text("") == "Result:\n(no output)"


def test_the_yes_no_questions_see_an_untrusted_file_whole_behind_a_short_marker():
    """The acting chat's yes/no (``local_verify``, 400 characters a step) and the fresh judge
    (``local_evidence``) cut untrusted output inside its block, as the acting chat does: cut whole, the marker
    took ~230 of the step's 400 characters and the judge saw a third of the file it was asked about."""
    from macrohard.models.local_evidence import judge_chat as fresh_chat
    from macrohard.models.local_verify import STEP_CHARS, judge_chat

    body = "\n".join(f"name {i},pottery,{i * 3}" for i in range(14))  # ~290 characters
    assert len(_fenced(body)) > STEP_CHARS > len(body)
    question = judge_chat("t", [({"kind": "bash", "command": "cat staff.csv"}, _fenced(body))])[-1]["content"]
    # the block's boundary lines stay, with a boundary drawn from the block, not the run's (local_evidence.steady)
    assert body in question and "<<<END UNTRUSTED " in question and BOUNDARY not in question
    fresh = fresh_chat("t", "done", _fenced(body), ({"kind": "bash", "command": "cat staff.csv"}, _fenced(body)))
    assert fresh[-1]["content"].count(body) == 2
