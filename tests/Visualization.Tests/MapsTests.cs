namespace Science.Visualization.Tests;

public sealed class MapsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Maps_DrawOneHeatmapPerFieldWithItsOwnAxesTitleAndColourBar()
    {
        var (x, y, fields) = Samples.Grid();
        string path = _dir.File("maps.html");
        Charts.Maps(path, "Snapshot", x, y, fields);

        var page = PlotlyPage.Load(path);
        page.AssertTitle("Snapshot");
        Assert.Equal(fields.Select(f => f.Name), page.TraceNames);

        Assert.Equal(fields.Select(f => $"<b>{f.Name}</b>"), page.PanelTitles);
        Assert.All(fields, f => Assert.Contains(f.Name, page.Html));

        var colorBarX = new HashSet<double>();
        for (int k = 0; k < fields.Length; k++)
        {
            var trace = page.Traces[k];
            Assert.Equal("heatmap", trace.GetProperty("type").GetString());
            string suffix = k == 0 ? "" : (k + 1).ToString();
            Assert.Equal("x" + suffix, trace.GetProperty("xaxis").GetString());
            Assert.Equal("y" + suffix, trace.GetProperty("yaxis").GetString());
            Assert.True(page.Layout.TryGetProperty("xaxis" + suffix, out _));
            Assert.True(page.Layout.TryGetProperty("yaxis" + suffix, out _));
            colorBarX.Add(trace.GetProperty("colorbar").GetProperty("x").GetDouble());

            // z is row-major [y, x]: row j holds y[j].
            var z = trace.GetProperty("z");
            Assert.Equal(y.Length, z.GetArrayLength());
            Assert.Equal(x.Length, z[0].GetArrayLength());
            Assert.Equal((float)fields[k].Field[5 * x.Length + 7], (float)z[5][7].GetDouble());
        }

        Assert.Equal(fields.Length, colorBarX.Count); // side by side: three distinct colour bars
    }

    [Fact]
    public void Maps_UseASymmetricDivergingScaleForSignedFieldsOnly()
    {
        var (x, y, fields) = Samples.Grid();
        string path = _dir.File("maps.html");
        Charts.Maps(path, "Snapshot", x, y, fields);

        var page = PlotlyPage.Load(path);
        var psi = page.Traces[0];
        double bound = fields[0].Field.Max(Math.Abs);
        Assert.Equal(-bound, psi.GetProperty("zmin").GetDouble(), 12);
        Assert.Equal(bound, psi.GetProperty("zmax").GetDouble(), 12);
        Assert.Equal(0.0, psi.GetProperty("zmid").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, psi.GetProperty("colorscale").ValueKind);

        var enstrophy = page.Traces[1];
        Assert.Equal("Viridis", enstrophy.GetProperty("colorscale").GetString());
        Assert.False(enstrophy.TryGetProperty("zmid", out _));
    }

    [Fact]
    public void Maps_WrapIntoRowsOfThree()
    {
        var (x, y, fields) = Samples.Grid();
        var five = fields.Concat(fields.Take(2).Select(f => (f.Name + " again", f.Field))).ToArray();
        string path = _dir.File("five.html");
        Charts.Maps(path, "Five", x, y, five);

        var page = PlotlyPage.Load(path);
        double Top(string key) => page.Layout.GetProperty(key).GetProperty("domain")[1].GetDouble();
        Assert.Equal(Top("yaxis"), Top("yaxis3"));
        Assert.True(Top("yaxis4") < Top("yaxis"));
        Assert.Equal(Top("yaxis4"), Top("yaxis5"));
    }

    [Fact]
    public void Maps_NonFiniteValuesBecomeGaps()
    {
        double[] x = [0, 1, 2];
        double[] y = [0, 1];
        string path = _dir.File("nan.html");
        Charts.Maps(path, "gaps", x, y, [("f", [1, double.NaN, 3, 4, double.PositiveInfinity, 6])]);

        var z = PlotlyPage.Load(path).Traces[0].GetProperty("z");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, z[0][1].ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, z[1][1].ValueKind);
        Assert.Equal(6.0, z[1][2].GetDouble());
    }
}
