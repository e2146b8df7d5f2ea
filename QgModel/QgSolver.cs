using Science.Numerics.Fft;
using System.Numerics;
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
    private readonly SpectralField _rampHat, _psiRHat;
    private readonly double[] _forwardFactor, _leapfrogFactor, _betaK, _frictionK2;
    private readonly SpectralField[] _qc0, _qc1, _qc2, _psiHat1, _psiHat0;
    private readonly double[] _psi1, _q1, _psi0, _q0;
    private bool _psi1Valid, _q1Valid;
    private readonly SpectralField _advected, _jac, _forcingHat, _velocity;
    private readonly double[] _work, _minusSponge;
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
        // Spectra of the y-only fields: the βy ramp the spectral PV carries (reference mode) and ψR (both in column k = 0).
        _rampHat = new SpectralField(grid);
        _psiRHat = new SpectralField(grid);
        var broadcast = new double[n];
        if (!parameters.PeriodicPv)
        {
            for (int j = 0; j < grid.Ny; j++) broadcast.AsSpan(j * grid.Nx, grid.Nx).Fill(parameters.Beta * grid.Y[j]);
            _sp.Forward(broadcast, _rampHat);
        }
        for (int j = 0; j < grid.Ny; j++) broadcast.AsSpan(j * grid.Nx, grid.Nx).Fill(_jet.PsiR[j]);
        _sp.Forward(broadcast, _psiRHat);
        _forwardFactor = new double[s];
        _leapfrogFactor = new double[s];
        double dt = parameters.Dt, nu = parameters.Nu;
        _betaK = new double[s];
        _frictionK2 = new double[s];
        for (int i = 0; i < s; i++)
        {
            _betaK[i] = parameters.Beta * grid.K[i % grid.Nk];
            _frictionK2[i] = parameters.TauF * grid.KSquared[i];
            _forwardFactor[i] = dt / (1 + dt * nu * grid.K8[i]);
            _leapfrogFactor[i] = 2 * dt / (1 + 2 * dt * nu * grid.K8[i]);
        }
        _qc0 = Pair(grid); _qc1 = Pair(grid); _qc2 = Pair(grid); _psiHat1 = Pair(grid); _psiHat0 = Pair(grid);
        _psi1 = new double[2 * n]; _q1 = new double[2 * n]; _psi0 = new double[2 * n]; _q0 = new double[2 * n];
        _advected = new SpectralField(grid); _jac = new SpectralField(grid); _forcingHat = new SpectralField(grid);
        _velocity = new SpectralField(grid);
        _work = new double[n];
        _minusSponge = _jet.Sponge.Select(v => -v).ToArray();
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
        if (!double.IsFinite(FieldMath.MaxAbs(state.Psi)))
            throw new ArgumentException("the initial streamfunction contains NaN or infinite values", nameof(state));

        state.Psi.CopyTo(_psi1);
        _sp.PvFromPsi(_psi1, beta, r, _q1);
        for (int layer = 0; layer < 2; layer++)
        {
            _sp.Forward(_psi1.AsSpan(layer * n, n), _psiHat1[layer]);
            var q = _q1.AsSpan(layer * n, n);
            if (Parameters.PeriodicPv)
            {
                AddRamp(q, _work, -Parameters.Beta);
                _sp.Forward(_work, _qc1[layer]);
            }
            else _sp.Forward(q, _qc1[layer]);
            _qc0[layer].CopyFrom(_qc1[layer]);
        }
        CallIndex = 0;
        StepCount = state.Step;
        Time = state.Time;
        _psi1Valid = _q1Valid = true;
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
        Diagnose(_qc1, _psiHat1);
        CallIndex = checkpoint.CallIndex;
        StepCount = checkpoint.Step;
        Time = checkpoint.Time;
        _psi1Valid = _q1Valid = _level0Valid = false;
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
    /// <remarks>Allocates a copy of both fields; in loops use <see cref="CopyPsi"/> and <see cref="CopyQ"/>.</remarks>
    public QgState Current
    {
        get
        {
            EnsureInitialized();
            EnsureCurrentPhysical();
            return new QgState(Grid, _psi1, _q1, Time, StepCount);
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
            EnsurePreviousPhysical();
            return new QgState(Grid, _psi0, _q0, Time - Parameters.Dt, StepCount - 1);
        }
    }

    /// <summary>Copies ψ <c>[layer, y, x]</c> of the newest level into <paramref name="destination"/> (length 2·Nx·Ny) without allocating.</summary>
    public void CopyPsi(Span<double> destination)
    {
        EnsureInitialized();
        RequireLength(destination, nameof(destination));
        EnsureCurrentPhysical();
        _psi1.AsSpan().CopyTo(destination);
    }

    /// <summary>Copies the total PV q <c>[layer, y, x]</c> of the newest level into <paramref name="destination"/> without allocating.</summary>
    public void CopyQ(Span<double> destination)
    {
        EnsureInitialized();
        RequireLength(destination, nameof(destination));
        EnsureCurrentPhysical();
        _q1.AsSpan().CopyTo(destination);
    }

    /// <summary>Copies ψ of the previous level (Robert-filtered from call 2 on) into <paramref name="destination"/> without allocating.</summary>
    public void CopyPreviousPsi(Span<double> destination)
    {
        EnsureInitialized();
        RequireLength(destination, nameof(destination));
        EnsurePreviousPhysical();
        _psi0.AsSpan().CopyTo(destination);
    }

    /// <summary>
    /// Sets both time levels from ψ (previous = one step before current; q built with the model's β and R) and
    /// continues the leapfrog: the next step is a leapfrog step with the Robert–Asselin filter. The spectral PV is
    /// rebuilt from the physical ψ, so a continuation equals the uninterrupted run to round-off, not bit for bit
    /// (use <see cref="Checkpoint"/>/<see cref="Restore"/> for that).
    /// </summary>
    public void SetLevels(ReadOnlySpan<double> previousPsi, ReadOnlySpan<double> currentPsi, double time, long step)
    {
        RequireLength(previousPsi, nameof(previousPsi));
        RequireLength(currentPsi, nameof(currentPsi));
        Initialize(new QgState(Grid, previousPsi, null, time - Parameters.Dt, step - 1));
        for (int layer = 0; layer < 2; layer++) _qc2[layer].CopyFrom(_qc1[layer]);
        Initialize(new QgState(Grid, currentPsi, null, time, step));
        for (int layer = 0; layer < 2; layer++) _qc0[layer].CopyFrom(_qc2[layer]);
        CallIndex = 2;
        _level0Valid = false;
    }

    /// <summary>
    /// Adds the ψ increment <paramref name="deltaPsi"/> <c>[layer, y, x]</c> to both time levels (as the PV increment
    /// ∇²Δψ_k ∓ (Δψ1 − Δψ2), formed spectrally) and keeps the leapfrog going: how an analysis update continues a run.
    /// A zero increment leaves the solver exactly as it was.
    /// </summary>
    public void AddToBothLevels(ReadOnlySpan<double> deltaPsi)
    {
        EnsureInitialized();
        RequireLength(deltaPsi, nameof(deltaPsi));
        int n = Grid.RealSize;
        var d1 = _velocity; var d2 = _jac; var dq = _advected;
        _sp.Forward(deltaPsi[..n], d1);
        _sp.Forward(deltaPsi.Slice(n, n), d2);
        var k2 = Grid.KSquared;
        for (int layer = 0; layer < 2; layer++)
        {
            var own = layer == 0 ? d1 : d2;
            double sign = layer == 0 ? -1 : 1;
            for (int s = 0; s < k2.Length; s++)
            {
                dq.Re[s] = -k2[s] * own.Re[s] + sign * (d1.Re[s] - d2.Re[s]);
                dq.Im[s] = -k2[s] * own.Im[s] + sign * (d1.Im[s] - d2.Im[s]);
            }
            for (int s = 0; s < k2.Length; s++)
            {
                _qc0[layer].Re[s] += dq.Re[s]; _qc0[layer].Im[s] += dq.Im[s];
                _qc1[layer].Re[s] += dq.Re[s]; _qc1[layer].Im[s] += dq.Im[s];
            }
        }
        Diagnose(_qc1, _psiHat1);
        _level0Valid = _psi1Valid = _q1Valid = false;
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
        long i = CallIndex;
        // Forward step from level 1 on call 0, leapfrog from level 0 after.
        Span<double> sums = stackalloc double[2];
        for (int layer = 0; layer < 2; layer++)
            sums[layer] = i == 0
                ? StepLayer(layer, _qc1[layer], _forwardFactor, 1.0 / p.Dt, _qc2[layer])
                : StepLayer(layer, _qc0[layer], _leapfrogFactor, 0.5 / p.Dt, _qc2[layer]);
        // A non-finite new level is refused before anything is committed: the solver keeps the last good state.
        for (int layer = 0; layer < 2; layer++)
        {
            if (!double.IsFinite(sums[layer]))
                throw new QgBlowUpException(StepCount + 1, Time + p.Dt, layer == 0 ? "q1" : "q2",
                    "is not finite (NaN or infinity in the spectral PV)", Current);
        }
        if (i > 1)
            for (int layer = 0; layer < 2; layer++)
                Kernels.RobertFilter(_qc0[layer], _qc1[layer], _qc2[layer], p.Robert);
        for (int layer = 0; layer < 2; layer++)
        {
            // Rotate the levels: 0 ← 1 (filtered), 1 ← 2 (new), 2 ← old 0 (scratch for the next step).
            var oldest = _qc0[layer];
            _qc0[layer] = _qc1[layer];
            _qc1[layer] = _qc2[layer];
            _qc2[layer] = oldest;
        }
        Diagnose(_qc1, _psiHat1);
        _level0Valid = _psi1Valid = _q1Valid = false;
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
            _sp.Dy(_psiHat1[layer], _velocity);
            _sp.Inverse(_velocity, _work);
            umax = Math.Max(umax, FieldMath.MaxAbs(_work));
            _sp.Dx(_psiHat1[layer], _velocity);
            _sp.Inverse(_velocity, _work);
            vmax = Math.Max(vmax, FieldMath.MaxAbs(_work));
        }
        return Parameters.Dt * (umax / Grid.Dx + vmax / Grid.Dy);
    }

    /// <inheritdoc/>
    public void Dispose() => _sp.Dispose();

    // The new level of one layer, q̂_new = f·(q̂_start·rate + RHS_k), with RHS_k of spec §2.5 from level 1 (the
    // hyperviscosity is in f); returns Σ q̂_new (re + im), finite exactly when the new level is. The relaxation and the
    // sponge are formed spectrally (both are linear in the level's fields): equal to the reference's grid-space
    // forcing to round-off.
    private double StepLayer(int layer, SpectralField start, double[] factor, double rate, SpectralField result)
    {
        var p = Parameters;
        var psiA = _psiHat1[layer];
        var psi1 = _psiHat1[0]; var psi2 = _psiHat1[1];
        double sign = layer == 0 ? -1.0 : 1.0;

        // Advected PV Q̂ = c_J(∇²ψ̂_k ∓ (ψ̂1 − ψ̂2) [+ R̂]) and the de-aliased Jacobian.
        AdvectedPv(psiA.Re, psi1.Re, psi2.Re, _topographyHat?.Re, layer, _advected.Re);
        AdvectedPv(psiA.Im, psi1.Im, psi2.Im, _topographyHat?.Im, layer, _advected.Im);
        _sp.Jacobian(psiA, _advected, _jac);

        // Sponge −s(y)(q − ⟨q⟩_x): the βy ramp of the periodic-PV option is zonally uniform and drops out.
        _sp.WeightedEddies(_qc1[layer], _minusSponge, _forcingHat);

        // RHS = −Ĵ − β ik ψ̂ ± τd1(ψ̂1 − ψ̂2) ∓ τd2 ψ̂R + Ŝ [+ τf K² ψ̂2]; −β ik ψ̂ = βk (Im ψ̂, −Re ψ̂).
        var c = new Kernels.StepCoefficients
        {
            Relax = -sign * p.TauD1, Target = sign * p.TauD2, BetaK = _betaK, FrictionK2 = layer == 1 ? _frictionK2 : null,
            Factor = factor, Rate = rate,
        };
        double sum = Kernels.StepPart(new Kernels.RhsPart
        {
            Jacobian = _jac.Re, Other = psiA.Im, Psi1 = psi1.Re, Psi2 = psi2.Re, PsiR = _psiRHat.Re,
            Sponge = _forcingHat.Re, Own = psiA.Re, Start = start.Re, Result = result.Re,
        }, 1.0, c);
        sum += Kernels.StepPart(new Kernels.RhsPart
        {
            Jacobian = _jac.Im, Other = psiA.Re, Psi1 = psi1.Im, Psi2 = psi2.Im, PsiR = _psiRHat.Im,
            Sponge = _forcingHat.Im, Own = psiA.Im, Start = start.Im, Result = result.Im,
        }, -1.0, c);
        return sum;
    }

    // One part (re or im) of Q̂ = c_J(−K² a ∓ (ψ̂1 − ψ̂2) + [R̂]).
    private void AdvectedPv(double[] a, double[] p1, double[] p2, double[]? topo, int layer, double[] result)
    {
        double cj = Parameters.CJacobian, sign = layer == 0 ? -1.0 : 1.0;
        var k2 = Grid.KSquared;
        int i = 0, w = Vector<double>.Count;
        var vcj = new Vector<double>(cj); var vs = new Vector<double>(sign);
        bool withTopography = layer == 1 && topo is not null;
        for (; i <= a.Length - w; i += w)
        {
            var v = vcj * (-new Vector<double>(k2[i..]) * new Vector<double>(a, i) + vs * (new Vector<double>(p1, i) - new Vector<double>(p2, i)));
            if (withTopography) v += vcj * new Vector<double>(topo!, i);
            v.CopyTo(result, i);
        }
        for (; i < a.Length; i++)
            result[i] = cj * (-k2[i] * a[i] + sign * (p1[i] - p2[i])) + (withTopography ? cj * topo![i] : 0.0);
    }

    // ψ̂ from the spectral prognostic PV of both layers: ζ̂ = rfft2(irfft2(q̂) − βy − R) formed spectrally
    // (projection onto real spectra minus the precomputed spectra of the ramp and the topography), then inversion.
    private void Diagnose(SpectralField[] qc, SpectralField[] psiHat) =>
        _sp.InvertPv(qc[0], qc[1], _rampHat, _topographyHat, psiHat[0], psiHat[1]);

    // Physical total PV of a level: irfft2(q̂), plus βy when the spectral PV excludes it (periodic-PV option).
    private void PhysicalPv(SpectralField[] qc, double[] q)
    {
        int n = Grid.RealSize;
        for (int layer = 0; layer < 2; layer++)
        {
            var ql = q.AsSpan(layer * n, n);
            _sp.Inverse(qc[layer], ql);
            if (Parameters.PeriodicPv) AddRamp(ql, ql, Parameters.Beta);
        }
    }

    private void EnsurePreviousPhysical()
    {
        if (_level0Valid) return;
        Diagnose(_qc0, _psiHat0);
        PhysicalPv(_qc0, _q0);
        int n = Grid.RealSize;
        _sp.Inverse(_psiHat0[0], _psi0.AsSpan(0, n));
        _sp.Inverse(_psiHat0[1], _psi0.AsSpan(n, n));
        _level0Valid = true;
    }

    private void RequireLength(ReadOnlySpan<double> span, string name)
    {
        if (span.Length != 2 * Grid.RealSize)
            throw new ArgumentException($"{name} must hold both layers of the {Grid} grid: {2 * Grid.RealSize} values, got {span.Length}", name);
    }

    private void EnsureCurrentPhysical()
    {
        int n = Grid.RealSize;
        if (!_q1Valid)
        {
            PhysicalPv(_qc1, _q1);
            _q1Valid = true;
        }
        if (!_psi1Valid)
        {
            _sp.Inverse(_psiHat1[0], _psi1.AsSpan(0, n));
            _sp.Inverse(_psiHat1[1], _psi1.AsSpan(n, n));
            _psi1Valid = true;
        }
    }

    // The CFL number of the new level, on the first step of a run and every CflCheckInterval steps.
    private void CheckHealth()
    {
        if (CflCheckInterval <= 0 || (CallIndex != 1 && StepCount % CflCheckInterval != 0)) return;
        double cfl = Cfl();
        if (!(cfl <= MaxCfl))
            throw new QgBlowUpException(StepCount, Time, "CFL", $"number {cfl:G4} exceeds the limit {MaxCfl:G4} (reduce dt)", Previous);
    }

    // result = field + β'y row by row (β' = ±β).
    private void AddRamp(ReadOnlySpan<double> field, Span<double> result, double beta)
    {
        int nx = Grid.Nx;
        var y = Grid.Y;
        for (int j = 0; j < Grid.Ny; j++)
        {
            double by = beta * y[j];
            int row = j * nx;
            for (int i = 0; i < nx; i++) result[row + i] = field[row + i] + by;
        }
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
