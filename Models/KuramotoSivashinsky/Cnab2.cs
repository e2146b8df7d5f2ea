using System.Numerics.Tensors;

namespace Science.Models.Ks;

/// <summary>
/// Crank–Nicolson on 𝓛 and second-order Adams–Bashforth on 𝓝 (MEDIDA-KS's imperfect model, spec §10.1):
/// v̂⁺ = (1 − Δt/2·𝓛)⁻¹ [(1 + Δt/2·𝓛) v̂ + 3Δt/2·𝓝(v) − Δt/2·𝓝(v_old)], with v_old the state one step earlier.
/// Implemented as v̂⁺ = A v̂ + B (3Δt/2·𝓝(v) − Δt/2·𝓝(v_old)) with A = (1 + Δt/2·𝓛)/(1 − Δt/2·𝓛) and
/// B = 1/(1 − Δt/2·𝓛) precomputed (equal to the spec's form up to rounding). 𝓝(v_old) is remembered from the
/// previous step. <b>Start-up</b>: when no previous state is known (after construction or <see cref="Restart"/>),
/// v_old = v, i.e. the first step is Crank–Nicolson with a forward-Euler (AB1) nonlinear term;
/// <see cref="SetPrevious"/> gives v_old explicitly (as MEDIDA does: truth 5 fine steps earlier).
/// One nonlinear evaluation (one pair of FFTs) per step.
/// </summary>
public sealed class Cnab2 : IKsStepper
{
    private readonly double[] _ar, _ai, _br, _bi, _nr, _ni, _oldr, _oldi, _tr, _ti;
    private bool _hasOld;

    /// <summary>A stepper of <paramref name="op"/> with step <paramref name="dt"/> &gt; 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">dt out of range.</exception>
    public Cnab2(KsOperator op, double dt)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (!(dt > 0) || !double.IsFinite(dt)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "the time step must be positive and finite");
        Operator = op;
        TimeStep = dt;
        int k = op.Modes;
        bool real = op.IsLinearReal;
        _ar = new double[k]; _br = new double[k];
        _ai = real ? [] : new double[k]; _bi = real ? [] : new double[k];
        for (int j = 0; j < k; j++)
        {
            var l = new System.Numerics.Complex(op.LinearReal[j], op.LinearImaginary[j]);
            var b = 1 / (1 - dt / 2 * l);
            var a = (1 + dt / 2 * l) * b;
            _ar[j] = a.Real; _br[j] = b.Real;
            if (!real) { _ai[j] = a.Imaginary; _bi[j] = b.Imaginary; }
        }
        _nr = new double[k]; _ni = new double[k]; _oldr = new double[k]; _oldi = new double[k];
        _tr = new double[k]; _ti = new double[k];
    }

    /// <inheritdoc/>
    public KsOperator Operator { get; }
    /// <inheritdoc/>
    public double TimeStep { get; }
    /// <summary>Whether 𝓝(v_old) is known (false: the next step is the AB1 start-up step).</summary>
    public bool HasPrevious => _hasOld;

    /// <inheritdoc/>
    public void Step(Span<double> vr, Span<double> vi)
    {
        Operator.Nonlinear(vr, vi, _nr, _ni);
        if (!_hasOld)
        {
            _nr.CopyTo(_oldr, 0);
            _ni.CopyTo(_oldi, 0);
        }
        double dt = TimeStep;
        // t = 3Δt/2·𝓝(v) − Δt/2·𝓝(v_old)
        TensorPrimitives.Multiply(_oldr, -0.5 * dt, _tr);
        TensorPrimitives.Multiply(_oldi, -0.5 * dt, _ti);
        TensorPrimitives.MultiplyAdd(_nr, 1.5 * dt, _tr, _tr);
        TensorPrimitives.MultiplyAdd(_ni, 1.5 * dt, _ti, _ti);
        SplitComplex.Mul(_ar, _ai, vr, vi, vr, vi);
        SplitComplex.MulAdd(_br, _bi, _tr, _ti, vr, vi);
        (_nr.AsSpan()).CopyTo(_oldr);
        (_ni.AsSpan()).CopyTo(_oldi);
        _hasOld = true;
    }

    /// <inheritdoc/>
    public void Restart() => _hasOld = false;

    /// <inheritdoc/>
    public void SetPrevious(ReadOnlySpan<double> pr, ReadOnlySpan<double> pi)
    {
        Operator.Nonlinear(pr, pi, _oldr, _oldi);
        _hasOld = true;
    }
}
