using Science.Assimilation.Runs;

namespace Science.Visualization;

/// <summary>
/// The chart of an assimilation run: RMSE of the ensemble mean and ensemble spread against time, forecast and analysis,
/// every cycle (burn-in included; the time means in the run's JSON average the cycles after it), as offline Plotly HTML.
/// </summary>
public static class AssimilationCharts
{
    /// <summary>Writes the RMSE/spread chart of <paramref name="run"/> to <paramref name="path"/> (atomically).</summary>
    /// <param name="path">The HTML file.</param>
    /// <param name="run">The run.</param>
    /// <param name="title">The title; null = method, members and the time-mean scores.</param>
    public static void Write(string path, AssimilationRun run, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Series;
        if (s.Count == 0) throw new ArgumentException("the run has no cycles to chart", nameof(run));
        var time = s.Select(c => c.Time).ToArray();
        var m = run.Summary;
        title ??= FormattableString.Invariant(
            $"{run.Method.GetType().Name}: rmse_a {m.RmseAnalysis:G3}, spread_a {m.SpreadAnalysis:G3} (time means over {m.CyclesAveraged} cycles after burn-in)");
        Charts.TimeSeries(path, title, time,
        [
            ("RMSE forecast", s.Select(c => c.RmseForecast).ToArray()),
            ("RMSE analysis", s.Select(c => c.RmseAnalysis).ToArray()),
            ("spread forecast", s.Select(c => c.SpreadForecast).ToArray()),
            ("spread analysis", s.Select(c => c.SpreadAnalysis).ToArray()),
        ], "model time", "RMSE / spread", logY: true);
    }
}
