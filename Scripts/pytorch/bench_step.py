#!/usr/bin/env python3
"""The PyTorch side of `earshot bench gru`: the same network and step, timed the same way.

    python bench_step.py --hidden 128 --batch 32 --train-step --threads 1

Modes: forward + backward through the GRU stack and the Linear layer from a random gradient
(`--backward`), or a whole training step (`--train-step`): forward, log-softmax, CTC (mean, random
5-label targets), backward, gradient clipping at 5, one Adam step. Prints one JSON object with
median_ms, min_ms and cpu_ms_mean (process CPU time per run, all threads) over `--runs` timed
runs after one warm-up run, as `earshot bench gru` does.
"""

import argparse
import json
import statistics
import time

import torch


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=int, default=13)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--classes", type=int, default=11)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--backward", action="store_true")
    mode.add_argument("--train-step", action="store_true")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    gru = torch.nn.GRU(args.input, args.hidden, args.layers, bidirectional=True)
    fc = torch.nn.Linear(2 * args.hidden, args.classes)
    parameters = list(gru.parameters()) + list(fc.parameters())
    optimizer = torch.optim.Adam(parameters, lr=1e-3)
    features = torch.rand(args.steps, args.batch, args.input) * 2 - 1
    lengths = torch.full((args.batch,), args.steps, dtype=torch.long)
    targets = torch.randint(1, args.classes, (args.batch, 5))
    target_lengths = torch.full((args.batch,), 5, dtype=torch.long)
    grad_logits = torch.rand(args.steps, args.batch, args.classes) * 2 - 1

    def step():
        optimizer.zero_grad(set_to_none=True)
        logits = fc(gru(features)[0])
        if args.backward:
            logits.backward(grad_logits)
            return
        log_probs = logits.log_softmax(-1)
        loss = torch.nn.functional.ctc_loss(log_probs, targets, lengths, target_lengths)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(parameters, 5)
        optimizer.step()

    step()
    seconds = []
    cpu_start = time.process_time()
    for _ in range(args.runs):
        start = time.perf_counter()
        step()
        seconds.append(time.perf_counter() - start)
    cpu_ms = (time.process_time() - cpu_start) * 1000 / args.runs
    print(json.dumps({
        "bench": "pytorch", "mode": "train-step" if args.train_step else "forward+backward",
        "median_ms": statistics.median(seconds) * 1000, "min_ms": min(seconds) * 1000, "runs": args.runs,
        "cpu_ms_mean": cpu_ms,
        "input": args.input, "hidden": args.hidden, "batch": args.batch, "steps": args.steps,
        "threads": args.threads, "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
