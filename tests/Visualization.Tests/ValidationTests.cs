namespace Science.Visualization.Tests;

/// <summary>Invalid input throws an <see cref="ArgumentException"/> naming the parameter, and writes nothing.</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private void AssertRejected(string paramName, Action<string> write)
    {
        string path = _dir.File("chart.html");
        var ex = Assert.ThrowsAny<ArgumentException>(() => write(path));
        Assert.Equal(paramName, ex.ParamName);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void TimeSeries_SeriesShorterThanTime() =>
        AssertRejected("series", p => Charts.TimeSeries(p, "t", [0, 1, 2], [("a", [1, 2, 3]), ("b", [1, 2])], "t", "E"));

    [Fact]
    public void TimeSeries_EmptyTime() =>
        AssertRejected("time", p => Charts.TimeSeries(p, "t", [], [("a", [])], "t", "E"));

    [Fact]
    public void TimeSeries_NoSeries() =>
        AssertRejected("series", p => Charts.TimeSeries(p, "t", [0, 1], [], "t", "E"));

    [Fact]
    public void TimeSeries_NullValues() =>
        AssertRejected("series", p => Charts.TimeSeries(p, "t", [0, 1], [("a", null!)], "t", "E"));

    [Fact]
    public void TimeSeries_BlankPath() =>
        AssertRejected("path", _ => Charts.TimeSeries(" ", "t", [0, 1], [("a", [1, 2])], "t", "E"));

    [Fact]
    public void Profiles_SeriesLongerThanY() =>
        AssertRejected("series", p => Charts.Profiles(p, "u", [0, 1], [("u", [1, 2, 3])], "u", "y"));

    [Fact]
    public void Spectra_MismatchedSeries() =>
        AssertRejected("series", p => Charts.Spectra(p, "E", [1, 2, 3], [("E", [1, 2])], "k", "E"));

    [Fact]
    public void Maps_FieldOfWrongSize()
    {
        var (x, y, fields) = Samples.Grid();
        var bad = fields.Append(("short", new double[x.Length * y.Length - 1])).ToArray();
        AssertRejected("fields", p => Charts.Maps(p, "m", x, y, bad));
    }

    [Fact]
    public void Maps_NoFields() =>
        AssertRejected("fields", p => Charts.Maps(p, "m", [0, 1], [0, 1], []));

    [Fact]
    public void Maps_EmptyX() =>
        AssertRejected("x", p => Charts.Maps(p, "m", [], [0, 1], [("f", [])]));

    [Fact]
    public void LCurve_NmseOfWrongLength()
    {
        var panel = Samples.LCurvePanels()[0];
        var bad = panel with { Nmse = panel.Nmse[1..] };
        AssertRejected("panels", p => Charts.LCurve(p, "l", [Samples.LCurvePanels()[1], bad]));
    }

    [Fact]
    public void LCurve_TermCountOfWrongLength()
    {
        var panel = Samples.LCurvePanels()[0];
        AssertRejected("panels", p => Charts.LCurve(p, "l", [panel with { TermCount = [1, 2] }]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(12)]
    public void LCurve_SelectedIndexOutOfRange(int index)
    {
        var panel = Samples.LCurvePanels()[0];
        AssertRejected("panels", p => Charts.LCurve(p, "l", [panel with { SelectedIndex = index }]));
    }

    [Fact]
    public void LCurve_NoPanels() =>
        AssertRejected("panels", p => Charts.LCurve(p, "l", []));

    [Fact]
    public void CoefficientBars_FoundOfWrongLength()
    {
        var panel = Samples.CoefficientPanels()[0];
        AssertRejected("panels", p => Charts.CoefficientBars(p, "c", [panel with { Found = [1.0] }]));
    }

    [Fact]
    public void CoefficientBars_StdOfWrongLength()
    {
        var panel = Samples.CoefficientPanels()[0];
        AssertRejected("panels", p => Charts.CoefficientBars(p, "c", [panel with { FoundStd = [1.0, 2.0] }]));
    }

    [Fact]
    public void CoefficientBars_ExpectedOfWrongLength()
    {
        var panel = Samples.CoefficientPanels()[1];
        AssertRejected("panels", p => Charts.CoefficientBars(p, "c", [Samples.CoefficientPanels()[0], panel with { Expected = [] }]));
    }

    [Fact]
    public void TimeSeriesPng_MismatchedSeries() =>
        AssertRejected("series", p => Charts.TimeSeriesPng(p, "t", [0, 1, 2], [("a", [1, 2])], "t", "E"));

    [Fact]
    public void MapPng_FieldOfWrongSize() =>
        AssertRejected("field", p => Charts.MapPng(p, "m", [0, 1, 2], [0, 1], [1, 2, 3, 4, 5]));

    [Fact]
    public void Message_NamesTheOffendingSeries()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => Charts.TimeSeries(_dir.File("x.html"), "t", [0, 1, 2], [("KE layer 2", [1, 2])], "t", "E"));
        Assert.Contains("KE layer 2", ex.Message);
        Assert.Contains("2 values", ex.Message);
    }
}
