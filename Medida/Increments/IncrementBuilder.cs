using Science.Numerics.Fft;
using Science.Medida.Cases;
using Science.Medida.Observations;
using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Medida.Increments;

/// <summary>
/// Builds analysis increments for a model-error case from truth snapshots (spec §4.1): a truth one-step from each
/// snapshot, estimates of the state at t and t + Δt, a one-step model forecast from the estimate at t, PV
/// diagnostics with the chosen bookkeeping, and h = (q^o − q^m)/Δt. Snapshots are processed in parallel, each with
/// its own solvers; the result does not depend on the thread count.
/// </summary>
public sealed class IncrementBuilder
{
    private readonly ModelErrorCase _case;
    private readonly IncrementSettings _settings;
    private readonly IStateEstimator _estimator;
    private readonly FftBackendKind _backend;

    /// <summary>Prepares a builder.</summary>
    public IncrementBuilder(ModelErrorCase modelErrorCase, IncrementSettings? settings = null, IStateEstimator? estimator = null,
        FftBackendKind backend = FftBackendKind.Auto)
    {
        _case = modelErrorCase ?? throw new ArgumentNullException(nameof(modelErrorCase));
        if (modelErrorCase.Truth.Dt != modelErrorCase.Model.Dt)
            throw new ArgumentException($"truth and model must share the time step (truth dt = {modelErrorCase.Truth.Dt}, model dt = {modelErrorCase.Model.Dt})", nameof(modelErrorCase));
        _settings = settings ?? IncrementSettings.Reference;
        _estimator = estimator ?? FullObservation.Instance;
        _backend = backend;
    }

    /// <summary>Builds the increments of all snapshots (true states at t_n).</summary>
    public Increment Build(IReadOnlyList<QgState> truthSnapshots)
    {
        if (truthSnapshots.Count == 0) throw new ArgumentException("at least one truth snapshot is needed", nameof(truthSnapshots));
        var grid = truthSnapshots[0].Grid;
        foreach (var s in truthSnapshots)
            if (!s.Grid.SameAs(grid)) throw new ArgumentException("all snapshots must share one grid", nameof(truthSnapshots));
        int per = 2 * grid.RealSize;
        var dq = new double[truthSnapshots.Count * per];
        var lib = new double[truthSnapshots.Count * per];
        var times = truthSnapshots.Select(s => s.Time).ToArray();
        Parallel.For(0, truthSnapshots.Count, n =>
        {
            var (h, psiLib) = One(truthSnapshots[n], n);
            h.CopyTo(dq, n * per);
            psiLib.CopyTo(lib, n * per);
        });
        return new Increment(grid, _case.Truth.Dt, dq, lib, times, _settings, _estimator.Name);
    }

    private (double[] Dq, double[] LibraryPsi) One(QgState snapshot, int index)
    {
        var grid = snapshot.Grid;
        var truth = _case.Truth; var model = _case.Model;
        var truthR = Topography.Field(grid, truth);
        var modelR = Topography.Field(grid, model);
        bool reference = _settings.Bookkeeping == PvBookkeeping.Reference;

        // 1. Truth one-step: PV with the truth's β and R, one forward step.
        // One forward step has no leapfrog (CFL) instability, and in case 1009 the model legitimately sees the truth's
        // βy ramp as vorticity (CFL ≈ 4 for that one step, spec §7.3): only the non-finite check applies here.
        using var truthSolver = new QgSolver(grid, truth, _backend) { CflCheckInterval = 0 };
        truthSolver.Initialize(new QgState(grid, snapshot.Psi, null, snapshot.Time, snapshot.Step), truth.Beta, truthR);
        truthSolver.Step();
        var truthNext = new double[2 * grid.RealSize];
        truthSolver.CopyPsi(truthNext);

        // 2–3, 5. Estimates at t and t + Δt.
        var estimate = _estimator.Estimate(grid, snapshot.Psi, index, ObservationTime.Start);
        var estimateNext = _estimator.Estimate(grid, truthNext, index, ObservationTime.End);

        // 4. Model forecast from the estimate; its PV is built with the truth β (reference) or its own β, and its own R.
        using var modelSolver = new QgSolver(grid, model, _backend) { CflCheckInterval = 0 };
        modelSolver.Initialize(new QgState(grid, estimate, null, snapshot.Time, snapshot.Step), reference ? truth.Beta : model.Beta, modelR);
        modelSolver.Step();
        var forecast = new double[2 * grid.RealSize];
        modelSolver.CopyPsi(forecast);

        // 6–7. PV diagnostics and the increment per unit time.
        double pvBeta = reference ? truth.Beta : model.Beta;
        var observedR = reference ? truthR : modelR;
        int n2 = 2 * grid.RealSize;
        var qo = new double[n2];
        var qm = new double[n2];
        modelSolver.Spectral.PvFromPsi(estimateNext, pvBeta, observedR, qo);
        modelSolver.Spectral.PvFromPsi(forecast, pvBeta, modelR, qm);
        double dt = truth.Dt;
        var h = new double[n2];
        for (int p = 0; p < n2; p++) h[p] = (qo[p] - qm[p]) / dt;
        return (h, _settings.LibraryState == LibraryState.Forecast ? forecast : estimate);
    }
}
