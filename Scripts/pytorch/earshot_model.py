"""Earshot model files in PyTorch.

An Earshot model file is a safetensors file whose tensors are the state dict of `EarshotModel`
below (`gru.*` of `torch.nn.GRU`, `fc.*` of `torch.nn.Linear`) and whose metadata entry
"earshot.config" is the model's config as JSON (docs/model-format.md).

    model = load("default.safetensors")           # strict: every tensor, exact shapes
    log_probs = model(features)                    # features: [T, D] float32, before CMVN
    save(model, "converted.safetensors")           # readable by `earshot transcribe --model`

Command line (needs `pip install torch safetensors numpy`):

    python earshot_model.py new CONFIG.json OUT.safetensors [--state-dict SD.pt] [--seed N]

writes a model from a config JSON (the form `earshot inspect --config MODEL` prints) and either
a PyTorch state dict saved with `torch.save(module.state_dict(), SD.pt)` or random weights.
"""

import argparse
import json

import torch
from safetensors import safe_open
from safetensors.torch import save_file

CONFIG_KEY = "earshot.config"
FORMAT_VERSION = 1


class EarshotModel(torch.nn.Module):
    """CMVN -> frame stacking -> GRU stack -> Linear -> log-softmax, as Earshot runs it (PyTorch's GRU,
    gate order r, z, n)."""

    def __init__(self, config):
        super().__init__()
        if config.get("formatVersion") != FORMAT_VERSION:
            raise ValueError(f"unknown Earshot format version {config.get('formatVersion')}")
        net = config["network"]
        bidirectional = net.get("bidirectional", True)
        self.config = config
        self.gru = torch.nn.GRU(
            net["inputSize"], net["hiddenSize"], net["numLayers"],
            bidirectional=bidirectional, dropout=net.get("dropout", 0.0))
        self.fc = torch.nn.Linear(net["hiddenSize"] * (2 if bidirectional else 1), net["numClasses"])

    def normalize(self, features):
        """Earshot's CMVN: statistics in float64, x - mean (and / std with normalizeVariance)."""
        cmvn = self.config["cmvn"]
        mode = cmvn["mode"]
        if mode == "none":
            return features
        x = features.double()
        if mode == "utterance":
            count, total, squares = x.shape[0], x.sum(0), (x * x).sum(0)
        else:  # global: statistics stored in the model
            stats = cmvn["stats"]
            count = stats["count"]
            total = torch.tensor(stats["sum"], dtype=torch.float64)
            squares = torch.tensor(stats["sumOfSquares"], dtype=torch.float64)
        mean = total / count
        y = x - mean
        if cmvn.get("normalizeVariance", False):
            variance = torch.clamp(squares / count - mean * mean, min=1e-10)
            y = y / variance.sqrt()
        return y.float()

    def stack(self, features):
        """Earshot's frame stacking by k: runs of k frames [T, D] -> rows [ceil(T / k), k * D], the last
        run padded with copies of its last frame."""
        k = self.config.get("frameStacking", 1)
        if k == 1:
            return features
        pad = -features.shape[0] % k
        padded = torch.cat([features, features[-1:].expand(pad, -1)]) if pad else features
        return padded.reshape(-1, k * features.shape[1])

    def forward(self, features, skip=0):
        """features [T, D] (before CMVN) -> log-probs [ceil(T / k) - skip, C] (k = frameStacking,
        usually 1); column 0 is the CTC blank. `skip` leaves out that many network frames at the
        start, as Earshot does offline with a long leading pause."""
        x = self.stack(self.normalize(features))[skip:].unsqueeze(1)  # [T / k, 1, k * D]: time-major, batch of one
        hidden, _ = self.gru(x)
        return torch.log_softmax(self.fc(hidden[:, 0]), dim=-1)


def load(path):
    """The model in an Earshot file, with every tensor checked by `load_state_dict(strict=True)`."""
    with safe_open(path, framework="pt") as f:
        config = json.loads(f.metadata()[CONFIG_KEY])
        state = {name: f.get_tensor(name) for name in f.keys()}
    model = EarshotModel(config)
    model.load_state_dict(state, strict=True)
    return model.eval()


def save(model, path):
    """Writes `model` (weights + config) as an Earshot model file."""
    state = {name: t.detach().float().contiguous() for name, t in model.state_dict().items()}
    vocabulary, classes = model.config["vocabulary"], state["fc.bias"].shape[0]
    if vocabulary[0] != "<blank>" or len(vocabulary) != classes:
        raise ValueError(f"vocabulary must start with <blank> and have {classes} symbols")
    metadata = {"format": "pt", CONFIG_KEY: json.dumps(model.config, sort_keys=True)}
    save_file(state, path, metadata=metadata)


def main():
    parser = argparse.ArgumentParser(description="Create an Earshot model file from a config and PyTorch weights.")
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("new", help="write a model file from CONFIG.json and a state dict (or random weights)")
    new.add_argument("config", help="config JSON, as `earshot inspect --config` prints it")
    new.add_argument("output", help="the .safetensors file to write")
    new.add_argument("--state-dict", help="torch.save'd state dict with gru.* and fc.* tensors")
    new.add_argument("--seed", type=int, default=0, help="seed for random weights when no state dict is given")
    args = parser.parse_args()
    with open(args.config) as f:
        config = json.load(f)
    torch.manual_seed(args.seed)
    model = EarshotModel(config)
    if args.state_dict:
        model.load_state_dict(torch.load(args.state_dict, map_location="cpu"), strict=True)
    save(model, args.output)
    print(f"wrote {args.output}: {sum(p.numel() for p in model.parameters())} parameters")


if __name__ == "__main__":
    main()
