using Science.Models.Ensembles;

namespace Science.Assimilation.Cycling;

/// <summary>
/// Where the ensemble forecasts run: in-process on all cores (<see cref="InProcessExecutor"/>, the default) or, later,
/// on other processes or machines (an MPI executor is planned). The cycled assimilation only calls these three members.
/// </summary>
public interface IEnsembleExecutor : IDisposable
{
    /// <summary>A short name for reports, e.g. "inprocess".</summary>
    string Name { get; }

    /// <summary>
    /// Sets every member's model to its state in <paramref name="ensemble"/> at <paramref name="time"/>, step
    /// <paramref name="step"/>. <paramref name="update"/> says what a multi-level model (the QG leapfrog) does with its
    /// older levels: restart with a forward step, or continue (the analysis change is added to every level).
    /// Single-level models ignore it.
    /// </summary>
    void SetStates(Ensemble ensemble, double time, long step, Science.Models.LevelUpdate update = Science.Models.LevelUpdate.Restart);

    /// <summary>
    /// Advances every member <paramref name="steps"/> model steps and copies the forecasts into
    /// <paramref name="ensemble"/>; returns the number of members that blew up (their status says why).
    /// </summary>
    int Forecast(Ensemble ensemble, int steps);
}
