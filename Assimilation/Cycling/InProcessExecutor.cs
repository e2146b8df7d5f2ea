using Science.Models;
using Science.Models.Ensembles;

namespace Science.Assimilation.Cycling;

/// <summary>The ensemble forecast in this process: one model per member, stepped in parallel by <see cref="EnsembleRunner"/>.</summary>
public sealed class InProcessExecutor : IEnsembleExecutor
{
    private readonly EnsembleRunner _runner;

    /// <summary>An executor of <paramref name="members"/> models from <paramref name="factory"/> on up to <paramref name="threads"/> threads (−1 = all cores).</summary>
    public InProcessExecutor(Func<IDynamicalModel> factory, int members, int threads = -1)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _runner = new EnsembleRunner(_ => factory(), members, threads);
    }

    /// <inheritdoc/>
    public string Name => "inprocess";

    /// <inheritdoc/>
    public void SetStates(Ensemble ensemble, double time, long step, LevelUpdate update = LevelUpdate.Restart) => _runner.SetStates(ensemble, time, step, update);

    /// <inheritdoc/>
    public int Forecast(Ensemble ensemble, int steps) => _runner.Advance(ensemble, steps);

    /// <inheritdoc/>
    public void Dispose() => _runner.Dispose();
}
