#!/usr/bin/env python3
"""Exploratory check, not the product's trainer: does adding real music help on packages never trained on?
Leave one package out: a multinomial logistic regression (numpy, L2, standardised features, full-batch
gradient descent) is trained on the committed render features (heldout-features.tsv, originals only) plus
the real excerpts of the other packages, and scores the held-out package. Compared on the same excerpts with
the same learner trained on the renders alone. 95 % CIs by cluster bootstrap over packages.
Usage: real_lopo.py real-corpus-scores.tsv heldout-features.tsv"""
import csv, random, sys
import numpy as np

real = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
rend = [r for r in csv.DictReader(open(sys.argv[2]), delimiter="\t") if r["variant"] == "0"]
styles = sorted({r["label"] for r in rend})
X_r = np.array([[float(v) for v in r["features"].split(",")] for r in rend])
y_r = np.array([styles.index(r["label"]) for r in rend])
X_q = np.array([[float(v) for v in r["features"].split(",")] for r in real])
y_q = np.array([styles.index(r["label"]) for r in real])
g_q = np.array([r["group"] for r in real])

def fit(X, y, lam=1e-2, steps=3000, lr=0.1):
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = (X - mu) / sd
    W = np.zeros((Z.shape[1] + 1, len(styles)))
    Zb = np.hstack([Z, np.ones((len(Z), 1))])
    Y = np.eye(len(styles))[y]
    # weight classes so each style counts equally
    w = 1.0 / np.bincount(y, minlength=len(styles))[y]
    w = w / w.sum()
    for _ in range(steps):
        P = np.exp(Zb @ W - (Zb @ W).max(1, keepdims=True)); P /= P.sum(1, keepdims=True)
        W -= lr * (Zb.T @ ((P - Y) * w[:, None]) + lam * W)
    return lambda Xn: np.argmax(np.hstack([(Xn - mu) / sd, np.ones((len(Xn), 1))]) @ W, 1)

pred_mix = np.zeros(len(real), int)
pred_maj = np.zeros(len(real), int)
render_only = fit(X_r, y_r)
pred_ren = render_only(X_q)
for g in sorted(set(g_q)):
    tr, te = g_q != g, g_q == g
    model = fit(np.vstack([X_r, X_q[tr]]), np.concatenate([y_r, y_q[tr]]))
    pred_mix[te] = model(X_q[te])
    pred_maj[te] = np.bincount(y_q[tr], minlength=len(styles)).argmax()

groups = sorted(set(g_q))
rng = random.Random(1)
def ci(v):
    bs = []
    for _ in range(2000):
        idx = np.concatenate([np.where(g_q == rng.choice(groups))[0] for _ in groups])
        bs.append(v[idx].mean())
    bs.sort(); return f"{v.mean():.3f} [{bs[49]:.3f}, {bs[1949]:.3f}]"
ok_mix = (pred_mix == y_q).astype(float)
ok_ren = (pred_ren == y_q).astype(float)
ok_maj = (pred_maj == y_q).astype(float)
print(f"| renders only (same learner) | {ci(ok_ren)} |")
print(f"| renders + real of the other packages | {ci(ok_mix)} |")
print(f"| majority style of the other packages' real excerpts | {ci(ok_maj)} |")
print(f"| renders + real minus renders only (paired) | {ci(ok_mix - ok_ren)} |")
for g in groups:
    m = g_q == g
    print(f"|   {g} ({m.sum()}) | renders only {ok_ren[m].mean():.2f}, renders + real {ok_mix[m].mean():.2f} |")
