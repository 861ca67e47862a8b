"""Speech in the web app: ``POST /api/speech/transcribe`` (a recording in, the words out) and
``POST /api/speech/synthesize`` (text in, a WAV out), with the same users and CSRF rules as the other APIs.

Uploads are bounded twice: the server's request body limit (``--max-body``, 1 MiB by default: about four
minutes of the browser's Opus, half a minute of 16 kHz WAV; 413 above it) and the recogniser's own limits
(120 s of audio). Recognition and synthesis run one at a time in a worker thread, so a long one never
blocks the server's event loop.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from macrohard.server.app import Caller, CallerDep

router = APIRouter(prefix="/api/speech")
MAX_TEXT = 5_000  # one request to speak; the page sends an answer clause by clause
_engine_lock = threading.Lock()  # the recognisers and voices are loaded once and used one call at a time


class SpeakRequest(BaseModel):
    model_config = {"extra": "forbid"}
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="What to say (a clause of an answer).")


def _may_talk(who: Caller) -> None:
    if not who.user.can_answer:
        raise HTTPException(403, f"{who.user.name} is a viewer: only owners and members converse by voice")


@router.post("/transcribe")
async def transcribe(request: Request, who: Caller = CallerDep) -> dict[str, Any]:
    """The words in the recording sent as the request body (WAV, or the browser's WebM/Ogg: anything ffmpeg
    reads). 400 with the fix for what is not audio, silent, or over 120 s; 413 over the body limit."""
    _may_talk(who)
    data = await request.body()
    if not data:
        raise HTTPException(400, "no recording: send the audio as the request body (Content-Type audio/wav, "
                                 "audio/webm …)")

    def work() -> Any:
        from macrohard.voice import stt

        with _engine_lock:
            return stt.transcribe(data)

    heard = await run_in_threadpool(work)
    return {"text": heard.text, "confidence": round(heard.confidence, 3), "engine": heard.engine,
            "audio_seconds": round(heard.audio_seconds, 3), "recognition_seconds": round(heard.seconds, 3)}


@router.post("/synthesize", response_class=Response,
             responses={200: {"content": {"audio/wav": {}}, "description": "16-bit mono WAV."}})
async def synthesize(body: SpeakRequest, who: Caller = CallerDep) -> Response:
    """``text`` spoken, as a WAV file (``X-Speech-Seconds`` says how long it is)."""
    _may_talk(who)

    def work() -> Any:
        from macrohard.voice import tts

        with _engine_lock:
            return tts.speak(body.text)

    speech = await run_in_threadpool(work)
    from macrohard.voice.audio import wav_bytes

    return Response(wav_bytes(speech.pcm, speech.rate), media_type="audio/wav",
                    headers={"Cache-Control": "no-store", "X-Speech-Seconds": f"{speech.seconds:.3f}"})
