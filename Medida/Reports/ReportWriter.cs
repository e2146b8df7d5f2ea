using Science.Numerics.IO;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Analysis;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Increments;
using Science.QgModel;

namespace Science.Medida.Reports;

/// <summary>
/// Writes a <see cref="DiscoveryReport"/> as JSON (the command-line contract: <c>case</c>, <c>settings</c>,
/// <c>layers</c> with <c>layer</c>, <c>no_error</c>, <c>nmse</c>, <c>terms</c> of <c>{label, coefficient, std}</c>, and
/// for catalogue cases <c>expected</c> and <c>verdict</c>), as CSV tables (terms and sweep, via
/// Microsoft.Data.Analysis); the charts are drawn by Science.Visualization.DiscoveryCharts. Non-finite numbers are
/// written as JSON null. Every file is written atomically.
/// </summary>
public static class ReportWriter
{
    /// <summary>The JSON document of a report.</summary>
    public static JsonObject ToJson(DiscoveryReport report)
    {
        var c = report.Case;
        var layers = new JsonArray();
        foreach (var l in report.Layers)
        {
            var layer = new JsonObject
            {
                ["layer"] = l.Number,
                ["no_error"] = l.NoError,
                ["no_error_reason"] = l.NoErrorReason,
                ["nmse"] = Num(l.Nmse),
                ["target_std"] = Num(l.TargetStd),
                ["terms"] = new JsonArray(l.Terms.Select(t => (JsonNode)new JsonObject
                {
                    ["label"] = t.Label, ["symbol"] = t.Symbol, ["coefficient"] = Num(t.Coefficient), ["std"] = Num(t.Std ?? double.NaN),
                }).ToArray()),
                ["selected_index"] = l.SelectedIndex,
                ["sweep"] = new JsonArray(l.Sweep.Entries.Select(e => (JsonNode)new JsonObject
                {
                    ["threshold"] = Num(e.Threshold), ["converged"] = e.Converged, ["nmse"] = Num(e.Nmse), ["n_terms"] = e.TermCount,
                    ["terms"] = new JsonArray((e.Converged && e.Fit is not null ? e.Fit.Support : []).Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
                }).ToArray()),
            };
            if (report.Expected is { } ex && l.Comparison is { } cmp)
            {
                layer["expected"] = Terms(ex.ForLayer(l.Index).Select(t => (t.Label, t.Coefficient)));
                layer["verdict"] = cmp.Verdict.ToText();
                layer["missing"] = Strings(cmp.Missing);
                layer["spurious"] = Strings(cmp.Spurious);
                layer["coefficient_errors"] = new JsonArray(cmp.Terms.Select(t => (JsonNode)new JsonObject
                {
                    ["label"] = t.Label, ["expected"] = Num(t.Expected), ["found"] = Num(t.Found), ["relative_error"] = Num(t.RelativeError),
                }).ToArray());
                layer["max_relative_error"] = Num(cmp.MaxRelativeError);
            }
            layers.Add(layer);
        }
        var settings = new JsonObject();
        foreach (var (k, v) in report.Settings) settings[k] = v;
        var root = new JsonObject
        {
            ["format"] = "science-medida-report",
            ["format_version"] = 1,
            ["producer"] = "Science.Medida " + typeof(ReportWriter).Assembly.GetName().Version,
            ["case"] = new JsonObject
            {
                ["id"] = c.Id, ["name"] = c.Name, ["description"] = c.Description,
                ["model_family"] = c.ModelName, ["truth"] = Parameters(c.TruthValues()), ["model"] = Parameters(c.ModelValues()),
            },
            ["settings"] = settings,
            ["rows_per_layer"] = report.Rows,
            ["regression_seconds"] = Num(report.RegressionTime.TotalSeconds),
            ["layers"] = layers,
        };
        if (report.Experiment is { } experiment) root["experiment"] = experiment.ToJson();
        if (report.Notes.Count > 0) root["notes"] = Strings(report.Notes);
        var provenance = new JsonObject();
        foreach (var (k, v) in report.Provenance) provenance[k] = v;
        provenance["regression_seconds"] = Num(report.RegressionTime.TotalSeconds);
        root["provenance"] = provenance;
        if (report.Expected is { } e)
        {
            var expected = new JsonObject();
            for (int i = 0; i < e.Layers.Count; i++) expected[$"layer{i + 1}"] = Terms(e.Layers[i].Select(t => (t.Label, t.Coefficient)));
            expected["note"] = e.Note;
            root["expected"] = expected;
            root["verdict"] = report.Verdict?.ToText();
        }
        return root;
    }

    /// <summary>Writes the JSON report.</summary>
    public static void WriteJson(string path, DiscoveryReport report) =>
        Atomic(path, tmp => File.WriteAllText(tmp, ToJson(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true })));

