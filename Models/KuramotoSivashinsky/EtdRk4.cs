using System.Numerics;
using System.Numerics.Tensors;

namespace Science.Models.Ks;

/// <summary>
/// Cox–Matthews (2002) fourth-order exponential time differencing Runge–Kutta (ETDRK4) for v̂_t = 𝓛v̂ + 𝓝(v̂), with the
/// φ-function coefficients computed by Kassam–Trefethen (2005) contour means, exactly as DAPPER and MEDIDA: for a real
/// 𝓛, M points r_j = exp(iπ(j − ½)/M), j = 1 … M, on the upper half of a circle of radius 1 around h𝓛_k, and the mean of
/// the real part. With a complex 𝓛 (the "+u_xxx" variant) the 2M points of the whole circle and the complex mean are
/// used instead (equal in exact arithmetic to the half-circle form when 𝓛 is real). One step:
/// a = E₂v + Q𝓝(v); b = E₂v + Q𝓝(a); c = E₂a + Q(2𝓝(b) − 𝓝(v)); v ← Ev + f₁𝓝(v) + 2f₂(𝓝(a) + 𝓝(b)) + f₃𝓝(c), with
/// E = e^{h𝓛}, E₂ = e^{h𝓛/2}. Four nonlinear evaluations (four pairs of FFTs) per step.
/// </summary>
public sealed class EtdRk4 : IKsStepper
{
    private readonly double[] _er, _ei, _e2r, _e2i, _qr, _qi, _f1r, _f1i, _f2r, _f2i, _f3r, _f3i;
    private readonly double[] _nvr, _nvi, _ar, _ai, _nar, _nai, _br, _bi, _nbr, _nbi, _cr, _ci, _ncr, _nci, _tr, _ti;
    private readonly bool _real;

