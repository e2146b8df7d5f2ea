using System.Diagnostics;
using Science.QgModel.IO;

namespace Science.QgModel.Runs;

/// <summary>The outcome of a run: scalar diagnostics over time, the final summary and the wall time.</summary>
public sealed record QgRunResult(IReadOnlyList<QgSummary> Diagnostics, QgSummary Final, TimeSpan Wall, long Steps, string FftBackend)
{
    /// <summary>Wall milliseconds per step.</summary>
    public double MillisecondsPerStep => Wall.TotalMilliseconds / Math.Max(1, Steps);
}

/// <summary>
/// Drives a solver for a number of steps: trajectory snapshots (the newest level, every K steps, including the
/// starting state), atomic checkpoints, scalar diagnostics and progress callbacks. On a blow-up it writes the
/// trajectory recorded so far and rethrows; the solver's previous level still holds the last good state.
/// </summary>
public static class QgRunner
{
    /// <summary>Runs <paramref name="solver"/> (initialised or restored) as the options say.</summary>
    /// <param name="solver">The solver.</param>
    /// <param name="options">Steps and outputs.</param>
    /// <param name="progress">Called after every step with the steps done in this run and the latest diagnostics.</param>
    public static QgRunResult Run(QgSolver solver, QgRunOptions options, Action<long, QgSummary>? progress = null)
    {
        options.Validated();
        long steps = options.Steps;
        long diagEvery = options.DiagnosticsEvery > 0 ? options.DiagnosticsEvery : Math.Max(1, steps / 200);
        var diagnostics = new QgDiagnostics(solver.Spectral);
        var records = new List<QgSummary>();
        var dt = solver.Parameters.Dt;
        var latest = diagnostics.Summarize(solver.Current, dt);
        records.Add(latest);

        QgTrajectoryWriter? trajectory = null;
        if (options.SnapshotEvery > 0)
        {
            int count = checked((int)(steps / options.SnapshotEvery + 1));
            trajectory = new QgTrajectoryWriter(options.TrajectoryPath!, solver.Grid, solver.Parameters, count, options.Provenance);
            trajectory.Add(solver.Current);
        }
        var clock = Stopwatch.StartNew();
        try
        {
            for (long done = 1; done <= steps; done++)
            {
                solver.Step();
                bool diag = done % diagEvery == 0 || done == steps;
                if (trajectory is not null && done % options.SnapshotEvery == 0) trajectory.Add(solver.Current);
                if (options.CheckpointEvery > 0 && done % options.CheckpointEvery == 0)
                    QgCheckpointFile.Write(options.CheckpointPath!, solver.Checkpoint());
                if (diag)
                {
                    latest = diagnostics.Summarize(solver.Current, dt);
                    records.Add(latest);
                }
                progress?.Invoke(done, latest);
            }
            clock.Stop();
            trajectory?.Complete();
        }
        finally
        {
            trajectory?.Dispose();
        }
        return new QgRunResult(records, latest, clock.Elapsed, steps, solver.Spectral.Backend);
    }
}
