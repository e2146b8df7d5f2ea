namespace Science.Assimilation.Statistics;

/// <summary>
/// Time means over the cycles after the burn-in (DAPPER's <c>rmse.a</c>, <c>rmse.f</c>, <c>rmv.a</c>, <c>rmv.f</c>):
/// each per-cycle score is a root-mean over the state, then averaged over cycles.
/// </summary>
/// <param name="RmseAnalysis">Time-mean analysis RMSE.</param>
/// <param name="RmseForecast">Time-mean forecast RMSE.</param>
/// <param name="SpreadAnalysis">Time-mean analysis spread.</param>
/// <param name="SpreadForecast">Time-mean forecast spread.</param>
/// <param name="CyclesAveraged">Number of cycles in the means.</param>
public sealed record RunSummary(double RmseAnalysis, double RmseForecast, double SpreadAnalysis, double SpreadForecast, int CyclesAveraged)
{
    /// <summary>Spread / RMSE of the analysis (≈ 1 for a well-tuned filter).</summary>
    public double SpreadRatio => SpreadAnalysis / RmseAnalysis;

    /// <summary>The means of <paramref name="series"/> over cycles with index ≥ <paramref name="burnInCycles"/>.</summary>
    public static RunSummary From(IReadOnlyList<CycleStatistics> series, int burnInCycles)
    {
        double ra = 0, rf = 0, sa = 0, sf = 0;
        int count = 0;
        for (int k = burnInCycles; k < series.Count; k++)
        {
            var c = series[k];
            ra += c.RmseAnalysis; rf += c.RmseForecast; sa += c.SpreadAnalysis; sf += c.SpreadForecast;
            count++;
        }
        if (count == 0) return new RunSummary(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        return new RunSummary(ra / count, rf / count, sa / count, sf / count, count);
    }
}
