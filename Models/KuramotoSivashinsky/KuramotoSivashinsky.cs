using System.Numerics.Tensors;
using Science.Numerics;

namespace Science.Models.Ks;

/// <summary>
/// The Kuramoto–Sivashinsky model behind the seam: u_t = −λ0 u u_x − λ1 u_xx − λ2 u_xxxx (+ extra term) on the
/// periodic grid of <see cref="KsParameters"/>, advanced in Fourier space by ETDRK4 (truth) or CNAB2 (MEDIDA's
/// imperfect model). The state vector is the grid values u_j at x_j = x_0 + j·L/N, j = 0 … N − 1.
/// </summary>
/// <remarks>
/// <para>Internally the state is kept as rfft coefficients between calls; <see cref="SetState(ReadOnlySpan{double}, double, long)"/>
/// transforms in and <see cref="CopyState"/> transforms out (so a set/copy round trip agrees to rounding, ~1e−16
/// relative). The Nyquist coefficient has κ = 0 (DAPPER's convention) and is carried unchanged.</para>
/// <para>The two time levels (<see cref="IMultiLevelModel"/>) are the current state and the state one step before; only
/// CNAB2 uses the previous one (its 𝓝(u_old)). After <see cref="LevelUpdate.Restart"/> the next CNAB2 step is the AB1
/// start-up step (u_old = u). ETDRK4 ignores the previous level. A step that produces non-finite values throws
/// <see cref="ModelBlowUpException"/> and the model keeps its last good state (with its history restarted).</para>
/// </remarks>
public sealed class KuramotoSivashinsky : IMultiLevelModel
{
    private readonly double[] _vr, _vi, _pr, _pi, _sr, _si, _tendR, _tendI;

    /// <summary>A model with <paramref name="parameters"/> (validated), state u = 0 at t = 0.</summary>
    public KuramotoSivashinsky(KsParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Operator = new KsOperator(parameters);
        Parameters = Operator.Parameters;
        Stepper = parameters.Stepper == KsStepperKind.EtdRk4
            ? new EtdRk4(Operator, parameters.TimeStep, parameters.ContourPoints)
            : new Cnab2(Operator, parameters.TimeStep);
        int k = Operator.Modes;
        _vr = new double[k]; _vi = new double[k]; _pr = new double[k]; _pi = new double[k];
        _sr = new double[k]; _si = new double[k];
        _tendR = new double[k]; _tendI = new double[k];
    }

    /// <summary>The parameters.</summary>
    public KsParameters Parameters { get; }
    /// <summary>The spectral operator (wavenumbers, 𝓛, 𝓝).</summary>
    public KsOperator Operator { get; }
    /// <summary>The time stepper.</summary>
    public IKsStepper Stepper { get; }

    /// <inheritdoc/>
    public string Name => "ks";
    /// <inheritdoc/>
    public int StateSize => Parameters.N;
    /// <inheritdoc/>
    public double TimeStep => Parameters.TimeStep;
    /// <inheritdoc/>
    public double Time { get; private set; }
    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <summary>The grid x_j = x_0 + j·L/N (a new array).</summary>
    public double[] Grid() => [.. Enumerable.Range(0, Parameters.N).Select(Parameters.X)];

