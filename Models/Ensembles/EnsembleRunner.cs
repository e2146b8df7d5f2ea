using System.Diagnostics;

namespace Science.Models.Ensembles;

/// <summary>
/// Steps the members of an <see cref="Ensemble"/> in parallel on all cores, one model instance per member (so a
/// multi-level model keeps its own history between forecasts). Results do not depend on the thread count: members
/// never share mutable state. A member that blows up is marked in <see cref="Ensemble.Status"/>, keeps its last good
/// state and is skipped from then on; the others go on.
/// </summary>
public sealed class EnsembleRunner : IDisposable
{
    private readonly IDynamicalModel[] _models;

    /// <summary>Creates <paramref name="members"/> model instances with <paramref name="factory"/>(member index).</summary>
    /// <param name="factory">Makes the model of one member; called once per member.</param>
    /// <param name="members">Ensemble size, ≥ 1.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 = all cores.</param>
    public EnsembleRunner(Func<int, IDynamicalModel> factory, int members, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "use −1 (all cores) or a positive thread count");
        _models = new IDynamicalModel[members];
        for (int m = 0; m < members; m++) _models[m] = factory(m) ?? throw new ArgumentException($"the factory returned null for member {m}", nameof(factory));
        int n = _models[0].StateSize;
        if (_models.Any(x => x.StateSize != n)) throw new ArgumentException("every member's model must have the same state size", nameof(factory));
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    /// <summary>The members' models, in member order.</summary>
    public IReadOnlyList<IDynamicalModel> Models => _models;
    /// <summary>Ensemble size.</summary>
    public int Members => _models.Length;
    /// <summary>Length of each state vector.</summary>
    public int StateSize => _models[0].StateSize;
    /// <summary>Threads used; −1 = all cores.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>Sets every member's model to its state in <paramref name="ensemble"/> at <paramref name="time"/>
    /// (a multi-level model takes it as <paramref name="update"/> says).</summary>
    public void SetStates(Ensemble ensemble, double time = 0, long step = 0, LevelUpdate update = LevelUpdate.Restart)
    {
        Check(ensemble);
        // Setting a state costs less than a step, so it runs serially whenever the steps do (see Advance), and while
        // the first steps are being timed.
        if (MaxDegreeOfParallelism == 1 || _serialProbes < SerialProbeCalls || _serialIsFaster)
            for (int m = 0; m < Members; m++) SetState(m, ensemble, time, step, update);
        else SetStatesInParallel(ensemble, time, step, update);
    }

    // Separate methods, so that the lambdas' closures are allocated on the parallel paths only.
    private void SetStatesInParallel(Ensemble ensemble, double time, long step, LevelUpdate update) =>
        Parallel.For(0, Members, Options(), m => SetState(m, ensemble, time, step, update));

    private int AdvanceInParallel(Ensemble ensemble, int steps)
    {
        int blownUp = 0;
        Parallel.For(0, Members, Options(), m =>
        {
            if (!Step(m, ensemble, steps)) Interlocked.Increment(ref blownUp);
        });
        return blownUp;
    }

    private void SetState(int m, Ensemble ensemble, double time, long step, LevelUpdate update)
    {
        if (update == LevelUpdate.Continue && _models[m] is IMultiLevelModel multi) multi.SetState(ensemble.Member(m), LevelUpdate.Continue);
        else _models[m].SetState(ensemble.Member(m), time, step);
    }

    /// <summary>
    /// Advances every healthy member <paramref name="steps"/> steps from its model's current state and copies the
    /// results into <paramref name="ensemble"/>. Returns the number of members that blew up during this call.
    /// </summary>
    public int Advance(Ensemble ensemble, int steps)
    {
        Check(ensemble);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        int blownUp = 0;
        // Members are independent, so serial and parallel runs give the same bits; only the wall time differs.
        if (!(MaxDegreeOfParallelism == 1 || _serialProbes < SerialProbeCalls || _serialIsFaster)) return AdvanceInParallel(ensemble, steps);
        long start = Stopwatch.GetTimestamp();
        for (int m = 0; m < Members; m++)
            if (!Step(m, ensemble, steps)) blownUp++;
        if (_serialProbes < SerialProbeCalls) Probe(Stopwatch.GetElapsedTime(start));
        return blownUp;
    }

    /// <summary>Advances member m if healthy; false when it blew up in this call.</summary>
    private bool Step(int m, Ensemble ensemble, int steps)
    {
        if (!ensemble.Status[m].IsHealthy) return true;
        var model = _models[m];
        bool ok = true;
        try
        {
            model.Advance(steps);
        }
        catch (ModelBlowUpException e)
        {
            ensemble.SetStatus(m, MemberStatus.BlownUp(e));
            ok = false;
        }
        model.CopyState(ensemble.Member(m));
        return ok;
    }

    // The first calls run serially and are timed (the first one includes JIT); if the fastest of them is below
    // SerialThreshold, thread dispatch would cost more than it saves (e.g. 24 Lorenz-96 members: ~10 µs per call),
    // and the runner stays serial.
    private const int SerialProbeCalls = 3;
    private static readonly TimeSpan SerialThreshold = TimeSpan.FromMicroseconds(200);
    private int _serialProbes;
    private TimeSpan _fastestProbe = TimeSpan.MaxValue;
    private bool _serialIsFaster;

    private void Probe(TimeSpan elapsed)
    {
        if (elapsed < _fastestProbe) _fastestProbe = elapsed;
        if (++_serialProbes == SerialProbeCalls) _serialIsFaster = _fastestProbe < SerialThreshold;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var m in _models) m.Dispose();
    }

    private ParallelOptions Options() => new() { MaxDegreeOfParallelism = MaxDegreeOfParallelism };

    private void Check(Ensemble ensemble)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        if (ensemble.Members != Members || ensemble.StateSize != StateSize)
            throw new ArgumentException($"the ensemble has {ensemble.Members} members of size {ensemble.StateSize}; the runner has {Members} of size {StateSize}", nameof(ensemble));
    }
}
