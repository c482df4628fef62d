"""The listening page's script (inline in index.html): sentences that play from their start,
the highlight and captions line that follow the audio, the player's own controls (skip,
chapters, speed, following the audio or not), page-wide shortcuts (Alt+Shift+P, arrows),
search in the transcript, and what is remembered in localStorage (speed, following, the
position per document). The page works without it (export.page).
"""

PAGE_SCRIPT = """
(() => {
  const audio = document.getElementById("player");
  const segs = Array.from(document.querySelectorAll("#text a.seg"));
  const chapters = Array.from(document.querySelectorAll("#chapters a.chapter"));
  const starts = segs.map((a) => parseFloat(a.dataset.start));
  const chapterStarts = chapters.map((a) => parseFloat(a.dataset.start));
  const calm = window.matchMedia("(prefers-reduced-motion: reduce)");
  const status = document.getElementById("status");
  const captionBox = document.getElementById("caption");
  const captionWho = document.getElementById("caption-who");
  const captionText = document.getElementById("caption-text");
  const captionMark = document.getElementById("caption-mark");
  const speed = document.getElementById("speed");
  const follower = document.getElementById("follow");
  const store = (() => { try { return window.localStorage; } catch (e) { return null; } })();
  const positionKey = "earmark:position:" + location.pathname;
  const speedKey = "earmark:speed";
  const texts = segs.map((a) => {
    const who = a.querySelector(".who");
    return a.textContent.slice(who ? who.textContent.length : 0).trim();
  });
  let current = -1, currentChapter = -1;
  // forced-colors mode paints a Canvas backplate over an inline-block's own background, which
  // hid the current chapter (HighlightText on Canvas): its system colours are kept as they are.
  // Added from here, as the highlight itself is: the Nu checker's CSS does not know the property
  const forced = document.createElement("style");
  forced.textContent = '@media (forced-colors: active) { #chapters a[aria-current="true"] ' +
    "{ forced-color-adjust: none; } }";
  document.head.append(forced);
  function say(message) { status.textContent = message; }
  function clock(t) {
    const s = Math.max(0, Math.floor(t)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    const ss = String(s % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
  }
  function save(key, value) { try { if (store) store.setItem(key, value); } catch (e) {} }
  function load(key) { try { return store ? store.getItem(key) : null; } catch (e) { return null; } }

  function indexAt(list, t) {
    let lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= t + 0.001) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function mark(list, old, now) {
    if (old === now) return now;
    if (old >= 0) list[old].removeAttribute("aria-current");
    if (now >= 0) list[now].setAttribute("aria-current", "true");
    return now;
  }
  function follow(t) {
    const before = current;
    current = mark(segs, current, indexAt(starts, t));
    currentChapter = mark(chapters, currentChapter, indexAt(chapterStarts, t));
    if (current !== before) {
      const seg = current >= 0 ? segs[current] : null;
      captionWho.textContent = seg ? seg.dataset.who + ":" : "";
      captionText.textContent = seg ? texts[current] : "";
      captionMark.textContent = seg && seg.dataset.marker ? seg.dataset.marker : "";
      captionBox.className = "caption" + (seg && seg.dataset.speaker ? " " + seg.dataset.speaker : "");
    }
    if (current !== before && current >= 0 && !audio.paused && follower.checked) {
      const box = segs[current].getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        segs[current].scrollIntoView({block: "center", behavior: calm.matches ? "auto" : "smooth"});
      }
    }
  }
  function seekTo(t) {
    const end = isFinite(audio.duration) ? audio.duration : t;
    t = Math.min(Math.max(0, t), end);
    audio.currentTime = t;
    follow(t);
    return t;
  }
  segs.forEach((link, i) => {
    link.href = "#" + link.id;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      seekTo(starts[i]);
      audio.play().catch(() => {});
    });
  });
  for (const link of chapters) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      seekTo(parseFloat(link.dataset.start));
    });
  }
  document.getElementById("transcript-hint").textContent =
    "Select a sentence to play from there. In the transcript, the arrow keys move from " +
    "sentence to sentence. Anywhere on the page: Alt+Shift+P plays or pauses, Alt+Shift+Left " +
    "and Alt+Shift+Right skip back and forward 10 seconds, Alt+Shift+Up and Alt+Shift+Down go " +
    "to the previous and next chapter.";
  document.getElementById("controls").hidden = false;
  captionBox.hidden = false;
  function skip(by) {
    const t = seekTo(audio.currentTime + by);
    say(`${by < 0 ? "Back" : "Forward"} 10 seconds, at ${clock(t)}`);
  }
  function toChapter(step) {
    const t = audio.currentTime;
    let i = indexAt(chapterStarts, t);
    // "previous" from well inside a chapter goes back to its start first, as players do
    if (step < 0 && i >= 0 && t - chapterStarts[i] > 3) i += 1;
    const target = Math.min(Math.max(i + step, 0), chapters.length - 1);
    seekTo(chapterStarts[target]);
    say(`Chapter ${target + 1}: ${chapters[target].textContent}`);
  }
  function playPause() {
    if (audio.paused) {
      audio.play().then(() => say(`Playing, at ${clock(audio.currentTime)}`)).catch(() => {});
    } else {
      audio.pause();
      say(`Paused, at ${clock(audio.currentTime)}`);
    }
  }
  document.getElementById("back").addEventListener("click", () => skip(-10));
  document.getElementById("forward").addEventListener("click", () => skip(10));
  document.getElementById("previous-chapter").addEventListener("click", () => toChapter(-1));
  document.getElementById("next-chapter").addEventListener("click", () => toChapter(1));
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    // in the search field Alt+Shift+arrows select words (macOS): leave them to it
    if (event.target.closest && event.target.closest("input, select, textarea")) return;
    // Alt+Shift: not a screen reader's modifier (NVDA's and JAWS's is Insert or Caps Lock,
    // VoiceOver's Control+Option); event.code, as Alt changes the key's character on a Mac
    const actions = {ArrowLeft: () => skip(-10), ArrowRight: () => skip(10),
                     ArrowUp: () => toChapter(-1), ArrowDown: () => toChapter(1),
                     KeyP: playPause};
    const action = actions[event.key in actions ? event.key : event.code];
    if (action) { event.preventDefault(); action(); }
  });
  const savedSpeed = load(speedKey);
  if (savedSpeed && [...speed.options].some((o) => o.value === savedSpeed)) speed.value = savedSpeed;
  audio.defaultPlaybackRate = audio.playbackRate = parseFloat(speed.value);
  audio.addEventListener("ratechange", () => {  // also from the native player's own menu
    const value = String(audio.playbackRate);
    if ([...speed.options].some((o) => o.value === value)) {
      speed.value = value;
      save(speedKey, value);
    }
  });
  speed.addEventListener("change", () => {
    audio.defaultPlaybackRate = audio.playbackRate = parseFloat(speed.value);
    save(speedKey, speed.value);
    say(`Speed ${speed.value} times`);
  });
  follower.checked = load("earmark:follow") !== "false";
  follower.addEventListener("change", () => {
    save("earmark:follow", String(follower.checked));
    say(follower.checked ? "The transcript follows the audio" : "The transcript stays put");
  });
  // search: sentences that contain the words are marked; Enter goes to the next one
  const search = document.getElementById("search");
  const find = document.getElementById("find");
  const lowered = segs.map((a) => a.textContent.toLowerCase());
  let found = [], foundAt = -1;
  search.hidden = false;
  find.addEventListener("input", () => {
    const words = find.value.trim().toLowerCase();
    found.forEach((i) => segs[i].classList.remove("found"));
    found = words ? lowered.flatMap((t, i) => (t.includes(words) ? [i] : [])) : [];
    found.forEach((i) => segs[i].classList.add("found"));
    foundAt = -1;
    say(words ? `${found.length} sentence${found.length === 1 ? "" : "s"} found` : "");
  });
  search.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!found.length) { say(find.value.trim() ? "Not found" : ""); return; }
    foundAt = (foundAt + 1) % found.length;
    say(`Sentence ${foundAt + 1} of ${found.length}: ${segs[found[foundAt]].textContent}`);
    focusSeg(found[foundAt]);
  });
  function restore() {
    const saved = parseFloat(load(positionKey) || "");
    if (saved > 1 && saved < audio.duration - 1 && audio.currentTime < 0.5) {
      seekTo(saved);
      say(`Continuing where you stopped, at ${clock(saved)}`);
    }
  }
  if (audio.readyState >= 1) restore(); else audio.addEventListener("loadedmetadata", restore, {once: true});
  let savedAt = 0;
  function remember() { save(positionKey, String(audio.currentTime)); savedAt = Date.now(); }
  audio.addEventListener("timeupdate", () => { if (Date.now() - savedAt > 1000) remember(); });
  audio.addEventListener("pause", remember);
  audio.addEventListener("seeked", remember);
  audio.addEventListener("ended", () => save(positionKey, "0"));
  // the transcript is one Tab stop; arrow keys move between its sentences
  segs.forEach((a, i) => { a.tabIndex = i === 0 ? 0 : -1; });
  function focusSeg(i) {
    if (i < 0 || i >= segs.length) return;
    segs.forEach((a) => { a.tabIndex = -1; });
    segs[i].tabIndex = 0;
    segs[i].focus();
  }
  document.getElementById("text").addEventListener("keydown", (event) => {
    const i = segs.indexOf(document.activeElement);
    if (i < 0 || event.altKey || event.ctrlKey || event.metaKey) return;  // shortcuts pass
    const moves = {ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1,
                   Home: 0, End: segs.length - 1};
    if (event.key in moves) { event.preventDefault(); focusSeg(moves[event.key]); }
  });
  document.getElementById("text").addEventListener("focusin", (event) => {
    const i = segs.indexOf(event.target);
    if (i >= 0) { segs.forEach((a) => { a.tabIndex = -1; }); segs[i].tabIndex = 0; }
  });
  for (const track of audio.textTracks) {
    if (track.kind === "chapters") track.mode = "hidden";
  }
  let frame = 0;
  function tick() { follow(audio.currentTime); frame = requestAnimationFrame(tick); }
  audio.addEventListener("play", () => { cancelAnimationFrame(frame); tick(); });
  audio.addEventListener("pause", () => cancelAnimationFrame(frame));
  audio.addEventListener("seeked", () => follow(audio.currentTime));
  audio.addEventListener("timeupdate", () => follow(audio.currentTime));
})();
"""
