#!/usr/bin/python3
"""Golden fixtures for models/dsp, computed independently of the TypeScript code.

Re-implements the same definitions with numpy/scipy (librosa is not installed here):
  - window: scipy.signal.get_window('hann', win_length, fftbins=True)  (periodic Hann)
  - STFT: centre padding of n_fft // 2 with numpy 'reflect' (zeros when the signal is too short to
    reflect, i.e. len <= n_fft // 2), frames every hop, numpy.fft.rfft, magnitude |X|
  - mel filterbank: librosa.filters.mel(htk=False, norm='slaney') written from its definition
  - log-mel: ln(max(filterbank @ |X|, 1e-5))
  - per-bin stats: numpy mean / std (ddof=0, floored at 1e-3) over all fixture log-mel frames

Run once with Debian's python3 (numpy + scipy) and check the output in:
  /usr/bin/python3 scripts/golden/make_dsp_fixtures.py
Writes little-endian float32 .f32 files and manifest.json into models/dsp/__fixtures__/.
"""

import json
import os

import numpy as np
from scipy.signal import chirp, get_window

SAMPLE_RATE = 16000
N_FFT = 1024
WIN_LENGTH = 1024
HOP = 256
N_MELS = 80
F_MIN = 0.0
F_MAX = 8000.0
LOG_FLOOR = 1e-5
STD_FLOOR = 1e-3

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "dsp", "__fixtures__")


def test_signals():
    """Deterministic float32 signals: (name, description, samples)."""
    t075 = np.arange(int(0.75 * SAMPLE_RATE)) / SAMPLE_RATE
    t1 = np.arange(SAMPLE_RATE) / SAMPLE_RATE
    rng = np.random.default_rng(20240601)
    return [
        ("chirp", "0.75 s linear chirp 100 -> 7000 Hz, amplitude 0.5",
         0.5 * chirp(t075, f0=100, t1=0.75, f1=7000, method="linear")),
        ("sines", "1 s: 0.3 sin 220 Hz + 0.2 sin(1000 Hz, phase 0.5) + 0.1 sin(3500 Hz, phase 1)",
         0.3 * np.sin(2 * np.pi * 220 * t1) + 0.2 * np.sin(2 * np.pi * 1000 * t1 + 0.5)
         + 0.1 * np.sin(2 * np.pi * 3500 * t1 + 1.0)),
        ("noise", "0.5 s white Gaussian noise, std 0.1, numpy default_rng(20240601)",
         0.1 * rng.standard_normal(SAMPLE_RATE // 2)),
        ("short", "300 samples of white noise (std 0.1): too short to reflect, so zero-padded",
         0.1 * rng.standard_normal(300)),
    ]


def stft_magnitude(x):
    """|STFT| as [frames, n_fft // 2 + 1]."""
    pad = N_FFT // 2
    x = np.asarray(x, dtype=np.float64)
    mode = "reflect" if len(x) > pad else "constant"
    padded = np.pad(x, pad, mode=mode)
    window = get_window("hann", WIN_LENGTH, fftbins=True)
    left = (N_FFT - WIN_LENGTH) // 2
    window = np.pad(window, (left, N_FFT - WIN_LENGTH - left))
    frames = 1 + (len(padded) - N_FFT) // HOP
    assert frames == 1 + len(x) // HOP
    stacked = np.stack([padded[t * HOP:t * HOP + N_FFT] * window for t in range(frames)])
    return np.abs(np.fft.rfft(stacked, axis=1))


def hz_to_mel(f):
    f = np.asarray(f, dtype=np.float64)
    f_sp = 200.0 / 3
    logstep = np.log(6.4) / 27.0
    linear = f / f_sp
    log = 15.0 + np.log(np.maximum(f, 1e-10) / 1000.0) / logstep
    return np.where(f >= 1000.0, log, linear)


def mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    f_sp = 200.0 / 3
    logstep = np.log(6.4) / 27.0
    return np.where(m >= 15.0, 1000.0 * np.exp(logstep * (m - 15.0)), f_sp * m)


def mel_filterbank():
    """Slaney-scale, Slaney-normalised triangles as [n_mels, n_fft // 2 + 1]."""
    edges = mel_to_hz(np.linspace(hz_to_mel(F_MIN), hz_to_mel(F_MAX), N_MELS + 2))
    freqs = np.fft.rfftfreq(N_FFT, d=1.0 / SAMPLE_RATE)
    weights = np.zeros((N_MELS, len(freqs)))
    for m in range(N_MELS):
        rising = (freqs - edges[m]) / (edges[m + 1] - edges[m])
        falling = (edges[m + 2] - freqs) / (edges[m + 2] - edges[m + 1])
        weights[m] = np.maximum(0.0, np.minimum(rising, falling)) * 2.0 / (edges[m + 2] - edges[m])
    return weights


def write_f32(name, array):
    path = os.path.join(OUT_DIR, name)
    np.asarray(array, dtype="<f4").ravel(order="C").tofile(path)
    return name


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    fb = mel_filterbank()
    manifest = {
        "generator": "scripts/golden/make_dsp_fixtures.py (numpy %s)" % np.__version__,
        "layout": "little-endian float32, row-major; spectra and log-mel frame-major [frames, bins]",
        "config": {"sampleRate": SAMPLE_RATE, "nFft": N_FFT, "winLength": WIN_LENGTH, "hop": HOP,
                   "nMels": N_MELS, "fMin": F_MIN, "fMax": F_MAX, "logFloor": LOG_FLOOR},
        "filterbank": {"file": write_f32("mel_filterbank.f32", fb), "shape": list(fb.shape)},
        "signals": [],
    }
    all_log_mel = []
    for name, description, samples in test_signals():
        signal = np.asarray(samples, dtype=np.float32)  # the fixture IS the float32 signal
        magnitude = stft_magnitude(signal)
        log_mel = np.log(np.maximum(magnitude @ fb.T, LOG_FLOOR))
        all_log_mel.append(log_mel.astype(np.float32))
        manifest["signals"].append({
            "name": name,
            "description": description,
            "length": int(len(signal)),
            "frames": int(magnitude.shape[0]),
            "signal": write_f32(name + ".signal.f32", signal),
            "magnitude": write_f32(name + ".magnitude.f32", magnitude),
            "logMel": write_f32(name + ".logmel.f32", log_mel),
        })
    # Stats of the float32 log-mel exactly as stored, so the TS side can feed the same numbers.
    stacked = np.concatenate(all_log_mel).astype(np.float64)
    manifest["stats"] = {
        "over": "all fixture log-mel frames, in manifest order",
        "frames": int(stacked.shape[0]),
        "mean": stacked.mean(axis=0).tolist(),
        "std": np.maximum(stacked.std(axis=0), STD_FLOOR).tolist(),
    }
    with open(os.path.join(OUT_DIR, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
