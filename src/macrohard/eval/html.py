"""The HTML report: one self-contained page with inline SVG plots (no scripts, no network)."""

from __future__ import annotations

from html import escape

from macrohard.eval.report import Rate, Summary
from macrohard.executors.spec import RunOutcome

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1100px}
h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:8px;padding:.8rem 1.1rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}
table{border-collapse:collapse;margin-top:.5rem} td,th{border-bottom:1px solid #eee;padding:.3rem .7rem;text-align:left}
td.id{font-family:monospace;font-size:.8em;white-space:nowrap} td.detail{font-size:.85em;max-width:28rem}
.pass{color:#16794a} .fail{color:#b42318} svg text{font-size:12px;font-family:system-ui,sans-serif}
"""


def _rate_bars(rates: dict[str, Rate], title: str) -> str:
    """Horizontal bars of success per group, with the Wilson interval as a whisker."""
    width, label_w, bar_w, row_h = 800, 150, 420, 24
    height = row_h * len(rates) + 30
    parts = [f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for i, (name, r) in enumerate(rates.items()):
        y = 10 + i * row_h
        w = bar_w * r.rate
        color = "#2e9e5b" if r.rate >= 0.8 else "#e0a526" if r.rate >= 0.5 else "#d0453a"
        parts.append(f'<text x="0" y="{y + 14}">{escape(name[:22])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="16" fill="#f1f1f1"/>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="16" fill="{color}"/>')
        lo, hi = label_w + bar_w * r.low, label_w + bar_w * r.high
        parts.append(f'<line x1="{lo:.1f}" x2="{hi:.1f}" y1="{y + 8}" y2="{y + 8}" stroke="#333" stroke-width="1.5"/>')
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 13}">{r.passed}/{r.n} ({r.rate:.0%})</text>')
    parts.append("</svg>")
    return "".join(parts)


def _histogram(values: list[float], title: str, unit: str) -> str:
    """A small histogram with up to 12 bins."""
    width, height, pad = 640, 180, 30
    if not values:
        return "<p>no runs</p>"
    lo, hi = min(values), max(values)
    bins = min(12, max(1, len(set(values))))
    span = (hi - lo) or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int((v - lo) / span * bins))] += 1
    top = max(counts)
    bw = (width - 2 * pad) / bins
    parts = [f'<svg role="img" aria-label="{escape(title)}" width="{width}" height="{height + 20}" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for i, c in enumerate(counts):
        h = (height - 2 * pad) * c / top
        x, y = pad + i * bw, height - pad - h
        parts.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bw - 2:.1f}" height="{h:.1f}" fill="#4a78c2"/>')
        if c:
            parts.append(f'<text x="{x + bw / 2 - 4:.1f}" y="{y - 3:.1f}">{c}</text>')
    parts.append(f'<line x1="{pad}" x2="{width - pad}" y1="{height - pad}" y2="{height - pad}" stroke="#333"/>')
    parts.append(f'<text x="{pad}" y="{height - pad + 16}">{lo:.3g} {unit}</text>')
    parts.append(f'<text x="{width - pad - 70}" y="{height - pad + 16}">{hi:.3g} {unit}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(summary: Summary, outcomes: list[RunOutcome], nonce: str | None = None) -> str:
    """The report page. ``nonce``: the web app's answer's CSP nonce, put on the page's one ``<style>`` (the app's
    pages allow no other inline style); the file `macrohard eval` writes has none."""
    e, o = summary.eval, summary.overall
    style_nonce = f' nonce="{escape(nonce)}"' if nonce else ""
    cards = [("success", f"{o.rate:.1%}", f"95% CI {o.low:.1%} - {o.high:.1%}"),
             ("runs", str(o.n) if summary.state == "complete" else f"{o.n} of {summary.expected}",
              f"{o.passed} passed" if summary.state == "complete" else f"INCOMPLETE ({summary.state})"),
             ("median steps", f"{summary.median_steps:g}", ""),
             ("median time", f"{summary.median_seconds:.2f}s", ""),
             ("tokens", f"{summary.total_tokens:,}", f"median {summary.median_tokens:g}"),
             ("cost", f"${summary.total_cost_usd:.4f}", ""),
             ("guard blocks", str(summary.guard_blocks), ""),
             ("harmful executed", str(summary.harmful_executed), "must be 0"),
             ("false successes", str(summary.false_successes), "claimed success, check failed"),
             ("retried / lost", f"{summary.retried} / {summary.lost}", "")]
    card_html = "".join(f'<div class="card">{escape(k)}<b>{escape(v)}</b><small>{escape(s)}</small></div>'
                        for k, v, s in cards)
    rows = []
    for out in sorted(outcomes, key=lambda x: x.key):
        run = out.run
        cls, word = ("pass", "pass") if out.passed else ("fail", "fail")
        rows.append(
            f'<tr><td>{escape(out.key)}</td><td class="{cls}">{word}</td>'
            f'<td>{escape(run.status.value if run else "lost")}</td><td>{run.steps if run else "-"}</td>'
            f'<td>{(run.work_seconds or 0) if run else 0:.2f}s</td><td>{run.usage.total if run else 0}</td>'
            f'<td>{out.guard_blocks}</td><td>{"yes" if out.retried else ""}</td>'
            f'<td class="id">{escape(run.id if run else "-")}</td>'
            f'<td class="detail">{escape((out.detail or out.error or "")[:200])}</td></tr>')
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>macrohard eval {escape(e.id)}</title>
<style{style_nonce}>{_CSS}</style></head><body>
<h1>Evaluation {escape(e.id)}</h1>
<p>suite <b>{escape(e.suite)}</b> &middot; model <b>{escape(e.model)}</b> &middot; executor {escape(e.executor)}
x{e.workers} &middot; repeat {e.repeat}</p>
<div class="cards">{card_html}</div>
<h2>Success by tag (bar: rate, whisker: 95% Wilson interval)</h2>
{_rate_bars(summary.by_tag, "success by tag")}
<h2>Steps per run</h2>
{_histogram([float(s) for s in summary.steps], "steps per run", "steps")}
<h2>Time per run</h2>
{_histogram(summary.seconds, "seconds per run", "s")}
<h2>Runs</h2>
<table><thead><tr><th>task</th><th>result</th><th>status</th><th>steps</th><th>time</th><th>tokens</th>
<th>blocks</th><th>retried</th><th>run</th><th>detail</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
</body></html>
"""
