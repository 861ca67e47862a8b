"""Imagine: read video (recordings, any MP4, the live screen) and make video.

- ``frames``: probing and decoding video with ffmpeg into numpy frames, bounded by sampling.
- ``scenes``: scene cuts, keyframes and changed regions by frame differencing.
- ``ocr``: text with positions (tesseract or RapidOCR).
- ``describe``: a timeline (segments, text, captions, aligned with a run's steps) as JSON; ``page`` its HTML.
- ``index``: the full-text index (SQLite FTS5) over described recordings.
- ``make``: videos from a script (title cards, screenshots, recording segments, overlays, zoom,
  narration, WebVTT subtitles); ``highlights`` a run's summary video; ``t2v`` a text-to-video endpoint.
- ``live``: a watcher of a live screen that turns changes into events.
"""
