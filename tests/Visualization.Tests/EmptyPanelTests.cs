namespace Science.Visualization.Tests;

/// <summary>
/// Panels with nothing to draw (a layer without model error): they are drawn as such, with their axes and a
/// note at their centre, instead of failing the whole chart.
/// </summary>
public sealed class EmptyPanelTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CoefficientPanel Empty(string name, bool withExpected = true) =>
        new(name, [], [], [], withExpected ? [] : null);

    [Fact]
    public void CoefficientBars_EmptyPanelBesideAFullOne_KeepsItsAxesAndSaysNoModelError()
    {
        var full = Samples.CoefficientPanels()[1];
        string path = _dir.File("coefficients.html");
        Charts.CoefficientBars(path, "one layer with error", [Empty("layer 1"), full with { Name = "layer 2" }]);

        var page = PlotlyPage.Load(path);
        // Only the full panel has bars, and its traces carry the legend (the first panel has none to show it).
        Assert.Equal(["found", "expected"], page.TraceNames);
        Assert.All(page.Traces, t => Assert.Equal("x2", t.GetProperty("xaxis").GetString()));
        Assert.All(page.Traces, t => Assert.True(t.GetProperty("showlegend").GetBoolean()));
        Assert.Equal(["no model error", "<b>layer 1</b>", "<b>layer 2</b>"], page.PanelTitles);
        Assert.Contains("no model error", page.Html);

        // The empty panel still has both axes, with zero in the middle of the coefficient axis.
        var xAxis = page.Layout.GetProperty("xaxis");
        Assert.Equal("category", xAxis.GetProperty("type").GetString());
        Assert.Equal("y", xAxis.GetProperty("anchor").GetString());
        var yAxis = page.Layout.GetProperty("yaxis");
        Assert.Equal([-1.0, 1.0], PlotlyPage.Numbers(yAxis.GetProperty("range")));
        Assert.Equal("coefficient", yAxis.GetProperty("title").GetProperty("text").GetString());

        // The note sits in the middle of the first panel's domain.
        var note = page.Layout.GetProperty("annotations")[0];
        var domain = PlotlyPage.Numbers(xAxis.GetProperty("domain"));
        Assert.Equal((domain[0] + domain[1]) / 2, note.GetProperty("x").GetDouble(), 12);
        Assert.Equal("paper", note.GetProperty("xref").GetString());
    }

    [Fact]
    public void CoefficientBars_AllPanelsEmpty_RenderWithANoteEach()
    {
        string path = _dir.File("none.html");
        Charts.CoefficientBars(path, "perfect model", [Empty("layer 1"), Empty("layer 2", withExpected: false)]);

        var page = PlotlyPage.Load(path);
        page.AssertTitle("perfect model");
        Assert.Empty(page.Traces);
        Assert.Equal(2, page.PanelTitles.Count(t => t == "no model error"));
        Assert.True(page.Layout.TryGetProperty("xaxis2", out _));
        Assert.True(page.Layout.TryGetProperty("yaxis2", out _));
    }

    [Fact]
    public void CoefficientBars_NullLabelsAreStillRejected()
    {
        var panel = new CoefficientPanel("layer 1", null!, [], null, null);
        var ex = Assert.Throws<ArgumentException>(() => Charts.CoefficientBars(_dir.File("x.html"), "c", [panel]));
        Assert.Equal("panels", ex.ParamName);
        Assert.False(File.Exists(_dir.File("x.html")));
    }

    [Fact]
    public void CoefficientBars_EmptyLabelsWithValuesAreRejected()
    {
        var panel = new CoefficientPanel("layer 1", [], [1.0], null, null);
        var ex = Assert.Throws<ArgumentException>(() => Charts.CoefficientBars(_dir.File("x.html"), "c", [panel]));
        Assert.Equal("panels", ex.ParamName);
    }

    [Fact]
    public void LCurve_NoConvergedFit_KeepsTheLogAxesAndSaysSo()
    {
        double[] threshold = [1e-7, 1e-6, 1e-5, 1e-4];
        var failed = new LCurvePanel("layer 1", threshold, [double.NaN, double.NaN, double.NaN, double.NaN], [0, 0, 0, 0], null);
        var good = Samples.LCurvePanels()[1];
        string path = _dir.File("lcurve.html");
        Charts.LCurve(path, "sweep", [failed, good]);

        var page = PlotlyPage.Load(path);
        Assert.Equal(["no converged fit", "<b>layer 1</b>", "<b>layer 2</b>"], page.PanelTitles);
        Assert.Empty(PlotlyPage.Numbers(page.Traces[0].GetProperty("y")));
        Assert.Equal("log", page.Layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", page.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal(["nMSE", "number of terms", "nMSE", "number of terms", "selected"], page.TraceNames);
    }

    [Fact]
    public void LCurve_WithADrawableFit_HasNoNote()
    {
        string path = _dir.File("lcurve.html");
        Charts.LCurve(path, "sweep", Samples.LCurvePanels());
        Assert.DoesNotContain("no converged fit", PlotlyPage.Load(path).PanelTitles);
    }

    [Fact]
    public void Maps_ZeroField_IsNeutralWithoutColourBarAndSaysSo()
    {
        var (x, y, fields) = Samples.Grid();
        var zero = new double[x.Length * y.Length];
        var constant = Enumerable.Repeat(2.5, zero.Length).ToArray();
        var nan = Enumerable.Repeat(double.NaN, zero.Length).ToArray();
        string path = _dir.File("maps.html");
        Charts.Maps(path, "increments", x, y, [("h1", zero), ("h2", constant), ("psi", fields[0].Field), ("gap", nan)]);

        var page = PlotlyPage.Load(path);
        Assert.Equal(["h1", "h2", "psi", "gap"], page.TraceNames);
        var notes = page.PanelTitles.Where(t => !t.StartsWith("<b>", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["zero everywhere", "constant: 2.5", "no finite values"], notes);

        var h1 = page.Traces[0];
        Assert.False(h1.GetProperty("showscale").GetBoolean());
        Assert.Equal(0.0, h1.GetProperty("zmid").GetDouble());
        Assert.Equal(-1.0, h1.GetProperty("zmin").GetDouble());
        Assert.Equal(1.0, h1.GetProperty("zmax").GetDouble());
        Assert.False(page.Traces[1].GetProperty("showscale").GetBoolean());
        Assert.False(page.Traces[3].GetProperty("showscale").GetBoolean());
        Assert.False(page.Traces[2].TryGetProperty("showscale", out _)); // a signed field keeps its colour bar
        Assert.True(page.Layout.TryGetProperty("xaxis", out _));
        Assert.True(page.Layout.TryGetProperty("yaxis", out _));
    }

    [Fact]
    public void Maps_VaryingFields_HaveNoNote()
    {
        var (x, y, fields) = Samples.Grid();
        string path = _dir.File("maps.html");
        Charts.Maps(path, "snapshot", x, y, fields);
        Assert.All(PlotlyPage.Load(path).PanelTitles, t => Assert.StartsWith("<b>", t));
    }
}
