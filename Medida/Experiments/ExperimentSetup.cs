using System.Globalization;
using Science.Interpolation;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Filters;
using Science.Medida.Increments;
using Science.Medida.Observations;
using Science.QgModel;

namespace Science.Medida.Experiments;

/// <summary>
/// A prepared <see cref="MedidaExperiment"/>: the case, the truth snapshots, the state estimator and the increment
/// builder, ready to <see cref="Run"/>. Preparing reads the files and checks every setting, so a bad experiment fails
/// before any expensive work.
/// </summary>
/// <remarks>
/// The OI prior default: when the <c>oi</c> interpolator's options name no <c>prior</c>, the prior spectrum is
/// estimated from the experiment's own <see cref="MedidaExperiment.State"/> file — all its snapshots, including the one
/// being interpolated. That is the only climatology an experiment is sure to have, but it flatters the estimate (about
/// 2× on ∇²ψ, bench/results/sparse-table.md); fair tests give a prior from other states. The run says so in
/// <see cref="Notes"/>.
/// </remarks>
public sealed class ExperimentSetup
{
    private readonly List<string> _notes = [];

    internal ExperimentSetup(MedidaExperiment experiment, ExperimentHooks hooks)
    {
        Experiment = experiment;
        if (experiment.Model != "qg")
            throw new ArgumentException($"model '{experiment.Model}': the MEDIDA experiment runs the two-layer QG model ('qg')", nameof(experiment));
        if (experiment.Snapshots < 1) throw new ArgumentOutOfRangeException(nameof(experiment), experiment.Snapshots, "snapshots must be ≥ 1");
        if (experiment.Every < 1) throw new ArgumentOutOfRangeException(nameof(experiment), experiment.Every, "every must be ≥ 1 step");
        Case = Stage("case", experiment.Case.Resolve);
        Settings = Stage("discovery", experiment.ToDiscoverySettings);
        IStateEstimator estimator;
        if (experiment.Assimilation is { } assimilation)
        {
            (Snapshots, estimator) = Assimilate(experiment, assimilation, hooks);
        }
        else
        {
            Snapshots = Stage("snapshots", () => TruthSnapshots.Load(experiment.State, experiment.Snapshots, experiment.Every, Case.Truth, experiment.Fft));
            estimator = CreateEstimator(experiment, Snapshots[0].Grid, hooks);
        }
        Estimator = hooks.DecorateEstimator?.Invoke(estimator) ?? estimator;
        Builder = Stage("case", () => new IncrementBuilder(Case, new IncrementSettings(experiment.LibraryState, experiment.PvBookkeeping), Estimator, experiment.Fft));
        if (experiment.Observation.IsSparse && experiment.RegressionFilter is null)
            _notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"regression filter F = {DiscoverySettings.SparseObservationFilter} (the default with sparse sensors; F = 0 is the reference)"));
    }

    /// <summary>The experiment.</summary>
    public MedidaExperiment Experiment { get; }
    /// <summary>The resolved case.</summary>
    public ModelErrorCase Case { get; }
    /// <summary>The discovery settings.</summary>
    public DiscoverySettings Settings { get; }
    /// <summary>The truth snapshots t_n.</summary>
    public IReadOnlyList<QgState> Snapshots { get; }
    /// <summary>The state estimator (full, noisy or sparse).</summary>
    public IStateEstimator Estimator { get; }
    /// <summary>The increment builder.</summary>
    public IncrementBuilder Builder { get; }
    /// <summary>The scientific defaults this run uses, in words.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Builds the increments and discovers the model error.</summary>
    /// <param name="provenance">Extra provenance for the report (e.g. the command line); not part of the experiment.</param>
    /// <param name="incrementsDone">Called once the increments are built (e.g. to close a progress display).</param>
    public ExperimentResult Run(IReadOnlyDictionary<string, string>? provenance = null, Action? incrementsDone = null)
    {
        var increment = Builder.Build(Snapshots);
        incrementsDone?.Invoke();
        var o = Experiment.Observation;
        var settings = new Dictionary<string, string>
        {
            ["state_file"] = Experiment.State,
            ["seed"] = Experiment.Seed.ToString(CultureInfo.InvariantCulture),
            ["noise"] = o.Noise.ToString("G", CultureInfo.InvariantCulture),
            ["smoother"] = o.IsSparse ? "none" : SmootherText(o),
            ["estimator"] = Estimator.Name,
        };
        var report = ModelErrorDiscovery.Discover(increment, Case, Settings, settings, Experiment.Fft) with
        {
            Experiment = Experiment,
            Notes = _notes.ToArray(),
            Provenance = provenance ?? new Dictionary<string, string>(),
        };
        return new ExperimentResult(report, increment, _notes.ToArray());
    }

    /// <summary>The cycled run of assimilated increments, when the experiment has <see cref="MedidaExperiment.Assimilation"/>.</summary>
    public Science.Assimilation.Runs.AssimilationRun? AssimilationRun { get; private set; }

    // Assimilated increments: validate, then run the truth and the filter (the expensive part of preparing).
    private (IReadOnlyList<QgState>, IStateEstimator) Assimilate(MedidaExperiment e, Assimilated.AssimilationSettings a, ExperimentHooks hooks)
    {
        var o = e.Observation;
        Stage("analysis", () => { a.Validate(); return 0; });
        if (o.Interpolator is not null)
            throw new ExperimentSettingException("interpolator", new ArgumentException("assimilated increments take the filter's analyses, not an interpolator"));
        if (o.Smoother is not null && o.Smoother != "none")
            throw new ExperimentSettingException("smoother", new ArgumentException("assimilated increments take the filter's analyses, not a smoother"));
        if (e.Snapshots > 1 && e.Every < 2)
            throw new ExperimentSettingException("every", new ArgumentException("assimilated increments need snapshots at least 2 steps apart"));
        var start = Stage("state", () => TruthSnapshots.Load(e.State, 1, 1, Case.Truth, e.Fft)[0]);
        var result = Stage("analysis", () => Assimilated.AssimilatedTruth.Run(start, Case, o.Sensors ?? "full", o.SensorSeed ?? e.Seed, o.Noise, e.Seed,
            e.Snapshots, e.Every, a, hooks.Assimilation));
        AssimilationRun = result.Run;
        var layers = result.Run.LayerSummaries();
        _notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"states from {result.Estimator.Name} on sensors {o.Sensors ?? "full"} with noise {o.Noise}: analysis RMSE of ψ {layers[0].RmseAnalysis:G3} / {layers[1].RmseAnalysis:G3} (layers 1 / 2), spread/RMSE {result.Run.Summary.SpreadRatio:F2}, after {a.Spinup} spin-up cycles"));
        return (result.Snapshots, result.Estimator);
    }

    private static string SmootherText(ObservationSettings o) => o.Smoother ?? (o.Noise > 0 ? ObservationSettings.DefaultNoisySmoother : "none");

    private IStateEstimator CreateEstimator(MedidaExperiment e, Grid grid, ExperimentHooks hooks)
    {
        var o = e.Observation;
        if (!(o.Noise >= 0) || double.IsInfinity(o.Noise)) throw new ArgumentOutOfRangeException(nameof(e), o.Noise, "the noise level must be finite and ≥ 0");
        if (!o.IsSparse)
        {
            string smoother = SmootherText(o);
            var filter = Stage("smoother", () => SpectralFilter.Parse(smoother));
            if (o.Smoother is null && o.Noise > 0)
                _notes.Add($"smoother {smoother} for the noisy full observations (the default; without one 0.1% noise destroys discovery, spec §4.4)");
            return o.Noise > 0 || filter is not null ? new NoisyObservation(o.Noise, e.Seed, filter, smoother, e.Fft) : FullObservation.Instance;
        }
        if (o.Smoother is not null && o.Smoother != "none")
            throw new ExperimentSettingException("smoother", new ArgumentException("the smoother applies to full observations; with sparse sensors the interpolator does the smoothing"));
        string name = o.Interpolator ?? ObservationSettings.DefaultInterpolator;
        if (o.Interpolator is null) _notes.Add($"interpolator {name} (the default for sparse sensors)");
        var layout = Stage("sensors", () => SensorSpecification.Parse(grid, o.Sensors ?? "full", o.SensorSeed ?? e.Seed));
        var options = o.InterpolatorOptions is null ? new InterpolatorOptions()
            : Stage("interpolator_options", () => InterpolatorOptions.Parse(o.InterpolatorOptions.ToJsonString()));
        if (o.InterpolatorOptionsDirectory is not null)
            options = options with { ConfigPath = Path.Combine(o.InterpolatorOptionsDirectory, "interpolator-options.json") };
        if (options.Prior is null && options.PriorSpectrum is null && name == "oi")
            _notes.Add($"oi prior from the state file itself ({e.State}, the default): it includes the snapshot being interpolated and flatters the estimate (~2× on ∇²ψ); give a prior from other states for fair tests");
        options = options.WithRunDefaults(e.State, e.Seed, e.Fft, o.Noise);
        var interpolator = Stage("interpolator", () => InterpolatorCatalogue.Create(name, options));
        return Stage("interpolator", () => new SparseObservation(layout, interpolator, o.Noise, e.Seed, o.MergeObservations, hooks.Training) { Completed = hooks.Completed });
    }

    // Runs one step of the preparation; a bad value or an unusable file of that setting becomes an ExperimentSettingException
    // naming it (file-format errors of the truth, DataFileException, pass through unchanged).
    private static T Stage<T>(string setting, Func<T> f)
    {
        try
        {
            return f();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or FileNotFoundException or InvalidOperationException)
        {
            throw new ExperimentSettingException(setting, ex);
        }
    }
}
