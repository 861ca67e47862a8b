"""Text on screen with positions: tesseract (in this process through tesserocr, or Debian's CLI) or RapidOCR.

Measured on held-out rendered text of known content (``benchmarks/imagine.py``, figures in
``benchmarks/RESULTS.md``): the CLI tesseract read 0.965 of the characters (28 of 35 lines exact),
RapidOCR 0.940 (8 of 35: its model drops the spaces between words) and far slower on 2 cores; the
in-process engine (libtesseract 5.5 from the tesserocr wheel, Debian's models) 0.995 at ~24 ms a line
instead of ~380, since no process starts and no model loads per read, which a live screen needs.
``engine("auto")`` is the in-process tesseract when tesserocr is installed, else the CLI, else RapidOCR.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from macrohard.errors import MissingDependency, NotFound


@dataclass(frozen=True)
class TextBox:
    """One line of text and its box ``(x, y, w, h)`` in the frame's pixels."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float


class OCREngine(Protocol):
    name: str

    def read(self, rgb: np.ndarray) -> list[TextBox]: ...


def _png(rgb: np.ndarray) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(rgb).save(out, format="PNG", compress_level=1)
    return out.getvalue()


class Tesseract:
    """``tesseract`` over a pipe; words grouped into lines from its TSV output."""

    name = "tesseract"

    def __init__(self, lang: str = "eng", psm: int = 3) -> None:
        if shutil.which("tesseract") is None:
            raise MissingDependency("OCR with tesseract needs it installed: apt-get install tesseract-ocr")
        self.lang, self.psm = lang, psm
        # one thread: OpenMP's workers cost more than they give on the small images read here
        self._env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def read(self, rgb: np.ndarray) -> list[TextBox]:
        if rgb.shape[0] < 8 or rgb.shape[1] < 8:
            return []
        proc = subprocess.run(["tesseract", "-", "stdout", "-l", self.lang, "--psm", str(self.psm), "tsv"],
                              input=_png(rgb), capture_output=True, timeout=120, env=self._env)
        if proc.returncode != 0:
            raise RuntimeError(f"tesseract failed: {proc.stderr.decode(errors='replace')[-300:]}")
        lines: dict[tuple[str, ...], list[tuple[str, int, int, int, int, float]]] = {}
        for row in proc.stdout.decode(errors="replace").splitlines()[1:]:
            cols = row.split("\t")
            if len(cols) < 12 or not cols[11].strip() or float(cols[10]) < 30:
                continue
            key = tuple(cols[1:5])  # page, block, paragraph, line
            lines.setdefault(key, []).append((cols[11].strip(), int(cols[6]), int(cols[7]), int(cols[8]),
                                              int(cols[9]), float(cols[10])))
        out = []
        for words in lines.values():
            x0 = min(w[1] for w in words)
            y0 = min(w[2] for w in words)
            x1 = max(w[1] + w[3] for w in words)
            y1 = max(w[2] + w[4] for w in words)
            out.append(TextBox(" ".join(w[0] for w in words), (x0, y0, x1 - x0, y1 - y0),
                               round(sum(w[5] for w in words) / len(words) / 100, 3)))
        return sorted(out, key=lambda b: (b.box[1] // 10, b.box[0]))


def tessdata() -> str | None:
    """Where the installed tesseract keeps its language models (Debian: /usr/share/tesseract-ocr/5/tessdata)."""
    found = sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata/eng.traineddata"))
    if found:
        return os.path.dirname(found[-1]) + "/"
    return os.environ.get("TESSDATA_PREFIX")


class TesseractAPI:
    """The same tesseract engine in this process (libtesseract through tesserocr, the models Debian's
    tesseract-ocr-eng installed): no process and no model load per read, which the live screen needs."""

    name = "tesserocr"

    def __init__(self, lang: str = "eng") -> None:
        try:
            import tesserocr
        except ImportError as exc:
            raise MissingDependency("in-process tesseract needs tesserocr: pip install 'macrohard[imagine]'") from exc
        path = tessdata()
        if path is None:
            raise MissingDependency("tesseract's language models are missing: apt-get install tesseract-ocr")
        self._t = tesserocr
        self._api = tesserocr.PyTessBaseAPI(path=path, lang=lang, psm=tesserocr.PSM.AUTO)
        self._lock = threading.Lock()

    def read(self, rgb: np.ndarray) -> list[TextBox]:
        from PIL import Image

        if rgb.shape[0] < 8 or rgb.shape[1] < 8:
            return []
        t, out = self._t, []
        with self._lock:
            self._api.SetImage(Image.fromarray(np.ascontiguousarray(rgb)))
            self._api.Recognize()
            it = self._api.GetIterator()
            for line in t.iterate_level(it, t.RIL.TEXTLINE) if it is not None else []:
                try:
                    text = (line.GetUTF8Text(t.RIL.TEXTLINE) or "").strip()
                except RuntimeError:  # "No text returned": a blank image has an empty first line
                    continue
                box = line.BoundingBox(t.RIL.TEXTLINE)
                conf = line.Confidence(t.RIL.TEXTLINE)
                if text and box and conf >= 30:
                    x0, y0, x1, y1 = box
                    out.append(TextBox(" ".join(text.split()), (x0, y0, x1 - x0, y1 - y0), round(conf / 100, 3)))
        return sorted(out, key=lambda b: (b.box[1] // 10, b.box[0]))


class Rapid:
    """RapidOCR (onnxruntime, the PP-OCRv4 models its wheel ships: nothing is downloaded)."""

    name = "rapidocr"

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise MissingDependency("OCR with RapidOCR needs it: pip install 'macrohard[imagine]'") from exc
        self._ocr = RapidOCR()

    def read(self, rgb: np.ndarray) -> list[TextBox]:
        result, _ = self._ocr(np.ascontiguousarray(rgb[..., ::-1]))  # it expects OpenCV's BGR
        out = []
        for points, text, score in result or []:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            x0, y0 = int(min(xs)), int(min(ys))
            out.append(TextBox(str(text), (x0, y0, int(max(xs)) - x0, int(max(ys)) - y0), round(float(score), 3)))
        return sorted(out, key=lambda b: (b.box[1] // 10, b.box[0]))


ENGINES = {"tesseract": Tesseract, "tesserocr": TesseractAPI, "rapidocr": Rapid}


def engine(name: str = "auto") -> OCREngine:
    """An OCR engine by name; ``auto`` is tesseract (in this process when tesserocr is installed), else RapidOCR."""
    if name == "auto":
        if shutil.which("tesseract") or tessdata():
            try:
                return TesseractAPI()
            except MissingDependency:
                pass
        if shutil.which("tesseract"):
            return Tesseract()
        try:
            return Rapid()
        except MissingDependency:
            raise MissingDependency("no OCR engine: apt-get install tesseract-ocr, "
                                    "or pip install 'macrohard[imagine]' for RapidOCR") from None
    if name not in ENGINES:
        raise NotFound(f"no OCR engine {name!r}: choose one of auto, {', '.join(ENGINES)}")
    return ENGINES[name]()  # type: ignore[no-any-return]