    /// <summary>A stepper of <paramref name="op"/> with step <paramref name="dt"/> &gt; 0 and <paramref name="contourPoints"/> M ≥ 4 (default 16).</summary>
    /// <exception cref="ArgumentOutOfRangeException">dt or M out of range.</exception>
    public EtdRk4(KsOperator op, double dt, int contourPoints = 16)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (!(dt > 0) || !double.IsFinite(dt)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "the time step must be positive and finite");
        if (contourPoints < 4 || contourPoints > 1024) throw new ArgumentOutOfRangeException(nameof(contourPoints), contourPoints, "contourPoints must be in [4, 1024]");
        Operator = op;
        TimeStep = dt;
        ContourPoints = contourPoints;
        _real = op.IsLinearReal;
        int k = op.Modes;
        double[] New() => new double[k];
        double[] NewIm() => _real ? [] : new double[k];
        _er = New(); _e2r = New(); _qr = New(); _f1r = New(); _f2r = New(); _f3r = New();
        _ei = NewIm(); _e2i = NewIm(); _qi = NewIm(); _f1i = NewIm(); _f2i = NewIm(); _f3i = NewIm();
        _nvr = New(); _nvi = New(); _ar = New(); _ai = New(); _nar = New(); _nai = New(); _br = New(); _bi = New();
        _nbr = New(); _nbi = New(); _cr = New(); _ci = New(); _ncr = New(); _nci = New(); _tr = New(); _ti = New();
        for (int j = 0; j < k; j++) Coefficients(j, dt, contourPoints);
    }

    /// <inheritdoc/>
    public KsOperator Operator { get; }
    /// <inheritdoc/>
    public double TimeStep { get; }
    /// <summary>Contour points M.</summary>
    public int ContourPoints { get; }

    private void Coefficients(int j, double h, int m)
    {
        var hl = h * new Complex(Operator.LinearReal[j], Operator.LinearImaginary[j]);
        bool half = _real;
        int points = half ? m : 2 * m;
        Complex q = 0, f1 = 0, f2 = 0, f3 = 0;
        for (int p = 1; p <= points; p++)
        {
            double angle = half ? Math.PI * (p - 0.5) / m : 2 * Math.PI * (p - 0.5) / points;
            Complex lr = hl + Complex.FromPolarCoordinates(1, angle);
            Complex e = Complex.Exp(lr), lr3 = lr * lr * lr;
            q += (Complex.Exp(lr / 2) - 1) / lr;
            f1 += (-4 - lr + e * (4 - 3 * lr + lr * lr)) / lr3;
            f2 += (2 + lr + e * (-2 + lr)) / lr3;
            f3 += (-4 - 3 * lr - lr * lr + e * (4 - lr)) / lr3;
        }
        q = h * q / points; f1 = h * f1 / points; f2 = h * f2 / points; f3 = h * f3 / points;
        Complex ee = Flush(Complex.Exp(hl)), e2 = Flush(Complex.Exp(hl / 2));
        _er[j] = ee.Real; _e2r[j] = e2.Real; _qr[j] = q.Real; _f1r[j] = f1.Real; _f2r[j] = f2.Real; _f3r[j] = f3.Real;
        if (_real) return;
        _ei[j] = ee.Imaginary; _e2i[j] = e2.Imaginary; _qi[j] = q.Imaginary;
        _f1i[j] = f1.Imaginary; _f2i[j] = f2.Imaginary; _f3i[j] = f3.Imaginary;
    }

    /// <summary>
    /// e^{h𝓛} and its products underflow to subnormal numbers for the stiffest modes of fine grids (h𝓛 ≲ −700);
    /// subnormal arithmetic is slow on x86, so values below 1e−100 in magnitude are set to 0, which also keeps products
    /// such as e^{h𝓛}·v̂ out of the subnormal range (no effect at double
    /// precision on an O(1) state).
    /// </summary>
    private static Complex Flush(Complex z) => new(Math.Abs(z.Real) < 1e-100 ? 0 : z.Real, Math.Abs(z.Imaginary) < 1e-100 ? 0 : z.Imaginary);

    /// <inheritdoc/>
    public void Step(Span<double> vr, Span<double> vi)
    {
        var op = Operator;
        op.Nonlinear(vr, vi, _nvr, _nvi);
        SplitComplex.Mul(_e2r, _e2i, vr, vi, _ar, _ai);
        SplitComplex.MulAdd(_qr, _qi, _nvr, _nvi, _ar, _ai);
        op.Nonlinear(_ar, _ai, _nar, _nai);
        SplitComplex.Mul(_e2r, _e2i, vr, vi, _br, _bi);
        SplitComplex.MulAdd(_qr, _qi, _nar, _nai, _br, _bi);
        op.Nonlinear(_br, _bi, _nbr, _nbi);
        // c = E₂a + Q(2𝓝(b) − 𝓝(v))
        for (int k = 0; k < _tr.Length; k++)
        {
            _tr[k] = 2 * _nbr[k] - _nvr[k];
            _ti[k] = 2 * _nbi[k] - _nvi[k];
        }
        SplitComplex.Mul(_e2r, _e2i, _ar, _ai, _cr, _ci);
        SplitComplex.MulAdd(_qr, _qi, _tr, _ti, _cr, _ci);
        op.Nonlinear(_cr, _ci, _ncr, _nci);
        // v ← Ev + f₁𝓝(v) + 2f₂(𝓝(a) + 𝓝(b)) + f₃𝓝(c)
        SplitComplex.Mul(_er, _ei, vr, vi, vr, vi);
        SplitComplex.MulAdd(_f1r, _f1i, _nvr, _nvi, vr, vi);
        TensorPrimitives.Add(_nar, _nbr, _tr);
        TensorPrimitives.Add(_nai, _nbi, _ti);
        TensorPrimitives.Multiply(_tr, 2.0, _tr);
        TensorPrimitives.Multiply(_ti, 2.0, _ti);
        SplitComplex.MulAdd(_f2r, _f2i, _tr, _ti, vr, vi);
        SplitComplex.MulAdd(_f3r, _f3i, _ncr, _nci, vr, vi);
    }

    /// <inheritdoc/>
    public void Restart() { }

    /// <inheritdoc/>
    public void SetPrevious(ReadOnlySpan<double> pr, ReadOnlySpan<double> pi) { }
}
