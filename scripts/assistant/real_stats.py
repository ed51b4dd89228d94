#!/usr/bin/env python3
"""Statistics of EvalReal.java's scores: accuracy with a 95 % cluster-bootstrap CI (whole packages resampled),
the majority-class and chance baselines, expected calibration error (10 bins of the top probability), the share
called unfamiliar (OOD score >= 0.99, the CLI's threshold), per-style recall and the confusion counts.
Usage: real_stats.py scores.tsv"""
import csv, random, sys
from collections import Counter, defaultdict

rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
n = len(rows)
ok = [1.0 if r["label"] == r["predicted"] else 0.0 for r in rows]
top = [float(r["top_p"]) for r in rows]
unfamiliar = [1.0 if float(r["ood_score"]) >= 0.99 else 0.0 for r in rows]
counts = Counter(r["label"] for r in rows)
majority_label, majority_n = counts.most_common(1)[0]
majority = [1.0 if r["label"] == majority_label else 0.0 for r in rows]

def ece(idx):
    bins = defaultdict(lambda: [0.0, 0.0])
    for i in idx:
        b = min(9, int(top[i] * 10))
        bins[b][0] += top[i]
        bins[b][1] += ok[i]
    return sum(abs(c - a) for c, a in bins.values()) / len(idx)

groups = defaultdict(list)
for i, r in enumerate(rows):
    groups[r["group"]].append(i)
keys = sorted(groups)
rng = random.Random(1)
boot = defaultdict(list)
for _ in range(2000):
    idx = [i for _ in keys for i in groups[rng.choice(keys)]]
    boot["acc"].append(sum(ok[i] for i in idx) / len(idx))
    boot["acc-majority"].append(sum(ok[i] - majority[i] for i in idx) / len(idx))
    boot["ece"].append(ece(idx))
    boot["unfamiliar"].append(sum(unfamiliar[i] for i in idx) / len(idx))
    boot["top_p"].append(sum(top[i] for i in idx) / len(idx))
def ci(k):
    v = sorted(boot[k]); return f"[{v[49]:.3f}, {v[1949]:.3f}]"
print(f"excerpts {n}, tracks {len({r['file'].rsplit('-', 1)[0] for r in rows})}, packages {len(keys)}: "
      + ", ".join(f"{g} {len(groups[g])}" for g in keys))
print(f"| accuracy | {sum(ok)/n:.3f} | {ci('acc')} |")
print(f"| majority-class baseline (always {majority_label}) | {majority_n/n:.3f} | |")
print(f"| accuracy minus majority baseline | {(sum(ok)-majority_n)/n:.3f} | {ci('acc-majority')} |")
print(f"| chance baseline (1 of 8 styles) | 0.125 | |")
print(f"| mean top probability | {sum(top)/n:.3f} | {ci('top_p')} |")
print(f"| expected calibration error | {ece(range(n)):.3f} | {ci('ece')} |")
print(f"| called unfamiliar (OOD score >= 0.99) | {sum(unfamiliar)/n:.3f} | {ci('unfamiliar')} |")
fam = [i for i in range(n) if not unfamiliar[i]]
if fam:
    print(f"| accuracy of those called familiar | {sum(ok[i] for i in fam)/len(fam):.3f} ({len(fam)} excerpts) | |")
print()
styles = [s for s in ("ambient", "classical", "electronic", "folk", "hiphop", "jazz", "pop", "rock")]
print("| true \\ predicted | " + " | ".join(styles) + " | recall |")
print("|---" * (len(styles) + 2) + "|")
for s in styles:
    idx = [i for i, r in enumerate(rows) if r["label"] == s]
    if not idx:
        continue
    c = Counter(rows[i]["predicted"] for i in idx)
    print(f"| {s} ({len(idx)}) | " + " | ".join(str(c.get(p, 0)) for p in styles)
          + f" | {sum(ok[i] for i in idx)/len(idx):.2f} |")
print()
print("| package | excerpts | accuracy |")
print("|---|---|---|")
for g in keys:
    print(f"| {g} | {len(groups[g])} | {sum(ok[i] for i in groups[g])/len(groups[g]):.2f} |")
