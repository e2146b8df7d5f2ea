using Science.Numerics.IO;
using Science.Numerics.Fft;
using Science.QgModel;
using Science.QgModel.IO;
using Science.QgModel.Spectral;

namespace Science.Medida.Increments;

/// <summary>
/// Picks the truth snapshots t_n of an experiment: <c>count</c> states <c>every</c> model
/// steps apart, from a trajectory file (which must contain those steps) or from a single state file (the truth is
/// integrated forward between snapshots).
/// </summary>
public static class TruthSnapshots
{
    /// <summary>Loads or generates the snapshots.</summary>
    /// <exception cref="DataFileException">The file is missing or malformed.</exception>
    /// <exception cref="ArgumentException">The trajectory does not hold the requested steps (the message lists what it holds).</exception>
    public static IReadOnlyList<QgState> Load(string path, int count, long every, QgParameters truth, FftBackendKind backend = FftBackendKind.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        if (QgTrajectoryFile.IsTrajectory(path))
        {
            var t = QgTrajectoryFile.Read(path);
            long first = t.Steps[0];
            var result = new List<QgState>();
            for (int k = 0; k < count; k++)
            {
                long wanted = first + k * every;
                int index = Array.IndexOf(t.Steps.ToArray(), wanted);
                if (index < 0)
                    throw new ArgumentException(
                        $"{path} holds steps {string.Join(", ", t.Steps.Take(12))}{(t.Count > 12 ? ", …" : "")}; " +
                        $"{count} snapshots {every} steps apart need step {wanted}", nameof(every));
                result.Add(t.GetState(index));
            }
            return result;
        }
        var start = QgStateFile.Read(path).State;
        var states = new List<QgState> { start };
        if (count > 1)
        {
            using var solver = new QgSolver(start.Grid, truth, backend);
            solver.Initialize(start);
            for (int k = 1; k < count; k++)
            {
                solver.Advance(every);
                states.Add(solver.Current);
            }
        }
        return states;
    }
}
