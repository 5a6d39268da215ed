"""Regenerates the golden test vectors in Tests/Fixtures/golden from PyTorch and torchaudio.

    python make-golden.py [--out DIR]     write the files (default: Tests/Fixtures/golden)
    python make-golden.py --check         regenerate into a temporary folder and compare

The files (each folder's README.md describes them in full):

- gru/bigru.json: torch.nn.GRU(5, 4, num_layers=2, bidirectional=True, batch_first=True) after
  torch.manual_seed(1234), run on x = randn(2, 6, 5) packed with lengths [6, 4]; its parameters,
  output, h_n, the loss sum(output * R) for R = randn(2, 6, 8), and the gradients of that loss
  with respect to x and every parameter, all float32, plus the float32-vs-float64 gap.
- ctc/ctc.json: torch.nn.functional.ctc_loss (blank 0) on three cases (main, impossible, tight),
  with reductions none / mean / sum, zero_infinity false and true, the gradients of the summed
  loss, and a float64 numpy check (alpha recursion, finite-difference gradient).
- mfcc/0_jackson_5_16k.wav: FSDD 0_jackson_5.wav resampled 8 -> 16 kHz with soxr VHQ, 16-bit.
- mfcc/{mfcc,fbank}_*.json: torchaudio.compliance.kaldi.mfcc / .fbank of FSDD clips (int16
  values unscaled), computed in float64 and rounded to float32, with the max differences to
  torchaudio in float32 and to kaldi-native-fbank (which has no VTLN warp: the two
  fbank_16k_vtln_* files are cross-checked with torchaudio in float32 only).

Needs: torch torchaudio numpy soundfile soxr kaldi-native-fbank.
"""

import argparse
import copy
import json
import math
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import numpy as np
import soundfile
import soxr
import torch
import torch.nn.functional as F
import torchaudio
import torchaudio.compliance.kaldi as kaldi
import kaldi_native_fbank as knf

FIXTURES = Path(__file__).resolve().parents[2] / "Tests" / "Fixtures"

# ---------------------------------------------------------------------------------------------
# JSON writing: one space of indent per level; lists of numbers on one line ("[1, 2]");
# float32 tensors as float64 reprs of the exact float32 values; inf / nan as strings.


class Rows:
    """A 2-D float32 array written one row per line, numbers as shortest float32 decimals."""

    def __init__(self, array):
        self.array = np.asarray(array, dtype=np.float32)


