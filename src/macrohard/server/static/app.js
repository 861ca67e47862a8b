// macrohard's page layer: no framework, no CDN. Live steps over server-sent events, approvals as buttons.
"use strict";
const macrohard = (() => {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };

  async function send(method, url, body) {
    const res = await fetch(url, { method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) { let d = res.statusText; try { d = (await res.json()).detail; } catch (e) { /* not JSON */ } throw new Error(`${res.status}: ${said(d)}`); }
    const text = await res.text();  // a 202 has no body (before: res.json() threw on it)
    return text ? JSON.parse(text) : null;
  }

  // An error's detail as words. A request the API refused as invalid (422) has a list of problems, each with the field
  // and the rule; before (ux49) the page showed that list as JSON, the whole refused input echoed in it.
  function said(d) {
    if (typeof d === "string") return d;
    if (Array.isArray(d)) return d.map((p) => { const where = (p.loc || []).filter((x) => x !== "body").join(".");
      return (where ? `${where}: ` : "") + (p.msg || "invalid"); }).join("; ");
    return JSON.stringify(d);
  }

  // ux53: an action with no command, path, URL or text (a click on an element, a desktop click at x, y) was shown as
  // its JSON ({"kind":"browser_click","element":"e14"}); now its fields as `replay.action_text` writes them
  // rt63b: bidirectional controls reorder what a browser draws without changing what runs (a file
  // "report<U+202E>fdp.sh" drawn as "reporths.pdf"): in a step (its thought, action, reason and output) and a question
  // each such character and each control character but tab and newline is written as an escape, as the terminal's
  // view does (cli/view.py); right-to-left letters themselves are shown as they are
  const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  const visible = (t) => String(t).replace(HIDDEN, (c) => { const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`; });

  function actionText(a) { return visible(actionWords(a)); }

  function actionWords(a) {
    if (!a) return "(no action)";
    const main = a.command || a.path || a.url || a.answer || a.text;
    if (main) return a.element && a.text ? `${main} → ${a.element}` : main;
    const fields = Object.entries(a).filter(([k, v]) => k !== "kind" && v !== null && v !== "" && v !== false
      && !(Array.isArray(v) && v.length === 0)).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
    return fields.join(" ") || a.kind;
  }

  function renderStep(s) {
    const li = el("li", "step");
    li.id = `step-${s.index}`;
    li.dataset.index = s.index;
    const v = s.verdict || {};
    const head = el("div", "head");
    head.append(el("span", "n", `#${s.index}`), el("span", "kind", s.action ? s.action.kind : "reply"),
                el("span", `verdict ${v.decision || "none"}`, v.decision ? v.decision + (v.approved_by ? ` by ${v.approved_by}` : "") : ""));
    li.append(head);
    if (s.thought) li.append(el("p", "thought", visible(s.thought)));
    li.append(el("pre", "action", actionText(s.action)));
    if (v.reason) li.append(el("p", "reason", visible(v.reason)));
    const o = s.observation;
    if (o && o.output) li.append(el("pre", o.error ? "output error" : "output", visible(o.output)));
    if (o && o.meta && o.meta.run_id && s.action && s.action.kind === "delegate") {  // ux53: the sub-run, one click away
      const p = el("p", "sub-run", "its run: "); const a = el("a", null, o.meta.run_id); a.href = `/runs/${o.meta.run_id}`;
      p.append(a); li.append(p);
    }
    for (const url of s.frames || []) { const img = el("img", "frame"); img.src = url; img.alt = `frame of step ${s.index}`; li.append(img); }
    return li;
  }

  function setStatus(run) {
    const st = document.getElementById("status");
    st.textContent = run.status; st.className = `status ${run.status}`;
    if (run.error) document.getElementById("error").textContent = run.error;
  }

  function showApproval(runId, p) {
    const box = document.getElementById("approvals");
    if (document.getElementById(`ask-${p.id}`)) return;
    const div = el("div", "ask"); div.id = `ask-${p.id}`;
    div.append(el("strong", null, "The guard asks: "), el("span", "reason", visible(p.reason)), el("pre", "action", actionText(p.action)));
    // ux54: a delegated run's question is shown on its own page and on the page of the run that delegated it
    const other = p.asker && p.asker !== runId ? p.asker : (p.run_id && p.run_id !== runId ? p.run_id : null);
    if (p.conversation) {  // ux55: a web conversation's delegated run asks; its chat page shows it too
      const link = el("a", null, p.conversation); link.href = `/chats/${p.conversation}`;
      const where = el("p", "note asker", "Also shown in the conversation that delegated this run, ");
      where.append(link); div.append(where);
    } else if (other) {
      const link = el("a", null, other); link.href = `/runs/${other}`;
      const where = el("p", "note asker", other === p.asker ? "Asked by the delegated run " : "Also shown on the run that delegated this one, ");
      where.append(link); div.append(where);
    }
    if (box.dataset.canAnswer === "yes") answerButtons(div, `/api/runs/${runId}/approvals/${p.id}`, () => {});
    else div.append(el("p", "note", "A viewer cannot answer; an owner or member can."));
    box.append(div);
  }

  // rt58c: double-clickjacking. Another site's page opens this page in a new window (or brings it to the front) on the
  // first click of a double-click; the second click lands on Approve. Framing is refused by the headers, a top-level
  // window is not. So an approving control (Approve here and in a chat, Apply) takes a click only while this page is
  // visible and focused, and only after a person aimed at it since it appeared and since the page last lost focus:
  // - a pointer's click: the pointer was moved on this page (a trusted move to another point than the last one seen,
  //   so a window that appears under a resting pointer, which gets at most a move to that same point, does not count)
  //   and the control is where it was at that move (a layout shift or a scroll under a resting pointer is no aim);
  // - a finger's or pen's (a click of pointerType touch or pen): a swipe on this page (a trusted move of 10 px or
  //   more); no place check, as the swipe scrolls the page; a tap is no aim (the double-tap's second lands at once);
  // - a keyboard's (a click with detail 0): the control has the focus, and got it by a key pressed (not held) on this
  //   page after it appeared (Tab), not by a pointer's press (a click at once focuses the button: an Enter asked for
  //   next would otherwise answer for it).
  // Not a timer. Deny and Stop are not held (the safe answers).
  const gate = (() => {
    let last = null;        // where the pointer was last seen on this page (screen coordinates), null after a blur
    let moved = -Infinity;  // when a person last moved the pointer here (event time)
    let keyed = -Infinity;  // when a person last pressed a key here
    let swiped = -Infinity; // when a person last swiped a finger or pen here
    let input = "";         // the kind of the last input here: "key" or "pointer"
    let lost = 0;           // when this page last lost focus or was hidden
    const live = new Set();
    const here = () => document.visibilityState === "visible" && document.hasFocus();
    const box = (b) => { const r = b.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].map(Math.round).join(","); };
    document.addEventListener("pointermove", (e) => {
      if (!e.isTrusted) return;
      const changed = last !== null && (e.screenX !== last[0] || e.screenY !== last[1]);
      if (last !== null && (e.pointerType === "touch" || e.pointerType === "pen") && here()
          && Math.hypot(e.screenX - last[0], e.screenY - last[1]) >= 10) swiped = e.timeStamp;
      if (e.pointerType === "touch" || e.pointerType === "pen") {  // the swipe's start stays the reference point
        if (last === null) last = [e.screenX, e.screenY];
        return;
      }
      last = [e.screenX, e.screenY];
      if (!changed || !here()) return;
      moved = e.timeStamp;
      for (const b of live) { if (b.isConnected) b.macrohardGate.at = box(b); else live.delete(b); }
    }, true);
    document.addEventListener("pointerdown", (e) => { if (e.isTrusted) { last = [e.screenX, e.screenY]; input = "pointer"; } }, true);
    document.addEventListener("keydown", (e) => { if (e.isTrusted && !e.repeat && here()) { keyed = e.timeStamp; input = "key"; } }, true);
    document.addEventListener("focusin", (e) => {
      const g = e.target.macrohardGate;
      if (g) g.keyFocus = input === "key" && keyed > Math.max(g.shown, lost) ? keyed : null;
    }, true);
    const away = () => { lost = performance.now(); last = null; };
    window.addEventListener("blur", away);
    window.addEventListener("pageshow", (e) => { if (e.persisted) away(); });  // back from the back/forward cache
    document.addEventListener("visibilitychange", () => { if (document.visibilityState !== "visible") away(); });
    return {
      hold(b) { b.macrohardGate = { shown: performance.now(), at: null, keyFocus: null }; live.add(b); },
      // why the click ``ev`` on b is not taken, or "" when it is
      why(b, ev) {
        const g = b.macrohardGate;
        if (!g) return "";
        const since = Math.max(g.shown, lost);
        const aimed = ev.detail === 0
          ? document.activeElement === b && g.keyFocus !== null && g.keyFocus > since
          : ev.pointerType === "touch" || ev.pointerType === "pen" ? swiped > since
          : moved > since && g.at === box(b);
        if (here() && aimed) return "";
        return `Not taken: move the pointer over this page (on a touch screen: swipe it) before you click ` +
          `${b.textContent.trim()} (or reach it with the keyboard's Tab). A click on a page that has just opened, come ` +
          "to the front, or moved under a resting pointer is ignored: another site could have put it under your double-click.";
      },
    };
  })();

  function gateNote(where, b, ev) {
    const why = gate.why(b, ev);
    for (const e of where.querySelectorAll("p.gate")) e.remove();
    if (why) where.append(el("p", "note gate", why));
    return !why;
  }

  // ux53: Approve and Deny, each answer sent once. Before, both stayed clickable until the server's approval_done
  // arrived: a quick second click (or the other button) added "404: no open approval … it was answered". Now the first
  // click holds both and says it was sent; a refusal is shown (and the buttons given back unless the question is gone).
  function answerButtons(div, url, answered) {
    const buttons = [];
    const sent = el("p", "sent", "");
    for (const [label, ok] of [["Approve", true], ["Deny", false]]) {
      const b = el("button", ok ? "approve" : "deny", label);
      if (ok) gate.hold(b);
      b.addEventListener("click", async (ev) => {
        if (buttons.some((x) => x.disabled)) return;
        if (!gateNote(div, b, ev)) return;
        for (const x of buttons) x.disabled = true;
        for (const e of div.querySelectorAll("p.error")) e.remove();
        sent.textContent = `sent: ${ok ? "approve" : "deny"}; waiting for the server…`;
        if (!sent.isConnected) div.append(sent);
        try { await send("POST", url, { approve: ok }); sent.textContent = `sent: ${ok ? "approve" : "deny"}; the server took it`; answered(ok); }
        catch (e) {
          sent.textContent = "";
          div.append(el("p", "error", e.message));
          if (!e.message.startsWith("404")) for (const x of buttons) x.disabled = false;  // a 404: the question is gone
        }
      });
      buttons.push(b); div.append(b);
    }
  }

  // the server's answer to a question, in place of its buttons, until the step it asked about arrives
  function answeredLine(id, d) {
    const a = document.getElementById(`ask-${id}`);
    if (!a) return false;
    const line = el("div", "answered-ask", "");
    line.id = `answered-${id}`;
    line.append(el("strong", null, "The guard's question was answered: "),
                el("span", d.approved ? "ok" : "error", `${d.approved ? "approved" : "denied"} by ${d.by}`),
                el("pre", "action", a.querySelector("pre.action") ? a.querySelector("pre.action").textContent : ""));
    a.replaceWith(line);
    return true;
  }

  async function finished(runId, run) {
    setStatus(run);
    const done = document.getElementById("done"); done.hidden = false;
    const stop = document.getElementById("stop"); if (stop) stop.hidden = true;  // nothing left to stop
    if (run.answer) document.getElementById("answer").textContent = `Answer: ${run.answer}`;
    try {
      const a = await send("GET", `/api/runs/${runId}/audit`);
      document.getElementById("audit").textContent = a.ok ? `Audit chain verified: ${a.records} records intact.`
        : `AUDIT CHAIN BROKEN: ${a.problems.map(p => p.what).join("; ")}`;
      document.getElementById("audit").className = a.ok ? "ok" : "error";
    } catch (e) { document.getElementById("audit").textContent = e.message; }
    if (document.querySelector("#steps img.frame")) {
      const v = el("video"); v.controls = true; v.src = `/api/runs/${runId}/replay`; v.id = "replay-video";
      document.getElementById("replay").append(el("h3", null, "Replay"), v);
    }
  }

  // ux52: what a running run waits for, and for how long (before, the page showed nothing below its title until a
  // step ended: a first step that loads a model or prepares the screens takes minutes). Counted on this page's clock
  // from the server's "how long so far"; each step that arrives starts the next one's count.
  function waitingLine() {
    const p = document.getElementById("waiting");
    // rel53b: `note`, what the run waits for before its first step (the screens' one-time build: minutes on a fresh
    // machine), said instead of "the model chooses an action" (before, only the server's log said it)
    const state = { next: 1, asking: 0, stopping: false, note: p.dataset.note || "", since: Date.now() / 1000 - (parseFloat(p.dataset.waited) || 0), over: p.dataset.running !== "yes" };
    const show = () => {
      if (state.over) { p.hidden = true; return; }
      const s = Math.max(0, Math.round(Date.now() / 1000 - state.since));
      p.textContent = state.stopping ? `stopping: step ${state.next} ends its current part first · ${s} s`
        : state.asking ? `step ${state.next} waits for an answer to the guard's question above · ${s} s`
        : state.sub ? `step ${state.next}: the ${state.sub.division || "delegated"} division works on it in run ` +
          `${state.sub.run_id} (its step ${state.sub.index} ended: ${state.sub.kind || "a reply"}) · ${s} s`
        : state.note ? `before step ${state.next}: ${state.note} · ${s} s`
        : `working on step ${state.next} · ${s} s (the model chooses an action, the guard reviews it, it runs)`;
      p.hidden = false;
    };
    const timer = setInterval(show, 1000); show();
    return {
      step(index) { if (index + 1 > state.next) { state.next = index + 1; state.since = Date.now() / 1000; state.sub = null; } show(); },
      sub(d) { state.sub = d; show(); },
      ask(delta) { state.asking = Math.max(0, state.asking + delta); show(); },
      stopping() { state.stopping = true; show(); },
      note(text) { state.note = text || ""; show(); },
      end() { state.over = true; clearInterval(timer); show(); },
    };
  }

  // ux52: Stop from this page, said until the run ends. Before, the form posted and the page came back as it was
  // (`running`, the button again, no word) while the step's command still ran: a stop waits for the current action.
  function stopButton(runId, waiting) {
    const form = document.getElementById("stop");
    if (!form) return;
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const button = form.querySelector("button");
      if (!button || button.disabled) return;
      button.disabled = true;
      try {
        await send("POST", `/api/runs/${runId}/stop`);
        form.replaceChildren(el("p", "note asked", "Stop asked: the run ends interrupted as soon as its current part ends " +
          "(at once while it waits on its model or an answer; a command that runs ends first). Its finished steps are kept."));
        waiting.stopping();
      } catch (e) { button.disabled = false; form.append(el("p", "error", e.message)); }
    });
  }

  // rt58c: the gate's Apply (a change made a commit in the person's repository) holds as Approve does
  function applyForm() {
    const form = document.getElementById("apply");
    if (!form) return;
    const button = form.querySelector("button[type=submit]");
    gate.hold(button);
    button.addEventListener("click", (ev) => { if (!gateNote(form, button, ev)) ev.preventDefault(); });
  }

  function watchRun(runId) {
    const steps = document.getElementById("steps");
    const waiting = waitingLine();
    stopButton(runId, waiting);
    applyForm();
    const events = new EventSource(`/api/runs/${runId}/events`);
    events.addEventListener("step", (m) => {
      const d = JSON.parse(m.data);
      if (!document.getElementById(`step-${d.step.index}`)) steps.append(renderStep(d.step));
      for (const done of document.querySelectorAll("#approvals .answered-ask")) done.remove();  // the step says it now
      waiting.step(d.step.index);
      setStatus(d.run);
      // for benchmarks/serve.py: when each step reached this page (the server stamps published_at)
      (window.macrohardReceived = window.macrohardReceived || []).push({ index: d.step.index, publishedAt: d.published_at, receivedAt: Date.now() / 1000 });
    });
    events.addEventListener("approval", (m) => { const p = JSON.parse(m.data);
      if (!document.getElementById(`ask-${p.id}`)) waiting.ask(1); showApproval(runId, p); });
    events.addEventListener("sub_step", (m) => waiting.sub(JSON.parse(m.data)));  // a delegated run's step (ux53)
    events.addEventListener("screen", (m) => {  // what the run's screen watcher saw (macrohard.imagine.live)
      const d = JSON.parse(m.data); const list = document.getElementById("screen-events");
      list.hidden = false; list.append(el("li", `screen ${d.kind}`, d.message));
    });
    events.addEventListener("approval_done", (m) => { const d = JSON.parse(m.data);
      if (answeredLine(d.id, d)) waiting.ask(-1); });
    events.addEventListener("note", (m) => waiting.note(JSON.parse(m.data).text));
    events.addEventListener("end", (m) => { events.close(); waiting.end(); finished(runId, JSON.parse(m.data).run); });
  }

  function startForm() {
    const form = document.getElementById("start");
    if (!form) return;
    // ux52: the start is said while it goes (a fresh HOME's first start loads the model: tens of seconds), the last
    // refusal cleared, the button held so a second click starts no second run; a refusal gives the button back
    const button = form.querySelector("button"), status = document.getElementById("start-status"), error = document.getElementById("start-error");
    // ux53: a division (as `macrohard run --division`): the environment list is the division's own, its first chosen
    const division = form.querySelector("select[name=division]"), env = form.querySelector("select[name=environment]");
    const note = document.getElementById("division-note");
    const fitEnvironments = () => {
      if (!division) return;
      const option = division.selectedOptions[0];
      const allowed = (option.dataset.environments || "").split(" ").filter(Boolean);
      env.replaceChildren(...allowed.map((e) => el("option", null, e)));
      env.disabled = allowed.length === 0;
      if (env.disabled) env.append(el("option", null, "no environment"));
      note.hidden = !division.value;
      note.textContent = !division.value ? "" : `the ${division.value} division: ${option.title || ""}` +
        (env.disabled ? " It operates nothing itself: it answers, or delegates the work to another division." :
         ` Its prompt, policy and budgets; it may use ${allowed.join(", ")}.`);
    };
    if (division) { division.addEventListener("change", fitEnvironments); fitEnvironments(); }
    // ux53: a browser run reaches only the hosts it is given (the sandbox has no network otherwise); before, the form
    // offered "browser" with no way to name a site, so every browser run started here could open nothing
    const hosts = form.querySelector("input[name=allow_hosts]");
    const fitHosts = () => { hosts.hidden = env.disabled || env.value !== "browser"; };
    env.addEventListener("change", fitHosts);
    if (division) division.addEventListener("change", fitHosts);
    fitHosts();
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      if (button.disabled) return;
      const f = new FormData(form);
      const body = { text: f.get("text") };
      if (!env.disabled) body.environment = f.get("environment");
      if (f.get("division")) body.division = f.get("division");
      const named = hosts.hidden ? [] : String(f.get("allow_hosts") || "").split(/[\s,]+/).filter(Boolean)
        .map((h) => h.replace(/^[a-z]+:\/\//i, "").replace(/\/.*$/, ""));  // a pasted URL: its host[:port]
      if (named.length) body.allow_hosts = named;
      if (f.get("model")) body.model = f.get("model");
      error.textContent = ""; button.disabled = true;
      const t0 = Date.now();
      const tick = () => { const s = Math.round((Date.now() - t0) / 1000);
        status.textContent = `starting the run… ${s} s` + (s >= 5 ? " (a first run loads its model and makes its sandbox)" : ""); };
      tick(); const timer = setInterval(tick, 1000);
      try { const run = await send("POST", "/api/runs", body); status.textContent = "started: opening its page…"; location.href = `/runs/${run.id}`; }
      catch (e) { status.textContent = ""; error.textContent = e.message; button.disabled = false; }
      finally { clearInterval(timer); }
    });
  }
  function askBox(p, url) {
    const div = el("div", "ask"); div.id = `ask-${p.id}`;
    div.append(el("strong", null, "The guard asks: "), el("span", "reason", visible(p.reason)), el("pre", "action", actionText(p.action)));
    if (document.getElementById("approvals").dataset.canAnswer === "yes") answerButtons(div, url, () => div.remove());
    else div.append(el("p", "note", "A viewer cannot answer; an owner or member can."));
    return div;
  }

  // A conversation: the answer streams in token by token; a delegation is an expandable live run.
  function chat(convId) {
    const box = document.getElementById("messages");
    let answer = null;
    const runs = {};
    const events = new EventSource(`/api/conversations/${convId}/events`);
    const ready = new Promise((resolve) => events.addEventListener("ready", resolve, { once: true }));
    const on = (kind, fn) => events.addEventListener(kind, (m) => fn(JSON.parse(m.data)));
    const bubble = () => { if (!answer) { answer = el("div", "msg assistant streaming"); answer.append(el("p", "text", "")); box.append(answer); } return answer; };
    on("token", (d) => { const p = bubble().querySelector(".text"); p.textContent += d.text; });
    on("message", (d) => { const b = bubble(); b.querySelector(".text").textContent = d.text; b.classList.remove("streaming"); b.id = `msg-${d.index}`; answer = null; });
    on("delegation_started", (d) => {
      const det = el("details", "delegation"); det.open = true; det.id = `run-${d.run_id}`;
      const sum = el("summary", null, `${d.division}: ${d.task} `);
      const link = el("a", null, d.run_id); link.href = `/runs/${d.run_id}`;
      sum.append(link, el("span", "status running", "running"));
      det.append(sum, el("ol", "steps"));
      runs[d.run_id] = det; box.append(det); answer = null;
    });
    on("run_step", (d) => { const det = runs[d.run_id]; if (det) det.querySelector("ol").append(renderStep(d.step)); });
    on("approval", (d) => {
      const p = { id: d.approval_id, reason: d.verdict.reason, action: d.action };
      document.getElementById("approvals").append(askBox(p, `/api/conversations/${convId}/approvals/${d.approval_id}`));
    });
    // ux55: a question answered on the delegated run's own page (or ended by a stop or the timeout): said in place
    on("approval_done", (d) => {
      const a = document.getElementById(`ask-${d.id}`); if (!a) return;
      const line = el("div", "answered-ask", "");
      line.append(el("strong", null, "The guard's question was answered: "),
                  el("span", d.approved ? "ok" : "error", `${d.approved ? "approved" : "denied"} by ${d.by}`));
      a.replaceWith(line);
    });
    // ux55: Stop for the turn being answered (its delegated run ends interrupted, its question denied)
    const stopTurn = document.getElementById("stop-turn");
    const turnRuns = (on) => { if (stopTurn) { stopTurn.hidden = !on; stopTurn.disabled = false; } };
    if (stopTurn) stopTurn.addEventListener("click", async () => {
      stopTurn.disabled = true;
      try { await send("POST", `/api/conversations/${convId}/stop`); }
      catch (e) { stopTurn.disabled = false; document.getElementById("send-error").textContent = e.message; }
    });
    on("turn_end", () => turnRuns(false));
    on("stopped", (d) => { box.append(el("div", "msg note", `${d.message}: the answer so far is kept`)); answer = null;
      for (const det of Object.values(runs)) { const st = det.querySelector("summary .status");
        if (st.textContent === "running") { st.textContent = "interrupted"; st.className = "status interrupted"; } } });
    on("delegation_finished", (d) => {
      const det = runs[d.run_id]; if (!det) return;
      const st = det.querySelector("summary .status"); st.textContent = d.status; st.className = `status ${d.status}`;
      for (const a of document.querySelectorAll("#approvals .ask")) a.remove();
    });
    on("error", (d) => { box.append(el("div", "msg error", d.message)); answer = null; });
    const form = document.getElementById("send");
    if (form) form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const text = new FormData(form).get("text");
      const mine = el("div", "msg user"); mine.append(el("p", "text", text)); box.append(mine);
      form.reset();
      await ready;
      turnRuns(true);  // before the send: its turn's turn_end (which hides it) comes only after
      try {
        const r = await send("POST", `/api/conversations/${convId}/messages`, { text });
        document.getElementById("send-error").textContent = "";
        if (r && r.said !== undefined) turnRuns(false);
        if (r && r.said !== undefined) box.append(el("div", "msg note", r.said));  // a chat command, answered by the server (ux49b)
      }
      catch (e) { turnRuns(false); mine.remove(); document.getElementById("send-error").textContent = e.message; }
    });
  }

  function newChatForm() {
    const form = document.getElementById("new-chat");
    if (!form) return;
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const model = new FormData(form).get("model");
      try { const c = await send("POST", "/api/conversations", model ? { model } : {}); location.href = `/chats/${c.id}`; }
      catch (e) { document.getElementById("new-chat-error").textContent = e.message; }
    });
  }

  // A table.sortable's headers sort its rows on this page (a th's data-sort: "text" or "number"; a cell's
  // data-value, where set, is what it sorts by, e.g. a start time shown as "12 s ago"). Click again: the other way.
  function sortableTables() {
    for (const table of document.querySelectorAll("table.sortable")) {
      const heads = [...table.querySelectorAll("thead th")];
      heads.forEach((th, col) => {
        if (!th.dataset.sort) return;
        const b = el("button", "sort", th.textContent); th.textContent = ""; th.append(b);
        b.addEventListener("click", () => {
          const up = th.getAttribute("aria-sort") !== "ascending";
          for (const h of heads) h.removeAttribute("aria-sort");
          th.setAttribute("aria-sort", up ? "ascending" : "descending");
          const body = table.tBodies[0];
          const key = (tr) => { const td = tr.cells[col]; const v = td ? (td.dataset.value ?? td.textContent.trim()) : "";
            return th.dataset.sort === "number" ? parseFloat(v) || 0 : v.toLowerCase(); };
          const rows = [...body.rows].filter((tr) => tr.cells.length === heads.length);
          rows.sort((a, b2) => { const x = key(a), y = key(b2); return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1); });
          body.append(...rows);
        });
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => { startForm(); newChatForm(); sortableTables(); });
  return { watchRun, send, chat };
})();
