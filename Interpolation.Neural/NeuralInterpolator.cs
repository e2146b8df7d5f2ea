namespace Science.Interpolation.Neural;

/// <summary>
/// A coordinate network trained from scratch on the sensor values of both layers for each call (spec §9.1–§9.2: one
/// network per time level, two outputs). ψ is the network's prediction at every grid point, the sensors included.
/// </summary>
/// <remarks>
/// Seeding: the network is built after <c>torch.manual_seed(NetworkSeed(seed, context.Time))</c> with seed =
/// <see cref="NeuralInterpolatorOptions.Seed"/> or else <see cref="InterpolationContext.Seed"/>. Like the reference, which
/// re-seeds once per snapshot, the initialisation does not depend on the snapshot, and the networks at t_n and
/// t_n + Δt differ. Results are bitwise repeatable for a fixed seed and thread count; concurrent calls are safe
/// (construction is serialised on libtorch's global generator; the thread count is process-wide).
/// </remarks>
public abstract class NeuralInterpolator : IInterpolator
{
    /// <summary>Creates the interpolator; the options are validated here.</summary>
    protected NeuralInterpolator(NeuralInterpolatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>Architecture and training settings.</summary>
    public NeuralInterpolatorOptions Options { get; }

    /// <summary>Which network.</summary>
    public abstract NetworkKind Kind { get; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The libtorch seed for a run seed and time level: a fixed 64-bit mix of both, non-negative.</summary>
    public static long NetworkSeed(int seed, int time)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)time * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (long)((z ^ (z >> 31)) & long.MaxValue);
    }

    /// <summary>Trains a network on the sensor values <c>[layer, sensor]</c> and returns it (dispose it when done).</summary>
    public NeuralField Train(SensorLayout layout, ReadOnlySpan<double> values, InterpolationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(context);
        if (values.Length != 2 * layout.Count)
            throw new ArgumentException($"values must hold 2 × {layout.Count} sensor values [layer, sensor], not {values.Length}", nameof(values));
        var coordinates = NetworkCoordinates.ForIndices(layout.Grid, layout.Indices);
        long seed = NetworkSeed(Options.Seed ?? context.Seed, context.Time);
        return NeuralTrainer.Train(Kind, Options, coordinates, values, seed, context.Progress, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Training diverged (NaN or infinite loss).</exception>
    public double[] Interpolate(SensorLayout layout, ReadOnlySpan<double> values, InterpolationContext context)
    {
        using var field = Train(layout, values, context);
        if (field.Report.Diverged)
            throw new InvalidOperationException($"{Name}: training diverged (loss {field.Report.FinalLoss}) after {field.Report.AdamSteps} Adam steps; lower the learning rate");
        return field.Predict(layout.Grid);
    }
}

/// <summary>The RFF-MLP ("rff", spec §9.1): the spectral-bias-reduced network, the reference's default interpolator.</summary>
public sealed class RffMlpInterpolator : NeuralInterpolator
{
    /// <summary>The command-line name.</summary>
    public const string InterpolatorName = "rff";

    /// <summary>Creates it with the given settings (default: <see cref="NeuralInterpolatorOptions.CpuSmall"/>).</summary>
    public RffMlpInterpolator(NeuralInterpolatorOptions? options = null) : base(options ?? NeuralInterpolatorOptions.CpuSmall) { }

    /// <inheritdoc />
    public override NetworkKind Kind => NetworkKind.RffMlp;

    /// <inheritdoc />
    public override string Name => InterpolatorName;
}

/// <summary>The plain MLP ("mlp", spec §9.2): linear 2 → H on (X, Y), then the same trunk; the spectral-biased baseline.</summary>
public sealed class MlpInterpolator : NeuralInterpolator
{
    /// <summary>The command-line name.</summary>
    public const string InterpolatorName = "mlp";

    /// <summary>Creates it with the given settings (default: <see cref="NeuralInterpolatorOptions.CpuSmall"/>; σ is ignored).</summary>
    public MlpInterpolator(NeuralInterpolatorOptions? options = null) : base(options ?? NeuralInterpolatorOptions.CpuSmall) { }

    /// <inheritdoc />
    public override NetworkKind Kind => NetworkKind.Mlp;

    /// <inheritdoc />
    public override string Name => InterpolatorName;
}
