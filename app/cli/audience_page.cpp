// The page a phone opens: one self-contained document (no external fonts, scripts or images),
// which polls /api/state every second and draws what it gets. Everything that comes from the
// server goes into the page as textContent, never as markup, so an answer or a scenario line
// cannot become HTML.
#include <string>

#include "cli/audience_server.h"

namespace impasse::cli {

namespace {

const char* const kHead = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Impasse · vote</title>
<style nonce="@NONCE@">
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f3ee; color: #1d1f24;
  font: 17px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 36rem; margin: 0 auto; padding: 0.9rem 1rem 2rem; }
header { display: flex; justify-content: space-between; align-items: baseline;
  font-size: 0.85rem; color: #5b5e66; margin-bottom: 0.8rem; }
header strong { color: #3d3270; letter-spacing: 0.02em; }
.label { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em; color: #6a6d75;
  margin: 0.2rem 0 0.3rem; }
blockquote { margin: 0; padding: 0.8rem 1rem; background: #fff; border-left: 5px solid #5b4a9e;
  border-radius: 8px; font-size: 1.15rem; box-shadow: 0 1px 2px rgba(0,0,0,0.06); }
.cue { font-style: italic; color: #55585f; margin: 0.4rem 0 0; }
.status { margin: 1rem 0 0.4rem; font-weight: 600; color: #3d3270; }
.status.closed { color: #7a4b12; }
button.option { display: block; width: 100%; min-height: 3rem; margin: 0.55rem 0;
  padding: 0.75rem 0.9rem; text-align: left; font: inherit; color: inherit; background: #fff;
  border: 2px solid #cfc9bc; border-radius: 12px; cursor: pointer; }
button.option:disabled { cursor: default; color: #4a4d55; background: #faf9f6; }
button.option.chosen { border-color: #5b4a9e; background: #ece8f8; color: #1d1f24; }
.letter { display: inline-block; min-width: 1.6rem; font-weight: 700; color: #5b4a9e; }
.mine { float: right; margin-left: 0.6rem; font-size: 0.8rem; font-weight: 700; color: #5b4a9e; }
.count { float: right; font-weight: 700; margin-left: 0.5rem; }
.track { height: 0.55rem; background: #e4e0d6; border-radius: 4px; margin-top: 0.45rem; }
.bar { height: 100%; width: 0; background: #5b4a9e; border-radius: 4px; }
.own { margin-top: 1.2rem; }
textarea { width: 100%; font: inherit; padding: 0.6rem; border: 2px solid #cfc9bc;
  border-radius: 10px; resize: vertical; }
.send, #go { margin-top: 0.5rem; font: inherit; font-weight: 600; padding: 0.6rem 1.2rem;
  border: 0; border-radius: 10px; background: #5b4a9e; color: #fff; }
.note { font-size: 0.85rem; color: #5b5e66; }
.words span { display: inline-block; margin: 0.15rem 0.3rem 0.15rem 0; padding: 0.1rem 0.5rem;
  background: #fff; border: 1px solid #d8d2c4; border-radius: 999px; font-size: 0.9rem; }
.hist { display: flex; gap: 0.3rem; align-items: flex-end; height: 4rem; margin: 0.4rem 0; }
.hist div { flex: 1; background: #8d7fc7; min-height: 2px; border-radius: 3px 3px 0 0; }
.error { color: #9b1c1c; font-weight: 600; min-height: 1.2rem; }
input { font: inherit; padding: 0.5rem; width: 8rem; text-transform: uppercase;
  border: 2px solid #cfc9bc; border-radius: 8px; }
[hidden] { display: none !important; }
</style>
</head>
<body>
<main>
<header><strong>Impasse workshop</strong><span id="room"></span></header>
<section id="join" hidden>
  <p>Type the room code shown on the screen.</p>
  <input id="code" maxlength="6" autocomplete="off" autocapitalize="characters" aria-label="Room code">
  <button id="go" type="button">Join</button>
</section>
<p id="waiting" hidden>Waiting for the presenter&hellip;</p>
<section id="moment" hidden>
  <p class="label">The patient says</p>
  <blockquote id="patient"></blockquote>
  <p id="cue" class="cue"></p>
  <p id="status" class="status" role="status" aria-live="polite"></p>
  <div id="options"></div>
  <div id="own" class="own" hidden>
    <label class="label" for="answer">Or say it in your own words</label>
    <textarea id="answer" rows="3"></textarea>
    <button id="send" class="send" type="button">Send</button>
    <p id="answer-note" class="note"></p>
  </div>
  <div id="summary" hidden>
    <p class="label">Typed answers</p>
    <p id="summary-line" class="note"></p>
    <div id="hist" class="hist" aria-hidden="true"></div>
    <div id="words" class="words"></div>
  </div>
</section>
<p id="error" class="error" role="alert"></p>
</main>
<script nonce="@NONCE@">
)";

const char* const kScript = R"JS('use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  let room = (params.get('room') || '').trim().toUpperCase();
  let shown = '';   // what the options were last drawn from, to redraw only on change
  let maxBytes = 280;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function setError(message) { $('error').textContent = message || ''; }

  async function api(method, path, body) {
    const init = { method: method, credentials: 'same-origin', cache: 'no-store', headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const r = await fetch(path, init);
    let json = null;
    try { json = await r.json(); } catch (e) { json = null; }
    return { status: r.status, body: json };
  }

  function drawOptions(s) {
    const box = $('options');
    // Redrawing replaces the buttons: keep the keyboard on the option it was on.
    const had = box.contains(document.activeElement) ? document.activeElement.dataset.option : null;
    box.replaceChildren();
    const open = s.state === 'open';
    const results = s.state === 'revealed' && s.results ? s.results : null;
    const counts = {};
    if (results) for (const c of results.counts) counts[c.id] = c.votes;
    const total = results ? Math.max(1, results.votes) : 1;
    for (const o of s.moment.options) {
      const b = el('button', 'option');
      b.type = 'button';
      b.dataset.option = o.id;
      b.disabled = !open;
      if (s.your_vote === o.id) {
        b.classList.add('chosen');
        b.setAttribute('aria-pressed', 'true');
        b.append(el('span', 'mine', 'your vote'));
      }
      if (results) b.append(el('span', 'count', counts[o.id] || 0));
      b.append(el('span', 'letter', o.id), el('span', 'text', o.text));
      if (results) {
        const track = el('div', 'track');
        const bar = el('div', 'bar');
        bar.style.width = Math.round(100 * (counts[o.id] || 0) / total) + '%';
        track.append(bar);
        b.append(track);
      }
      b.addEventListener('click', () => vote(o.id));
      box.append(b);
      if (o.id === had) b.focus();
    }
  }

  function drawSummary(s) {
    const a = s.state === 'revealed' && s.results ? s.results.answers : null;
    $('summary').hidden = !a || a.count === 0;
    if (!a || a.count === 0) return;
    $('summary-line').textContent = a.count + (a.count === 1 ? ' answer' : ' answers') +
      ', mean score ' + a.mean + ' of 100 (bars: 0\u201320 \u2026 80\u2013100)';
    const hist = $('hist');
    hist.replaceChildren();
    const most = Math.max(1, ...a.histogram);
    for (const n of a.histogram) {
      const d = el('div');
      d.style.height = Math.round(100 * n / most) + '%';
      d.title = String(n);
      hist.append(d);
    }
    const words = $('words');
    words.replaceChildren();
    for (const w of a.words) words.append(el('span', '', w.word + ' \u00d7' + w.count));
  }

  function render(s) {
    $('room').textContent = 'Room ' + room;
    $('join').hidden = true;
    maxBytes = s.max_answer_bytes || maxBytes;
    if (!s.moment) {
      $('waiting').hidden = false;
      $('moment').hidden = true;
      return;
    }
    $('waiting').hidden = true;
    $('moment').hidden = false;
    $('patient').textContent = s.moment.patient;
    $('cue').textContent = s.moment.cue ? '(' + s.moment.cue + ')' : '';
    const status = $('status');
    status.className = 'status' + (s.state === 'open' ? '' : ' closed');
    if (s.state === 'open')
      status.textContent = s.your_vote ? 'Voted. You can change your mind until voting closes.'
                                       : 'What would you say? Tap one.';
    else if (s.state === 'revealed')
      status.textContent = 'The room\u2019s answer (' + s.results.votes +
        (s.results.votes === 1 ? ' vote)' : ' votes)');
    else if (s.options_hidden)
      status.textContent = 'What would you say? Think of your own answer: the choices appear ' +
                           'when voting opens.';
    else status.textContent = 'Voting is closed.';
    const key = JSON.stringify([s.serial, s.state, s.your_vote, s.moment, s.results || null]);
    if (key !== shown) { shown = key; drawOptions(s); drawSummary(s); }
    const canAnswer = s.answers_allowed && s.state === 'open';
    $('own').hidden = !canAnswer;
    $('answer').disabled = s.answered;
    $('send').disabled = s.answered;
    if (s.answered) $('answer-note').textContent = 'Thank you; your answer is in (anonymously).';
    else if (canAnswer) $('answer-note').textContent = 'Anonymous; up to ' + maxBytes + ' characters.';
  }

  async function poll() {
    if (!room) return;
    try {
      const r = await api('GET', '/api/state?room=' + encodeURIComponent(room));
      if (r.status === 200 && r.body) { setError(''); render(r.body); return; }
      if (r.status === 403) { room = ''; showJoin('That room code is not right.'); return; }
      setError(r.body && r.body.message ? r.body.message : 'The server said ' + r.status + '.');
    } catch (e) {
      setError('Cannot reach the presenter\u2019s computer.');
    }
  }

  async function vote(id) {
    try {
      const r = await api('POST', '/api/vote', { room: room, option: id });
      if (r.status === 200 && r.body) { setError(''); render(r.body); }
      else setError(r.body && r.body.message ? r.body.message : 'The vote did not go through.');
    } catch (e) { setError('Cannot reach the presenter\u2019s computer.'); }
  }

  async function send() {
    const text = $('answer').value.replace(/\s+/g, ' ').trim();
    if (!text) return;
    if (new TextEncoder().encode(text).length > maxBytes) {
      setError('That is too long: at most ' + maxBytes + ' characters.');
      return;
    }
    try {
      const r = await api('POST', '/api/answer', { room: room, text: text });
      if (r.status === 200 && r.body) { setError(''); $('answer').value = ''; render(r.body); }
      else setError(r.body && r.body.message ? r.body.message : 'The answer did not go through.');
    } catch (e) { setError('Cannot reach the presenter\u2019s computer.'); }
  }

  function showJoin(message) {
    $('join').hidden = false;
    $('moment').hidden = true;
    $('waiting').hidden = true;
    setError(message || '');
  }

  $('go').addEventListener('click', () => {
    room = $('code').value.trim().toUpperCase();
    if (!/^[A-Z0-9]{6}$/.test(room)) { room = ''; showJoin('A room code has six characters.'); return; }
    history.replaceState(null, '', '?room=' + encodeURIComponent(room));
    poll();
  });
  $('send').addEventListener('click', send);

  if (!room) showJoin(''); else poll();
  (function loop() { setTimeout(() => { poll().finally(loop); }, 1000); })();
})();
)JS";

const char* const kTail = "</script>\n</body>\n</html>\n";

std::string with_nonce(std::string text, const std::string& nonce) {
    const std::string mark = "@NONCE@";
    for (size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at))
        text.replace(at, mark.size(), nonce);
    return text;
}

}  // namespace

std::string audience_page(const std::string& nonce) {
    return with_nonce(kHead, nonce) + kScript + kTail;
}

}  // namespace impasse::cli
