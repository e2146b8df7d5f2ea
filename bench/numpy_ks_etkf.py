#!/usr/bin/env python3
"""An independent NumPy check of the KS bocquet2019 twin (DAPPER mods/KS/bocquet2019.py): how often does the
published setting lose track over the published length?

Written from DAPPER's formulas (not its code): KS on (0, 32π] with Nx = 128, rfft wavenumbers (0, 1, …, 63, 0)·2/32,
L = k² − k⁴, N(v) = −½ik·rfft(irfft(v)²), ETDRK4 with dt = 0.5 (Kassam–Trefethen, 16 contour points of radius 1),
x0 = cos(x/16)(1 + sin(x/16)) advanced 150 time units; truth and ensemble from N(x0, 0.001 I); H = I, R = I, an
analysis every 2 steps; the ETKF with the symmetric square root ("EnKF('Sqrt')") or the LETKF (Gaspari–Cohn
R-localisation with half-width c, batches of 4 points, taper at the batch centre, periodic distances), inflation of
the analysis anomalies, no rotation. RMSE of the analysis mean after the burn-in (2000 time units).

Usage: python3 bench/numpy_ks_etkf.py METHOD N INFL [C] --seeds S0,S1,… [--cycles 20001]
       METHOD etkf|letkf; C the GC half-width in grid points (letkf; DAPPER's loc_rad·1.82).
Prints one line per seed: seed, rmse_a, spread_a, and the first cycle after the burn-in with rmse_a > 0.5 (or -1).
"""
import argparse

import numpy as np

NX, DL, DT, DKO = 128, 32, 0.5, 2


def etdrk4_coefficients(h, lin, m=16):
    r = np.exp(1j * np.pi * (np.arange(1, m + 1) - 0.5) / m)
    lr = h * lin[:, None] + r[None, :]
    q = h * np.real(np.mean((np.exp(lr / 2) - 1) / lr, axis=1))
    f1 = h * np.real(np.mean((-4 - lr + np.exp(lr) * (4 - 3 * lr + lr ** 2)) / lr ** 3, axis=1))
    f2 = h * np.real(np.mean((2 + lr + np.exp(lr) * (-2 + lr)) / lr ** 3, axis=1))
    f3 = h * np.real(np.mean((-4 - 3 * lr - lr ** 2 + np.exp(lr) * (4 - lr)) / lr ** 3, axis=1))
    return np.exp(h * lin), np.exp(h * lin / 2), q, f1, f2, f3


KK = np.append(np.arange(0, NX // 2), 0) * 2 / DL
LIN = KK ** 2 - KK ** 4
E, E2, Q, F1, F2, F3 = etdrk4_coefficients(DT, LIN)
G = -0.5j * KK


def nonlinear(v):
    return G * np.fft.rfft(np.fft.irfft(v, n=NX, axis=-1) ** 2, axis=-1)


def step(u):
    v = np.fft.rfft(u, axis=-1)
    nv = nonlinear(v)
    a = E2 * v + Q * nv
    na = nonlinear(a)
    b = E2 * v + Q * na
    nb = nonlinear(b)
    c = E2 * a + Q * (2 * nb - nv)
    nc = nonlinear(c)
    v = E * v + nv * F1 + 2 * (na + nb) * F2 + nc * F3
    return np.fft.irfft(v, n=NX, axis=-1)


def gaspari_cohn(d, c):
    r = np.abs(d) / c
    t = np.zeros_like(r)
    i = r <= 1
    x = r[i]
    t[i] = -0.25 * x ** 5 + 0.5 * x ** 4 + 0.625 * x ** 3 - 5 / 3 * x ** 2 + 1
    j = (r > 1) & (r < 2)
    x = r[j]
    t[j] = x ** 5 / 12 - 0.5 * x ** 4 + 0.625 * x ** 3 + 5 / 3 * x ** 2 - 5 * x + 4 - 2 / (3 * x)
    return t


def transform(y_anom, dy, n):
    """Symmetric square-root ETKF weights for anomalies Y (N×m, already scaled by R^-1/2) and innovation dy (m)."""
    n1 = n - 1
    c = y_anom @ y_anom.T + n1 * np.eye(n)
    s, v = np.linalg.eigh(c)
    pw = (v / s) @ v.T
    t = (v / np.sqrt(s)) @ v.T * np.sqrt(n1)
    w = dy @ y_anom.T @ pw
    return w, t


def analyse(ens, y, method, c):
    n = ens.shape[0]
    mu = ens.mean(0)
    a = ens - mu
    if method == "etkf":
        w, t = transform(a, y - mu, n)
        return mu + w @ a + t @ a
    out = np.empty_like(ens)
    idx = np.arange(NX)
    for b0 in range(0, NX, 4):
        centre = b0 + 1.5
        d = np.abs(idx - centre)
        d = np.minimum(d, NX - d)
        taper = gaspari_cohn(d, c)
        keep = taper > 1e-10
        sq = np.sqrt(taper[keep])
        w, t = transform(a[:, keep] * sq, (y - mu)[keep] * sq, n)
        cols = slice(b0, b0 + 4)
        out[:, cols] = mu[cols] + w @ a[:, cols] + t @ a[:, cols]
    return out


def run(method, n, infl, c, seed, cycles):
    rng = np.random.default_rng(seed)
    x = np.cos(DL * np.pi * np.linspace(0, 1, NX + 1)[1:] / 16) * (1 + np.sin(DL * np.pi * np.linspace(0, 1, NX + 1)[1:] / 16))
    for _ in range(int(round(150 / DT))):
        x = step(x)
    truth = x + np.sqrt(0.001) * rng.standard_normal(NX)
    ens = x + np.sqrt(0.001) * rng.standard_normal((n, NX))
    burn = int(2000 / (DT * DKO))
    rmse, spread, lost = [], [], -1
    for k in range(cycles):
        for _ in range(DKO):
            truth = step(truth)
            ens = step(ens)
        y = truth + rng.standard_normal(NX)
        ens = analyse(ens, y, method, c)
        mu = ens.mean(0)
        ens = mu + infl * (ens - mu)
        if k > burn:
            e = np.sqrt(np.mean((ens.mean(0) - truth) ** 2))
            rmse.append(e)
            spread.append(np.sqrt(np.mean(ens.var(0, ddof=1))))
            if lost < 0 and e > 0.5:
                lost = k
    return np.mean(rmse), np.mean(spread), lost


def main():
    p = argparse.ArgumentParser()
    p.add_argument("method", choices=["etkf", "letkf"])
    p.add_argument("members", type=int)
    p.add_argument("inflation", type=float)
    p.add_argument("halfwidth", type=float, nargs="?", default=51.0)
    p.add_argument("--seeds", default="3000,3001,3002")
    p.add_argument("--cycles", type=int, default=20001)
    a = p.parse_args()
    for s in (int(v) for v in a.seeds.split(",")):
        r, sp, lost = run(a.method, a.members, a.inflation, a.halfwidth, s, a.cycles)
        print(f"{a.method} N={a.members} infl={a.inflation} c={a.halfwidth} seed {s}: rmse_a {r:.4f} spread_a {sp:.4f} lost_at {lost}", flush=True)


if __name__ == "__main__":
    main()
