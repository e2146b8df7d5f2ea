using System.Globalization;
using System.Runtime.Loader;
using System.Text;
using Xunit.Abstractions;

namespace Science.Visualization.Tests;

/// <summary>The page writer itself: no F# at run time, JSON details, and the shared plotly.min.js mode.</summary>
public sealed class PlotlyHtmlTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Rendering_DoesNotLoadFSharpCore()
    {
        var (x, y, fields) = Samples.Grid();
        Charts.TimeSeries(_dir.File("energy.html"), "Kinetic energy", Samples.Time, Samples.Energies, "t", "KE");
        Charts.Maps(_dir.File("maps.html"), "Snapshot", x, y, fields);
        Charts.LCurve(_dir.File("lcurve.html"), "Threshold sweep", Samples.LCurvePanels());
        Charts.CoefficientBars(_dir.File("bars.html"), "Identified coefficients", Samples.CoefficientPanels());

        static bool IsFSharpCore(System.Reflection.Assembly a) => a.GetName().Name == "FSharp.Core";
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), IsFSharpCore);
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, IsFSharpCore);
        // Plotly.NET.dll is loaded, but only as the carrier of the plotly.js resource.
        Assert.Contains(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Plotly.NET");
    }

    [Fact]
    public void Bundle_IsThePlotlyJsResourceOfPlotlyNet()
    {
        Assert.StartsWith("Plotly.NET.plotly-", PlotlyJs.ResourceName);
        Assert.EndsWith(".min.js", PlotlyJs.ResourceName);
        Assert.Contains("* plotly.js v2.", PlotlyJs.Source);
        Assert.True(PlotlyJs.Source.Length > 3_000_000);
        Assert.Same(PlotlyJs.Source, PlotlyJs.Source); // read once per process
    }

    [Fact]
    public void Json_IsInvariantAndWritesNonFiniteAsNull()
    {
        var previous = CultureInfo.CurrentCulture;
        // A culture with a decimal comma (built by hand: the test host may run in globalization-invariant mode).
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo.CurrentCulture = comma;
        try
        {
            var figure = new PlotlyFigure();
            var trace = figure.AddTrace("scatter");
            trace["x"] = new[] { 1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -2.25e-7 };
            trace["y"] = new double?[] { 0.5, null };
            trace["z"] = new[] { new float?[] { 0.25f, float.NaN, null } };
            trace["name"] = "ψ₁ <b>";
            trace["skipped"] = null;
            figure.Layout["width"] = 900;

            Assert.Equal(
                "[{\"type\":\"scatter\",\"x\":[1.5,null,null,null,-2.25E-07],\"y\":[0.5,null],\"z\":[[0.25,null,null]],\"name\":\"ψ₁ <b>\"}]",
                figure.DataJson());
            Assert.Equal("{\"width\":900}", figure.LayoutJson());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void SharedScript_WritesOnePlotlyJsBesideTheCharts()
    {
        Write("energy.html", "Kinetic energy", shared: true);
        Write("spectra.html", "KE spectra", shared: true);

        Assert.Equal(["energy.html", "plotly.min.js", "spectra.html"], _dir.Files());
        Assert.Equal(Encoding.UTF8.GetBytes(PlotlyJs.Source), File.ReadAllBytes(_dir.File("plotly.min.js")));
        var energy = PlotlyPage.LoadShared(_dir.File("energy.html"));
        energy.AssertTitle("Kinetic energy");
        Assert.Equal(["KE layer 1", "KE layer 2"], energy.TraceNames);
        PlotlyPage.LoadShared(_dir.File("spectra.html")).AssertTitle("KE spectra");

        Write("inline.html", "Kinetic energy", shared: false);
        long inline = new FileInfo(_dir.File("inline.html")).Length, shared = new FileInfo(_dir.File("energy.html")).Length;
        output.WriteLine($"inline page {inline} bytes, shared page {shared} bytes, plotly.min.js {new FileInfo(_dir.File("plotly.min.js")).Length} bytes");
        PlotlyPage.Load(_dir.File("inline.html"));
    }

    [Fact]
    public void SharedScript_IsRewrittenOnlyWhenAbsentOrDifferent()
    {
        string script = _dir.File("plotly.min.js");
        Write("a.html", "a", shared: true);
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(script, stamp);

        Write("b.html", "b", shared: true);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(script)); // identical: left alone

        File.WriteAllText(script, "stale");
        Write("c.html", "c", shared: true);
        Assert.Equal(PlotlyJs.Source, File.ReadAllText(script)); // different: replaced
        Assert.DoesNotContain(_dir.Files(), f => f.Contains(".tmp", StringComparison.Ordinal));

        File.Delete(script);
        Write("d.html", "d", shared: true);
        Assert.True(File.Exists(script)); // absent: written
    }

    [Fact]
    public void SharedScript_UserTextCannotCloseTheFigureScript()
    {
        const string name = "a</script><script>alert(1)</script>";
        Write("inject.html", "T </script> & <b>", shared: true, [(name, [1.0, 2.0])]);

        var page = PlotlyPage.LoadShared(_dir.File("inject.html"));
        Assert.Equal(name, page.TraceNames[0]);
        Assert.Equal("T </script> & <b>", page.Title);
        Assert.Contains("<title>T &lt;/script&gt; &amp; &lt;b&gt;</title>", page.Html);
        Assert.Equal(2, page.Html.Split("</script>").Length - 1); // the plotly.min.js reference and the figure
    }

    private void Write(string name, string title, bool shared, (string Name, double[] Values)[]? series = null)
    {
        var figure = new PlotlyFigure();
        foreach (var (seriesName, values) in series ?? Samples.Energies)
        {
            var trace = figure.AddTrace("scatter");
            trace["name"] = seriesName;
            trace["x"] = Samples.Time[..values.Length];
            trace["y"] = values;
        }

        figure.Layout["title"] = new Dictionary<string, object?> { ["text"] = title };
        figure.Write(_dir.File(name), title, sharedScript: shared);
    }
}

