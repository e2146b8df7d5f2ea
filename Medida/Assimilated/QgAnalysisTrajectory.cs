using Science.Assimilation.Runs;
using Science.QgModel;
using Science.QgModel.IO;

namespace Science.Medida.Assimilated;

/// <summary>
/// Writes the analysis means of a qg-twin run as a QG trajectory (the layout of <see cref="QgTrajectoryWriter"/>:
/// <c>/psi [T, 2, Ny, Nx]</c>, <c>/time</c>, <c>/step</c>, the ensemble model's parameters as attributes), one snapshot per
/// cycle at the truth start's time plus the analysis time, so <c>medida discover --state TRAJ.h5</c> and the notebooks
/// read it like any trajectory. Only ψ is stored: q follows from ψ with the parameters.
/// </summary>
public static class QgAnalysisTrajectory
{
    /// <summary>Writes <paramref name="run"/>'s analysis means to <paramref name="path"/> (atomically).</summary>
    public static void Write(string path, AssimilationRun run, QgTwinSettings settings, string command)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        var start = QgStateFile.Read(settings.State);
        var grid = start.Grid;
        var parameters = Cases.CaseCatalogue.Get(settings.Case).Model;
        var chrono = run.Experiment.Chronology;
        int n = run.StateSize, cycles = run.Series.Count;
        var provenance = new Dictionary<string, string>
        {
            ["command"] = command,
            ["content"] = "analysis ensemble means of a cycled qg-twin assimilation",
            ["method"] = $"{run.Method.Kind} N={run.Method.Members}",
            ["seed"] = run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in settings.ToOptions()) provenance["qg_twin_" + k] = v;
        using var writer = new QgTrajectoryWriter(path, grid, parameters, cycles, provenance);
        for (int k = 0; k < cycles; k++)
            writer.Add(new QgState(grid, run.AnalysisMeans.AsSpan(k * n, n), [], start.State.Time + chrono.AnalysisTime(k), start.State.Step + chrono.AnalysisStep(k)));
        writer.Complete();
    }
}
