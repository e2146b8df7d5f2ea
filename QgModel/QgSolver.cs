using System.Numerics.Tensors;
using Science.QgModel.Spectral;

namespace Science.QgModel;

/// <summary>
/// The two-layer QG channel model (spec §2–§3): pseudo-spectral tendencies with the 3/2-rule de-aliased Jacobian,
/// jet relaxation, sponge, bottom friction, β and topography; implicit hyperviscosity on k⁸ + l⁸; a forward start
/// step, leapfrog and the Robert–Asselin filter with the reference's exact step semantics.
/// </summary>
/// <remarks>
/// <para>Three time levels as in the reference: level 0 = n − 1, level 1 = n. Call i = 0 of a run is a forward step;
/// calls i ≥ 1 are leapfrog steps; the filter acts on the middle level from call i = 2 on. Every
/// <see cref="Initialize(QgState, double?, double[])"/> restarts the counter at 0, like every reference run;
/// <see cref="Restore"/> continues it.</para>
/// <para>The instance owns its FFT plans and buffers: one solver per thread. Ensemble members are separate solvers
/// (see <see cref="QgEnsemble"/>). <see cref="Step"/> allocates nothing.</para>
/// </remarks>
public sealed class QgSolver : IDisposable
{
    private readonly QgSpectral _sp;
    private readonly JetProfile _jet;
    private readonly double[]? _topography;
    private readonly SpectralField? _topographyHat;
    private readonly double[] _forwardFactor, _leapfrogFactor;
    private readonly SpectralField[] _qc0, _qc1, _qc2, _psiHat1, _psiHat0;
    private readonly double[] _psi1, _q1, _psi0, _q0;
    private readonly SpectralField _advected, _jac, _forcingHat, _zeta1, _zeta2;
    private readonly double[] _work, _rowMean;
    private bool _level0Valid, _initialized;

    /// <summary>Creates a solver for <paramref name="grid"/> with <paramref name="parameters"/>.</summary>
    public QgSolver(Grid grid, QgParameters parameters, FftBackendKind backend = FftBackendKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Parameters = (parameters ?? throw new ArgumentNullException(nameof(parameters))).Validated();
        Grid = grid;
        _sp = new QgSpectral(grid, backend);
        _jet = new JetProfile(grid, parameters.Sigma, parameters.U1);
        _topography = Topography.Field(grid, parameters);
        if (_topography is not null)
        {
            _topographyHat = new SpectralField(grid);
            _sp.Forward(_topography, _topographyHat);
        }
        int s = grid.SpectralSize, n = grid.RealSize;
        _forwardFactor = new double[s];
        _leapfrogFactor = new double[s];
        double dt = parameters.Dt, nu = parameters.Nu;
        for (int i = 0; i < s; i++)
        {
            _forwardFactor[i] = dt / (1 + dt * nu * grid.K8[i]);
            _leapfrogFactor[i] = 2 * dt / (1 + 2 * dt * nu * grid.K8[i]);
        }
        _qc0 = Pair(grid); _qc1 = Pair(grid); _qc2 = Pair(grid); _psiHat1 = Pair(grid); _psiHat0 = Pair(grid);
        _psi1 = new double[2 * n]; _q1 = new double[2 * n]; _psi0 = new double[2 * n]; _q0 = new double[2 * n];
        _advected = new SpectralField(grid); _jac = new SpectralField(grid); _forcingHat = new SpectralField(grid);
        _zeta1 = new SpectralField(grid); _zeta2 = new SpectralField(grid);
        _work = new double[n];
        _rowMean = new double[grid.Ny];
    }