    /// <summary>
    /// The Kassam–Trefethen initial condition scaled to the domain, u_j = cos(2πx_j/L)(1 + sin(2πx_j/L)) (for
    /// L = 32π this is cos(x/16)(1 + sin(x/16)), DAPPER's x0 before its spin-up), plus i.i.d. N(0, noise²) values
    /// drawn with <see cref="SeedSequence.Gaussian"/>(seed) when <paramref name="noise"/> &gt; 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="noise"/> negative or not finite.</exception>
    public static double[] InitialCondition(KsParameters parameters, double noise = 0, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(noise >= 0) || !double.IsFinite(noise)) throw new ArgumentOutOfRangeException(nameof(noise), noise, "noise must be a finite standard deviation ≥ 0");
        var u = new double[parameters.N];
        for (int j = 0; j < u.Length; j++)
        {
            double a = 2 * Math.PI * parameters.X(j) / parameters.Length;
            u[j] = Math.Cos(a) * (1 + Math.Sin(a));
        }
        if (noise > 0)
        {
            var e = new double[u.Length];
            SeedSequence.Gaussian(seed, noise, e);
            TensorPrimitives.Add(u, e, u);
        }
        return u;
    }

    /// <summary>Advances <paramref name="steps"/> steps and then resets the clock to t = 0, step 0, keeping both levels (a spin-up).</summary>
    public void SpinUp(int steps)
    {
        Advance(steps);
        Time = 0;
        StepCount = 0;
    }

    /// <inheritdoc/>
    public void SetState(ReadOnlySpan<double> state, double time = 0, long step = 0)
    {
        ToSpectral(state, _vr, _vi, nameof(state));
        _vr.CopyTo(_pr, 0);
        _vi.CopyTo(_pi, 0);
        Stepper.Restart();
        Time = time;
        StepCount = step;
    }

    /// <inheritdoc/>
    public void SetState(ReadOnlySpan<double> state, LevelUpdate update)
    {
        if (update == LevelUpdate.Restart)
        {
            SetState(state, Time, StepCount);
            return;
        }
        ToSpectral(state, _sr, _si, nameof(state));
        bool hadPrevious = Stepper is not Cnab2 c || c.HasPrevious;
        // previous += new − current, then current = new.
        for (int k = 0; k < _vr.Length; k++)
        {
            _pr[k] += _sr[k] - _vr[k];
            _pi[k] += _si[k] - _vi[k];
        }
        _sr.CopyTo(_vr, 0);
        _si.CopyTo(_vi, 0);
        if (hadPrevious) Stepper.SetPrevious(_pr, _pi);
    }

    /// <inheritdoc/>
    public void SetLevels(ReadOnlySpan<double> previous, ReadOnlySpan<double> current, double time = 0, long step = 0)
    {
        ToSpectral(current, _vr, _vi, nameof(current));
        ToSpectral(previous, _pr, _pi, nameof(previous));
        Stepper.SetPrevious(_pr, _pi);
        Time = time;
        StepCount = step;
    }

    /// <inheritdoc/>
    public void Advance(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        for (int s = 0; s < steps; s++)
        {
            _vr.CopyTo(_sr, 0);
            _vi.CopyTo(_si, 0);
            Stepper.Step(_vr, _vi);
            if (!double.IsFinite(TensorPrimitives.Sum(_vr) + TensorPrimitives.Sum(_vi)))
            {
                _sr.CopyTo(_vr, 0);
                _si.CopyTo(_vi, 0);
                Stepper.Restart();
                throw new ModelBlowUpException(StepCount + 1, Time + TimeStep, "u", "is not finite");
            }
            _sr.CopyTo(_pr, 0);
            _si.CopyTo(_pi, 0);
            StepCount++;
            Time += TimeStep;
        }
    }

    /// <inheritdoc/>
    public void CopyState(Span<double> destination) => ToGrid(_vr, _vi, destination);

    /// <inheritdoc/>
    public void CopyPreviousState(Span<double> destination) => ToGrid(_pr, _pi, destination);

    /// <summary>The tendency u_t of the grid state <paramref name="u"/> into <paramref name="dudt"/> (grid values), without allocating.</summary>
    public void Tendency(ReadOnlySpan<double> u, Span<double> dudt)
    {
        ToSpectral(u, _sr, _si, nameof(u));
        Operator.Tendency(_sr, _si, _tendR, _tendI);
        ToGrid(_tendR, _tendI, dudt);
    }

    /// <inheritdoc/>
    public void Dispose() { }

    private void ToSpectral(ReadOnlySpan<double> u, Span<double> re, Span<double> im, string name)
    {
        if (u.Length != Parameters.N) throw new ArgumentException($"the ks state has {Parameters.N} values; got {u.Length}", name);
        foreach (double v in u)
            if (!double.IsFinite(v)) throw new ArgumentException("the ks state contains NaN or infinite values", name);
        Operator.Fft.Forward(u, re, im);
    }

    private void ToGrid(ReadOnlySpan<double> re, ReadOnlySpan<double> im, Span<double> destination)
    {
        if (destination.Length != Parameters.N) throw new ArgumentException($"destination must have {Parameters.N} values", nameof(destination));
        Operator.Fft.Inverse(re, im, destination);
    }
}
