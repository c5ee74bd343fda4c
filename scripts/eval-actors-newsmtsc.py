#!/usr/bin/env python3
"""How many named targets of NewsMTSC an actor mention of `stance` covers.

Usage: eval-actors-newsmtsc.py STANCE_BINARY NEWSMTSC_TRAIN_JSONL [--misses N]

NewsMTSC (Hamborg & Donnay, EACL 2021) marks the people and organisations
whose portrayal a news sentence carries. Its targets are not an exhaustive
annotation of every name, so this measures recall only: the share of
targets written with a capital (pronouns left out) that overlap an actor
mention `stance analyze --stages actors` reports for that sentence. Each
sentence is analysed alone, without the article around it, so a bare
surname ("Sanders said ...") has no earlier full name to resolve to: the
figure is a floor for whole articles.

The data is read from the path given and never copied into the repository.
"""

import collections
import json
import subprocess
import sys
import tempfile

PRONOUNS = {"he", "she", "they", "him", "her", "his", "it", "we", "i", "you", "them", "their", "its", "our"}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, data = sys.argv[1], sys.argv[2]
    misses_to_show = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--misses" else 0
    records, targets = [], []
    with open(data, encoding="utf-8") as f:
        for n, line in enumerate(f):
            r = json.loads(line)
            records.append(json.dumps({"id": str(n), "text": r["sentence_normalized"]}))
            for t in r["targets"]:
                m = t["mention"]
                if m.lower() not in PRONOUNS and m[:1].isupper():
                    targets.append((str(n), t["from"], t["to"], m))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as tmp:
        tmp.write("\n".join(records) + "\n")
        tmp.flush()
        out = subprocess.run(
            [binary, "analyze", tmp.name, "-f", "jsonl", "-q", "--stages", "actors"],
            capture_output=True, text=True, check=False,
        ).stdout
    spans = collections.defaultdict(list)
    for line in out.splitlines():
        r = json.loads(line)
        for a in r["actors"]:
            spans[r["id"]].extend((s, e) for s, e in a["spans"])
    covered, misses = 0, collections.Counter()
    for rid, start, end, mention in targets:
        if any(s < end and start < e for s, e in spans[rid]):
            covered += 1
        else:
            misses[mention] += 1
    print(f"named targets {len(targets)}  covered {covered}  recall {100 * covered / len(targets):.1f}%")
    for mention, count in misses.most_common(misses_to_show):
        print(f"  missed {count:4}  {mention}")


if __name__ == "__main__":
    main()
