using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.Numerics.Fft;

namespace Science.Medida.Experiments;

/// <summary>The regressor family of an experiment (the enum of <see cref="RegressorKind"/> as JSON words).</summary>
public enum ExperimentRegressor
{
    /// <summary>Relevance vector machine (spec §6).</summary>
    Rvm,
    /// <summary>Sequentially thresholded least squares.</summary>
    Stlsq,
    /// <summary>Bagged STLSQ with inclusion probabilities.</summary>
    Ensemble,
}

/// <summary>
/// One MEDIDA run described as data (PySINDy's and DAPPER's shape): the truth source, the case, the observation and
/// state estimator, the increment and discovery settings, the seed. <see cref="Run"/> returns the report, which embeds
/// the experiment, so <c>medida discover --config REPORT.json</c> re-runs it bit for bit (every field but the timing
/// and the command line in <c>provenance</c>). Serialised as snake_case JSON (<see cref="ToJson"/>, <see cref="FromJson"/>).
/// </summary>
/// <remarks>
/// Scientific defaults live here, each with its reason: <see cref="ObservationSettings.DefaultNoisySmoother"/>,
/// <see cref="ObservationSettings.DefaultInterpolator"/>, <see cref="DiscoverySettings.SparseObservationFilter"/> and
/// the OI prior (<see cref="ExperimentSetup"/>). <see cref="ExperimentSetup.Notes"/> says which ones a run used.
/// </remarks>
public sealed record MedidaExperiment
{
    /// <summary>The dynamical model ("qg"; the catalogue and the library below are the two-layer QG ones).</summary>
    public string Model { get; init; } = "qg";
    /// <summary>The truth: a state file (the truth is integrated between snapshots) or a trajectory file holding the snapshot steps.</summary>
    public required string State { get; init; }
    /// <summary>Snapshots stacked in the regression (spec LEN_LOOP).</summary>
    public int Snapshots { get; init; } = 1;
    /// <summary>Model steps between snapshots.</summary>
    public long Every { get; init; } = 400;
    /// <summary>The model-error case.</summary>
    public required CaseSpecification Case { get; init; }
    /// <summary>Observations and state estimates.</summary>
    public ObservationSettings Observation { get; init; } = new();
    /// <summary>
    /// Build the state estimates by cycling an ensemble filter on the observations (sensors and noise of
    /// <see cref="Observation"/>) instead of interpolating them; null = no assimilation (the reference pipeline).
    /// </summary>
    public Assimilated.AssimilationSettings? Assimilation { get; init; }
    /// <summary>State the library is evaluated at (spec §4.2).</summary>
    public LibraryState LibraryState { get; init; } = LibraryState.Forecast;
    /// <summary>PV bookkeeping (spec §4.3).</summary>
    public PvBookkeeping PvBookkeeping { get; init; } = PvBookkeeping.Reference;
    /// <summary>Candidate library: a named library, or comma-separated labels (see CandidateLibrary.Parse).</summary>
    public string Library { get; init; } = "reference";
    /// <summary>The sparse regressor family.</summary>
    public ExperimentRegressor Regressor { get; init; } = ExperimentRegressor.Rvm;
    /// <summary>Sweep thresholds; null = the regressor's default list.</summary>
    public IReadOnlyList<double>? Thresholds { get; init; }
    /// <summary>δ of the selection rule (spec §6.4).</summary>
    public double Delta { get; init; } = 1e-3;
    /// <summary>
    /// ε of the noise-aware selection rule (tolerance δ + ε·nMSE_min); null = 0, or <see cref="AssimilatedRelativeDelta"/>
    /// with <see cref="Assimilation"/> (whose increments carry the analysis error, an nMSE floor of 0.1–0.4).
    /// </summary>
    public double? RelativeDelta { get; init; }
    /// <summary>The default ε with assimilated increments: an improvement under 5 % of the residual is not evidence for a term.</summary>
    public const double AssimilatedRelativeDelta = 0.05;
    /// <summary>RVM convergence tolerance.</summary>
    public double Tolerance { get; init; } = 1e-3;
    /// <summary>Regress standardised columns (spec §6.3).</summary>
    public bool Standardise { get; init; }
    /// <summary>Boundary rows cut at the south and north edges (spec §4.1 BOUNDARY_CUT).</summary>
    public int BoundaryRows { get; init; } = 20;
    /// <summary>Boundary columns cut at the west and east edges.</summary>
    public int BoundaryColumns { get; init; } = 20;
    /// <summary>Filtered (weak-form) regression F; null = 0 for full observations and
    /// <see cref="DiscoverySettings.SparseObservationFilter"/> with sparse sensors.</summary>
    public double? RegressionFilter { get; init; }
    /// <summary>The experiment's seed (noise, networks, bagging; random sensor layouts unless their own seed is set).</summary>
    public int Seed { get; init; }
    /// <summary>FFT backend.</summary>
    public FftBackendKind Fft { get; init; } = FftBackendKind.Auto;

