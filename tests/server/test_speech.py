"""Speech in the web app, against a real server: the speech API (auth, CSRF, limits, bad audio), and a real
Chromium whose fake microphone plays a WAV file: the push-to-talk button sends the spoken message, and the
answer comes back as audio, clause by clause, and is played."""

from __future__ import annotations

import subprocess
import wave
from io import BytesIO
from pathlib import Path

import pytest
from tests.server.conftest import mh, script, wait_for

DATA = Path(__file__).parents[1] / "voice" / "data"


def test_the_speech_api_hears_speaks_and_refuses_bad_input(server):
    api = server.api()
    heard = api.post("/api/speech/transcribe", content=(DATA / "kitchen.wav").read_bytes(),
                     headers={"Content-Type": "audio/wav"})
    assert heard.status_code == 200, heard.text
    assert "lights in the kitchen" in heard.json()["text"] and heard.json()["engine"] in ("whisper", "pocketsphinx")

    spoken = api.post("/api/speech/synthesize", json={"text": "Your file is ready."})
    assert spoken.status_code == 200 and spoken.headers["content-type"] == "audio/wav"
    with wave.open(BytesIO(spoken.content)) as w:
        assert w.getnchannels() == 1 and w.getnframes() / w.getframerate() > 0.5

    empty = api.post("/api/speech/transcribe", content=b"")
    assert empty.status_code == 400 and "no recording" in empty.json()["detail"]
    text = api.post("/api/speech/transcribe", content=b"this is not a recording, just text" * 10)
    assert text.status_code == 400 and "not audio" in text.json()["detail"]
    silence = BytesIO()
    with wave.open(silence, "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(16000), w.writeframes(b"\0" * 64000)
    quiet = api.post("/api/speech/transcribe", content=silence.getvalue())
    assert quiet.status_code == 400 and "no speech was heard" in quiet.json()["detail"]
    huge = api.post("/api/speech/transcribe", content=b"\0" * ((1 << 20) + 1))
    assert huge.status_code == 413 and "limit" in huge.json()["detail"]
    assert api.post("/api/speech/synthesize", json={"text": "x" * 5_001}).status_code == 422

    assert server.api("").post("/api/speech/synthesize", json={"text": "hi"}).status_code == 401
    token = mh("serve", "users", "add", "vi", "--role", "viewer", home=server.home).stdout.strip().splitlines()[-1]
    assert server.api(token).post("/api/speech/synthesize", json={"text": "hi"}).status_code == 403
    with __import__("httpx").Client(base_url=server.url) as browser:  # a cookie session without its CSRF token
        browser.get(f"/login?token={server.token}")
        assert browser.post("/api/speech/synthesize", json={"text": "hi"}).status_code == 403


def test_push_to_talk_sends_the_spoken_message_and_the_answer_is_played(server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian's chromium (bash install.sh installs it)")
    said = tmp_path / "said.wav"  # the person speaks, then is quiet (Chromium's fake microphone plays it once)
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(DATA / "notes.wav"), "-af", "apad=pad_dur=3",
                    "-ar", "48000", "-ac", "1", str(said)], check=True, timeout=60)
    model = script(server.home, ["I heard you, and I will create the notes file now. I will tell you when it is done."])
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={said}%noloop", "--autoplay-policy=no-user-gesture-required"])
        try:
            page = browser.new_page(bypass_csp=True)  # rt55c: wait_for_function's eval, refused by the app's policy
            page.goto(f"{server.url}/login?token={server.token}&next=/chats")
            page.fill("#new-chat input[name=model]", model)
            page.click("#new-chat button")
            page.wait_for_url("**/chats/c-*")
            conv_id = page.url.rsplit("/", 1)[1]
            talk = page.locator("#talk")
            talk.hover()
            page.mouse.down()
            page.wait_for_function("document.querySelector('#talk').classList.contains('recording')", timeout=30_000)
            page.wait_for_timeout(3_500)  # hold while the sentence is said
            page.mouse.up()
            assert wait_for(lambda: page.evaluate("macrohardVoice.state.heard.length") == 1, 60), \
                page.evaluate("macrohardVoice.state.errors")
            heard = page.evaluate("macrohardVoice.state.heard[0].text")
            assert "file" in heard and "notes" in heard, heard
            page.wait_for_selector(".msg.assistant:not(.streaming)", timeout=60_000)
            assert wait_for(lambda: page.evaluate("macrohardVoice.state.played") >= 2, 60), \
                page.evaluate("[macrohardVoice.state.spoken, macrohardVoice.state.errors]")
            spoken = page.evaluate("macrohardVoice.state.spoken")
            assert [s["text"] for s in spoken] == ["I heard you, and I will create the notes file now.",
                                                   "I will tell you when it is done."], spoken  # clause by clause
            assert all(s["bytes"] > 20_000 for s in spoken) and page.evaluate("macrohardVoice.state.started") == 2
            assert page.evaluate("macrohardVoice.state.errors") == []
        finally:
            browser.close()
    stored = server.api().get(f"/api/conversations/{conv_id}").json()["messages"]
    assert stored[0]["role"] == "user" and stored[0]["text"] == heard
    assert stored[1]["text"].startswith("I heard you, and")
