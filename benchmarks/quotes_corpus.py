"""Attribution on an annotated corpus, planned in this process (fast; for iterating).

    .venv/bin/python benchmarks/quotes_corpus.py SCORER --corpus polnear|pdnc --root DIR
        [--split train] [--limit N] [--every K] [--docs A,B] [--max-chars N] [--errors FILE]
        [--narrate-paraphrase] [--by-rule]

SCORER is the path of the shared scorer (quotes_eval.py): its gold loaders, matching and
scoring are used as they are, so the figures are the scorer's own; only the system is called
in-process (earmark.planning.build) instead of once per document through the command line.
--every K keeps every K-th document (a spread-out subset); --errors writes one line per
speaker error and per missed or spurious quotation, with context, for sorting into categories.
--by-rule prints the speaker accuracy of each attribution rule (own cue, previous quotation,
action beat, turn-taking ...), to see which rule the errors come from.
The corpus texts are never copied into the repository: the folder is an argument.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

import earmark.planning.build as build
from earmark.config.casting import load_casting
from earmark.config.recipe import load_recipe
from earmark.planning.build import plan_file
from earmark.planning.schema import plan_to_dict


def load_scorer(path: str):
    spec = importlib.util.spec_from_file_location("quotes_eval", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _context(text: str, start: int, end: int, width: int = 90) -> str:
    return (text[max(0, start - width) : start] + "⟦" + text[start:end][:160] + "⟧"
            + text[end : end + width]).replace("\n", "¶")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scorer")
    parser.add_argument("--corpus", choices=["polnear", "pdnc"], required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--split", default="train")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--docs")
    parser.add_argument("--max-chars", type=int)
    parser.add_argument("--errors")
    parser.add_argument("--narrate-paraphrase", action="store_true",
                        help="quotations inside paraphrase read by the narrator")
    parser.add_argument("--by-rule", action="store_true",
                        help="speaker accuracy per attribution rule")
    args = parser.parse_args()
    captured: list = []
    if args.by_rule:
        original = build.attribute

        def capturing(*a, **k):  # keep each document's attributions for the tally
            results, speakers = original(*a, **k)
            captured[:] = results
            return results, speakers

        build.attribute = capturing
    rules: dict[str, list[int]] = {}
    ev = load_scorer(args.scorer)
    select = args.docs.split(",") if args.docs else None
    docs = (ev.load_polnear(args.root, args.split, select) if args.corpus == "polnear"
            else ev.load_pdnc(args.root, select))
    recipe, casting = load_recipe("article"), load_casting("default")
    if args.narrate_paraphrase:
        recipe = dataclasses.replace(
            recipe, quotes=dataclasses.replace(recipe.quotes, paraphrase_quotes=False))
    totals = dict(gold=0, pred=0, tp_pred=0, ignored=0, tp_gold=0)
    spk = dict(n=0, ok=0, scorable=0)
    voice = dict(q_chars=0, q_in_quote=0, n_chars=0, n_in_narr=0)
    errors: list[str] = []
    chars, seconds, count = 0, 0.0, 0
    with tempfile.TemporaryDirectory() as scratch:
        for number, doc in enumerate(docs):
            if number % args.every:
                continue
            if args.limit is not None and count >= args.limit:
                break
            count += 1
            if args.max_chars and len(doc["text"]) > args.max_chars:
                doc["text"] = doc["text"][: args.max_chars]
                doc["gold"] = [g for g in doc["gold"] if g["end"] <= args.max_chars]
            path = Path(scratch) / "doc.txt"
            path.write_text(doc["text"], encoding="utf-8", newline="")
            started = time.perf_counter()
            obj = json.loads(json.dumps(plan_to_dict(plan_file(path, recipe, casting))))
            seconds += time.perf_counter() - started
            text = doc["text"]
            chars += len(text)
            pred, segs, _ = ev.parse_pred(obj, len(text))
            result = ev.score_doc(doc, pred, segs)
            for key in totals:
                totals[key] += result[key]
            for key in spk:
                spk[key] += result["spk"][key]
            for key in voice:
                voice[key] += result["voice"][key]
            if args.errors:
                errors.extend(_errors(ev, doc, pred, {tuple(a.quote.span): a.how
                                                      for a in captured}))
            if args.by_rule:
                _tally(ev, doc, pred, captured, rules)
    p, r, f = ev.prf(totals["tp_pred"], totals["pred"] - totals["ignored"], totals["tp_gold"],
                     totals["gold"])
    print(f"{args.corpus}: docs={count} gold={totals['gold']} pred={totals['pred']} "
          f"P={p:.3f} R={r:.3f} F1={f:.3f}")
    print(f"speaker_acc={ev.div(spk['ok'], spk['n']):.3f} ({spk['ok']}/{spk['n']}) "
          f"e2e={ev.div(spk['ok'], spk['scorable']):.3f} "
          f"quote_char_recall={ev.div(voice['q_in_quote'], voice['q_chars']):.3f} "
          f"narration_char_precision={ev.div(voice['n_in_narr'], voice['n_chars']):.3f} "
          f"speed={chars / max(seconds, 1e-9):,.0f} chars/s")
    for rule, (ok, n) in sorted(rules.items(), key=lambda item: -item[1][1]):
        print(f"  rule {rule:<18} {ok:>5}/{n:<5} = {ok / n:.3f}")
    if args.errors:
        Path(args.errors).write_text("\n".join(errors) + "\n", encoding="utf-8")


def _gold_names(ev, gold: list[dict], ants: list, positions: list[int], g: dict) -> list[str]:
    named = [x for x in g["names"] if not ev.is_pronoun(x)]
    if not named and g["names"]:
        k = ev.bisect_left(positions, g["start"]) - 1
        named = ants[k][1] if k >= 0 else []
    return named


def _antecedents(ev, doc: dict) -> tuple[list, list[int]]:
    ants = doc.get("antecedents") or [(g["start"], g["names"]) for g in doc["gold"]]
    ants = [(pos, [x for x in nm if not ev.is_pronoun(x)]) for pos, nm in ants]
    ants = [(pos, nm) for pos, nm in ants if nm]
    return ants, [pos for pos, _ in ants]


def _tally(ev, doc: dict, pred: list[dict], attributed: list, rules: dict) -> None:
    """Per rule, [right, scored] over the matched gold quotations."""
    gold = doc["gold"]
    g2p, _, _ = ev.match(gold, pred)
    ants, positions = _antecedents(ev, doc)
    how = {tuple(a.quote.span): a.how for a in attributed}
    for gi, g in enumerate(gold):
        if gi not in g2p:
            continue
        named = _gold_names(ev, gold, ants, positions, g)
        if not named:
            continue
        p = pred[g2p[gi]]
        rule = how.get((p["start"], p["end"]), "?")
        entry = rules.setdefault(rule, [0, 0])
        entry[0] += bool(ev.names_match(p["names"], named))
        entry[1] += 1


def _errors(ev, doc: dict, pred: list[dict], how: dict) -> list[str]:
    text, gold = doc["text"], doc["gold"]
    g2p, ignored, _ = ev.match(gold, pred)
    out = []
    ants, positions = _antecedents(ev, doc)
    for gi, g in enumerate(gold):
        if gi not in g2p:
            out.append(f"MISS\t{doc['id']}\t{_context(text, g['start'], g['end'])}")
            continue
        named = _gold_names(ev, gold, ants, positions, g)
        if not named:
            continue
        names = pred[g2p[gi]]["names"]
        if not ev.names_match(names, named):
            rule = how.get((pred[g2p[gi]]["start"], pred[g2p[gi]]["end"]), "")
            out.append(f"SPK\t{doc['id']}\tgold={named[0]!r}\tpred={names[:1]}\t{rule}\t"
                       f"{_context(text, g['start'], g['end'])}")
    matched = set(g2p.values())
    for pi, p in enumerate(pred):
        if pi not in matched and pi not in ignored:
            out.append(f"FP\t{doc['id']}\t{p['names'][:1]}\t{_context(text, p['start'], p['end'])}")
    return out


if __name__ == "__main__":
    sys.exit(main())
