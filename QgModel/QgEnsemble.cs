namespace Science.QgModel;

/// <summary>
/// Steps independent solvers (ensemble members, twin runs, one-step forecasts) in parallel on all cores. Each member
/// owns its buffers and FFT plans, so members never share mutable state and results are identical to stepping them
/// one after the other.
/// </summary>
public static class QgEnsemble
{
    /// <summary>Advances every member by <paramref name="steps"/> steps, members in parallel.</summary>
    /// <param name="members">The solvers; each must be initialised.</param>
    /// <param name="steps">Steps per member, ≥ 0.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 = all cores.</param>
    public static void Advance(IReadOnlyList<QgSolver> members, long steps, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, members.Count, options, m => members[m].Advance(steps));
    }
}
