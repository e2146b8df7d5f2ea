#!/usr/bin/env python3
"""Side-by-side reference for `medida assimilate --preset l96-sakov2008 --method etkf`: the same algorithm in NumPy.

Lorenz-96 (N = 40, F = 8), one RK4 step of 0.05 per cycle, H = I, R = I, x0 = e1, X0 = N(x0, 0.001 I), the symmetric
square-root ETKF (DAPPER's EnKF('Sqrt')) with N-1 normalisation, multiplicative inflation of the analysis anomalies
and a Haar-random mean-preserving rotation after each analysis. Prints rmse_a/spread_a averaged after 400 cycles.
Usage: python3 bench/numpy_etkf_l96.py [CYCLES] [MEMBERS] [INFLATION] [SEED]
"""
import sys
import numpy as np

def tendency(x, f=8.0):
    return (np.roll(x, -1, -1) - np.roll(x, 2, -1)) * np.roll(x, 1, -1) - x + f

def rk4(x, dt=0.05):
    k1 = tendency(x); k2 = tendency(x + 0.5 * dt * k1); k3 = tendency(x + 0.5 * dt * k2); k4 = tendency(x + dt * k3)
    return x + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)

def rotation(n, rng):
    # Haar-random orthogonal matrix on the complement of the ones vector (keeps the mean).
    q, r = np.linalg.qr(rng.standard_normal((n - 1, n - 1)))
    q = q * np.sign(np.diag(r))
    v = np.ones(n) / np.sqrt(n)
    basis = np.linalg.qr(np.column_stack([v, rng.standard_normal((n, n - 1))]))[0][:, 1:]
    return np.outer(v, v) + basis @ q @ basis.T

def main():
    cycles = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    members = int(sys.argv[2]) if len(sys.argv) > 2 else 24
    infl = float(sys.argv[3]) if len(sys.argv) > 3 else 1.013
    rng = np.random.default_rng(int(sys.argv[4]) if len(sys.argv) > 4 else 3000)
    nx, burn = 40, 400
    x0 = np.zeros(nx); x0[0] = 1
    truth = x0 + np.sqrt(0.001) * rng.standard_normal(nx)
    ens = x0 + np.sqrt(0.001) * rng.standard_normal((members, nx))
    rmse, spread = [], []
    for k in range(cycles):
        truth = rk4(truth)
        ens = rk4(ens)
        y = truth + rng.standard_normal(nx)
        mu = ens.mean(0); a = ens - mu
        yo = a                                   # H = I, R = I
        dy = y - mu
        d, v = np.linalg.eigh(yo @ yo.T + (members - 1) * np.eye(members))
        t = (v * d ** -0.5) @ v.T * np.sqrt(members - 1)
        pw = (v / d) @ v.T
        w = dy @ yo.T @ pw
        mu = mu + w @ a
        a = t @ a
        a = infl * a
        a = rotation(members, rng) @ a
        ens = mu + a
        if k >= burn:
            rmse.append(np.sqrt(np.mean((mu - truth) ** 2)))
            spread.append(np.sqrt(np.mean(a.var(0, ddof=1))))
    print(f"rmse_a {np.mean(rmse):.4f} spread_a {np.mean(spread):.4f} cycles_averaged {len(rmse)}")

if __name__ == "__main__":
    main()
