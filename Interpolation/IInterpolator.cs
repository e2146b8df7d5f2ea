using Science.QgModel;

namespace Science.Interpolation;

/// <summary>What an interpolator may need besides the sensor values: where it is used, for seeding and logging.</summary>
/// <param name="Seed">The experiment's seed; neural interpolators derive their initialisation from it.</param>
/// <param name="Snapshot">Index of the snapshot within the experiment.</param>
/// <param name="Time">0 = observation at t_n, 1 = at t_n + Δt.</param>
/// <param name="Progress">Optional progress sink (training steps done, total, current loss).</param>
public sealed record InterpolationContext(int Seed = 0, int Snapshot = 0, int Time = 0, Action<long, long, double>? Progress = null);

/// <summary>
/// Sensor values of both layers → ψ of both layers on the full grid. Implementations: exact (all points observed),
/// cubic, RBF, MLP, RFF-MLP and the spectral optimal interpolation. Deterministic for a fixed context seed and thread
/// count; safe to call from several threads unless documented otherwise.
/// </summary>
public interface IInterpolator
{
    /// <summary>The name used on the command line (<c>--interpolator NAME</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Estimates ψ <c>[layer, y, x]</c> on <paramref name="layout"/>'s grid from <paramref name="values"/>
    /// <c>[layer, sensor]</c> (length 2·layout.Count, sensors in the layout's order).
    /// </summary>
    double[] Interpolate(SensorLayout layout, ReadOnlySpan<double> values, InterpolationContext context);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the interpolator cannot handle <paramref name="layout"/> (e.g. the
    /// exact interpolator with missing points, RBF above its size cap, a prior on another grid), so that callers can
    /// refuse a configuration before doing any work. The default accepts every layout.
    /// </summary>
    void EnsureSupported(SensorLayout layout) { }
}
