using System.Globalization;
using Science.Assimilation.Runs;
using Science.Visualization;

namespace Science.Interactive;

/// <summary>
/// The HTML view of an <see cref="AssimilationRun"/>: the run's setup and time-mean scores, then the RMSE and spread of
/// every cycle (<see cref="AssimilationCharts"/>) as an interactive chart with a static fallback.
/// </summary>
internal static class AssimilationRunHtml
{
    /// <summary>Writes the summary table and the chart.</summary>
    public static void Write(AssimilationRun run, TextWriter writer)
    {
        var m = run.Summary;
        string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
        var table = new HtmlTable($"assimilation run: {run.Experiment.Name}", "quantity", "value")
            .Row("method", $"{run.Method.Kind}, N = {Int(run.Method.Members)}, inflation {HtmlTable.Number(run.Method.Inflation)}")
            .Row("state size", Int(run.StateSize))
            .Row("cycles", $"{Int(run.Series.Count)} ({Int(m.CyclesAveraged)} averaged after burn-in)")
            .Row("seed", Int(run.Seed))
            .Row("rmse_a (analysis RMSE)", HtmlTable.Number(m.RmseAnalysis, "F4"))
            .Row("rmse_f (forecast RMSE)", HtmlTable.Number(m.RmseForecast, "F4"))
            .Row("spread_a", HtmlTable.Number(m.SpreadAnalysis, "F4"))
            .Row("spread_f", HtmlTable.Number(m.SpreadForecast, "F4"))
            .Row("spread_a / rmse_a", HtmlTable.Number(m.SpreadRatio, "F3"))
            .Row("wall time", $"{HtmlTable.Number(run.Wall.TotalSeconds, "F2")} s");
        writer.Write(table.ToString());
        if (run.Series.Count == 0) return;

        var s = run.Series;
        double[] time = s.Select(c => c.Time).ToArray();
        (string, double[])[] series =
        [
            ("RMSE analysis", s.Select(c => c.RmseAnalysis).ToArray()),
            ("spread analysis", s.Select(c => c.SpreadAnalysis).ToArray()),
        ];
        writer.Write(NotebookCharts.Chart("RMSE and spread per cycle",
            page => AssimilationCharts.Write(page, run),
            png => Charts.TimeSeriesPng(png, "RMSE and spread of the analysis", time, series, "model time", "RMSE / spread", logY: true, width: 800, height: 340)));
    }
}
