#!/usr/bin/env python3
"""Times a NumPy rfft2 + irfft2 pair (float64, one thread) on the QG solver's grids, for the side-by-side speed report.

The reference NumPy solver's step (about 15 ms of CPU on the paper's 96x192 grid) does 27 such transforms; its
144x288 pair took about 0.8 ms on the machine of the oracle README. Usage: OMP_NUM_THREADS=1 python3 numpy_fft_pair.py
"""
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402


def pair_ms(ny, nx, repeats=9, calls=300):
    rng = np.random.default_rng(0)
    f = rng.standard_normal((ny, nx))
    best = []
    for _ in range(repeats):
        t0 = time.process_time()
        for _ in range(calls):
            np.fft.irfft2(np.fft.rfft2(f), s=(ny, nx))
        best.append((time.process_time() - t0) / calls * 1e3)
    best.sort()
    return best[len(best) // 2], best[0]


if __name__ == "__main__":
    print(f"numpy {np.__version__}")
    for ny, nx in [(192, 96), (288, 144), (384, 192), (576, 288)]:
        median, minimum = pair_ms(ny, nx)
        print(f"{nx}x{ny} (x by y): rfft2+irfft2 pair median {median:.3f} ms, min {minimum:.3f} ms (CPU time)")
