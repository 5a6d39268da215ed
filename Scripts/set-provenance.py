#!/usr/bin/env python3
"""Fill in a model's provenance (docs/model-format.md) and write it to a new file.

Usage (from the repository root):
    python3 Scripts/set-provenance.py MODEL.safetensors --eval eval.json
        [--dataset TEXT] [--recipe TEXT] [--out OUT.safetensors]

--eval takes the JSON `Scripts/evaluate-model.sh --json-out` writes ({set: earshot eval report})
and stores, for every set, <set>_accuracy and <set>_wer in `provenance.devFigures` (beside the
trainer's own dev_accuracy / dev_wer / dev_loss / train_loss of the best epoch). --recipe is put
in front of the trainer's recorded command line. The weights are copied unchanged; the header
keeps the safetensors layout (8-byte aligned, sorted keys). Standard library only.
"""
import argparse
import json
import os
import struct
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("--eval", help="evaluate-model.sh --json-out file")
    ap.add_argument("--dataset")
    ap.add_argument("--recipe")
    ap.add_argument("--out", help="output file (default: overwrite MODEL)")
    args = ap.parse_args()

    with open(args.model, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    data = blob[8 + n:]
    meta = header["__metadata__"]
    config = json.loads(meta["earshot.config"])
    prov = config.setdefault("provenance", {})
    if args.dataset:
        prov["dataset"] = args.dataset
    if args.recipe:
        trained = prov.get("recipe")
        prov["recipe"] = args.recipe + (" (ran: %s)" % trained if trained and trained != args.recipe else "")
    if args.eval:
        figures = prov.setdefault("devFigures", {})
        for name, report in json.load(open(args.eval)).items():
            key = name.replace("-", "_")
            figures[key + "_accuracy"] = round(report["accuracy"], 6)
            wer = report["word_error_rate"] if "word_error_rate" in report else report["wordErrorRate"]
            figures[key + "_wer"] = round(wer, 6)
    meta["earshot.config"] = json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    text = json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-(8 + len(text)) % 8)
    out = args.out or args.model
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out)
    print("%s: provenance %s" % (out, json.dumps(prov, sort_keys=True)), file=sys.stderr)


if __name__ == "__main__":
    main()
