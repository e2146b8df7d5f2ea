namespace Science.Models.Stepping;

/// <summary>
/// An <see cref="IDynamicalModel"/> made of an <see cref="ITendency"/> stepped with <see cref="RungeKutta4"/> at a
/// fixed step (the Lorenz systems). Refuses a non-finite step before committing it, so the last good state is kept.
/// </summary>
public class TendencyModel : IDynamicalModel
{
    private readonly RungeKutta4 _rk4;
    private readonly double[] _x, _trial;

    /// <summary>A model of <paramref name="tendency"/> with time step <paramref name="dt"/> &gt; 0.</summary>
    public TendencyModel(string name, ITendency tendency, double dt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(tendency);
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "the time step must be a positive finite number");
        Name = name;
        TimeStep = dt;
        _rk4 = new RungeKutta4(tendency);
        _x = new double[tendency.Size];
        _trial = new double[tendency.Size];
    }

    /// <inheritdoc/>
    public string Name { get; }
    /// <inheritdoc/>
    public int StateSize => _x.Length;
    /// <inheritdoc/>
    public double TimeStep { get; }
    /// <inheritdoc/>
    public double Time { get; private set; }
    /// <inheritdoc/>
    public long StepCount { get; private set; }
    /// <summary>The tendency.</summary>
    public ITendency Tendency => _rk4.Tendency;

    /// <inheritdoc/>
    public void SetState(ReadOnlySpan<double> state, double time = 0, long step = 0)
    {
        if (state.Length != _x.Length) throw new ArgumentException($"the {Name} state has {_x.Length} values; got {state.Length}", nameof(state));
        foreach (double v in state)
            if (!double.IsFinite(v)) throw new ArgumentException($"the {Name} state contains NaN or infinite values", nameof(state));
        state.CopyTo(_x);
        Time = time;
        StepCount = step;
    }

    /// <inheritdoc/>
    public void Advance(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        for (int s = 0; s < steps; s++)
        {
            _x.CopyTo(_trial, 0);
            _rk4.Step(_trial, Time, TimeStep);
            double sum = 0;
            foreach (double v in _trial) sum += v;
            if (!double.IsFinite(sum)) throw new ModelBlowUpException(StepCount + 1, Time + TimeStep, "x", "is not finite");
            _trial.CopyTo(_x, 0);
            StepCount++;
            Time += TimeStep;
        }
    }

    /// <inheritdoc/>
    public void CopyState(Span<double> destination)
    {
        if (destination.Length != _x.Length) throw new ArgumentException($"destination must have {_x.Length} values", nameof(destination));
        _x.CopyTo(destination);
    }

    /// <inheritdoc/>
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
