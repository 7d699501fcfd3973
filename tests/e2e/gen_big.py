"""Writes a synthetic portfolio big enough for an import to take a while:
python3 gen_big.py DIR N  -> DIR/big_initiatives.csv, DIR/big_effects.csv,
DIR/big_measurements.csv (N initiatives, 5 indicators each, 20 quarters)."""
import os, sys
out, n = sys.argv[1], int(sys.argv[2])
com = ["RS", "HSN", "KTN", "KBN", "RUN"]
with open(os.path.join(out, "big_initiatives.csv"), "w") as f:
    f.write("id;titel;namnd;fas\n")
    for i in range(n):
        f.write("B-%d;Initiativ %d;%s;pågående\n" % (i, i, com[i % 5]))
with open(os.path.join(out, "big_effects.csv"), "w") as f:
    f.write("indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum\n")
    for i in range(n):
        for k in range(5):
            f.write("B-%d-%d;B-%d;Indikator %d;10;2021-01-01;%d;2026-12-31\n" % (i, k, i, k, 20 + k))
with open(os.path.join(out, "big_measurements.csv"), "w") as f:
    f.write("indikator_id;period;varde\n")
    for i in range(n):
        for k in range(5):
            for q in range(20):
                f.write("B-%d-%d;%dQ%d;%d\n" % (i, k, 2021 + q // 4, q % 4 + 1, 10 + q))