    /// <summary>The grid.</summary>
    public Grid Grid { get; }
    /// <summary>The model parameters (validated).</summary>
    public QgParameters Parameters { get; }
    /// <summary>The spectral toolbox of this solver (its scratch is shared with the solver: same thread only).</summary>
    public QgSpectral Spectral => _sp;
    /// <summary>The forcing profiles (sponge, u_eq, ψR).</summary>
    public JetProfile Jet => _jet;
    /// <summary>The model's topographic PV R (lower layer), or null when flat.</summary>
    public ReadOnlySpan<double> TopographyField => _topography;
    /// <summary>The reference's call counter of the current run: the next <see cref="Step"/> is call i.</summary>
    public long CallIndex { get; private set; }
    /// <summary>Steps since the start of the experiment (continues across restarts).</summary>
    public long StepCount { get; private set; }
    /// <summary>Model time of the current level.</summary>
    public double Time { get; private set; }
    /// <summary>Check the CFL number every this many steps (0 = never). Default 20.</summary>
    public int CflCheckInterval { get; set; } = 20;
    /// <summary>A CFL number above this stops the run with <see cref="QgBlowUpException"/>. Default 1.</summary>
    public double MaxCfl { get; set; } = 1.0;

    /// <summary>
    /// Starts a run from ψ (the q of the state is ignored and rebuilt): ψ̂ = rfft2(ψ), q from ψ with β =
    /// <paramref name="pvBeta"/> (default the model's) and R = <paramref name="pvTopography"/> (default the model's),
    /// both levels set to that state, call counter 0 (the next step is the forward step).
    /// </summary>
    public void Initialize(QgState state, double? pvBeta = null, double[]? pvTopography = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Grid.SameAs(Grid))
            throw new ArgumentException($"state grid {state.Grid} does not match the solver grid {Grid}", nameof(state));
        int n = Grid.RealSize;
        double beta = pvBeta ?? Parameters.Beta;
        var r = pvTopography ?? _topography;
        if (r is not null && r.Length != n) throw new ArgumentException($"topography must have {n} values", nameof(pvTopography));
        if (!double.IsFinite(TensorPrimitives.MaxMagnitude<double>(state.Psi)))
            throw new ArgumentException("the initial streamfunction contains NaN or infinite values", nameof(state));

