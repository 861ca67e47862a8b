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
