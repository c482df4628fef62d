"""The listening page's style sheet (inline in index.html): layout, the sticky player, the
highlight of the spoken sentence (outline and underline of at least 3:1, system colours in
forced-colors mode) and reduced motion. Speakers' own colours and lines: page_speakers.

Only properties the W3C Nu checker's CSS knows (it validates the page): e.g. no
forced-color-adjust (the script adds that rule) and no text-decoration-thickness.
"""

PAGE_CSS = """
:root { --ink: #1a1a1a; --muted: #4a4a4a; --accent: #0b57d0;
  --mark: #fff1a8; --mark-line: #8a4b00; font-family: system-ui, sans-serif; line-height: 1.6; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem 1.25rem 3rem; color: var(--ink);
  background: #fff; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
.skip { position: absolute; left: -999px; top: 0; padding: .5rem 1rem; background: #fff; }
.skip:focus { left: 1rem; }
audio { width: 100%; margin: .5rem 0; }
.downloads, .hint, .time, footer { color: var(--muted); font-size: .95rem; }
#chapters { padding-left: 1.5rem; }
#chapters li { margin: .25rem 0; }
#chapters a { display: inline-block; vertical-align: top; min-height: 24px; padding: .1rem .25rem; }
#text a.seg { color: inherit; text-decoration: none; border-radius: 3px; scroll-margin: 14rem 0 4rem; }
#text a.seg:hover { text-decoration: underline; }
#text a.seg.quote { text-decoration: none; }
#text a.seg.quote .words { padding-bottom: 1px; }
#text .who { font-size: .9em; font-weight: 700; margin-right: .3em; white-space: nowrap; }
.mark { display: inline-block; min-width: 1em; text-align: center; }
#text a.seg .who { text-decoration: none; }
.cast-intro { margin: .75rem 0 .25rem; }
.cast { list-style: none; padding: 0; margin: 0 0 .5rem; display: flex; flex-wrap: wrap;
  gap: .15rem 1.25rem; }
.cast .who { font-weight: 700; }
#caption-mark:empty { display: none; }
#text a.seg[aria-current="true"] { background: var(--mark); outline: 2px solid var(--mark-line);
  outline-offset: 1px; text-decoration: underline; text-decoration-color: var(--mark-line); }
#chapters a[aria-current="true"] { font-weight: 600; outline: 2px solid var(--mark-line); }
.player { position: sticky; top: 0; z-index: 1; background: #fff; margin: 0 -.5rem;
  padding: .25rem .5rem;
  border-bottom: 1px solid #767676; }
[hidden] { display: none !important; }
.controls { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.controls button, .controls select { font: inherit; min-height: 32px; padding: .1rem .6rem;
  color: var(--ink); background: #f2f2f2; border: 1px solid #595959; border-radius: 4px; }
.controls button:focus-visible, .controls select:focus-visible { outline: 3px solid var(--accent);
  outline-offset: 2px; }
.caption { margin: .4rem 0 0; min-height: 3.2em; }
.follow { white-space: nowrap; }
#search { margin: .5rem 0 1rem; }
#search input, #search button { font: inherit; min-height: 32px; }
#text a.seg.found { background: #e8f0fe; outline: 1px dashed var(--accent); }
@media (max-width: 30rem) {
  .controls button, .controls select { padding: .1rem .35rem; font-size: .9rem; }
  .caption { font-size: .9rem; min-height: 0; }
}
.caption .who { font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
@media (forced-colors: active) {
  /* system colours are kept in forced-colors mode (CSS2 names: the Nu checker knows them) */
  #text a.seg[aria-current="true"], #chapters a[aria-current="true"] { background: Highlight;
    color: HighlightText; outline: 2px solid WindowText; }
  .player { border-bottom-color: WindowText; }
}
html { scroll-behavior: smooth; }
@media (prefers-reduced-motion: reduce) {
  html { scroll-behavior: auto; }
  * { transition: none !important; animation: none !important; }
}
"""
