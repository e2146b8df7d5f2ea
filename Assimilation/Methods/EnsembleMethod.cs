using Science.Assimilation.Analysis;
using Science.Assimilation.Cycling;
using Science.Assimilation.Experiments;
using Science.Assimilation.Runs;

namespace Science.Assimilation.Methods;

/// <summary>
/// An ensemble data-assimilation method as a small immutable configuration (DAPPER's method objects): the ensemble
/// size and the post-processing of the analysis anomalies every method shares (RTPS, multiplicative inflation,
/// random rotation; see <see cref="AnomalyPostProcessor"/>). Every setting is checked when it is set.
/// </summary>
public abstract record EnsembleMethod
{
    /// <summary>Ensemble size N, in [2, 100000].</summary>
    public required int Members
    {
        get;
        init => field = value is >= 2 and <= 100_000 ? value : throw new ArgumentOutOfRangeException(nameof(Members), value, "members must be in [2, 100000]");
    }

    /// <summary>Multiplicative inflation of the analysis anomalies (E = μ + infl·A), in [1, 10]; 1 = none.</summary>
    public double Inflation
    {
        get;
        init => field = value is >= 1 and <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(Inflation), value, "inflation must be in [1, 10]");
    } = 1.0;

    /// <summary>RTPS relaxation α of the analysis spread towards the forecast spread, in [0, 1]; 0 = none.</summary>
    public double Rtps
    {
        get;
        init => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Rtps), value, "rtps must be in [0, 1]");
    }

    /// <summary>Apply a Haar-random mean-preserving rotation to the anomalies after each analysis (DAPPER's rot=True).</summary>
    public bool Rotate { get; init; }

    /// <summary>The method's name in configs and reports: "enkf", "etkf", "letkf", "ks-reference".</summary>
    public abstract string Kind { get; }

    /// <summary>The localisation half-width when the method localises (grid points), else null.</summary>
    public virtual double? LocalisationHalfWidth => null;

    /// <summary>Checks that the method fits <paramref name="experiment"/> (e.g. a domain for localisation).</summary>
    /// <exception cref="ArgumentOutOfRangeException">It does not fit.</exception>
    public virtual void Validate(TwinExperiment experiment) { }

    /// <summary>The analysis step with its buffers for <paramref name="experiment"/>, using up to <paramref name="threads"/> threads (−1 = all).</summary>
    public abstract IEnsembleAnalysis CreateAnalysis(TwinExperiment experiment, int stateSize, int threads);

    /// <summary>Runs the cycled twin experiment with this method (see <see cref="CycledAssimilation.Run"/>).</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="seed">The run seed: truth, observations, ensemble and every per-cycle draw derive from it.</param>
    /// <param name="options">Threads, what to keep, progress; null = defaults.</param>
    public AssimilationRun Assimilate(TwinExperiment experiment, int seed, AssimilationOptions? options = null) =>
        CycledAssimilation.Run(experiment, this, seed, options ?? new AssimilationOptions());
}
