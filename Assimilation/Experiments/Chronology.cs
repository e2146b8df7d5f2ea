namespace Science.Assimilation.Experiments;

/// <summary>
/// The time line of a twin experiment (DAPPER's <c>Chronology</c>): model step <see cref="Dt"/>, an observation and
/// analysis every <see cref="Dko"/> steps, <see cref="Cycles"/> analyses at steps dko, 2·dko, …, and the first
/// <see cref="BurnInCycles"/> analyses left out of the time means.
/// </summary>
public sealed record Chronology
{
    /// <summary>A chronology; every argument is checked.</summary>
    /// <exception cref="ArgumentOutOfRangeException">dt ≤ 0 or not finite, dko &lt; 1, cycles &lt; 1, burn-in outside [0, cycles).</exception>
    public Chronology(double dt, int dko, int cycles, int burnInCycles)
    {
        Dt = dt; Dko = dko; Cycles = cycles; BurnInCycles = burnInCycles;
        if (burnInCycles >= cycles) throw new ArgumentOutOfRangeException(nameof(burnInCycles), burnInCycles, $"the burn-in must be in [0, {cycles - 1}] cycles (fewer than the {cycles} cycles)");
    }

    /// <summary>
    /// A chronology whose burn-in is given in model time: the analyses at t ≤ <paramref name="burnInTime"/> are left
    /// out (DAPPER averages t &gt; BurnIn).
    /// </summary>
    public static Chronology WithBurnInTime(double dt, int dko, int cycles, double burnInTime)
    {
        if (!(burnInTime >= 0)) throw new ArgumentOutOfRangeException(nameof(burnInTime), burnInTime, "the burn-in time must be in [0, ∞)");
        int k0 = (int)Math.Floor(burnInTime / (dt * dko) + 1e-9);
        return new Chronology(dt, dko, cycles, k0);
    }

    /// <summary>Model time step (model time units), &gt; 0.</summary>
    public double Dt
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Dt), value, "dt must be finite and in (0, ∞)");
    }

    /// <summary>Model steps between observations, ≥ 1.</summary>
    public int Dko
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Dko), value, "dko must be in [1, ∞)");
    }

    /// <summary>Number of observation/analysis cycles, ≥ 1 (DAPPER's Ko + 1).</summary>
    public int Cycles
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Cycles), value, "cycles must be in [1, ∞)");
    }

    /// <summary>Cycles left out of the time means, in [0, <see cref="Cycles"/>).</summary>
    public int BurnInCycles
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(BurnInCycles), value, "the burn-in must be in [0, cycles)");
    }

    /// <summary>Model time between observations, dko·dt.</summary>
    public double ObservationInterval => Dko * Dt;

    /// <summary>
    /// An irregular time line: the model steps before each analysis (one entry ≥ 1 per cycle), or null for the regular
    /// one of <see cref="Dko"/> steps. MEDIDA's assimilated increments use it to analyse at a snapshot time t and at
    /// t + Δt, one model step later, between coarser cycles.
    /// </summary>
    public IReadOnlyList<int>? Schedule
    {
        get;
        init
        {
            if (value is not null)
            {
                if (value.Count != Cycles) throw new ArgumentOutOfRangeException(nameof(Schedule), value.Count, $"the schedule must give the steps before each of the {Cycles} analyses");
                if (value.Any(s => s < 1)) throw new ArgumentOutOfRangeException(nameof(Schedule), "every entry of the schedule must be ≥ 1 model step");
                _steps = new long[value.Count];
                long sum = 0;
                for (int k = 0; k < value.Count; k++) _steps[k] = sum += value[k];
            }
            else _steps = null;
            field = value is null ? null : [.. value];
        }
    }

    private long[]? _steps;

    /// <summary>Model steps between analysis <paramref name="cycle"/> − 1 (or the start) and analysis <paramref name="cycle"/>.</summary>
    public int StepsBefore(int cycle) => Schedule is { } s ? s[cycle] : Dko;

    /// <summary>The model step of the analysis of cycle <paramref name="cycle"/>: (cycle + 1)·dko, or the schedule's sum.</summary>
    public long AnalysisStep(int cycle) => _steps is { } s ? s[cycle] : (cycle + 1L) * Dko;

    /// <summary>Model time of the analysis of cycle <paramref name="cycle"/>: (cycle + 1)·dko·dt (or the schedule's step × dt).</summary>
    public double AnalysisTime(int cycle) => _steps is { } s ? s[cycle] * Dt : (cycle + 1) * (double)Dko * Dt;
}
