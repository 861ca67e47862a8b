"""A timeline as one HTML page: a row per segment with its keyframe, times, caption and text."""

from __future__ import annotations

import html
from pathlib import Path

from macrohard.imagine.describe import Timeline, _mmss

STYLE = """body{font:14px system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
table{border-collapse:collapse;width:100%}td{vertical-align:top;padding:8px;border-bottom:1px solid #ddd}
img{width:320px;border:1px solid #ccc}.t{white-space:nowrap;color:#555}.cap{font-weight:600;margin-bottom:6px}
.ocr{font-family:ui-monospace,monospace;font-size:12px;color:#444}.warn{color:#a40}"""


def write_page(timeline: Timeline, out_dir: str | Path) -> Path:
    """Write ``index.html`` beside ``timeline.json`` (the keyframes are linked, not inlined)."""
    e = html.escape
    rows = []
    for seg in timeline.segments:
        text = "<br>".join(f"{e(t.text)} <span title='x,y,w,h'>@{','.join(map(str, t.box))}</span>" for t in seg.text)
        rows.append(f"<tr id='s{seg.index}'><td class='t'>{_mmss(seg.start)}–{_mmss(seg.end)}</td>"
                    f"<td><img src='{e(seg.frame)}' alt='keyframe at {seg.keyframe_time:.1f}s'></td>"
                    f"<td><div class='cap' title='{e(seg.captioner)}'>{e(seg.caption)}</div>"
                    + (f"<div class='warn'>{e(seg.caption_note)}</div>" if seg.caption_note else "") + f"<div class='ocr'>{text}</div></td></tr>")
    warn = "".join(f"<p class='warn'>⚠ {e(w)}</p>" for w in timeline.warnings)
    body = (f"<!doctype html><html><head><meta charset='utf-8'><title>timeline · {e(timeline.source)}</title>"
            f"<style>{STYLE}</style></head><body><h1>{e(timeline.source)}</h1>"
            f"<p>{_mmss(timeline.duration)} · {timeline.width}x{timeline.height} · {len(timeline.segments)} segments · "
            f"{timeline.frames_analysed} frames analysed at {timeline.sampled_fps:g}/s · OCR {e(timeline.ocr_engine)} · "
            f"captions: {e(timeline.captioner)}</p>{warn}<table>{''.join(rows)}</table></body></html>")
    path = Path(out_dir) / "index.html"
    path.write_text(body)
    return path