    /// <summary>The JSON options of experiments: snake_case keys, enums as snake_case words, comments allowed.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The experiment as a JSON object.</summary>
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, JsonOptions)!.AsObject();

    /// <summary>Reads an experiment: a bare experiment object, or a discovery report that embeds one under <c>experiment</c>.</summary>
    /// <exception cref="FormatException">Not an experiment (the message says what is missing or of the wrong type).</exception>
    public static MedidaExperiment FromJson(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var o = node as JsonObject ?? throw new FormatException("an experiment is a JSON object");
        if (o["experiment"] is JsonObject embedded) o = embedded;
        try
        {
            return o.Deserialize<MedidaExperiment>(JsonOptions) ?? throw new FormatException("the experiment is null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a MEDIDA experiment: {e.Message}", e);
        }
    }

    /// <summary>Reads an experiment or a report from a file; relative paths inside it are resolved from the file's folder
    /// when they do not exist from the current directory.</summary>
    public static MedidaExperiment Load(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                   ?? throw new FormatException($"{path} holds null");
        var e = FromJson(node);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Resolve(string p) => Path.IsPathRooted(p) || File.Exists(p) || !File.Exists(Path.Combine(folder, p)) ? p : Path.Combine(folder, p);
        return e with { State = Resolve(e.State) };
    }

    /// <summary>The discovery settings of this experiment.</summary>
    public DiscoverySettings ToDiscoverySettings() => new DiscoverySettings
    {
        Library = Science.Medida.Library.CandidateLibrary.Parse(Library),
        Regressor = Regressor switch
        {
            ExperimentRegressor.Stlsq => RegressorKind.Stlsq,
            ExperimentRegressor.Ensemble => RegressorKind.EnsembleStlsq,
            _ => RegressorKind.Rvm,
        },
        Thresholds = Thresholds,
        Delta = Delta,
        RelativeDelta = RelativeDelta ?? (Assimilation is null ? 0 : AssimilatedRelativeDelta),
        Tolerance = Tolerance,
        Standardise = Standardise,
        Cut = new RegionCut(BoundaryRows, BoundaryColumns),
        RegressionFilter = RegressionFilter ?? (Observation.IsSparse ? Discovery.DiscoverySettings.SparseObservationFilter : 0),
        Seed = Seed,
    }.Validated();

    /// <summary>Loads the truth, builds the case, the estimator and the increment builder (the expensive part is <see cref="ExperimentSetup.Run"/>).</summary>
    public ExperimentSetup Prepare(ExperimentHooks? hooks = null) => new(this, hooks ?? new ExperimentHooks());

    /// <summary>Runs the experiment: increments, then discovery. The report embeds this experiment.</summary>
    public ExperimentResult Run(ExperimentHooks? hooks = null) => Prepare(hooks).Run();
}
