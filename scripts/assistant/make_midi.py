#!/usr/bin/env python3
"""Write General MIDI pieces in eight styles whose labels are known by construction.

Each piece is drawn from a seeded random generator: key, tempo, progression, instruments, voicing,
rhythm pattern and dynamics vary within what the style's arrangement conventions allow (drum kit
grooves, bass lines, comping, melody, instrumentation). The style vocabulary is the assistant's:
classical, rock, electronic, hiphop, pop, ambient, folk, jazz.

Usage: make_midi.py OUT_DIR PIECES_PER_STYLE [SEED]
Writes OUT_DIR/<style>-<nn>.mid and prints one line per piece: file, style, seed, tempo, programs.
Standard library only (MIDI type 1 is written by hand: it is a small, fixed binary format).
"""
import random
import struct
import sys

TPB = 480  # ticks per beat
STYLES = ["classical", "rock", "electronic", "hiphop", "pop", "ambient", "folk", "jazz"]
MAJOR = [0, 2, 4, 5, 7, 9, 11]
MINOR = [0, 2, 3, 5, 7, 8, 10]
DRUM_CH = 9


def vlq(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    return bytes(reversed(out))


class Track:
    def __init__(self):
        self.events = []  # (tick, order, bytes)

    def note(self, ch, start, dur, pitch, vel):
        pitch = max(0, min(127, int(pitch)))
        vel = max(1, min(127, int(vel)))
        start = int(start)
        dur = max(1, int(dur))
        self.events.append((start, 1, bytes([0x90 | ch, pitch, vel])))
        self.events.append((start + dur, 0, bytes([0x80 | ch, pitch, 0])))

    def program(self, ch, prog):
        self.events.append((0, -1, bytes([0xC0 | ch, prog])))

    def cc(self, ch, tick, num, val):
        self.events.append((int(tick), -1, bytes([0xB0 | ch, num, max(0, min(127, int(val)))])))

    def tempo(self, bpm):
        us = int(60_000_000 / bpm)
        self.events.append((0, -2, b"\xff\x51\x03" + us.to_bytes(3, "big")))

    def encode(self):
        data = b""
        last = 0
        for tick, _, ev in sorted(self.events, key=lambda e: (e[0], e[1])):
            data += vlq(tick - last) + ev
            last = tick
        data += vlq(0) + b"\xff\x2f\x00"
        return b"MTrk" + struct.pack(">I", len(data)) + data


def write_midi(path, tracks):
    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 1, len(tracks), TPB))
        for t in tracks:
            f.write(t.encode())


