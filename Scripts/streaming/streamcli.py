"""Shared by the streaming scripts: their common flags, their manifests, and one
`earshot stream --json` run."""
import argparse
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
from manifestio import read_manifest  # noqa: E402


def parser(doc):
    """An argument parser with the flags every streaming script takes: manifests, --earshot,
    --model, --jobs."""
    result = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    result.add_argument("manifests", nargs="+")
    result.add_argument("--earshot", default=".build/release/earshot")
    result.add_argument("--model")
    result.add_argument("--jobs", type=int, default=2)
    return result


def manifest_entries(manifests):
    """Every entry of the manifests, in order, each with its audio path resolved (`path`)."""
    return [entry for manifest in manifests for entry in read_manifest(manifest)]


def stream_events(args, file, *flags):
    """The events (partials and finals, as dicts) `earshot stream --json` prints for `file`."""
    model = ["--model", args.model] if args.model else []
    run = subprocess.run([args.earshot, "stream", "--json", *flags, *model, file],
                         check=True, capture_output=True, text=True)
    return [json.loads(line) for line in run.stdout.splitlines()]
