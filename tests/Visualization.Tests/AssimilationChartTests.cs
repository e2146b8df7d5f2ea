using Science.Assimilation.Experiments;
using Science.Assimilation.Methods;
using Science.Assimilation.Presets;

namespace Science.Visualization.Tests;

/// <summary>An assimilation run plots itself: RMSE and spread against time, both phases.</summary>
public sealed class AssimilationChartTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RunChartHasForecastAndAnalysisRmseAndSpreadForEveryCycle()
    {
        var xp = PresetCatalog.Lorenz96Sakov2008().Experiment with { Chronology = new Chronology(0.05, 1, 120, 40) };
        var run = new Etkf { Members = 16, Inflation = 1.02, Rotate = true }.Assimilate(xp, 11);
        string path = _dir.File("run.html");
        AssimilationCharts.Write(path, run);

        var page = PlotlyPage.Load(path);
        Assert.Equal(["RMSE forecast", "RMSE analysis", "spread forecast", "spread analysis"], page.TraceNames);
        Assert.Equal(run.Series.Select(c => c.Time).ToArray(), PlotlyPage.Numbers(page.Traces[0].GetProperty("x")));
        Assert.Equal(run.Series.Select(c => c.RmseAnalysis).ToArray(), PlotlyPage.Numbers(page.Traces[1].GetProperty("y")));
        Assert.Equal("log", page.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Contains("rmse_a", page.Html);
    }
}
