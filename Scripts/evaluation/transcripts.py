"""Shared by the evaluation scripts: flags passed through after `--`, and a cache of
`earshot transcribe --json` results keyed by manifest, clip and flags, so re-scoring is instant."""
import json
import os
import subprocess
import sys


def split_passthrough(argv):
    """(the script's own arguments, the flags after `--` that go to earshot unchanged)."""
    if "--" not in argv:
        return argv, []
    at = argv.index("--")
    return argv[:at], argv[at + 1:]


BATCH = 400


def transcribe_flags(model, extra):
    """(the flags for earshot transcribe, the flags of the cache key): the key names the model by
    its file name and size, so runs that reach it by another path share its transcripts."""
    if not model:
        return list(extra), list(extra)
    return ["--model", model] + extra, ["--model", "%s:%d" % (os.path.basename(model), os.path.getsize(model))] + extra


def clip_key(manifest, entry, flags):
    return "%s|%s|%s" % (os.path.basename(manifest), entry["audio_filepath"], " ".join(flags))


def load_cache(path):
    cache = {}
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.strip():
                    e = json.loads(line)
                    cache[e["key"]] = e["result"]
    return cache


def transcribe(args, todo, flags, cache):
    """Run transcribe on (key, path) pairs not in the cache; append the results to the cache file."""
    for i in range(0, len(todo), BATCH):
        batch = todo[i:i + BATCH]
        cmd = [args.earshot, "transcribe", "--json", "--threads", str(args.threads)] + flags + [p for _, p in batch]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        by_path = {}
        for line in proc.stdout.splitlines():
            if line.strip():
                r = json.loads(line)
                by_path[r.pop("file")] = r
        with open(args.transcripts, "a") as f:
            for key, path in batch:
                if path in by_path:
                    cache[key] = by_path[path]
                    f.write(json.dumps({"key": key, "result": by_path[path]}) + "\n")
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-2000:])
        print("transcribed %d / %d" % (min(i + BATCH, len(todo)), len(todo)), file=sys.stderr)
