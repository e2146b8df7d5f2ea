using System.Numerics;
using Science.QgModel.Spectral;

namespace Science.QgModel;

/// <summary>Vectorised element-wise kernels of the time step, on split spectral fields.</summary>
internal static class Kernels
{
    /// <summary>Forward step, in place on <paramref name="rhs"/>: q̂_new = f·(q̂·(1/Δt) + RHS), f = Δt/(1 + Δt ν K8).</summary>
    public static void ForwardStep(SpectralField q, SpectralField rhs, double[] factor, double invDt)
    {
        Update(q.Re, rhs.Re, factor, invDt);
        Update(q.Im, rhs.Im, factor, invDt);
    }

    /// <summary>Leapfrog, in place on <paramref name="rhs"/>: q̂_new = f·(q̂_old/(2Δt) + RHS), f = 2Δt/(1 + 2Δt ν K8).</summary>
    public static void LeapfrogStep(SpectralField qOld, SpectralField rhs, double[] factor, double halfInvDt)
    {
        Update(qOld.Re, rhs.Re, factor, halfInvDt);
        Update(qOld.Im, rhs.Im, factor, halfInvDt);
    }

    /// <summary>Robert–Asselin filter of the middle level: b ← b + g(a − 2b + c).</summary>
    public static void RobertFilter(SpectralField a, SpectralField b, SpectralField c, double g)
    {
        Filter(a.Re, b.Re, c.Re, g);
        Filter(a.Im, b.Im, c.Im, g);
    }

    /// <summary>a ← a − b.</summary>
    public static void Subtract(SpectralField a, SpectralField b)
    {
        System.Numerics.Tensors.TensorPrimitives.Subtract<double>(a.Re, b.Re, a.Re);
        System.Numerics.Tensors.TensorPrimitives.Subtract<double>(a.Im, b.Im, a.Im);
    }

    // r ← f·(q·s + r)
    private static void Update(double[] q, double[] r, double[] f, double s)
    {
        int i = 0, w = Vector<double>.Count;
        var vs = new Vector<double>(s);
        for (; i <= r.Length - w; i += w)
        {
            var v = new Vector<double>(f, i) * (new Vector<double>(q, i) * vs + new Vector<double>(r, i));
            v.CopyTo(r, i);
        }
        for (; i < r.Length; i++) r[i] = f[i] * (q[i] * s + r[i]);
    }

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
