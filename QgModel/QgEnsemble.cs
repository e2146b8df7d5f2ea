using Science.Models;
using Science.Models.Ensembles;

namespace Science.QgModel;

/// <summary>
/// Steps independent solvers (ensemble members, twin runs, one-step forecasts) in parallel on all cores. Each member
/// owns its buffers and FFT plans, so members never share mutable state and results are identical to stepping them
/// one after the other. A member that blows up is reported in the returned statuses and keeps its last good state;
/// the others go on. (For ensembles behind the model seam, use <see cref="EnsembleRunner"/> with
/// <see cref="TwoLayerQgModel"/>.)
/// </summary>
public static class QgEnsemble
{
    /// <summary>Advances every member by <paramref name="steps"/> steps, members in parallel.</summary>
    /// <param name="members">The solvers; each must be initialised.</param>
    /// <param name="steps">Steps per member, ≥ 0.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 = all cores.</param>
    /// <returns>One status per member: healthy, or the step and message of its blow-up.</returns>
    public static IReadOnlyList<MemberStatus> Advance(IReadOnlyList<QgSolver> members, long steps, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var status = new MemberStatus[members.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, members.Count, options, m =>
        {
            try
            {
                members[m].Advance(steps);
                status[m] = MemberStatus.Healthy;
            }
            catch (ModelBlowUpException e)
            {
                status[m] = MemberStatus.BlownUp(e);
            }
        });
        return status;
    }
}