        state.Psi.AsSpan().CopyTo(_psi1);
        _sp.PvFromPsi(_psi1, beta, r, _q1);
        for (int layer = 0; layer < 2; layer++)
        {
            _sp.Forward(_psi1.AsSpan(layer * n, n), _psiHat1[layer]);
            var q = _q1.AsSpan(layer * n, n);
            if (Parameters.PeriodicPv)
            {
                SubtractRamp(q, _work, Parameters.Beta);
                _sp.Forward(_work, _qc1[layer]);
            }
            else _sp.Forward(q, _qc1[layer]);
            _qc0[layer].CopyFrom(_qc1[layer]);
        }
        CallIndex = 0;
        StepCount = state.Step;
        Time = state.Time;
        _level0Valid = false;
        _initialized = true;
    }

    /// <summary>Continues a run from a checkpoint: levels, counters and time are restored exactly.</summary>
    public void Restore(QgCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!checkpoint.Grid.SameAs(Grid))
            throw new ArgumentException($"checkpoint grid {checkpoint.Grid} does not match the solver grid {Grid}", nameof(checkpoint));
        if (checkpoint.CallIndex < 1)
            throw new ArgumentException("a checkpoint must be taken after at least one step", nameof(checkpoint));
        for (int layer = 0; layer < 2; layer++)
        {
            _qc0[layer].CopyFrom(checkpoint.Previous[layer]);
            _qc1[layer].CopyFrom(checkpoint.Current[layer]);
        }
        Diagnose(_qc1, _psiHat1, _psi1, _q1);
        CallIndex = checkpoint.CallIndex;
        StepCount = checkpoint.Step;
        Time = checkpoint.Time;
        _level0Valid = false;
        _initialized = true;
    }

    /// <summary>A deep copy of everything a bitwise restart needs. Requires at least one step in this run.</summary>
    public QgCheckpoint Checkpoint()
    {
        EnsureInitialized();
        if (CallIndex < 1) throw new InvalidOperationException("take a checkpoint after at least one step of the run");
        return new QgCheckpoint
        {
            Grid = Grid,
            Parameters = Parameters,
            CallIndex = CallIndex,
            Step = StepCount,
            Time = Time,
            Previous = [Copy(_qc0[0]), Copy(_qc0[1])],
            Current = [Copy(_qc1[0]), Copy(_qc1[1])],
        };
    }

    /// <summary>The newest level (the reference's level 1 after a call, "new").</summary>
    public QgState Current
    {
        get
        {
            EnsureInitialized();
            return new QgState(Grid, (double[])_psi1.Clone(), (double[])_q1.Clone(), Time, StepCount);
        }
    }

    /// <summary>
    /// The previous level (the reference's level 0, "prev"), Robert-filtered from call 2 on. After a
    /// <see cref="QgBlowUpException"/> this is the last good state.
    /// </summary>
    public QgState Previous
    {
        get
        {
            EnsureInitialized();
            EnsurePrevious();
            return new QgState(Grid, (double[])_psi0.Clone(), (double[])_q0.Clone(), Time - Parameters.Dt, StepCount - 1);
        }
    }

    /// <summary>ψ̂ of one layer at the newest level (read-only view of the solver's buffer).</summary>
    public SpectralField PsiHat(int layer) => _psiHat1[layer];

    /// <summary>The raw spectral prognostic PV of level 0 (previous) or 1 (current); for tests of the step formulas.</summary>
    internal SpectralField PrognosticPv(int level, int layer) => level == 0 ? _qc0[layer] : _qc1[layer];

    /// <summary>Advances one step (call i = <see cref="CallIndex"/>). Allocates nothing.</summary>
    /// <exception cref="QgBlowUpException">q became non-finite or the CFL number exceeded <see cref="MaxCfl"/>.</exception>
    public void Step()
    {
        EnsureInitialized();
        var p = Parameters;
        int s = Grid.SpectralSize;
        long i = CallIndex;
        for (int layer = 0; layer < 2; layer++)
        {
            Tendency(layer, _qc2[layer]);   // _qc2 holds RHS for now
            var rhs = _qc2[layer];
            var q1 = _qc1[layer];
            if (i == 0)
            {
                double dt = p.Dt;
                for (int k = 0; k < s; k++)
                {
                    double f = _forwardFactor[k];
                    rhs.Re[k] = f * (q1.Re[k] / dt + rhs.Re[k]);
                    rhs.Im[k] = f * (q1.Im[k] / dt + rhs.Im[k]);
                }
            }
            else
            {
                var q0 = _qc0[layer];
                double dt = p.Dt;
                for (int k = 0; k < s; k++)
                {
                    double f = _leapfrogFactor[k];
                    rhs.Re[k] = f * (q0.Re[k] / dt / 2 + rhs.Re[k]);
                    rhs.Im[k] = f * (q0.Im[k] / dt / 2 + rhs.Im[k]);
                }
            }
        }
        if (i > 1)
        {
            double g = p.Robert;
            for (int layer = 0; layer < 2; layer++)
            {
                var a = _qc0[layer]; var b = _qc1[layer]; var c = _qc2[layer];
                for (int k = 0; k < s; k++)
                {
                    b.Re[k] = b.Re[k] + g * (a.Re[k] - 2 * b.Re[k] + c.Re[k]);
                    b.Im[k] = b.Im[k] + g * (a.Im[k] - 2 * b.Im[k] + c.Im[k]);
                }
            }
        }
        for (int layer = 0; layer < 2; layer++)
        {
            // Rotate the levels: 0 ← 1 (filtered), 1 ← 2 (new), 2 ← old 0 (scratch for the next step).
            var oldest = _qc0[layer];
            _qc0[layer] = _qc1[layer];
            _qc1[layer] = _qc2[layer];
            _qc2[layer] = oldest;
        }
        Diagnose(_qc1, _psiHat1, _psi1, _q1);
        _level0Valid = false;
        CallIndex++;
        StepCount++;
        Time += p.Dt;
        CheckHealth();
    }

    /// <summary>Advances <paramref name="steps"/> steps.</summary>
    public void Advance(long steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        for (long k = 0; k < steps; k++) Step();
    }

    /// <summary>The CFL number Δt (max|u|/dx + max|v|/dy) of the newest level.</summary>
    public double Cfl()
    {
        EnsureInitialized();
        double umax = 0, vmax = 0;
        for (int layer = 0; layer < 2; layer++)
        {
            _sp.Dy(_psiHat1[layer], _zeta1);
            _sp.Inverse(_zeta1, _work);
            umax = Math.Max(umax, TensorPrimitives.MaxMagnitude<double>(_work));
            _sp.Dx(_psiHat1[layer], _zeta1);
            _sp.Inverse(_zeta1, _work);
            vmax = Math.Max(vmax, TensorPrimitives.MaxMagnitude<double>(_work));
        }
        return Parameters.Dt * (umax / Grid.Dx + vmax / Grid.Dy);
    }

    /// <inheritdoc/>
    public void Dispose() => _sp.Dispose();

    // RHS_k of spec §2.5 from level 1 into result (no hyperviscosity).
    private void Tendency(int layer, SpectralField result)
    {
        var p = Parameters;
        var k2 = Grid.KSquared;
        int s = Grid.SpectralSize, n = Grid.RealSize, nx = Grid.Nx, ny = Grid.Ny;
        var psiA = _psiHat1[layer];
        var psi1 = _psiHat1[0]; var psi2 = _psiHat1[1];
        double cj = p.CJacobian, sign = layer == 0 ? -1.0 : 1.0;
        for (int k = 0; k < s; k++)
        {
            double lap = -k2[k];
            double dRe = psi1.Re[k] - psi2.Re[k], dIm = psi1.Im[k] - psi2.Im[k];
            _advected.Re[k] = cj * (lap * psiA.Re[k] + sign * dRe);
            _advected.Im[k] = cj * (lap * psiA.Im[k] + sign * dIm);
        }
        if (layer == 1 && _topographyHat is not null)
            for (int k = 0; k < s; k++)
            {
                _advected.Re[k] += cj * _topographyHat.Re[k];
                _advected.Im[k] += cj * _topographyHat.Im[k];
            }
        _sp.Jacobian(psiA, _advected, _jac);

        // Relaxation and sponge in grid space at level 1.
        var psiUpper = _psi1.AsSpan(0, n); var psiLower = _psi1.AsSpan(n, n);
        var q = _q1.AsSpan(layer * n, n);
        ZonalMean(q, _rowMean);
        double tauD1 = p.TauD1, tauD2 = p.TauD2;
        var sponge = _jet.Sponge; var psiR = _jet.PsiR;
        for (int j = 0; j < ny; j++)
        {
            double sj = sponge[j], target = psiR[j] * tauD2, mean = _rowMean[j];
            int row = j * nx;
            if (layer == 0)
                for (int i = 0; i < nx; i++)
                    _work[row + i] = (psiUpper[row + i] - psiLower[row + i]) * tauD1 - target - sj * (q[row + i] - mean);
            else
                for (int i = 0; i < nx; i++)
                    _work[row + i] = -(psiUpper[row + i] - psiLower[row + i]) * tauD1 + target - sj * (q[row + i] - mean);
        }
        _sp.Forward(_work, _forcingHat);

        double beta = p.Beta;
        int nk = Grid.Nk;
        var kx = Grid.K;
        for (int row = 0; row < ny; row++)
            for (int m = 0; m < nk; m++)
            {
                int k = row * nk + m;
                double bk = beta * kx[m];
                result.Re[k] = -_jac.Re[k] + bk * psiA.Im[k] + _forcingHat.Re[k];
                result.Im[k] = -_jac.Im[k] - bk * psiA.Re[k] + _forcingHat.Im[k];
            }
        if (layer == 1 && p.TauF != 0)
        {
            double tf = p.TauF;
            for (int k = 0; k < s; k++)
            {
                result.Re[k] += k2[k] * psiA.Re[k] * tf;
                result.Im[k] += k2[k] * psiA.Im[k] * tf;
            }
        }
    }

    // From spectral prognostic PV of both layers: physical q, ζ̂ = rfft2(q − βy − R), ψ̂ by inversion, physical ψ.
    private void Diagnose(SpectralField[] qc, SpectralField[] psiHat, double[] psi, double[] q)
    {
        int n = Grid.RealSize;
        double beta = Parameters.Beta;
        for (int layer = 0; layer < 2; layer++)
        {
            var ql = q.AsSpan(layer * n, n);
            _sp.Inverse(qc[layer], ql);
            if (Parameters.PeriodicPv)
            {
                ql.CopyTo(_work);
                AddRamp(ql, beta);
            }
            else SubtractRamp(ql, _work, beta);
            if (layer == 1 && _topography is not null)
                TensorPrimitives.Subtract(_work, _topography, _work);
            _sp.Forward(_work, layer == 0 ? _zeta1 : _zeta2);
        }
        _sp.Invert(_zeta1, _zeta2, psiHat[0], psiHat[1]);
        _sp.Inverse(psiHat[0], psi.AsSpan(0, n));
        _sp.Inverse(psiHat[1], psi.AsSpan(n, n));
    }

    private void EnsurePrevious()
    {
        if (_level0Valid) return;
        Diagnose(_qc0, _psiHat0, _psi0, _q0);
        _level0Valid = true;
    }

    private void CheckHealth()
    {
        int n = Grid.RealSize;
        for (int layer = 0; layer < 2; layer++)
        {
            double max = TensorPrimitives.MaxMagnitude<double>(_q1.AsSpan(layer * n, n));
            if (!double.IsFinite(max))
                throw new QgBlowUpException(StepCount, Time, layer == 0 ? "q1" : "q2", $"is not finite (max |q| = {max})");
        }
        if (CflCheckInterval > 0 && StepCount % CflCheckInterval == 0)
        {
            double cfl = Cfl();
            if (!(cfl <= MaxCfl))
                throw new QgBlowUpException(StepCount, Time, "CFL", $"number {cfl:G4} exceeds the limit {MaxCfl:G4}");
        }
    }

    private void SubtractRamp(ReadOnlySpan<double> field, Span<double> result, double beta)
    {
        int nx = Grid.Nx;
        var y = Grid.Y;
        for (int j = 0; j < Grid.Ny; j++)
        {
            double by = beta * y[j];
            int row = j * nx;
            for (int i = 0; i < nx; i++) result[row + i] = field[row + i] - by;
        }
    }

    private void AddRamp(Span<double> field, double beta)
    {
        int nx = Grid.Nx;
        var y = Grid.Y;
        for (int j = 0; j < Grid.Ny; j++)
        {
            double by = beta * y[j];
            var row = field.Slice(j * nx, nx);
            for (int i = 0; i < nx; i++) row[i] += by;
        }
    }

    private void ZonalMean(ReadOnlySpan<double> field, double[] mean)
    {
        int nx = Grid.Nx;
        for (int j = 0; j < Grid.Ny; j++) mean[j] = TensorPrimitives.Sum(field.Slice(j * nx, nx)) / nx;
    }

    private void EnsureInitialized()
    {
        if (!_initialized) throw new InvalidOperationException("initialise the solver from a state or restore a checkpoint first");
    }

    private static SpectralField[] Pair(Grid grid) => [new SpectralField(grid), new SpectralField(grid)];

    private static SpectralField Copy(SpectralField a)
    {
        var c = new SpectralField(a.Length);
        c.CopyFrom(a);
        return c;
    }
}
