namespace Science.Interpolation;

/// <summary>
/// "exact": full observations (SR = 1) passed through unchanged; any other layout is refused. The control of the
/// sparse pipeline: with it the estimate equals the truth and the full-observation results must be reproduced.
/// </summary>
public sealed class ExactInterpolator : IInterpolator
{
    /// <summary>The shared instance.</summary>
    public static ExactInterpolator Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "exact";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Not every grid point is a sensor.</exception>
    public double[] Interpolate(SensorLayout layout, ReadOnlySpan<double> values, InterpolationContext context)
    {
        EnsureSupported(layout);
        int n = layout.Grid.RealSize;
        if (values.Length != 2 * n) throw new ArgumentException($"expected {2 * n} values (2 layers × {n} sensors), got {values.Length}", nameof(values));
        // Full layouts are sorted and unique, so sensor k is grid point k.
        return values.ToArray();
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Not every grid point is a sensor.</exception>
    public void EnsureSupported(SensorLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        int n = layout.Grid.RealSize;
        if (layout.Count != n)
            throw new ArgumentException(
                $"the exact interpolator needs every grid point observed (sensor ratio 1); this layout has {layout.Count} of {n} points " +
                $"(ratio {layout.Ratio:G4}). Use cubic, rbf or oi for sparse sensors.", nameof(layout));
    }
}
