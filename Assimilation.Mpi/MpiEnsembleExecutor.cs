using System.Diagnostics;
using Science.Assimilation.Cycling;
using Science.Models;
using Science.Models.Ensembles;

namespace Science.Assimilation.Mpi;

/// <summary>
/// The ensemble forecast distributed over MPI ranks, PDAF-style: every rank runs the same program (truth,
/// observations, the cycle loop) and integrates a contiguous block of members, member m on rank ⌊m·size/N⌋; after each
/// forecast the blocks are all-gathered (MPI_Allgatherv), so every rank holds the whole forecast ensemble and runs the
/// same analysis on the same bits, which leaves every rank with the same analysed ensemble (no scatter is needed).
/// The results are therefore bit-identical to <see cref="InProcessExecutor"/>'s for the same seed: each member's
/// forecast is the same model code on the same state, and the analysis is the same code on the same input.
/// </summary>
public sealed class MpiEnsembleExecutor : IEnsembleExecutor
{
    private const int CommWorld = MPI.Unsafe.MPI_COMM_WORLD;
    private const int MpiDouble = MPI.Unsafe.MPI_DOUBLE;

    private readonly MpiSession _session;
    private readonly EnsembleRunner _runner;
    private readonly Ensemble _local;
    private readonly int _members, _first, _count, _stateSize;
    private readonly int[] _stateCounts, _stateOffsets, _statusCounts, _statusOffsets;
    private readonly double[] _statusLocal, _statusAll;
    private readonly Stopwatch _gather = new();

    /// <summary>An executor of <paramref name="members"/> models from <paramref name="factory"/>, this rank's block of
    /// them stepped on up to <paramref name="threads"/> threads (−1 = all cores).</summary>
    /// <exception cref="ArgumentOutOfRangeException">More ranks than members (PDAF's rule: ranks ≤ N).</exception>
    public MpiEnsembleExecutor(MpiSession session, Func<IDynamicalModel> factory, int members, int threads = -1)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        int size = session.Size;
        if (size > members)
            throw new ArgumentOutOfRangeException(nameof(members), members, $"{size} MPI ranks for {members} members: use at most one rank per member (mpiexec -n ≤ {members})");
        _session = session;
        _members = members;
        _first = First(session.Rank, members, size);
        _count = First(session.Rank + 1, members, size) - _first;
        _runner = new EnsembleRunner(_ => factory(), _count, threads);
        _stateSize = _runner.StateSize;
        _local = new Ensemble(_count, _stateSize);
        _stateCounts = new int[size];
        _stateOffsets = new int[size];
        _statusCounts = new int[size];
        _statusOffsets = new int[size];
        for (int r = 0; r < size; r++)
        {
            int first = First(r, members, size), count = First(r + 1, members, size) - first;
            _stateOffsets[r] = checked(first * _stateSize);
            _stateCounts[r] = checked(count * _stateSize);
            _statusOffsets[r] = 2 * first;
            _statusCounts[r] = 2 * count;
        }
        _statusLocal = new double[2 * _count];
        _statusAll = new double[2 * members];
    }

    /// <summary>The first member of rank <paramref name="rank"/>: the smallest m with ⌊m·size/N⌋ ≥ rank.</summary>
    public static int First(int rank, int members, int size) => (int)(((long)rank * members + size - 1) / size);

    /// <inheritdoc/>
    public string Name => $"mpi:{_session.Size}";

    /// <summary>This rank's members [<see cref="FirstMember"/>, <see cref="FirstMember"/> + <see cref="LocalMembers"/>).</summary>
    public int FirstMember => _first;
    /// <summary>Number of members this rank integrates.</summary>
    public int LocalMembers => _count;
    /// <summary>Time spent in MPI_Allgatherv (including waiting for the slowest rank).</summary>
    public TimeSpan GatherTime => _gather.Elapsed;

    /// <inheritdoc/>
    public void SetStates(Ensemble ensemble, double time, long step, Science.Models.LevelUpdate update = Science.Models.LevelUpdate.Restart)
    {
        Check(ensemble);
        ensemble.Data.Slice(_first * _stateSize, _count * _stateSize).CopyTo(_local.Data);
        for (int i = 0; i < _count; i++) _local.SetStatus(i, ensemble.Status[_first + i]);
        _runner.SetStates(_local, time, step, update);
    }

    /// <inheritdoc/>
    public unsafe int Forecast(Ensemble ensemble, int steps)
    {
        Check(ensemble);
        _runner.Advance(_local, steps);
        for (int i = 0; i < _count; i++)
        {
            var s = _local.Status[i];
            _statusLocal[2 * i] = s.IsHealthy ? 0 : 1;
            _statusLocal[2 * i + 1] = s.Step;
        }
        _gather.Start();
        fixed (double* send = _local.Data, receive = ensemble.Data)
            Check(MPI.Unsafe.MPI_Allgatherv((IntPtr)send, _count * _stateSize, MpiDouble, (IntPtr)receive, _stateCounts, _stateOffsets, MpiDouble, CommWorld), "gathering the forecasts");
        fixed (double* send = _statusLocal, receive = _statusAll)
            Check(MPI.Unsafe.MPI_Allgatherv((IntPtr)send, 2 * _count, MpiDouble, (IntPtr)receive, _statusCounts, _statusOffsets, MpiDouble, CommWorld), "gathering the member statuses");
        _gather.Stop();
        int blown = 0;
        for (int m = 0; m < _members; m++)
        {
            if (_statusAll[2 * m] == 0) continue;
            bool wasHealthy = ensemble.Status[m].IsHealthy;
            if (m >= _first && m < _first + _count) ensemble.SetStatus(m, _local.Status[m - _first]);
            else if (wasHealthy) ensemble.SetStatus(m, new MemberStatus(false, (long)_statusAll[2 * m + 1], $"blew up on MPI rank {RankOf(m)} at step {(long)_statusAll[2 * m + 1]}"));
            if (wasHealthy) blown++;
        }
        return blown;
    }

    /// <inheritdoc/>
    public void Dispose() => _runner.Dispose();

    private int RankOf(int member) => (int)((long)member * _session.Size / _members);

    private void Check(Ensemble ensemble)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        if (ensemble.Members != _members || ensemble.StateSize != _stateSize)
            throw new ArgumentException($"the ensemble has {ensemble.Members} members of size {ensemble.StateSize}; the executor has {_members} of size {_stateSize}", nameof(ensemble));
    }

    private static void Check(int code, string what)
    {
        if (code != MPI.Unsafe.MPI_SUCCESS) throw new InvalidOperationException($"MPI error {code} while {what}");
    }
}