    /// <summary>Writes <c>terms.csv</c> (selected and expected terms) and <c>sweep.csv</c> (the L-curve) into a folder.</summary>
    public static IReadOnlyList<string> WriteCsv(string directory, DiscoveryReport report)
    {
        Directory.CreateDirectory(directory);
        var layer = new List<int>(); var label = new List<string>(); var coefficient = new List<double>();
        var std = new List<double>(); var expected = new List<double>(); var relError = new List<double>();
        foreach (var l in report.Layers)
        {
            var exp = report.Expected?.ForLayer(l.Index) ?? [];
            var labels = l.Terms.Select(t => t.Label).Union(exp.Select(t => t.Label));
            foreach (var name in labels)
            {
                var found = l.Terms.FirstOrDefault(t => t.Label == name);
                var want = exp.FirstOrDefault(t => t.Label == name);
                layer.Add(l.Number); label.Add(name);
                coefficient.Add(found?.Coefficient ?? 0); std.Add(found?.Std ?? double.NaN);
                expected.Add(want?.Coefficient ?? (report.Expected is null ? double.NaN : 0));
                relError.Add(want is null || found is null ? double.NaN : Math.Abs(found.Coefficient - want.Coefficient) / Math.Abs(want.Coefficient));
            }
        }
        var terms = new DataFrame(
            new Int32DataFrameColumn("layer", layer), new StringDataFrameColumn("label", label),
            new DoubleDataFrameColumn("coefficient", coefficient), new DoubleDataFrameColumn("std", std),
            new DoubleDataFrameColumn("expected", expected), new DoubleDataFrameColumn("relative_error", relError));

        var sLayer = new List<int>(); var threshold = new List<double>(); var converged = new List<bool>();
        var nmse = new List<double>(); var count = new List<int>(); var selected = new List<bool>(); var support = new List<string>();
        foreach (var l in report.Layers)
            for (int i = 0; i < l.Sweep.Entries.Count; i++)
            {
                var e = l.Sweep.Entries[i];
                sLayer.Add(l.Number); threshold.Add(e.Threshold); converged.Add(e.Converged); nmse.Add(e.Nmse); count.Add(e.TermCount);
                selected.Add(i == l.SelectedIndex);
                support.Add(e.Converged && e.Fit is not null ? string.Join(" ", e.Fit.Support) : "");
            }
        var sweep = new DataFrame(
            new Int32DataFrameColumn("layer", sLayer), new DoubleDataFrameColumn("threshold", threshold),
            new BooleanDataFrameColumn("converged", converged), new DoubleDataFrameColumn("nmse", nmse),
            new Int32DataFrameColumn("n_terms", count), new BooleanDataFrameColumn("selected", selected),
            new StringDataFrameColumn("support", support));
        string termsPath = Path.Combine(directory, "terms.csv"), sweepPath = Path.Combine(directory, "sweep.csv");
        Atomic(termsPath, tmp => DataFrame.SaveCsv(terms, tmp, cultureInfo: CultureInfo.InvariantCulture));
        Atomic(sweepPath, tmp => DataFrame.SaveCsv(sweep, tmp, cultureInfo: CultureInfo.InvariantCulture));
        return [termsPath, sweepPath];
    }

    private static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static JsonArray Strings(IEnumerable<string> s) => new(s.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray());

    private static JsonArray Terms(IEnumerable<(string Label, double Coefficient)> terms) =>
        new(terms.Select(t => (JsonNode)new JsonObject { ["label"] = t.Label, ["coefficient"] = Num(t.Coefficient) }).ToArray());

    private static JsonObject Parameters(IReadOnlyList<(string Name, double Value)> values)
    {
        var o = new JsonObject();
        foreach (var (name, value) in values) o[name] = Num(value);
        return o;
    }

    private static void Atomic(string path, Action<string> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Science.Numerics.IO.AtomicFile.Write(path, write);
    }
}
