using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Science.QgModel.Spectral;

namespace Science.QgModel;

/// <summary>Vectorised element-wise kernels of the time step, on split spectral fields.</summary>
internal static class Kernels
{
    /// <summary>One part (re or im) of the fields a layer's RHS and step read, and the new level it writes.</summary>
    public readonly ref struct RhsPart
    {
        /// <summary>Ĵ(ψ_k, Q_k).</summary>
        public required ReadOnlySpan<double> Jacobian { get; init; }
        /// <summary>The other part of ψ̂_k (the β term −β ik ψ̂ swaps re and im).</summary>
        public required ReadOnlySpan<double> Other { get; init; }
        /// <summary>ψ̂1.</summary>
        public required ReadOnlySpan<double> Psi1 { get; init; }
        /// <summary>ψ̂2.</summary>
        public required ReadOnlySpan<double> Psi2 { get; init; }
        /// <summary>ψ̂R.</summary>
        public required ReadOnlySpan<double> PsiR { get; init; }
        /// <summary>The sponge spectrum Ŝ.</summary>
        public required ReadOnlySpan<double> Sponge { get; init; }
        /// <summary>This part of ψ̂_k (bottom friction).</summary>
        public required ReadOnlySpan<double> Own { get; init; }
        /// <summary>The level the step starts from (level 1 forward, level 0 leapfrog).</summary>
        public required ReadOnlySpan<double> Start { get; init; }
        /// <summary>The new level.</summary>
        public required Span<double> Result { get; init; }
    }

    /// <summary>The coefficients of a layer's RHS and step.</summary>
    public readonly struct StepCoefficients
    {
        /// <summary>±τd1, the factor of ψ̂1 − ψ̂2.</summary>
        public required double Relax { get; init; }
        /// <summary>∓τd2, the factor of ψ̂R.</summary>
        public required double Target { get; init; }
        /// <summary>β k per coefficient.</summary>
        public required double[] BetaK { get; init; }
        /// <summary>τf K² per coefficient (lower layer), or null.</summary>
        public required double[]? FrictionK2 { get; init; }
        /// <summary>The implicit-hyperviscosity step factor f per coefficient.</summary>
        public required double[] Factor { get; init; }
        /// <summary>1/Δt (forward) or 1/(2Δt) (leapfrog).</summary>
        public required double Rate { get; init; }
    }

    /// <summary>
    /// One part of q̂_new = f·(q̂_start·rate + RHS), RHS = −Ĵ + ζ·βk·other + relax(ψ̂1 − ψ̂2) + target·ψ̂R + Ŝ
    /// [+ τf K²·own] (ζ = <paramref name="otherSign"/>); returns Σ q̂_new. Rounded as the separate RHS and step passes.
    /// </summary>
    public static double StepPart(RhsPart t, double otherSign, in StepCoefficients c)
    {
        int n = t.Result.Length;
        ReadOnlySpan<double> betaK = c.BetaK.AsSpan(0, n), factor = c.Factor.AsSpan(0, n);
        ReadOnlySpan<double> jac = t.Jacobian[..n], other = t.Other[..n], p1 = t.Psi1[..n], p2 = t.Psi2[..n];
        ReadOnlySpan<double> psiR = t.PsiR[..n], sponge = t.Sponge[..n], own = t.Own[..n], start = t.Start[..n];
        ReadOnlySpan<double> fr = c.FrictionK2 is null ? default : c.FrictionK2.AsSpan(0, n);
        var result = t.Result;
        bool friction = !fr.IsEmpty;
        int i = 0, w = Vector<double>.Count;
        var vRelax = new Vector<double>(c.Relax); var vTarget = new Vector<double>(c.Target);
        var vSign = new Vector<double>(otherSign); var vRate = new Vector<double>(c.Rate);
        var vSum = Vector<double>.Zero;
        for (; i <= n - w; i += w)
        {
            var v = -Load(jac, i) + vSign * Load(betaK, i) * Load(other, i) + vRelax * (Load(p1, i) - Load(p2, i))
                    + vTarget * Load(psiR, i) + Load(sponge, i);
            if (friction) v += Load(fr, i) * Load(own, i);
            var q = Load(factor, i) * (Load(start, i) * vRate + v);
            q.CopyTo(result[i..]);
            vSum += q;
        }
        double sum = Vector.Sum(vSum);
        for (; i < n; i++)
        {
            double r = -jac[i] + otherSign * betaK[i] * other[i] + c.Relax * (p1[i] - p2[i]) + c.Target * psiR[i] + sponge[i]
                       + (friction ? fr[i] * own[i] : 0.0);
            result[i] = factor[i] * (start[i] * c.Rate + r);
            sum += result[i];
        }
        return sum;
    }

    /// <summary>Robert–Asselin filter of the middle level: b ← b + g(a − 2b + c).</summary>
    public static void RobertFilter(SpectralField a, SpectralField b, SpectralField c, double g)
    {
        Filter(a.Re, b.Re, c.Re, g);
        Filter(a.Im, b.Im, c.Im, g);
    }

    // The vector at a[i …] (the caller keeps i + Count ≤ a.Length).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Load(ReadOnlySpan<double> a, int i) =>
        Vector.LoadUnsafe(ref MemoryMarshal.GetReference(a), (nuint)i);

    private static void Filter(double[] a, double[] b, double[] c, double g)
    {
        int i = 0, w = Vector<double>.Count;
        var vg = new Vector<double>(g);
        for (; i <= b.Length - w; i += w)
        {
            var vb = new Vector<double>(b, i);
            (vb + vg * (new Vector<double>(a, i) - (vb + vb) + new Vector<double>(c, i))).CopyTo(b, i);
        }
        for (; i < b.Length; i++) b[i] = b[i] + g * (a[i] - 2 * b[i] + c[i]);
    }
}
