using Science.Numerics;

namespace Science.Observing;

/// <summary>
/// Observation noise with a diagonal covariance R = diag(σ_j²), σ_j the per-observation standard deviation in the
/// observation's units. Draws come from an explicit seed only.
/// </summary>
public sealed class ObservationError
{
    private readonly double[] _std;

    /// <summary>Per-observation standard deviations σ_j ≥ 0 (finite).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No value, or a negative or non-finite σ.</exception>
    public ObservationError(IReadOnlyList<double> standardDeviations)
    {
        ArgumentNullException.ThrowIfNull(standardDeviations);
        if (standardDeviations.Count == 0) throw new ArgumentOutOfRangeException(nameof(standardDeviations), 0, "give at least one standard deviation");
        _std = [.. standardDeviations];
        foreach (double s in _std)
            if (!(s >= 0) || !double.IsFinite(s))
                throw new ArgumentOutOfRangeException(nameof(standardDeviations), s, "standard deviations must be finite and in [0, ∞)");
    }

    /// <summary>R = σ² I for <paramref name="observations"/> observations (DAPPER's <c>noise = σ²</c>).</summary>
    public static ObservationError Isotropic(int observations, double standardDeviation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observations, 1);
        return new ObservationError(Enumerable.Repeat(standardDeviation, observations).ToArray());
    }

    /// <summary>Number of observations m.</summary>
    public int Size => _std.Length;
    /// <summary>The standard deviations σ_j.</summary>
    public IReadOnlyList<double> StandardDeviations => _std;
    /// <summary>The σ_j as a span (read-only view).</summary>
    public ReadOnlySpan<double> Std => _std;
    /// <summary>True when every σ_j is the same.</summary>
    public bool IsIsotropic => _std.All(s => s == _std[0]);
    /// <summary>True when some σ_j is zero (R is singular; square-root filters cannot use it).</summary>
    public bool IsSingular => _std.Any(s => s == 0);

    /// <summary>Writes one draw ε ~ N(0, R) into <paramref name="destination"/> (length <see cref="Size"/>) from <paramref name="seed"/>.</summary>
    public void Draw(int seed, Span<double> destination)
    {
        if (destination.Length != _std.Length) throw new ArgumentException($"destination must have {_std.Length} values", nameof(destination));
        GaussianStream.Fill(seed, 1.0, destination);
        System.Numerics.Tensors.TensorPrimitives.Multiply(destination, _std, destination);
    }

    /// <summary>
    /// Writes <paramref name="count"/> draws, row-major (<c>[draw, observation]</c>), into <paramref name="destination"/>.
    /// </summary>
    public void Draw(int seed, int count, Span<double> destination)
    {
        if (destination.Length != count * _std.Length) throw new ArgumentException($"destination must have {count}×{_std.Length} values", nameof(destination));
        GaussianStream.Fill(seed, 1.0, destination);
        for (int r = 0; r < count; r++)
        {
            var row = destination.Slice(r * _std.Length, _std.Length);
            System.Numerics.Tensors.TensorPrimitives.Multiply(row, _std, row);
        }
    }
}
