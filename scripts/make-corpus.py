#!/usr/bin/env python3
"""Builds a JSONL benchmark corpus by replicating real news articles.

Usage: make-corpus.py SRC_DIR OUT.jsonl TARGET_MB [--single]

Reads every `*/text/*.txt` under SRC_GLOB_DIR (PolNeAR: headline on the first
line, blank-line separated paragraphs), and writes one JSON object per line
(`id`, `title`, `text`, `source`, `date`) until the file holds TARGET_MB
megabytes (10^6 bytes) of article text, cycling through the articles with a
`#copy` suffix on the id. Writes OUT.jsonl.textbytes with the exact number of
UTF-8 bytes of title + text, the figure every throughput is divided by.

With --single, writes ONE record instead: the first article's title and the
bodies of as many articles as it takes to reach TARGET_MB, one long article
(to check that time grows linearly with article length).

The corpus is derived from licensed data: it stays in a git-ignored directory
(`.bench/`) and is never committed.
"""

import glob
import json
import os
import re
import sys


def articles(src):
    paths = sorted(glob.glob(os.path.join(src, "*", "text", "*.txt")))
    if not paths:
        sys.exit(f"make-corpus: no */text/*.txt under {src}")
    for path in paths:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        lines = raw.strip("\n").split("\n")
        title = lines[0].strip()
        text = "\n".join(lines[1:]).strip("\n")
        stem = os.path.splitext(os.path.basename(path))[0]
        m = re.match(r"([a-z]+)_(\d{4}-\d{2}-\d{2})_", stem)
        source, date = (m.group(1), m.group(2)) if m else (None, None)
        yield stem, title, text, source, date


def single(base, target):
    title = base[0][1]
    parts = []
    size = len(title.encode())
    for _, _, text, _, _ in base * (1 + target // 1000):
        if size >= target:
            break
        parts.append(text)
        size += len(text.encode()) + 2
    text = "\n\n".join(parts)
    rec = {"id": "single", "title": title, "text": text}
    return json.dumps(rec, ensure_ascii=False) + "\n", len(title.encode()) + len(text.encode())


def main():
    src, out, target_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
    base = list(articles(src))
    target = int(target_mb * 1e6)
    written = 0
    copy = 0
    tmp = out + ".partial"
    with open(tmp, "w", encoding="utf-8") as f:
        if "--single" in sys.argv[4:]:
            line, written = single(base, target)
            f.write(line)
            copy = 1
        while written < target:
            for stem, title, text, source, date in base:
                rec = {"id": f"{stem}#{copy}", "title": title, "text": text}
                if source:
                    rec["source"] = source
                    rec["date"] = date
                f.write(json.dumps(rec, ensure_ascii=False))
                f.write("\n")
                written += len(title.encode()) + len(text.encode())
                if written >= target:
                    break
            copy += 1
    os.replace(tmp, out)
    with open(out + ".textbytes", "w") as f:
        f.write(f"{written}\n")
    print(f"make-corpus: {out}: {written / 1e6:.1f} MB of text, "
          f"{len(base)} distinct articles x {copy} copies", file=sys.stderr)


if __name__ == "__main__":
    main()