def number(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return '"nan"'
    if math.isinf(value):
        return '"inf"' if value > 0 else '"-inf"'
    return repr(float(value))


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def encode(value, indent=0):
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(value, dict):
        items = [f'{inner}"{key}": {encode(item, indent + 1)}' for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, Rows):
        rows = ["[" + ",".join(str(np.float32(v)) for v in row) + "]" for row in value.array]
        return "[\n" + ",\n".join(inner + row for row in rows) + "\n" + pad + "]"
    if isinstance(value, list):
        if all(is_number(item) for item in value):
            return "[" + ", ".join(number(item) for item in value) + "]"
        return "[\n" + ",\n".join(inner + encode(item, indent + 1) for item in value) + "\n" + pad + "]"
    if isinstance(value, str):
        return json.dumps(value)
    return number(value)


def write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(encode(value) + "\n")


def tensor(t):
    """{shape, data} of a tensor, data row-major, each value exactly as float64."""
    t = t.detach()
    return {"shape": list(t.shape), "data": t.double().reshape(-1).tolist()}


def max_abs(a, b):
    return float((a.detach().double() - b.detach().double()).abs().max())


# ---------------------------------------------------------------------------------------------
# gru/bigru.json


def gru_run(gru, x, R, lengths):
    """output, h_n, loss and the gradients of the loss w.r.t. x and every parameter."""
    x = x.clone().requires_grad_()
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    out_packed, h_n = gru(packed)
    output, _ = torch.nn.utils.rnn.pad_packed_sequence(out_packed, batch_first=True, total_length=x.shape[1])
    loss = (output * R).sum()
    gru.zero_grad()
    loss.backward()
    grads = {name: p.grad.clone() for name, p in gru.named_parameters()}
    return output, h_n, loss, x.grad, grads


def make_gru():
    seed, lengths = 1234, [6, 4]
    config = dict(input_size=5, hidden_size=4, num_layers=2, bidirectional=True, batch_first=True)
    torch.manual_seed(seed)
    gru = torch.nn.GRU(**config)
    x = torch.randn(2, 6, 5)
    R = torch.randn(2, 6, 8)
    output, h_n, loss, grad_x, grads = gru_run(gru, x, R, torch.tensor(lengths))
    o64, h64, l64, gx64, g64 = gru_run(copy.deepcopy(gru).double(), x.double(), R.double(), torch.tensor(lengths))
    return {
        "description": "torch.nn.GRU(input_size=5, hidden_size=4, num_layers=2, bidirectional=True, "
        "batch_first=True), float32, run through pack_padded_sequence(lengths=[6,4], enforce_sorted=False) "
        "and pad_packed_sequence(total_length=6). Loss L = sum(output * R). See ../README.md.",
        "torch_version": torch.__version__,
        "seed": seed,
        "recipe": "torch.manual_seed(seed); gru = nn.GRU(...); x = torch.randn(2,6,5); R = torch.randn(2,6,8)",
        "config": {**config, "batch": 2, "T": 6, "gate_order": ["r", "z", "n"]},
        "tensor_format": "each tensor is {shape, data}; data is the row-major (C-order) flattening",
        "lengths": lengths,
        "input": tensor(x),
        "state_dict": {name: tensor(p) for name, p in gru.state_dict().items()},
        "output": tensor(output),
        "h_n": tensor(h_n),
        "h_n_layout": "h_n[layer*2 + direction], direction 0 = forward, 1 = reverse; "
        "shape (num_layers*2, batch, hidden)",
        "output_layout": "output[b, t, 0:4] = forward hidden, output[b, t, 4:8] = reverse hidden; "
        "zero for t >= lengths[b]",
        "R": tensor(R),
        "loss": loss.item(),
        "grad_input": tensor(grad_x),
        "grad_params": {name: tensor(g) for name, g in grads.items()},
        "float32_vs_float64_maxabs": {
            "output": max_abs(output, o64),
            "h_n": max_abs(h_n, h64),
            "loss": max_abs(loss, l64),
            "grad_input": max_abs(grad_x, gx64),
            "grad_params": max(max_abs(grads[name], g64[name]) for name in grads),
        },
    }


# ---------------------------------------------------------------------------------------------
# ctc/ctc.json

CTC_CASES = [
    dict(name="main", note="repeated label [1,1,2]; single label [3]; alternating [2,4,2,4] with "
         "input_length 9 < T", seed=0, T=12, N=3, C=5,
         targets=[[1, 1, 2], [3], [2, 4, 2, 4]], input_lengths=[12, 12, 9]),
    dict(name="impossible", note="sample 1: target [1,1,2,2] needs >= 6 frames (blanks between repeats) "
         "but input_length = 5 -> loss inf with zero_infinity=False, 0 (and zero gradient) with "
         "zero_infinity=True", seed=1, T=12, N=2, C=5,
         targets=[[1, 2, 3], [1, 1, 2, 2]], input_lengths=[12, 5]),
    dict(name="tight", note="exactly feasible: [1,1,1] in 5 frames (only path 1,0,1,0,1) and a "
         "length-6 target in 6 frames", seed=2, T=6, N=2, C=4,
         targets=[[1, 1, 1], [2, 3, 1, 2, 3, 1]], input_lengths=[5, 6]),
]


def ctc_nll(log_probs, target, blank=0):
    """-log p(target | log_probs) for one sample, log_probs (T, C) float64: the alpha recursion."""
    ext = [blank]
    for label in target:
        ext += [label, blank]
    S = len(ext)
    alpha = np.full(S, -np.inf)
    alpha[0] = log_probs[0, blank]
    if S > 1:
        alpha[1] = log_probs[0, ext[1]]
    for t in range(1, len(log_probs)):
        new = np.full(S, -np.inf)
        for s in range(S):
            terms = [alpha[s]]
            if s >= 1:
                terms.append(alpha[s - 1])
            if s >= 2 and ext[s] != blank and ext[s] != ext[s - 2]:
                terms.append(alpha[s - 2])
            top = max(terms)
            if top > -np.inf:
                new[s] = top + math.log(sum(math.exp(v - top) for v in terms)) + log_probs[t, ext[s]]
        alpha = new
    ends = [alpha[S - 1]] + ([alpha[S - 2]] if S > 1 else [])
    top = max(ends)
    if top == -np.inf:
        return math.inf
    return -(top + math.log(sum(math.exp(v - top) for v in ends)))


def ctc_check_float64(logits, targets, input_lengths, eps=1e-6):
    """Per-sample float64 losses and d(sum loss)/d(log_probs) by central finite differences,
    with log_probs = log_softmax of the logits in float64."""
    lp = F.log_softmax(logits.double(), dim=2).numpy()
    T, N, C = lp.shape

    def nll(n, x):
        return ctc_nll(x[: input_lengths[n], n], targets[n])

    losses = [nll(n, lp) for n in range(N)]
    grad = np.zeros_like(lp)
    for t in range(T):
        for n in range(N):
            for c in range(C):
                plus, minus = lp.copy(), lp.copy()
                plus[t, n, c] += eps
                minus[t, n, c] -= eps
                with np.errstate(invalid="ignore"):
                    grad[t, n, c] = (nll(n, plus) - nll(n, minus)) / (2 * eps)
    return losses, grad


def make_ctc_case(case):
    T, N, C = case["T"], case["N"], case["C"]
    torch.manual_seed(case["seed"])
    logits = torch.randn(T, N, C)
    log_probs = F.log_softmax(logits, dim=2)
    targets = case["targets"]
    smax = max(len(t) for t in targets)
    padded = [t + [0] * (smax - len(t)) for t in targets]
    args = (torch.tensor(padded), torch.tensor(case["input_lengths"]), torch.tensor([len(t) for t in targets]))
    result = {
        "name": case["name"], "note": case["note"], "seed": case["seed"], "T": T, "N": N, "C": C, "blank": 0,
        "recipe": "torch.manual_seed(seed); logits = torch.randn(T, N, C); log_probs = log_softmax(logits, dim=2)",
        "targets": targets,
        "targets_padded": padded,
        "input_lengths": case["input_lengths"],
        "target_lengths": [len(t) for t in targets],
        "logits": tensor(logits),
        "log_probs": tensor(log_probs),
    }
    for zero_infinity in (False, True):
        def loss(lp, reduction):
            return F.ctc_loss(lp, *args, blank=0, reduction=reduction, zero_infinity=zero_infinity)

        leaf_logits = logits.clone().requires_grad_()
        loss(F.log_softmax(leaf_logits, dim=2), "sum").backward()
        leaf_log_probs = log_probs.clone().requires_grad_()
        loss(leaf_log_probs, "sum").backward()
        result[f"zero_infinity_{str(zero_infinity).lower()}"] = {
            "loss_none": tensor(loss(log_probs, "none")),
            "loss_mean": float(loss(log_probs, "mean")),
            "loss_sum": float(loss(log_probs, "sum")),
            "grad_logits_sum": tensor(leaf_logits.grad),
            "grad_log_probs_sum_torch": tensor(leaf_log_probs.grad),
        }
    losses, grad = ctc_check_float64(logits, targets, case["input_lengths"])
    result["check_float64"] = {
        "loss_none_numpy": losses,
        "grad_log_probs_sum_true": {
            **tensor(torch.from_numpy(grad)),
            "note": "d(sum loss)/d(log_probs) with log_probs treated as free inputs (float64 finite "
            "differences, eps=1e-6); = -gamma (occupation). NaN for impossible samples.",
        },
    }
    return result


def make_ctc():
    return {
        "description": "torch.nn.functional.ctc_loss(log_probs (T,N,C), targets padded (N,Smax), input_lengths, "
        "target_lengths, blank=0); log_probs = log_softmax(logits, dim=2); float32. See ../README.md.",
        "torch_version": torch.__version__,
        "tensor_format": "each tensor is {shape, data}; data is the row-major (C-order) flattening; "
        'non-finite numbers are written as the strings "inf", "-inf", "nan"',
        "mean_reduction": "mean over batch of (loss_b / max(target_length_b, 1))",
        "cases": [make_ctc_case(case) for case in CTC_CASES],
    }


# ---------------------------------------------------------------------------------------------
# mfcc/: the resampled WAV and the Kaldi features

RESAMPLED_WAV = "golden/mfcc/0_jackson_5_16k.wav"


def make_resampled_wav(path):
    """0_jackson_5.wav 8 -> 16 kHz with soxr VHQ on the int16 values, rounded, 16-bit PCM."""
    x, rate = soundfile.read(FIXTURES / "data/fsdd/recordings/0_jackson_5.wav", dtype="int16")
    y = np.rint(soxr.resample(x.astype(np.float64), rate, 16000, quality="VHQ"))
    if y.min() < -32768 or y.max() > 32767:
        sys.exit("resampled audio clips")
    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(path, y.astype(np.int16), 16000, subtype="PCM_16")


def kaldi_options(rate, mel_bins=23, high_freq=0.0, snip_edges=True, fbank=False, vtln_warp=1.0):
    """Every argument of torchaudio.compliance.kaldi.mfcc (or .fbank) except the waveform."""
    options = dict(
        sample_frequency=float(rate), frame_length=25.0, frame_shift=10.0, dither=0.0,
        preemphasis_coefficient=0.97, remove_dc_offset=True, window_type="povey", blackman_coeff=0.42,
        round_to_power_of_two=True, snip_edges=snip_edges, num_mel_bins=mel_bins, low_freq=20.0,
        high_freq=high_freq, vtln_low=100.0, vtln_high=-500.0, vtln_warp=vtln_warp)
    if not fbank:
        options.update(num_ceps=13, cepstral_lifter=22.0)
    options.update(use_energy=False, energy_floor=0.0, raw_energy=True, htk_compat=False,
                   subtract_mean=False, min_duration=0.0, channel=-1)
    if fbank:
        options.update(use_log_fbank=True, use_power=True)
    return options


def kaldi_native(samples, o, fbank):
    """The same features from kaldi-native-fbank (Kaldi's C++ code, float32)."""
    opts = knf.FbankOptions() if fbank else knf.MfccOptions()
    f = opts.frame_opts
    f.samp_freq, f.frame_length_ms, f.frame_shift_ms = o["sample_frequency"], o["frame_length"], o["frame_shift"]
    f.dither, f.preemph_coeff, f.remove_dc_offset = o["dither"], o["preemphasis_coefficient"], o["remove_dc_offset"]
    f.window_type, f.blackman_coeff = o["window_type"], o["blackman_coeff"]
    f.round_to_power_of_two, f.snip_edges = o["round_to_power_of_two"], o["snip_edges"]
    m = opts.mel_opts
    m.num_bins, m.low_freq, m.high_freq = o["num_mel_bins"], o["low_freq"], o["high_freq"]
    m.vtln_low, m.vtln_high, m.is_librosa = o["vtln_low"], o["vtln_high"], False
    opts.use_energy, opts.energy_floor, opts.raw_energy = o["use_energy"], o["energy_floor"], o["raw_energy"]
    opts.htk_compat = o["htk_compat"]
    if fbank:
        opts.use_log_fbank, opts.use_power = o["use_log_fbank"], o["use_power"]
        computer = knf.OnlineFbank(opts)
    else:
        opts.num_ceps, opts.cepstral_lifter = o["num_ceps"], o["cepstral_lifter"]
        computer = knf.OnlineMfcc(opts)
    computer.accept_waveform(o["sample_frequency"], samples.tolist())
    computer.input_finished()
    return np.array([computer.get_frame(i) for i in range(computer.num_frames_ready)], dtype=np.float32)


def make_features(wav_path, wav_name, description, options, fbank):
    samples, rate = soundfile.read(wav_path, dtype="int16")
    samples = samples.astype(np.float64)
    compute = kaldi.fbank if fbank else kaldi.mfcc
    # torchaudio builds its window, mel banks and DCT matrix in the default dtype: make that
    # float64 too, or the "float64" result carries float32 constants (~1e-4 off in MFCC).
    torch.set_default_dtype(torch.float64)
    try:
        golden = compute(torch.from_numpy(samples)[None], **options).numpy().astype(np.float32)
    finally:
        torch.set_default_dtype(torch.float32)
    torch32 = compute(torch.from_numpy(samples).float()[None], **options).numpy()
    # kaldi-native-fbank has no VTLN warp: a warped case is checked against torchaudio in float32 only.
    native = kaldi_native(samples.astype(np.float32), options, fbank) if options["vtln_warp"] == 1 else None

    def diff(a, b):
        return None if a is None or b is None else float(np.abs(a.astype(np.float64) - b.astype(np.float64)).max())

    length = int(rate * 0.001 * options["frame_length"])
    shift = int(rate * 0.001 * options["frame_shift"])
    high = options["high_freq"] if options["high_freq"] > 0 else rate / 2 + options["high_freq"]
    name = "fbank" if fbank else "mfcc"
    knf_version = version("kaldi-native-fbank")
    content = {
        "source": f"torchaudio {torchaudio.__version__} torchaudio.compliance.kaldi.{name} computed in float64, "
        f"rounded to float32; cross-checked with kaldi-native-fbank {knf_version} (see max_abs_diff fields)",
        "description": description,
        "wav": wav_name,
        "wav_sample_rate": rate,
        "wav_num_samples": len(samples),
        "input_scaling": "WAV read as int16 (libsndfile/soundfile dtype='int16') and fed as the raw integer "
        "values in float (-32768..32767), NOT scaled to [-1,1]",
        "feature": "log mel filterbank energies (natural log of power), Kaldi compute-fbank-feats" if fbank
        else "MFCC (C0 first, liftered), Kaldi compute-mfcc-feats",
        "options": options,
        "derived": {
            "frame_length_samples": length,
            "frame_shift_samples": shift,
            "fft_size": 1 << (length - 1).bit_length(),
            "low_freq_hz": options["low_freq"],
            "high_freq_effective_hz": float(high),
            "mel_scale": "1127*ln(1+f/700)",
            "log_floor": "mel energies floored at FLT_EPSILON=1.1920929e-07 before log",
            "frames_formula": "1 + (num_samples - frame_length_samples) // frame_shift_samples"
            if options["snip_edges"] else
            "(num_samples + frame_shift_samples // 2) // frame_shift_samples (edges reflected)",
        },
        "max_abs_diff_torchaudio_f32_vs_kaldi_native_fbank": diff(torch32, native),
        "max_abs_diff_kaldi_native_fbank_vs_golden": diff(native, golden),
        "max_abs_diff_torchaudio_f32_vs_golden": diff(torch32, golden),
        "frames": golden.shape[0],
        "dims": golden.shape[1],
        "values": Rows(golden),
    }
    return {key: value for key, value in content.items() if value is not None}


def make_mfcc(out):
    """Writes the resampled WAV into out/mfcc; yields (name, content) of the seven feature files."""
    wav16 = out / "mfcc" / Path(RESAMPLED_WAV).name
    make_resampled_wav(wav16)
    clip = "data/fsdd/recordings/{}.wav"
    mfcc8 = "8 kHz FSDD file, Kaldi MFCC defaults except dither=0 (23 mel bins, 13 ceps, snip_edges=true)"
    for name in ("0_jackson_5", "7_nicolas_20", "9_yweweler_49"):
        wav = clip.format(name)
        yield f"mfcc/mfcc_8k_{name}.json", make_features(FIXTURES / wav, wav, mfcc8, kaldi_options(8000), False)
    yield "mfcc/mfcc_16k_0_jackson_5.json", make_features(
        wav16, RESAMPLED_WAV,
        "0_jackson_5.wav resampled 8->16 kHz with soxr VHQ (saved as golden/mfcc/0_jackson_5_16k.wav), "
        "40 mel bins, high_freq=-400 (7600 Hz), snip_edges=false (reflected edges)",
        kaldi_options(16000, mel_bins=40, high_freq=-400.0, snip_edges=False), False)
    wav = clip.format("9_yweweler_49")
    yield "mfcc/fbank_8k_9_yweweler_49.json", make_features(
        FIXTURES / wav, wav,
        "8 kHz FSDD file, Kaldi fbank (log mel energies) with the settings of the 8 kHz MFCC cases, 23 bins",
        kaldi_options(8000, fbank=True), True)
    for warp in (0.9, 1.1):
        yield f"mfcc/fbank_16k_vtln_{warp}_0_jackson_5.json", make_features(
            wav16, RESAMPLED_WAV,
            f"the 16 kHz WAV above, Kaldi fbank as the default model computes it (40 bins, high_freq=-400, "
            f"snip_edges=false) with the mel banks VTLN-warped by {warp} (vtln_low=100, vtln_high=-500)",
            kaldi_options(16000, mel_bins=40, high_freq=-400.0, snip_edges=False, fbank=True, vtln_warp=warp), True)


def generate(out):
    torch.set_num_threads(1)
    for name, make in (("gru/bigru.json", make_gru), ("ctc/ctc.json", make_ctc)):
        write_json(out / name, make())
        print("wrote", name)
    for name, content in make_mfcc(out):
        write_json(out / name, content)
        print("wrote", name)
    print("wrote mfcc/0_jackson_5_16k.wav")


# ---------------------------------------------------------------------------------------------
# --check: compare a regenerated tree with the committed one

FILES = ["gru/bigru.json", "ctc/ctc.json", "mfcc/mfcc_8k_0_jackson_5.json", "mfcc/mfcc_8k_7_nicolas_20.json",
         "mfcc/mfcc_8k_9_yweweler_49.json", "mfcc/mfcc_16k_0_jackson_5.json",
         "mfcc/fbank_8k_9_yweweler_49.json", "mfcc/fbank_16k_vtln_0.9_0_jackson_5.json",
         "mfcc/fbank_16k_vtln_1.1_0_jackson_5.json"]


def tolerance(file, path):
    """(atol, rtol) from the golden READMEs: |new - committed| <= atol + rtol * |committed|."""
    if file.startswith("gru/"):
        return 1e-5, 1e-4
    if file.startswith("ctc/"):
        return (1e-4, 1e-5) if "loss" in path else (2e-5, 0.0)
    if "fbank" in file:
        return (5e-3 if "16k" in file else 1e-4), 0.0
    return (2e-2, 0.0) if "16k" in file else (1e-3, 0.0)


NON_FINITE = {"inf": math.inf, "-inf": -math.inf, "nan": math.nan}
VERSION_KEYS = ("torch_version", "source")  # name library versions: a difference is only reported
EXACT_KEYS = ("config", "options", "derived")  # settings, not results: must not change at all


def leaves(value, path=""):
    """(path, leaf) pairs of a golden JSON: a leaf is a scalar or a list of scalars; a list of
    number lists (MFCC rows, targets) is flattened into one leaf; cases are named by "name"."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list) and value and all(isinstance(item, list) for item in value):
        yield path, [x for item in value for x in item]
    elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
        for i, item in enumerate(value):
            yield from leaves(item, f"{path}[{item.get('name', i)}]")
    else:
        yield path, value


def is_numeric(values):
    return all(is_number(v) or v in NON_FINITE for v in values)


def compare_leaf(file, path, new, old):
    """A line about one leaf, and whether it is acceptable."""
    a = new if isinstance(new, list) else [new]
    b = old if isinstance(old, list) else [old]
    if len(a) != len(b) or not (is_numeric(a) and is_numeric(b)):
        if new == old:
            return None, True
        info = path.rsplit(".", 1)[-1] in VERSION_KEYS
        return f"{path}: {new!r} (committed {old!r}){'' if info else '  MISMATCH'}", info
    if all(isinstance(v, int) for v in a + b) or path.split(".")[0] in EXACT_KEYS:
        return (None, True) if a == b else (f"{path}: {new} (committed {old})  MISMATCH", False)
    x = np.array([NON_FINITE.get(v, v) for v in a], dtype=np.float64)
    y = np.array([NON_FINITE.get(v, v) for v in b], dtype=np.float64)
    atol, rtol = tolerance(file, path)
    finite = np.isfinite(y)
    d = np.abs(x[finite] - y[finite])
    ok = (np.array_equal(x[~finite], y[~finite], equal_nan=True)  # inf == inf, nan == nan
          and np.all(x[y == 0] == 0)  # exact zeros (padding, zero_infinity) stay exact
          and np.all(d <= atol + rtol * np.abs(y[finite])))
    worst = float(d.max()) if d.size else 0.0
    return f"{path}: max |diff| {worst:.3g} ({len(a)} values){'' if ok else '  OUT OF TOLERANCE'}", ok


def compare_file(file, new_path, old_path):
    """Prints the max |difference| of every number or tensor; False if any is out of tolerance."""
    new, old = dict(leaves(json.loads(new_path.read_text()))), dict(leaves(json.loads(old_path.read_text())))
    identical = new_path.read_bytes() == old_path.read_bytes()
    print(f"\n{file}: {'byte-identical' if identical else 'differs in bytes'}")
    ok = True
    for path in list(old) + [p for p in new if p not in old]:
        if path not in new or path not in old:
            print(f"  {path}: only in the {'committed' if path in old else 'regenerated'} file  MISMATCH")
            ok = False
            continue
        line, fine = compare_leaf(file, path, new[path], old[path])
        ok = ok and fine
        if line:
            print("  " + line)
    return ok


def compare_wav(new, old):
    x, _ = soundfile.read(new, dtype="int16")
    y, _ = soundfile.read(old, dtype="int16")
    exact = new.read_bytes() == old.read_bytes()
    print(f"\nmfcc/0_jackson_5_16k.wav: {'byte-identical' if exact else 'differs in bytes'}")
    if x.shape != y.shape:
        print(f"  {len(x)} samples, committed {len(y)}  MISMATCH")
        return False
    worst = int(np.abs(x.astype(int) - y.astype(int)).max())
    print(f"  samples: max |diff| {worst} LSB over {len(x)} samples{'' if worst <= 1 else '  OUT OF TOLERANCE'}")
    return worst <= 1


def check(committed):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        generate(out)
        ok = compare_wav(out / "mfcc/0_jackson_5_16k.wav", committed / "mfcc/0_jackson_5_16k.wav")
        for file in FILES:
            ok = compare_file(file, out / file, committed / file) and ok
    print("\nall within the READMEs' tolerances" if ok else "\nSOME VALUES ARE OUT OF TOLERANCE")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FIXTURES / "golden",
                        help="output folder (default: Tests/Fixtures/golden)")
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary folder and compare with --out (the committed files)")
    args = parser.parse_args()
    if args.check:
        sys.exit(0 if check(args.out) else 1)
    generate(args.out)


if __name__ == "__main__":
    main()
