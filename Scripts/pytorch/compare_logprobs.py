"""Checks that PyTorch reproduces Earshot's log-probabilities for the same model and audio.

    python compare_logprobs.py MODEL.safetensors AUDIO... [--earshot PATH]

Runs `earshot transcribe --json --posteriors --model MODEL AUDIO...`, which prints each file's
features (before CMVN) and log-probs, feeds the same features to `earshot_model.load(MODEL)`
(less the network frames of a long leading pause, which Earshot does not run offline),
and prints the largest |difference| per file and overall, and whether the per-frame best symbol
agrees. Exits non-zero if any difference exceeds --tolerance.
"""

import argparse
import json
import subprocess
import sys

import torch

from earshot_model import load


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("audio", nargs="+")
    parser.add_argument("--earshot", default="earshot", help="the earshot executable (default: on PATH)")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="largest acceptable |difference|")
    args = parser.parse_args()

    model = load(args.model)
    command = [args.earshot, "transcribe", "--json", "--posteriors", "--model", args.model, *args.audio]
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()
    worst = 0.0
    with torch.no_grad():
        for line in lines:
            result = json.loads(line)
            features = torch.tensor(result["features"], dtype=torch.float32)
            earshot = torch.tensor(result["log_probs"], dtype=torch.float32)
            # a long leading pause is not run offline: its frames are certain blanks (0, then -1e4)
            skip = int(((earshot[:, 0] == 0) & (earshot[:, 1:] <= -1e4).all(-1)).long().cumprod(0).sum())
            earshot = earshot[skip:]
            pytorch = model(features, skip=skip)
            difference = (pytorch - earshot).abs().max().item()
            agree = bool((pytorch.argmax(-1) == earshot.argmax(-1)).all())
            worst = max(worst, difference)
            print(f"{result['file']}\tframes {features.shape[0]} (skipped {skip})\tmax |diff| {difference:.3g}\targmax agrees {agree}")
    print(f"overall max |diff| {worst:.3g} over {len(lines)} files (tolerance {args.tolerance})")
    sys.exit(0 if worst <= args.tolerance else 1)


if __name__ == "__main__":
    main()