def chord(scale, root_key, degree, size=3, octave=4):
    notes = []
    for k in range(size):
        idx = degree + 2 * k
        notes.append(12 * octave + root_key + scale[idx % 7] + 12 * (idx // 7))
    return notes


def progression(r, minor):
    options_major = [[0, 4, 5, 3], [0, 5, 3, 4], [0, 3, 0, 4], [5, 3, 0, 4], [0, 3, 4, 4], [1, 4, 0, 0]]
    options_minor = [[0, 5, 2, 6], [0, 3, 4, 0], [0, 6, 5, 4], [0, 3, 6, 2], [0, 5, 3, 4]]
    return r.choice(options_minor if minor else options_major)


def melody(t, ch, r, scale, key, bars, beats_per_bar, octave, density, vel, legato=0.9, swing=0.0):
    pos = 0
    end = bars * beats_per_bar * TPB
    degree = r.randrange(7)
    while pos < end:
        length = r.choice(density) * TPB
        if r.random() < 0.15:
            pos += length
            continue
        degree = max(-3, min(10, degree + r.choice([-2, -1, -1, 0, 1, 1, 2, 3, -3])))
        pitch = 12 * octave + key + scale[degree % 7] + 12 * (degree // 7)
        start = pos
        if swing and (pos // (TPB // 2)) % 2 == 1:
            start += int(swing * TPB / 2)
        t.note(ch, start, length * legato, pitch, vel + r.randint(-12, 12))
        pos += length


def drums_pattern(t, r, bars, kick, snare, hat, hat_note=42, vel=100, swing=0.0, extra=None):
    """kick/snare/hat: lists of positions within a bar in sixteenths (0..15)."""
    for b in range(bars):
        base = b * 4 * TPB
        for s in kick:
            t.note(DRUM_CH, base + s * TPB // 4, TPB // 4, 36, vel + r.randint(-8, 8))
        for s in snare:
            t.note(DRUM_CH, base + s * TPB // 4, TPB // 4, 38, vel - 5 + r.randint(-8, 8))
        for s in hat:
            off = int(swing * TPB / 4) if s % 2 == 1 else 0
            t.note(DRUM_CH, base + s * TPB // 4 + off, TPB // 8, hat_note, vel - 30 + r.randint(-10, 10))
        if extra:
            extra(b, base)
        if b % 4 == 0:
            t.note(DRUM_CH, base, TPB, 49, vel - 10)


def piece(style, seed):
    r = random.Random(seed)
    key = r.randrange(12)
    minor = r.random() < 0.5
    scale = MINOR if minor else MAJOR
    prog = progression(r, minor)
    t = Track()
    bars = 12
    info = {}
    if style == "classical":
        bpm = r.randint(56, 104)
        ens = r.choice(["strings", "piano", "orchestra", "quartet"])
        if ens == "piano":
            progs = {0: 0}
        elif ens == "strings":
            progs = {0: 48, 1: 48, 2: 49}
        elif ens == "quartet":
            progs = {0: 40, 1: 41, 2: 42}
        else:
            progs = {0: 48, 1: 60, 2: 71, 3: 73}
        for ch, p in progs.items():
            t.program(ch, p)
            t.cc(ch, 0, 91, r.randint(50, 90))
        # dynamics: a swell from pp to f and back gives a wide loudness range
        for b in range(bars):
            deg = prog[b % 4]
            curve = 35 + 70 * (1 - abs(b - bars / 2) / (bars / 2))
            notes = chord(scale, key, deg, 3, 4)
            if ens == "piano":
                for i in range(8):
                    n = notes[[0, 1, 2, 1][i % 4]] + (12 if i >= 4 else 0)
                    t.note(0, b * 4 * TPB + i * TPB // 2, TPB, n, curve + r.randint(-6, 6))
                t.note(0, b * 4 * TPB, 4 * TPB, notes[0] - 12, curve)
            else:
                for i, n in enumerate(notes):
                    t.note(i % 2, b * 4 * TPB, 4 * TPB * 0.98, n, curve)
                t.note(2, b * 4 * TPB, 4 * TPB * 0.98, notes[0] - 12, curve - 5)
        lead = 3 if ens == "orchestra" else (0 if ens == "piano" else 0)
        melody(t, lead, r, scale, key, bars, 4, 5, [1, 1, 2, 0.5], 70, 0.95)
    elif style == "rock":
        bpm = r.randint(108, 172)
        guitar = r.choice([29, 30, 30, 27])
        progs = {0: guitar, 1: r.choice([33, 34]), 2: guitar}
        for ch, p in progs.items():
            t.program(ch, p)
        for b in range(bars):
            deg = prog[b % 4]
            root = 12 * 3 + key + scale[deg]
            for i in range(8):
                s = b * 4 * TPB + i * TPB // 2
                for n in (root, root + 7, root + 12):
                    t.note(0, s, TPB // 2 * 0.9, n + 12, 110 + r.randint(-8, 8))
                t.note(1, s, TPB // 2 * 0.9, root - 12 + 12, 105)
        drums_pattern(t, r, bars, [0, 8, 10] if r.random() < 0.5 else [0, 6, 8], [4, 12],
                      list(range(0, 16, 2)), 42 if r.random() < 0.6 else 51, 115)
        melody(t, 2, r, scale, key, bars, 4, 5, [0.5, 0.5, 1, 0.25], 105)
    elif style == "electronic":
        bpm = r.randint(118, 140)
        progs = {0: r.choice([38, 39]), 1: r.choice([81, 80, 84]), 2: r.choice([89, 90, 94, 95])}
        for ch, p in progs.items():
            t.program(ch, p)
        for b in range(bars):
            deg = prog[b % 4]
            notes = chord(scale, key, deg, 3, 4)
            root = 12 * 2 + key + scale[deg]
            for i in range(16):
                s = b * 4 * TPB + i * TPB // 4
                if i % 4 != 0:
                    t.note(0, s, TPB // 4 * 0.8, root + (12 if i % 2 else 0), 110)
                t.note(1, s, TPB // 4 * 0.7, notes[i % 3] + 12, 80 + (20 if i % 4 == 0 else 0))
            for n in notes:
                t.note(2, b * 4 * TPB, 4 * TPB, n, 70)
        drums_pattern(t, r, bars, [0, 4, 8, 12], [4, 12] if r.random() < 0.5 else [],
                      [2, 6, 10, 14], 46, 120,
                      extra=lambda b, base: [t.note(DRUM_CH, base + s * TPB // 4, TPB // 4, 39, 100) for s in (4, 12)])
    elif style == "hiphop":
        bpm = r.randint(76, 98)
        progs = {0: r.choice([38, 39, 87]), 1: r.choice([4, 5, 0, 11]), 2: r.choice([48, 89])}
        for ch, p in progs.items():
            t.program(ch, p)
        swing = r.uniform(0.1, 0.4)
        for b in range(bars):
            deg = prog[b % 4]
            notes = chord(scale, key, deg, 4, 4)
            root = 12 * 2 + key + scale[deg]
            t.note(0, b * 4 * TPB, 1.5 * TPB, root, 120)
            t.note(0, b * 4 * TPB + int(2.5 * TPB), 1.2 * TPB, root, 110)
            for s in (0, 6):
                for n in notes:
                    t.note(1, b * 4 * TPB + s * TPB // 4 + 40, TPB // 2, n, 70)
        drums_pattern(t, r, bars, r.choice([[0, 7, 10], [0, 3, 10], [0, 8, 11]]), [4, 12],
                      list(range(16)), 42, 118, swing)
    elif style == "pop":
        bpm = r.randint(92, 128)
        progs = {0: r.choice([0, 1, 25, 27]), 1: r.choice([33, 34, 38]), 2: r.choice([80, 73, 52, 56, 65, 81]),
                 3: r.choice([48, 89, 50])}
        for ch, p in progs.items():
            t.program(ch, p)
        for b in range(bars):
            deg = prog[b % 4]
            notes = chord(scale, key, deg, 3, 4)
            root = 12 * 3 + key + scale[deg]
            for i in range(8):
                s = b * 4 * TPB + i * TPB // 2
                if i in (0, 3, 4, 6):
                    for n in notes:
                        t.note(0, s, TPB // 2 * 0.9, n, 85)
                t.note(1, s, TPB // 2 * 0.8, root - 12 + 12 * (i % 2 == 1) * 0, 95)
            for n in notes:
                t.note(3, b * 4 * TPB, 4 * TPB, n, 55)
        drums_pattern(t, r, bars, [0, 8] if r.random() < 0.5 else [0, 6, 8], [4, 12], list(range(0, 16, 2)), 42, 100)
        melody(t, 2, r, scale, key, bars, 4, 5, [0.5, 1, 1, 2], 95)
    elif style == "ambient":
        bpm = r.randint(50, 80)
        progs = {0: r.choice([89, 90, 91, 92, 94, 95, 88]), 1: r.choice([89, 52, 49, 100, 101]),
                 2: r.choice([88, 98, 8, 14])}
        for ch, p in progs.items():
            t.program(ch, p)
            t.cc(ch, 0, 91, 120)
            t.cc(ch, 0, 93, 90)
        for b in range(0, bars, 2):
            deg = prog[(b // 2) % 4]
            notes = chord(scale, key, deg, 4, 4)
            for n in notes:
                t.note(0, b * 4 * TPB, 8 * TPB, n, 55 + r.randint(-10, 10))
            t.note(1, b * 4 * TPB + TPB, 7 * TPB, notes[0] - 12, 50)
        pos = 0
        while pos < bars * 4 * TPB:
            t.note(2, pos, 3 * TPB, 12 * 6 + key + scale[r.randrange(7)], 35 + r.randint(0, 20))
            pos += r.choice([3, 4, 5, 6]) * TPB
    elif style == "folk":
        bpm = r.randint(84, 132)
        progs = {0: r.choice([24, 25, 25]), 1: 32, 2: r.choice([110, 73, 22, 105, 71])}
        for ch, p in progs.items():
            t.program(ch, p)
        for b in range(bars):
            deg = prog[b % 4]
            notes = chord(scale, key, deg, 3, 4)
            root = 12 * 3 + key + scale[deg]
            pattern = [root, notes[1], notes[2], notes[1] + 12, root + 7, notes[1], notes[2], notes[1] + 12]
            for i, n in enumerate(pattern):
                t.note(0, b * 4 * TPB + i * TPB // 2, TPB, n, 75 + r.randint(-10, 10))
            t.note(1, b * 4 * TPB, TPB * 1.8, root - 12, 80)
            t.note(1, b * 4 * TPB + 2 * TPB, TPB * 1.8, root - 5, 75)
        melody(t, 2, r, scale, key, bars, 4, 5, [0.5, 1, 1, 1.5], 85)
    elif style == "jazz":
        bpm = r.randint(96, 190)
        progs = {0: r.choice([0, 4, 0]), 1: 32, 2: r.choice([65, 66, 56, 57, 64, 71])}
        for ch, p in progs.items():
            t.program(ch, p)
        swing = r.uniform(0.25, 0.45)
        jazz_prog = r.choice([[1, 4, 0, 0], [1, 4, 0, 5], [0, 5, 1, 4]])
        for b in range(bars):
            deg = jazz_prog[b % 4]
            notes = chord(scale, key, deg, 4, 4)
            root = 12 * 2 + key + scale[deg]
            walk = [root, root + scale[2] - scale[0] if False else root + 4, root + 7, root + r.choice([9, 10, 11])]
            for i, n in enumerate(walk):
                t.note(1, b * 4 * TPB + i * TPB, TPB * 0.9, n, 90)
            for s in r.sample([0, 3, 5, 6, 10, 11], 2):
                for n in notes:
                    t.note(0, b * 4 * TPB + s * TPB // 4, TPB // 2, n, 65)
            for i in range(4):
                t.note(DRUM_CH, b * 4 * TPB + i * TPB, TPB // 4, 51, 80)
                if i % 2 == 1:
                    t.note(DRUM_CH, b * 4 * TPB + i * TPB + int(TPB / 2 * (1 + swing)), TPB // 4, 51, 70)
                    t.note(DRUM_CH, b * 4 * TPB + i * TPB, TPB // 4, 44, 60)
        melody(t, 2, r, scale, key, bars, 4, 5, [0.5, 0.5, 1, 1.5], 90, 0.85, swing)
        bpm = bpm
    else:
        raise ValueError(style)
    t.tempo(bpm)
    info["tempo"] = bpm
    info["programs"] = sorted({e[2][1] for e in t.events if e[1] == -1 and e[2][0] & 0xF0 == 0xC0})
    return t, info


def main():
    out, per_style = sys.argv[1], int(sys.argv[2])
    seed0 = int(sys.argv[3]) if len(sys.argv) > 3 else 20261205
    for si, style in enumerate(STYLES):
        for k in range(per_style):
            seed = seed0 + 1000 * si + k
            t, info = piece(style, seed)
            name = f"{style}-{k:02d}.mid"
            write_midi(f"{out}/{name}", [t])
            print(f"{name}\t{style}\t{seed}\t{info['tempo']}\t{' '.join(map(str, info['programs']))}")


if __name__ == "__main__":
    main()
