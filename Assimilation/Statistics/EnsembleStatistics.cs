using System.Runtime.CompilerServices;

namespace Science.Assimilation.Statistics;

/// <summary>DAPPER's per-time scores of an ensemble: RMSE of the mean and the spread (rmv), both root-mean over the
/// state variables.</summary>
public static class EnsembleStatistics
{
    /// <summary>√(mean_i (μ_i − x_i)²): the RMSE of the ensemble mean <paramref name="mean"/> against <paramref name="truth"/>.</summary>
    public static double Rmse(ReadOnlySpan<double> mean, ReadOnlySpan<double> truth)
    {
        if (truth.Length != mean.Length) throw new ArgumentException("mean and truth must have the same length", nameof(truth));
        return Math.Sqrt(Analysis.Lanes.SquaredDistance(mean, truth) / mean.Length);
    }

    /// <summary>Per-variable standard deviation σ_j = √(Σ_i A_ij² / (N − 1)) of anomalies A (N×n) into <paramref name="spread"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Spread(ReadOnlySpan<double> anomalies, int members, int n, Span<double> spread)
    {
        spread[..n].Clear();
        for (int i = 0; i < members; i++) Analysis.Lanes.AddSquares(spread[..n], anomalies.Slice(i * n, n));
        for (int j = 0; j < n; j++) spread[j] = Math.Sqrt(spread[j] / (members - 1));
    }

    /// <summary>√(mean_j σ_j²) from per-variable standard deviations: DAPPER's rmv (spread).</summary>
    public static double RootMeanVariance(ReadOnlySpan<double> spread)
    {
        return Math.Sqrt(Analysis.Lanes.Dot(spread, spread) / spread.Length);
    }
}
