"""Audio files in and out: 16-bit mono PCM as numpy arrays, read from any file ffmpeg decodes, with limits.

A WAV that is already 16-bit mono at the wanted rate is read directly; anything else (another rate, stereo,
float, a browser's WebM/Ogg recording) is converted by ffmpeg with a deadline. What cannot be decoded, what is
longer or larger than the limits, is refused with a :class:`BadAudio` that names the fix.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import signal
import subprocess
import wave
from pathlib import Path

import numpy as np

from macrohard.errors import BadAudio, ConfigError, MissingDependency, UserError

RATE = 16_000  # what the recognisers take
MAX_SECONDS = 120.0  # one utterance; a longer recording is refused (split it, or trim it)
MAX_BYTES = 20 * 1024 * 1024  # a file or an upload
DECODE_TIMEOUT_S = 30.0
FIX = "record 16-bit PCM WAV (e.g. `arecord -f S16_LE -r 16000 -c 1 FILE.wav`) or convert it: `ffmpeg -i IN -ar 16000 -ac 1 OUT.wav`"


def killed(program: str, returncode: int) -> str | None:
    """What to say of a helper program (espeak-ng, ffmpeg) that a signal ended, or None when it exited itself.
    rel63: a `kill -9` (a person's, the out-of-memory killer's) of espeak-ng mid-speech was "espeak-ng failed ();
    reinstall it", and of ffmpeg mid-decode "… is not audio that can be read": a broken install, a bad file, neither true."""
    if returncode >= 0:
        return None
    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        name = f"signal {-returncode}"
    return (f"{program} was killed by {name} before it finished (from outside: a person's kill, or the system's "
            "out-of-memory killer: `dmesg | grep -i -e oom -e killed`); nothing is wrong with it or the input: try again")


def read_pcm(source: Path | bytes, *, rate: int = RATE, max_seconds: float = MAX_SECONDS) -> np.ndarray:
    """The audio in ``source`` (a path or the file's bytes) as int16 mono samples at ``rate``."""
    data = _bytes_of(source)
    name = str(source) if isinstance(source, Path) else "the recording"
    if len(data) < 12:
        raise BadAudio(f"{name} is empty or truncated ({len(data)} bytes), not audio; {FIX}")
    pcm = _plain_wav(data, rate, name, max_seconds)
    if pcm is None:
        pcm = _ffmpeg_decode(data, rate, name, max_seconds)
    return pcm


def write_wav(path: Path, pcm: np.ndarray | bytes, rate: int) -> Path:
    """Write int16 mono samples as a WAV file (atomically: a temp file, then a rename)."""
    raw = pcm.astype("<i2").tobytes() if isinstance(pcm, np.ndarray) else pcm
    if path.is_dir():  # before (rel44): `say --out DIR` an IsADirectoryError traceback at the rename
        raise ConfigError(f"{path} is a directory: give the WAV file's name (`--out {path / 'say.wav'}`)")
    tmp = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh, wave.open(fh, "wb") as w:  # before: wave.open(name) hid the OSError in an
            w.setnchannels(1)                                   # AttributeError ('Wave_write' … '_file') traceback
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(raw)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise ConfigError(f"cannot write {path} ({exc.strerror or exc}: {exc.filename or path}): give a file in a "
                          "folder you can write, on a disk with room") from exc
    return path


def wav_bytes(pcm: np.ndarray | bytes, rate: int) -> bytes:
    """int16 mono samples as the bytes of a WAV file."""
    raw = pcm.astype("<i2").tobytes() if isinstance(pcm, np.ndarray) else pcm
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(raw)
    return buf.getvalue()


def _bytes_of(source: Path | bytes) -> bytes:
    if isinstance(source, bytes):
        if len(source) > MAX_BYTES:
            raise BadAudio(f"the recording is {len(source):,} bytes, more than the limit of {MAX_BYTES:,}; "
                           f"send a shorter one (at most {MAX_SECONDS:.0f} s)")
        return source
    if not source.is_file():
        raise BadAudio(f"no such audio file: {source}; give the path of a WAV file")
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise BadAudio(f"{source} is {size:,} bytes, more than the limit of {MAX_BYTES:,}; trim it to at most "
                       f"{MAX_SECONDS:.0f} s: `ffmpeg -i {source} -t {MAX_SECONDS:.0f} -ar 16000 -ac 1 short.wav`")
    return source.read_bytes()


def _too_long(name: str, seconds: float | None, max_seconds: float) -> BadAudio:
    length = f"is {seconds:.0f} s long," if seconds is not None else "is"
    return BadAudio(f"{name} {length} longer than the limit of {max_seconds:.0f} s for one utterance; "
                    f"trim it: `ffmpeg -i IN -t {max_seconds:.0f} -ar 16000 -ac 1 OUT.wav`")


def _plain_wav(data: bytes, rate: int, name: str, max_seconds: float) -> np.ndarray | None:
    """Read a WAV directly when it is already 16-bit mono at ``rate``; None when it needs converting."""
    if not (data[:4] == b"RIFF" and data[8:12] == b"WAVE"):
        return None
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            channels, width, framerate, frames = w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()
            raw = w.readframes(frames)
    except (wave.Error, EOFError) as exc:  # e.g. a float WAV: ffmpeg reads it, or says it is corrupt
        if "unknown format" in str(exc):
            return None
        raise BadAudio(f"{name} is a corrupt WAV file ({exc}); {FIX}") from exc
    streamed = frames * channels * width >= 0x7FFF0000  # written to a pipe: the size was never filled in
    if not streamed and len(raw) < frames * channels * width:
        raise BadAudio(f"{name} is a truncated WAV file (its header promises {frames:,} samples, it holds "
                       f"{len(raw) // (channels * width):,}); record it again or {FIX}")
    if not streamed and framerate > 0 and frames / framerate > max_seconds:
        raise _too_long(name, frames / framerate, max_seconds)
    if streamed or (channels, width, framerate) != (1, 2, rate):
        return None
    return np.frombuffer(raw, dtype="<i2").copy()


def _ffmpeg_decode(data: bytes, rate: int, name: str, max_seconds: float) -> np.ndarray:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise MissingDependency(f"{name} needs converting to 16-bit mono {rate} Hz WAV and ffmpeg is not installed: "
                                "apt-get install ffmpeg, or give a 16-bit mono 16 kHz WAV")
    limit = max_seconds + 1.0  # decode a little past the limit to know a recording is over it
    cmd = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-i", "pipe:0", "-t", f"{limit:.1f}",
           "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1", "-ar", str(rate), "pipe:1"]
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, timeout=DECODE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise BadAudio(f"{name} could not be decoded within {DECODE_TIMEOUT_S:.0f} s; {FIX}") from exc
    if (said := killed("ffmpeg", proc.returncode)) is not None:
        raise UserError(f"{name} could not be decoded: {said}")
    if proc.returncode != 0 or not proc.stdout:
        why = proc.stderr.decode(errors="replace").strip().splitlines()
        raise BadAudio(f"{name} is not audio that can be read ({why[-1] if why else 'no audio stream'}); {FIX}")
    pcm = np.frombuffer(proc.stdout[: len(proc.stdout) // 2 * 2], dtype="<i2").copy()
    if len(pcm) / rate > max_seconds:
        raise _too_long(name, None, max_seconds)
    return pcm
