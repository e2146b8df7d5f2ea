using System.Text.Json;

namespace Science.Visualization.Tests;

public sealed class LineChartTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TimeSeries_WritesStandalonePageWithEverySeries()
    {
        string path = _dir.File("energy.html");
        Charts.TimeSeries(path, "Kinetic energy", Samples.Time, Samples.Energies, "time", "KE");

        var page = PlotlyPage.Load(path);
        page.AssertTitle("Kinetic energy");
        Assert.Equal(["KE layer 1", "KE layer 2"], page.TraceNames);
        Assert.Contains("\"KE layer 1\"", page.Html);
        Assert.Contains("\"KE layer 2\"", page.Html);
        Assert.Equal(Samples.Time, PlotlyPage.Numbers(page.Traces[0].GetProperty("x")));
        Assert.Equal(Samples.Energies[1].Values, PlotlyPage.Numbers(page.Traces[1].GetProperty("y")));
        Assert.Equal("linear", page.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("time", page.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("KE", page.Layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(["energy.html"], _dir.Files());
    }

    [Fact]
    public void TimeSeries_LogY_DropsNonPositiveAndNonFiniteValues()
    {
        string path = _dir.File("log.html");
        double[] time = [0, 1, 2, 3, 4];
        Charts.TimeSeries(path, "log", time, [("E", [1, 0, -1, double.NaN, 10])], "t", "E", logY: true);

        var page = PlotlyPage.Load(path);
        Assert.Equal("log", page.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal([0.0, 4.0], PlotlyPage.Numbers(page.Traces[0].GetProperty("x")));
        Assert.Equal([1.0, 10.0], PlotlyPage.Numbers(page.Traces[0].GetProperty("y")));
    }

    [Fact]
    public void Profiles_PutTheCoordinateOnTheVerticalAxis()
    {
        string path = _dir.File("u.html");
        double[] y = Samples.Range(64, -3, 0.1);
        double[] u1 = y.Select(v => Math.Exp(-v * v)).ToArray();
        double[] u2 = y.Select(v => -0.3 * Math.Exp(-v * v)).ToArray();
        Charts.Profiles(path, "Zonal-mean zonal wind", y, [("u layer 1", u1), ("u layer 2", u2)], "u", "y");

        var page = PlotlyPage.Load(path);
        page.AssertTitle("Zonal-mean zonal wind");
        Assert.Equal(["u layer 1", "u layer 2"], page.TraceNames);
        Assert.Equal(y, PlotlyPage.Numbers(page.Traces[0].GetProperty("y")));
        Assert.Equal(u1, PlotlyPage.Numbers(page.Traces[0].GetProperty("x")));
        Assert.Equal("u", page.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("y", page.Layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Spectra_AreLogLogAndSkipNonPositiveValues(bool logX)
    {
        string path = _dir.File("spectra.html");
        double[] k = Samples.Range(33, 0, 1);
        double[] e1 = k.Select(v => v == 0 ? 0 : Math.Pow(v, -3)).ToArray();
        double[] e2 = k.Select(v => v == 5 ? -1 : 2 * Math.Pow(v + 1, -5.0 / 3)).ToArray();
        Charts.Spectra(path, "KE spectra", k, [("E(k) layer 1", e1), ("E(k) layer 2", e2)], "k", "E(k)", logX);

        var page = PlotlyPage.Load(path);
        page.AssertTitle("KE spectra");
        Assert.Equal(["E(k) layer 1", "E(k) layer 2"], page.TraceNames);
        Assert.Equal("log", page.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal(logX ? "log" : "linear", page.Layout.GetProperty("xaxis").GetProperty("type").GetString());
        foreach (var trace in page.Traces)
        {
            Assert.All(PlotlyPage.Numbers(trace.GetProperty("y")), v => Assert.True(v > 0));
            if (logX)
            {
                Assert.All(PlotlyPage.Numbers(trace.GetProperty("x")), v => Assert.True(v > 0));
            }
        }

        Assert.Equal(32, page.Traces[0].GetProperty("y").GetArrayLength()); // k = 0 has zero energy
        Assert.Equal(logX ? 31 : 32, page.Traces[1].GetProperty("y").GetArrayLength()); // k = 5 negative, k = 0 on log x
    }

    [Fact]
    public void Write_ReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        string path = _dir.File("energy.html");
        File.WriteAllText(path, "old");
        Charts.TimeSeries(path, "first", Samples.Time, Samples.Energies, "t", "E");
        Charts.TimeSeries(path, "second", Samples.Time, Samples.Energies, "t", "E");

        PlotlyPage.Load(path).AssertTitle("second");
        Assert.Equal(["energy.html"], _dir.Files());
    }

    [Fact]
    public void Write_CreatesMissingDirectories()
    {
        string path = Path.Combine(_dir.Path, "a", "b", "energy.html");
        Charts.TimeSeries(path, "nested", Samples.Time, Samples.Energies, "t", "E");

        PlotlyPage.Load(path);
        Assert.Equal([Path.Combine("a", "b", "energy.html")], _dir.Files());
    }

    [Fact]
    public void UserText_CannotCloseTheFigureScript()
    {
        string path = _dir.File("inject.html");
        const string name = "a</script><script>alert(1)</script>";
        Charts.TimeSeries(path, "T </script> & <b>", [0, 1], [(name, [1, 2])], "t</script>", "E");

        var page = PlotlyPage.Load(path);
        Assert.Equal(name, page.TraceNames[0]);
        Assert.Equal("T </script> & <b>", page.Title);
        Assert.Equal(2, page.Html.Split("</script>").Length - 1); // the plotly.js bundle and the figure
    }

    [Fact]
    public void SeriesNames_AreEscapedAsJsonStrings()
    {
        string path = _dir.File("quotes.html");
        Charts.TimeSeries(path, "quotes", [0, 1], [("say \"hi\" \\ ψ₁", [1, 2])], "t", "E");

        var page = PlotlyPage.Load(path);
        Assert.Equal("say \"hi\" \\ ψ₁", page.Traces[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, page.Data.ValueKind);
    }
}
