using System.Text.Json.Nodes;

namespace Science.Medida.Experiments;

/// <summary>
/// How the truth is observed and turned into state estimates (spec §1 step 1, §4.4, §8): full or sparse sensors,
/// noise relative to each layer's field std, a smoother for full noisy fields, an interpolator for sparse ones.
/// </summary>
public sealed record ObservationSettings
{
    /// <summary>
    /// The sensors: null or <c>full</c> (every grid point), a ratio in (0, 1] (a seeded random subset, spec §8.1),
    /// <c>regular:SX,SY[,OX,OY]</c>, or a sensor file (see Science.Interpolation.SensorSpecification).
    /// </summary>
    public string? Sensors { get; init; }
    /// <summary>Seed of a random sensor layout; null = the experiment's seed.</summary>
    public int? SensorSeed { get; init; }
    /// <summary>Noise std relative to each layer's spatial std of ψ (0 = clean).</summary>
    public double Noise { get; init; }
    /// <summary>
    /// Smoother of full noisy observations (<c>none</c>, <c>keep:R</c>, <c>gaussian:F</c>); null = the default
    /// <see cref="DefaultNoisySmoother"/> when <see cref="Noise"/> &gt; 0, none otherwise. Not used with sparse sensors.
    /// </summary>
    public string? Smoother { get; init; }
    /// <summary>The interpolator of sparse sensors (<c>exact cubic rbf oi mlp rff</c>); null = <see cref="DefaultInterpolator"/>.</summary>
    public string? Interpolator { get; init; }
    /// <summary>The interpolator's options (the keys of an interpolator config file), inline so the experiment is self-contained.</summary>
    public JsonObject? InterpolatorOptions { get; init; }
    /// <summary>Directory that relative paths inside <see cref="InterpolatorOptions"/> (e.g. <c>prior</c>) are resolved from.</summary>
    public string? InterpolatorOptionsDirectory { get; init; }
    /// <summary>Put the observed values back at the sensors (spec §8.3; default off, as the reference).</summary>
    public bool MergeObservations { get; init; }

    /// <summary>
    /// The smoother used for full noisy observations unless one is given: the spec §9.4 KEEP low-pass at R = 0.5.
    /// Without a smoother even 0.1% noise destroys discovery (spec §4.4: ∇² amplifies it up to K² ≈ 122 and 1/Δt = 40);
    /// keeping the lower half of the wavenumbers removes most of that amplified noise.
    /// </summary>
    public const string DefaultNoisySmoother = "keep:0.5";

    /// <summary>
    /// The interpolator used for sparse sensors unless one is given: the spectral optimal interpolation, the most
    /// accurate classical interpolator measured (bench/results/sparse-table.md: exact support of 1001 and 1004 at SR
    /// 0.75 and 0.5 with the filtered regression, where cubic and RBF fail at SR 0.5).
    /// </summary>
    public const string DefaultInterpolator = "oi";

    /// <summary>Whether these settings ask for sparse observations (a layout other than full, or an interpolator).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSparse =>
        Interpolator is not null
        || Sensors is { } s && !s.Equals("full", StringComparison.OrdinalIgnoreCase)
           && !(Science.Interpolation.SensorSpecification.IsRatio(s, out double r) && r == 1);
}
