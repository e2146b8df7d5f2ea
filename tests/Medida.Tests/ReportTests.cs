using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.Medida.Reports;
using Science.QgModel;

namespace Science.Medida.Tests;

/// <summary>Report contract (JSON, CSV), increment files and the printed equations.</summary>
public sealed class ReportTests : IClassFixture<ReportTests.Fixture>
{
    /// <summary>The reports shared by the tests, built once (through the process-wide cache) and a scratch folder.</summary>
    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Case1001 = TestData.Discover(1001, [0]);
            Case1006 = TestData.Discover(1006, [0]);
            var truth = QgParameters.Truth;
            CustomCase = CaseCatalogue.Custom(truth, truth with { Sigma = 4.0 }, "wider jet");
            var increment = new IncrementBuilder(CustomCase).Build([TestData.Snapshot(0)]);
            Custom = ModelErrorDiscovery.Discover(increment, CustomCase, new DiscoverySettings());
            Directory = Path.Combine(Path.GetTempPath(), "medida-report-tests-" + Guid.NewGuid().ToString("N"));
        }

        public DiscoveryReport Case1001 { get; }
        public DiscoveryReport Case1006 { get; }
        public ModelErrorCase CustomCase { get; }
        public DiscoveryReport Custom { get; }
        public string Directory { get; }

        public void Dispose()
        {
            if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private readonly Fixture _f;

    public ReportTests(Fixture fixture) => _f = fixture;

    private static JsonObject RoundTrip(DiscoveryReport report)
    {
        string text = ReportWriter.ToJson(report).ToJsonString();
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public void JsonHasTheContractFields()
    {
        var root = RoundTrip(_f.Case1001);
        Assert.Equal(1001, root["case"]!["id"]!.GetValue<int>());
        Assert.Equal("relaxation", root["case"]!["name"]!.GetValue<string>());
        Assert.Equal(0.11, root["case"]!["model"]!["tau_d1"]!.GetValue<double>());
        Assert.Equal(0.01, root["case"]!["truth"]!["tau_d1"]!.GetValue<double>());
        var settings = root["settings"]!.AsObject();
        Assert.Equal("reference", settings["library"]!.GetValue<string>());
        Assert.Equal("forecast", settings["library_state"]!.GetValue<string>());
        Assert.Equal("reference", settings["pv_bookkeeping"]!.GetValue<string>());
        Assert.Equal("false", settings["standardise"]!.GetValue<string>());
        Assert.Equal(8512, root["rows_per_layer"]!.GetValue<int>());

        var layers = root["layers"]!.AsArray();
        Assert.Equal(2, layers.Count);
        for (int k = 0; k < 2; k++)
        {
            var layer = layers[k]!.AsObject();
            var expected = _f.Case1001.Layer(k);
            Assert.Equal(k + 1, layer["layer"]!.GetValue<int>());
            Assert.False(layer["no_error"]!.GetValue<bool>());
            Assert.Equal(expected.Nmse, layer["nmse"]!.GetValue<double>());
            var terms = layer["terms"]!.AsArray();
            Assert.Equal(expected.Terms.Select(t => t.Label), terms.Select(t => t!["label"]!.GetValue<string>()));
            Assert.Equal(expected.Terms.Select(t => t.Coefficient), terms.Select(t => t!["coefficient"]!.GetValue<double>()));
            Assert.All(terms, t => Assert.True(t!["std"]!.GetValue<double>() > 0));
            Assert.Equal("exact support", layer["verdict"]!.GetValue<string>());
            Assert.Equal(3, layer["expected"]!.AsArray().Count);
            Assert.Equal(16, layer["sweep"]!.AsArray().Count);
        }
        Assert.Equal("exact support", root["verdict"]!.GetValue<string>());
        Assert.Equal(-0.1, root["expected"]!["layer1"]![0]!["coefficient"]!.GetValue<double>(), 12);
        Assert.Equal("psi1", root["expected"]!["layer1"]![0]!["label"]!.GetValue<string>());
    }

    /// <summary>Non-finite numbers are JSON null: a no-error layer's nMSE, non-converged sweep rows.</summary>
    [Fact]
    public void JsonWritesNullForNonFiniteNumbers()
    {
        var root = RoundTrip(_f.Case1006);
        var l1 = root["layers"]![0]!.AsObject();
        Assert.True(l1["no_error"]!.GetValue<bool>());
        Assert.True(l1.ContainsKey("nmse"));
        Assert.Null(l1["nmse"]);
        Assert.Empty(l1["terms"]!.AsArray());
        Assert.Equal(-1, l1["selected_index"]!.GetValue<int>());
        Assert.Equal("exact support", l1["verdict"]!.GetValue<string>());
        var l2 = root["layers"]![1]!.AsObject();
        Assert.False(l2["no_error"]!.GetValue<bool>());
        Assert.Equal("lap_psi2", l2["terms"]![0]!["label"]!.GetValue<string>());
        // Non-converged sweep rows carry nmse null (their nMSE is +∞ in the table).
        int nonConverged = 0;
        foreach (var report in new[] { _f.Case1001, _f.Case1006 })
        {
            var json = RoundTrip(report)["layers"]!.AsArray();
            foreach (var layer in report.Layers)
                for (int i = 0; i < layer.Sweep.Entries.Count; i++)
                {
                    var e = layer.Sweep.Entries[i];
                    var row = json[layer.Index]!["sweep"]![i]!.AsObject();
                    Assert.Equal(e.Threshold, row["threshold"]!.GetValue<double>());
                    Assert.Equal(e.Converged, row["converged"]!.GetValue<bool>());
                    if (double.IsFinite(e.Nmse)) Assert.Equal(e.Nmse, row["nmse"]!.GetValue<double>());
                    else
                    {
                        Assert.Null(row["nmse"]);
                        nonConverged++;
                    }
                }
        }
        Assert.True(nonConverged > 0, "expected at least one non-converged sweep row in 1001/1006");
    }

    [Fact]
    public void JsonOfACustomCaseHasNoExpectedOrVerdict()
    {
        Assert.Null(_f.Custom.Expected);
        var root = RoundTrip(_f.Custom);
        Assert.False(root.ContainsKey("expected"));
        Assert.False(root.ContainsKey("verdict"));
        Assert.Equal(0, root["case"]!["id"]!.GetValue<int>());
        foreach (var layer in root["layers"]!.AsArray())
        {
            Assert.False(layer!.AsObject().ContainsKey("verdict"));
            Assert.False(layer.AsObject().ContainsKey("expected"));
            Assert.True(layer.AsObject().ContainsKey("terms"));
        }
        Assert.Null(_f.Custom.Verdict);
    }

    [Fact]
    public void WriteJsonWritesTheSameDocumentIndented()
    {
        string dir = Path.Combine(_f.Directory, "json");
        System.IO.Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "report.json");
        ReportWriter.WriteJson(path, _f.Case1001);
        var text = File.ReadAllText(path);
        Assert.Contains("\n", text);
        Assert.True(JsonNode.DeepEquals(ReportWriter.ToJson(_f.Case1001), JsonNode.Parse(text)));
    }

    [Fact]
    public void WriteCsvWritesTermsAndSweepWithHeaders()
    {
        string dir = Path.Combine(_f.Directory, "csv");
        var files = ReportWriter.WriteCsv(dir, _f.Case1001);
        Assert.Equal([Path.Combine(dir, "terms.csv"), Path.Combine(dir, "sweep.csv")], files);

        var terms = File.ReadAllLines(files[0]).Where(l => l.Length > 0).ToArray();
        Assert.Equal("layer,label,coefficient,std,expected,relative_error", terms[0]);
        Assert.Equal(1 + 6, terms.Length); // 3 terms per layer, all expected
        var row = terms[1].Split(',');
        Assert.Equal("1", row[0]);
        Assert.Equal("psi1", row[1]);
        Assert.Equal(_f.Case1001.Layer(0).Terms[0].Coefficient, double.Parse(row[2], CultureInfo.InvariantCulture), 12);
        Assert.Equal(-0.1, double.Parse(row[4], CultureInfo.InvariantCulture), 12);
        Assert.InRange(double.Parse(row[5], CultureInfo.InvariantCulture), 0, 0.01);

        var sweep = File.ReadAllLines(files[1]).Where(l => l.Length > 0).ToArray();
        Assert.Equal("layer,threshold,converged,nmse,n_terms,selected,support", sweep[0]);
        Assert.Equal(1 + 2 * 16, sweep.Length);
        var selected = sweep.Skip(1).Select(l => l.Split(',')).Where(c => c[5] == "True").ToArray();
        Assert.Equal(2, selected.Length);
        Assert.All(selected, c => Assert.Equal("3", c[4]));
        Assert.All(selected, c => Assert.Equal("psi1 psi2 psi_R", c[6]));
    }

    [Fact]
    public void IncrementFileRoundTripIsBitExact()
    {
        var increment = TestData.Increment(1001, [0, 5]);
        string path = Path.Combine(_f.Directory, "increment.h5");
        System.IO.Directory.CreateDirectory(_f.Directory);
        IncrementFile.Write(path, increment, 1001, new Dictionary<string, string> { ["source"] = "test" });
        var read = IncrementFile.Read(path);
        Assert.Equal(increment.Snapshots, read.Snapshots);
        Assert.True(increment.Grid.SameAs(read.Grid));
        Assert.Equal(increment.Dt, read.Dt);
        Assert.Equal(increment.Settings, read.Settings);
        Assert.Equal(increment.Estimator, read.Estimator);
        Assert.Equal(increment.Times, read.Times);
        Assert.Equal(BitsOf(increment.Dq), BitsOf(read.Dq));
        Assert.Equal(BitsOf(increment.LibraryPsi), BitsOf(read.LibraryPsi));

        // Non-default settings survive too.
        var other = new Increment(increment.Grid, increment.Dt, increment.Dq, increment.LibraryPsi, increment.Times,
            new IncrementSettings(LibraryState.Estimate, PvBookkeeping.Consistent), "custom estimator");
        string path2 = Path.Combine(_f.Directory, "increment2.h5");
        IncrementFile.Write(path2, other, 0);
        var read2 = IncrementFile.Read(path2);
        Assert.Equal(other.Settings, read2.Settings);
        Assert.Equal("custom estimator", read2.Estimator);
    }

    private static long[] BitsOf(ReadOnlySpan<double> a) => a.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void EquationTextDescribesTheVerdict()
    {
        string text = EquationText.Describe(_f.Case1001);
        Assert.Contains("case 1001 (relaxation)", text);
        Assert.Contains("exact support", text);
        Assert.Contains("verdict: exact support", text);
        Assert.Contains("ψ1", text);
        Assert.Contains("ψR", text);
        string none = EquationText.Describe(_f.Case1006);
        Assert.Contains("no model error", none);
        Assert.Contains("∇²ψ2", none);
        Assert.Equal("0", EquationText.Format([]));
        Assert.Equal("−0.1 ψ1 + 0.1 ψ2", EquationText.Format([("ψ1", -0.1, null), ("ψ2", 0.1, null)]));
    }
}
