using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using Science.Assimilation.Experiments;
using Science.Assimilation.Methods;
using Science.Assimilation.Presets;
using Science.Interpolation;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.QgModel;
using Science.QgModel.IO;
using Science.QgModel.Spectral;
using Science.Tests.Shared;

namespace Science.Interactive.Tests;

/// <summary>
/// The formatters called the way a notebook calls them (<see cref="Formatter.ToDisplayString(object, string)"/> with
/// text/html after <see cref="Display.Register"/>): real values in the table cells, static images, and plotly.js once
/// per session. One class, so that the process-wide chart session is not shared with a parallel test.
/// </summary>
public sealed class FormatterTests
{
    /// <summary>A marker that occurs in the plotly.js bundle and in no chart fragment.</summary>
    private const string BundleMarker = "plotly.js v";

    public FormatterTests() => Display.Register();

    private static string Html(object value) => Formatter.ToDisplayString(value, HtmlFormatter.MimeType);

    private static string Cell(string text) => $"<td style=\"padding:1px 10px 1px 0\">{text}</td>";

    private static int Count(string html, string what) => Regex.Matches(html, Regex.Escape(what)).Count;

    [Fact]
    public void ParametersShowEveryValueWithItsUnit()
    {
        var parameters = QgParameters.Truth with { TauF = 0.37 };
        string html = Html(parameters);
        Assert.True(Display.IsRegistered);
        Assert.Contains(Cell("tau_f") + Cell("0.37") + Cell("1/T (rate)"), html);
        Assert.Contains(Cell("beta") + Cell("0.196") + Cell("1/(L·T)"), html);
        Assert.Contains(Cell("nu") + Cell("1E-06") + Cell("L⁸/T"), html);
        Assert.Equal(parameters.ToNamedValues().Count, Count(html, "<tr>") - 1);
    }

    [SkippableFact]
    public void StateShowsItsDiagnosticsAndOneMapPerLayer()
    {
        Prerequisite.Require(File.Exists(RepositoryPaths.SpunUp), "data/qg_spunup.h5", "check out the repository's data/ folder");
        var state = QgStateFile.Read(RepositoryPaths.SpunUp).State;
        QgSummary summary;
        using (var spectral = new QgSpectral(state.Grid)) summary = new QgDiagnostics(spectral).Summarize(state, QgParameters.Truth.Dt);
        string html = Html(state);
        Assert.Contains(Cell("grid (nx × ny)") + Cell($"{state.Grid.Nx} × {state.Grid.Ny}"), html);
        Assert.Contains(Cell("step") + Cell(state.Step.ToString(CultureInfo.InvariantCulture)), html);
        Assert.Contains(Cell("KE1 (upper layer)") + Cell(summary.Ke1.ToString("E4", CultureInfo.InvariantCulture)), html);
        Assert.Contains(Cell("KE2 (lower layer)") + Cell(summary.Ke2.ToString("E4", CultureInfo.InvariantCulture)), html);
        Assert.True(summary.Ke1 > 0 && summary.Ke2 > 0);
        Assert.Equal(2, Count(html, "src=\"data:image/png;base64,"));
        Assert.Contains("alt=\"ψ1, t = 500\"", html);
    }

    [SkippableFact]
    public void SensorLayoutShowsCountRatioAndMask()
    {
        var layout = SensorLayout.RandomSubset(Grid.Default, 0.75, seed: 0);
        string html = Html(layout);
        Assert.Equal(13_824, layout.Count);
        Assert.Contains(Cell("sensors per layer") + Cell("13824"), html);
        Assert.Contains(Cell("observed fraction") + Cell("75.00 %"), html);
        Assert.Equal(1, Count(html, "src=\"data:image/png;base64,"));
    }

    /// <summary>
    /// One notebook session: a discovery report (first chart: carries plotly.js), the same report again and an
    /// assimilation run (charts only: a div and Plotly.newPlot), then after <see cref="NotebookCharts.Reset"/> the
    /// bundle comes again. Every chart keeps its static PNG.
    /// </summary>
    [SkippableFact]
    public void ReportsAndRunsCarryTheirValuesAndPlotlyJsOncePerSession()
    {
        Prerequisite.Require(File.Exists(RepositoryPaths.SpunUp), "data/qg_spunup.h5", "check out the repository's data/ folder");
        var truth = QgStateFile.Read(RepositoryPaths.SpunUp).State;
        var errorCase = CaseCatalogue.Get(1004);
        var report = ModelErrorDiscovery.Discover(new IncrementBuilder(errorCase).Build([truth]), errorCase, new DiscoverySettings());
        var j1 = report.Layer(0).Terms.Single(t => t.Label == "J1");

        var preset = PresetCatalog.Lorenz96Sakov2008();
        var experiment = preset.Experiment with { Chronology = new Chronology(0.05, 1, 300, 100) };
        var run = new Etkf { Members = 24, Inflation = 1.013, Rotate = true }.Assimilate(experiment, seed: 3000);

        NotebookCharts.Reset();
        string first = Html(report), second = Html(report), third = Html(run);
        Assert.True(NotebookCharts.ScriptEmitted);

        // The report: verdict, the found coefficient next to the expected −0.5 and its relative error.
        Assert.Contains("verdict: <b>exact support</b>", first);
        var cmp = report.Layer(0).Comparison!.Terms.Single(t => t.Label == "J1");
        Assert.Contains(Cell("1") + Cell("J1") + Cell("J(ψ1,q1)") + Cell(j1.Coefficient.ToString("G6", CultureInfo.InvariantCulture)), first);
        Assert.Contains(Cell("-0.5") + Cell(cmp.RelativeError.ToString("P3", CultureInfo.InvariantCulture)), first);
        Assert.InRange(j1.Coefficient, -0.55, -0.45);

        // The run: its time-mean scores.
        Assert.Contains(Cell("rmse_a (analysis RMSE)") + Cell(run.Summary.RmseAnalysis.ToString("F4", CultureInfo.InvariantCulture)), third);
        Assert.Contains(Cell("cycles") + Cell($"300 ({run.Summary.CyclesAveraged} averaged after burn-in)"), third);

        // plotly.js once: the first chart carries the bundle (megabytes), the later ones only draw.
        Assert.Equal(1, Count(first + second + third, BundleMarker));
        Assert.Contains(BundleMarker, first);
        Assert.True(first.Length > 1_000_000, $"the first chart is {first.Length} characters");
        foreach (var later in new[] { second, third })
        {
            Assert.True(later.Length < 200_000, $"a later chart is {later.Length} characters");
            Assert.Contains("Plotly.newPlot('science-chart-", later);
        }
        foreach (var html in new[] { first, second, third })
        {
            Assert.Equal(1, Count(html, "src=\"data:image/png;base64,"));
            Assert.Equal(1, Count(html, "class=\"science-chart\""));
        }
        Assert.DoesNotContain("<script src=", first + second + third);   // offline: no CDN

        NotebookCharts.Reset();
        Assert.Contains(BundleMarker, Html(run));
    }
}
