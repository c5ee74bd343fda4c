#!/usr/bin/env python3
"""Scores a JSONL corpus with vaderSentiment, the way researchers use it.

Usage: vader_score.py CORPUS.jsonl

Reads one JSON object per line and scores the title and every non-empty
paragraph of `text` with SentimentIntensityAnalyzer.polarity_scores (VADER
is meant for sentence- or paragraph-sized text). Prints the number of
scored pieces and the sum of compound scores, so the work cannot be skipped.
"""

import json
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main():
    analyzer = SentimentIntensityAnalyzer()
    pieces = 0
    total = 0.0
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            for piece in [rec.get("title") or ""] + rec.get("text", "").split("\n"):
                if piece.strip():
                    total += analyzer.polarity_scores(piece)["compound"]
                    pieces += 1
    print(f"pieces {pieces} compound_sum {total:.3f}")


if __name__ == "__main__":
    main()
