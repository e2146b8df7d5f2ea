namespace Science.Visualization.Tests;

public sealed class DiscoveryChartTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LCurve_DrawsErrorAndTermCountPerPanelOnTwinAxesAndMarksTheSelection()
    {
        var panels = Samples.LCurvePanels();
        string path = _dir.File("lcurve.html");
        Charts.LCurve(path, "Threshold sweep", panels);

        var page = PlotlyPage.Load(path);
        page.AssertTitle("Threshold sweep");
        Assert.Equal(
            ["nMSE", "number of terms", "selected", "nMSE", "number of terms", "selected"],
            page.TraceNames);
        Assert.Equal(["<b>layer 1</b>", "<b>layer 2</b>"], page.PanelTitles);

        for (int p = 0; p < panels.Length; p++)
        {
            var error = page.Traces[3 * p];
            var terms = page.Traces[3 * p + 1];
            var selected = page.Traces[3 * p + 2];
            string xRef = p == 0 ? "x" : $"x{p + 1}";
            string yRef = p == 0 ? "y" : $"y{2 * p + 1}";
            string y2Ref = $"y{2 * p + 2}";
            Assert.Equal(xRef, error.GetProperty("xaxis").GetString());
            Assert.Equal(yRef, error.GetProperty("yaxis").GetString());
            Assert.Equal(y2Ref, terms.GetProperty("yaxis").GetString());
            Assert.Equal(yRef, selected.GetProperty("yaxis").GetString());

            var y2 = page.Layout.GetProperty("yaxis" + (2 * p + 2));
            Assert.Equal(yRef, y2.GetProperty("overlaying").GetString());
            Assert.Equal("right", y2.GetProperty("side").GetString());
            Assert.Equal("log", page.Layout.GetProperty(p == 0 ? "xaxis" : $"xaxis{p + 1}").GetProperty("type").GetString());
            Assert.Equal("log", page.Layout.GetProperty(p == 0 ? "yaxis" : $"yaxis{2 * p + 1}").GetProperty("type").GetString());

            int s = panels[p].SelectedIndex!.Value;
            Assert.Equal(panels[p].Threshold[s], selected.GetProperty("x")[0].GetDouble());
            Assert.Equal(panels[p].Nmse[s], selected.GetProperty("y")[0].GetDouble());
            Assert.Equal(panels[p].TermCount.Select(c => (double)c), PlotlyPage.Numbers(terms.GetProperty("y")));
        }
    }

    [Fact]
    public void LCurve_WithoutSelection_HasNoMarker()
    {
        var panel = Samples.LCurvePanels()[0] with { SelectedIndex = null };
        string path = _dir.File("lcurve.html");
        Charts.LCurve(path, "no selection", [panel]);

        Assert.Equal(["nMSE", "number of terms"], PlotlyPage.Load(path).TraceNames);
    }

    [Fact]
    public void CoefficientBars_GroupFoundWithErrorBarsAgainstExpected()
    {
        var panels = Samples.CoefficientPanels();
        string path = _dir.File("coefficients.html");
        Charts.CoefficientBars(path, "Identified coefficients", panels);

        var page = PlotlyPage.Load(path);
        page.AssertTitle("Identified coefficients");
        Assert.Equal(["found", "expected", "found", "expected"], page.TraceNames);
        Assert.Equal("group", page.Layout.GetProperty("barmode").GetString());
        Assert.Equal(["<b>layer 1</b>", "<b>layer 2</b>"], page.PanelTitles);
        foreach (string label in panels[0].Labels)
        {
            Assert.Contains(label, page.Html);
        }

        var found1 = page.Traces[0];
        Assert.Equal("bar", found1.GetProperty("type").GetString());
        Assert.Equal(panels[0].Labels, found1.GetProperty("x").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(panels[0].Found, PlotlyPage.Numbers(found1.GetProperty("y")));
        Assert.Equal(panels[0].FoundStd!, PlotlyPage.Numbers(found1.GetProperty("error_y").GetProperty("array")));
        Assert.False(page.Traces[2].TryGetProperty("error_y", out _)); // layer 2 has no std
        Assert.Equal(panels[1].Expected!, PlotlyPage.Numbers(page.Traces[3].GetProperty("y")));
        Assert.Equal("x2", page.Traces[3].GetProperty("xaxis").GetString());
        Assert.Equal("category", page.Layout.GetProperty("xaxis2").GetProperty("type").GetString());
    }

    [Fact]
    public void CoefficientBars_WithoutExpected_DrawOnlyFoundBars()
    {
        var panel = Samples.CoefficientPanels()[0] with { Expected = null, FoundStd = null };
        string path = _dir.File("found.html");
        Charts.CoefficientBars(path, "found only", [panel]);

        Assert.Equal(["found"], PlotlyPage.Load(path).TraceNames);
    }
}