/// <summary>Tests that flip the process-wide <see cref="Charts.SharedPlotlyScript"/>; never run beside other tests.</summary>
[CollectionDefinition(nameof(SharedPlotlyScriptSetting), DisableParallelization = true)]
public sealed class SharedPlotlyScriptSetting;

[Collection(nameof(SharedPlotlyScriptSetting))]
public sealed class SharedPlotlyScriptTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ChartsApi_SharesOneScriptPerFolder_AndDefaultsToInline()
    {
        Assert.False(Charts.SharedPlotlyScript);
        Charts.SharedPlotlyScript = true;
        try
        {
            Charts.TimeSeries(_dir.File("energy.html"), "Kinetic energy", Samples.Time, Samples.Energies, "t", "KE");
            Charts.LCurve(_dir.File("lcurve.html"), "Threshold sweep", Samples.LCurvePanels());
            Charts.TimeSeries(_dir.File(Path.Combine("sub", "energy.html")), "nested", Samples.Time, Samples.Energies, "t", "KE");
        }
        finally
        {
            Charts.SharedPlotlyScript = false;
        }

        Assert.Equal(
            ["energy.html", "lcurve.html", "plotly.min.js", Path.Combine("sub", "energy.html"), Path.Combine("sub", "plotly.min.js")],
            _dir.Files());
        PlotlyPage.LoadShared(_dir.File("energy.html")).AssertTitle("Kinetic energy");
        PlotlyPage.LoadShared(_dir.File("lcurve.html")).AssertTitle("Threshold sweep");
        PlotlyPage.LoadShared(_dir.File(Path.Combine("sub", "energy.html")));

        Charts.TimeSeries(_dir.File("inline.html"), "Kinetic energy", Samples.Time, Samples.Energies, "t", "KE");
        PlotlyPage.Load(_dir.File("inline.html"));
    }
}
