using Science.Numerics.Fft;
using System.Text.Json;
using System.Text.Json.Serialization;
using Science.Interpolation.Spectral;
using Science.QgModel.Spectral;

namespace Science.Interpolation;

/// <summary>
/// Settings of the interpolators, loadable from a JSON config file (<c>--interpolator-config FILE</c>) with snake_case
/// keys, e.g. <c>{"prior": "data/qg_trajectory.h5", "prior_snapshots": [1, 2, 3, 4, 5], "rbf_epsilon": 0.1}</c>.
/// Keys not listed here are kept in <see cref="Extra"/> for interpolators registered by other modules (the neural
/// ones); a key that no registered interpolator declares is rejected by <see cref="InterpolatorCatalogue.Create"/>.
/// </summary>
public sealed record InterpolatorOptions
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// oi: where the prior spectrum comes from — a <c>.json</c> file written by <see cref="SpectralPrior.Save"/>, or
    /// an HDF5 state or trajectory file to estimate it from. Relative paths are resolved against the config file's
    /// directory first, then the working directory.
    /// </summary>
    public string? Prior { get; init; }
    /// <summary>oi: which snapshots of a trajectory prior file to use (all when null).</summary>
    public IReadOnlyList<int>? PriorSnapshots { get; init; }
    /// <summary>oi: a prior given in code (takes precedence over <see cref="Prior"/>; not serialised).</summary>
    [JsonIgnore]
    public SpectralPrior? PriorSpectrum { get; init; }
    /// <summary>oi: absolute observation-noise variance σ² (ψ units²); 0 = noise-free (exact at the sensors).</summary>
    public double NoiseVariance { get; init; }
    /// <summary>oi: relative observation noise, σ = level · std of the layer's sensor values (adds to <see cref="NoiseVariance"/>).</summary>
    public double NoiseLevel { get; init; }
    /// <summary>oi: conjugate-gradient relative-residual tolerance.</summary>
    public double CgTolerance { get; init; } = 1e-10;
    /// <summary>oi: conjugate-gradient iteration limit per layer.</summary>
    public int CgMaxIterations { get; init; } = 20_000;
    /// <summary>oi: tile size of the additive-Schwarz preconditioner (0 = plain CG).</summary>
    public int OiTile { get; init; } = 12;
    /// <summary>oi: overlap of the Schwarz tiles.</summary>
    public int OiOverlap { get; init; } = 2;
    /// <summary>rbf: shape parameter ε of the multiquadric (reference 0.1).</summary>
    public double RbfEpsilon { get; init; } = 0.1;
    /// <summary>rbf: largest sensor count accepted (dense O(n³) solve).</summary>
    public int RbfMaxSensors { get; init; } = Rbf.RbfInterpolator.DefaultMaxSensors;
    /// <summary>cubic: maximum Gauss–Seidel sweeps of the gradient estimate (SciPy: 400).</summary>
    public int GradientIterations { get; init; } = 400;
    /// <summary>cubic: tolerance of the gradient estimate (SciPy: 1e-6).</summary>
    public double GradientTolerance { get; init; } = 1e-6;
    /// <summary>Seed for interpolators with random initialisation (the neural ones).</summary>
    public int Seed { get; init; }
    /// <summary>Thread cap (≤ 0: all cores).</summary>
    public int Threads { get; init; }
    /// <summary>FFT backend of the spectral interpolators.</summary>
    public FftBackendKind Fft { get; init; }
    /// <summary>The config file the options were read from, for resolving relative paths (not serialised).</summary>
    [JsonIgnore]
    public string? ConfigPath { get; init; }
    /// <summary>Keys of the config file not known here, for interpolators registered by other modules.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>Reads options from a JSON config file (comments and trailing commas allowed).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="FormatException">Invalid JSON or a value of the wrong type; the message names the file.</exception>
    public static InterpolatorOptions Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"interpolator config not found: {path}", path);
        try
        {
            var o = JsonSerializer.Deserialize<InterpolatorOptions>(File.ReadAllText(path), Json) ?? throw new FormatException("the file holds null");
            return (o with { ConfigPath = Path.GetFullPath(path) }).Validated();
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses options from JSON text.</summary>
    public static InterpolatorOptions Parse(string json) =>
        (JsonSerializer.Deserialize<InterpolatorOptions>(json, Json) ?? throw new FormatException("the JSON holds null")).Validated();

    /// <summary>The options as JSON (snake_case keys, <see cref="Extra"/> included).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A value of <see cref="Extra"/> as <typeparamref name="T"/>, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="FormatException">The value is present but not a <typeparamref name="T"/>.</exception>
    public T GetExtra<T>(string key, T fallback)
    {
        if (Extra is null || !Extra.TryGetValue(key, out var element)) return fallback;
        try
        {
            return element.Deserialize<T>(Json) ?? fallback;
        }
        catch (JsonException e)
        {
            throw new FormatException($"interpolator option '{key}': {e.Message}", e);
        }
    }

    /// <summary>Resolves a path named in the config: against the config file's directory when it exists there.</summary>
    public string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path) || ConfigPath is null) return path;
        string candidate = Path.Combine(Path.GetDirectoryName(ConfigPath)!, path);
        return File.Exists(candidate) ? candidate : path;
    }

    /// <summary>
    /// The options of one run: the prior defaults to <paramref name="statePath"/> (the run's own truth file), the seed
    /// to <paramref name="seed"/> unless the options set one, the FFT backend to <paramref name="fft"/>, and the
    /// observation-noise level to <paramref name="noise"/> unless the options set <c>noise_level</c> or
    /// <c>noise_variance</c> (in data assimilation the observation error is known).
    /// </summary>
    public InterpolatorOptions WithRunDefaults(string statePath, int seed, FftBackendKind fft, double noise) => this with
    {
        Prior = Prior ?? statePath,
        Seed = Seed != 0 ? Seed : seed,
        Fft = fft,
        NoiseLevel = NoiseLevel > 0 || NoiseVariance > 0 ? NoiseLevel : noise,
    };

    /// <summary>Checks ranges and names the offending option.</summary>
    public InterpolatorOptions Validated()
    {
        if (!(NoiseVariance >= 0) || double.IsInfinity(NoiseVariance)) throw new ArgumentOutOfRangeException(nameof(NoiseVariance), NoiseVariance, "noise_variance must be finite and ≥ 0");
        if (!(NoiseLevel >= 0) || double.IsInfinity(NoiseLevel)) throw new ArgumentOutOfRangeException(nameof(NoiseLevel), NoiseLevel, "noise_level must be finite and ≥ 0");
        if (!(CgTolerance > 0 && CgTolerance < 1)) throw new ArgumentOutOfRangeException(nameof(CgTolerance), CgTolerance, "cg_tolerance must be in (0, 1)");
        if (CgMaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(CgMaxIterations), CgMaxIterations, "cg_max_iterations must be ≥ 1");
        if (OiTile < 0) throw new ArgumentOutOfRangeException(nameof(OiTile), OiTile, "oi_tile must be ≥ 0 (0 = no preconditioner)");
        if (OiOverlap < 0) throw new ArgumentOutOfRangeException(nameof(OiOverlap), OiOverlap, "oi_overlap must be ≥ 0");
        if (!(RbfEpsilon > 0) || double.IsInfinity(RbfEpsilon)) throw new ArgumentOutOfRangeException(nameof(RbfEpsilon), RbfEpsilon, "rbf_epsilon must be > 0");
        if (RbfMaxSensors < 1) throw new ArgumentOutOfRangeException(nameof(RbfMaxSensors), RbfMaxSensors, "rbf_max_sensors must be ≥ 1");
        if (GradientIterations < 1) throw new ArgumentOutOfRangeException(nameof(GradientIterations), GradientIterations, "gradient_iterations must be ≥ 1");
        if (!(GradientTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(GradientTolerance), GradientTolerance, "gradient_tolerance must be > 0");
        if (PriorSnapshots is { } s && s.Any(k => k < 0)) throw new ArgumentOutOfRangeException(nameof(PriorSnapshots), "prior_snapshots must be ≥ 0");
        return this;
    }
}
