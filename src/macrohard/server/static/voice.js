// Push-to-talk on the chat page: hold the button, speak, let go. The recording (MediaRecorder) goes to
// /api/speech/transcribe; the words heard are sent as the message. While "speak answers" is on (it turns on
// when you talk), the answer is spoken clause by clause as it streams: each clause is synthesised by
// /api/speech/synthesize and played in order, so the first words play before the answer is complete.
"use strict";
const macrohardVoice = (() => {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const state = { heard: [], spoken: [], started: 0, played: 0, errors: [] };  // read by the tests
  const MIN_CLAUSE = 24, MAX_CLAUSE = 200;

  function clauseSplitter() {
    let buf = "";
    const cut = () => {
      const re = /[.!?;:]["')\]]*\s+|\n+/g;
      let m;
      while ((m = re.exec(buf)) !== null) {
        if (buf.slice(0, m.index).trim().length >= MIN_CLAUSE) return m.index + m[0].length;
      }
      if (buf.length > MAX_CLAUSE) { const sp = buf.lastIndexOf(" ", MAX_CLAUSE); return sp > MIN_CLAUSE ? sp + 1 : MAX_CLAUSE; }
      return -1;
    };
    return {
      feed(text) { buf += text; const out = []; let at; while ((at = cut()) > 0) { const piece = buf.slice(0, at).trim(); buf = buf.slice(at); if (piece) out.push(piece); } return out; },
      flush() { const rest = buf.trim(); buf = ""; return rest ? [rest] : []; },
    };
  }

  // clauses are synthesised as they come and played strictly in order
  let chain = Promise.resolve();
  function speak(text) {
    const audio = fetch("/api/speech/synthesize", { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() }, body: JSON.stringify({ text }) })
      .then(async (res) => { if (!res.ok) throw new Error(`${res.status}: ${(await res.json()).detail}`); return res.blob(); });
    chain = chain.then(() => audio).then((blob) => new Promise((resolve) => {
      state.spoken.push({ text, bytes: blob.size });
      const player = new Audio(URL.createObjectURL(blob));
      let done = false;
      const finish = () => { if (!done) { done = true; state.played += 1; resolve(); } };
      player.addEventListener("ended", finish);
      // a sound device that stalls (or none, in a headless browser) must not stop the next clause
      player.addEventListener("playing", () => { state.started += 1; setTimeout(finish, (player.duration || 5) * 1000 + 500); });
      player.addEventListener("error", () => { state.errors.push(`cannot play: ${text}`); resolve(); });
      player.play().catch((e) => { state.errors.push(`${e.name}: ${text}`); resolve(); });
    })).catch((e) => { state.errors.push(e.message); });
  }

  function init(convId) {
    const button = document.getElementById("talk");
    const toggle = document.getElementById("speak-answers");
    const note = document.getElementById("talk-note");
    if (!button) return;
    let splitter = clauseSplitter();
    const events = new EventSource(`/api/conversations/${convId}/events`);
    const ready = new Promise((resolve) => events.addEventListener("ready", resolve, { once: true }));
    const on = (kind, fn) => events.addEventListener(kind, (m) => fn(JSON.parse(m.data)));
    on("token", (d) => { if (toggle.checked) splitter.feed(d.text).forEach(speak); });
    on("approval", () => { if (toggle.checked) { splitter.flush().forEach(speak); speak("The guard asks before a step. Answer with the buttons on the page."); } });
    on("message", (d) => {
      if (!toggle.checked) return;
      if (d.withheld) { splitter = clauseSplitter(); speak("The guard's answer screen withheld this answer."); return; }
      splitter.flush().forEach(speak);
    });
    on("turn_end", () => { splitter = clauseSplitter(); });

    if (!navigator.mediaDevices || !window.MediaRecorder) {
      button.disabled = true; note.textContent = "This browser cannot record audio; type instead."; return;
    }
    let recorder = null, chunks = [];
    const start = async (ev) => {
      ev.preventDefault();
      if (recorder) return;
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        recorder = new MediaRecorder(stream); chunks = [];
        recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
        recorder.onstop = async () => {
          stream.getTracks().forEach((t) => t.stop());
          const blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
          recorder = null; button.classList.remove("recording"); note.textContent = "Recognising …";
          const res = await fetch("/api/speech/transcribe", { method: "POST", credentials: "same-origin",
            headers: { "Content-Type": blob.type || "audio/webm", "X-CSRF-Token": csrf() }, body: blob });
          const body = await res.json();
          if (!res.ok) { note.textContent = body.detail; state.errors.push(body.detail); return; }
          state.heard.push(body);
          note.textContent = `heard: “${body.text}” (${body.engine}, confidence ${body.confidence})`;
          toggle.checked = true;
          await ready;
          const form = document.getElementById("send");
          form.querySelector("textarea").value = body.text;
          form.requestSubmit();
        };
        recorder.start(250);
        button.classList.add("recording"); note.textContent = "Listening … let go to send";
      } catch (e) { note.textContent = `No microphone: ${e.message}. Type instead.`; state.errors.push(e.message); recorder = null; }
    };
    const stop = (ev) => { ev.preventDefault(); if (recorder && recorder.state === "recording") recorder.stop(); };
    button.addEventListener("pointerdown", start);
    button.addEventListener("pointerup", stop);
    button.addEventListener("pointerleave", stop);
  }

  return { init, state, clauseSplitter };
})();
