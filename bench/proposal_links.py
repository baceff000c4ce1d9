"""How well the extractor links proposals to the difficulties they answer.

No gold coding names a proposal's categories, so this measures a proxy on the gold corpus:
a proposal answers the visit's difficulties, so a category proposed for it should be one of
the document's gold issue categories. Printed per language:

- coverage: share of proposals that get at least one category;
- proxy precision: share of (proposal, category) links whose category is among the gold
  issue categories of the document;
- for the gold proposals' own texts (no positions, so only the terms they name) and for the
  extractor's drafts (which also fall back on the issues of the proposal's paragraph).

    python -m bench.proposal_links ../shared/corpus
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from vuongmac.extract import default_extractor, detect_language
from vuongmac.extract.evaluate import _documents
from vuongmac.extract.issues import topic_categories


def main(corpus: Path) -> None:
    extract = default_extractor()
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for _doc_id, text, gold in _documents(corpus):
        lang = detect_language(text)
        gold_cats = {i["category"] for i in gold.get("issues", [])}
        pairs = [("gold texts", topic_categories(p["text"])) for p in gold.get("proposals", [])]
        pairs += [("drafts", list(p.category_ids)) for p in extract(text).proposals]
        for kind, cats in pairs:
            s = stats[(lang, kind)]
            s[0] += 1
            s[1] += bool(cats)
            s[2] += len(cats)
            s[3] += sum(c in gold_cats for c in cats)
    print(f"{'lang':5} {'proposals of':12} {'n':>5} {'coverage':>9} {'links':>6} {'proxy P':>8}")
    for (lang, kind), (n, covered, links, hits) in sorted(stats.items()):
        print(
            f"{lang:5} {kind:12} {n:5d} {covered / max(n, 1):9.2f} {links:6d} {hits / max(links, 1):8.2f}"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"))
