using System.Globalization;
using System.Text;
using System.Text.Json;
using Science.Numerics.IO;

namespace Science.Assimilation.Runs;

/// <summary>
/// Writes a run as JSON (scores, the full experiment and method settings, the seed; readable back as a
/// <see cref="RunConfig"/>) and the per-cycle series as invariant-culture CSV, both atomically
/// (<see cref="AtomicFile"/>). Doubles are written in the shortest round-trip form, so the same run writes the same bytes.
/// </summary>
public static class RunRecordWriter
{
    /// <summary>The "format" value of the JSON.</summary>
    public const string Format = "science-assimilation-run/1";

    /// <summary>The JSON text of <paramref name="run"/>; <paramref name="preset"/> names the preset it was built from.</summary>
    public static string Json(AssimilationRun run, string preset, double? expectedRmseA = null, IReadOnlyDictionary<string, string>? presetOptions = null)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var s = run.Summary;
            var xp = run.Experiment;
            var c = xp.Chronology;
            w.WriteStartObject();
            w.WriteString("format", Format);
            Number(w, "rmse_a", s.RmseAnalysis);
            Number(w, "rmse_f", s.RmseForecast);
            Number(w, "spread_a", s.SpreadAnalysis);
            Number(w, "spread_f", s.SpreadForecast);
            Number(w, "spread_over_rmse_a", s.SpreadRatio);
            w.WriteNumber("cycles_averaged", s.CyclesAveraged);
            if (expectedRmseA is double e) w.WriteNumber("expected_rmse_a", e);
            else w.WriteNull("expected_rmse_a");
            if (run.LayerSeries is not null) WriteLayers(w, run);
            w.WriteNumber("seed", run.Seed);
            w.WriteString("executor", run.Executor);
            w.WriteStartObject("experiment");
            w.WriteString("preset", preset);
            if (presetOptions is not null)
            {
                w.WriteStartObject("preset_options");
                foreach (var (k, v) in presetOptions.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(k, v);
                w.WriteEndObject();
            }
            w.WriteString("name", xp.Name);
            w.WriteString("model", xp.Dynamics.Name);
            w.WriteStartObject("model_parameters");
            foreach (var (k, v) in xp.Dynamics.Parameters) w.WriteNumber(k, v);
            w.WriteEndObject();
            if (xp.TruthDynamics is { } truthModel)
            {
                w.WriteString("truth_model", truthModel.Name);
                w.WriteStartObject("truth_model_parameters");
                foreach (var (k, v) in truthModel.Parameters) w.WriteNumber(k, v);
                w.WriteEndObject();
            }
            w.WriteString("analysis_update", xp.AnalysisUpdate == Models.LevelUpdate.Continue ? "continue" : "restart");
            w.WriteNumber("layers", xp.Layers);
            w.WriteNumber("state_size", run.StateSize);
            w.WriteNumber("dt", c.Dt);
            w.WriteNumber("dko", c.Dko);
            w.WriteNumber("cycles", c.Cycles);
            w.WriteNumber("burn_in_cycles", c.BurnInCycles);
            w.WriteString("observation", xp.Observation.Name);
            w.WriteNumber("observation_size", xp.Observation.ObservationSize);
            if (xp.Observation.Name == "subset" && xp.Observation.ObservedIndices is { } observed)
            {
                w.WriteStartArray("observed_indices");
                foreach (int i in observed) w.WriteNumberValue(i);
                w.WriteEndArray();
            }
            if (presetOptions is null)
            {
                // A DAPPER preset's R and x0 are small and part of the record; an external preset (qg-twin: 10⁴ values
                // of each) rebuilds them from its options, and its record has the per-layer obs_noise_std instead.
                w.WriteStartArray("observation_std");
                foreach (double v in xp.Noise.StandardDeviations) w.WriteNumberValue(v);
                w.WriteEndArray();
                w.WriteStartArray("x0_mean");
                foreach (double v in xp.X0.Mean) w.WriteNumberValue(v);
                w.WriteEndArray();
            }
            w.WriteNumber("x0_std", xp.X0.Std);
            if (xp.Domain is not null)
            {
                w.WriteString("geometry", xp.Domain.Geometry.Name);
                w.WriteNumber("batch_width", xp.Domain.BatchWidth);
            }
            w.WriteEndObject();
            var m = run.Method;
            w.WriteStartObject("method");
            w.WriteString("kind", m.Kind);
            w.WriteNumber("members", m.Members);
            w.WriteNumber("inflation", m.Inflation);
            w.WriteNumber("rtps", m.Rtps);
            w.WriteBoolean("rotate", m.Rotate);
            if (m.LocalisationHalfWidth is double l) w.WriteNumber("localisation", l);
            if (m is Methods.KsReference ks) w.WriteNumber("noise_magnitude", ks.NoiseMagnitude);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// The per-layer time means (rmse_a_layers, rmse_f_layers, spread_a_layers, spread_f_layers: one entry per layer,
    /// state units) and obs_noise_std (the mean observation σ of each layer, state units).
    /// </summary>
    private static void WriteLayers(Utf8JsonWriter w, AssimilationRun run)
    {
        var layers = run.LayerSummaries();
        void Array(string name, Func<Statistics.RunSummary, double> value)
        {
            w.WriteStartArray(name);
            foreach (var l in layers)
            {
                double v = value(l);
                if (double.IsFinite(v)) w.WriteNumberValue(v);
                else w.WriteNullValue();
            }
            w.WriteEndArray();
        }
        Array("rmse_a_layers", l => l.RmseAnalysis);
        Array("rmse_f_layers", l => l.RmseForecast);
        Array("spread_a_layers", l => l.SpreadAnalysis);
        Array("spread_f_layers", l => l.SpreadForecast);
        var xp = run.Experiment;
        int size = run.StateSize / xp.Layers;
        w.WriteStartArray("obs_noise_std");
        for (int l = 0; l < xp.Layers; l++)
        {
            double sum = 0;
            int count = 0;
            if (xp.Observation.ObservedIndices is { } idx)
                for (int j = 0; j < idx.Count; j++)
                    if (idx[j] / size == l) { sum += xp.Noise.StandardDeviations[j]; count++; }
            if (count > 0) w.WriteNumberValue(sum / count);
            else w.WriteNullValue();
        }
        w.WriteEndArray();
    }

    /// <summary>The per-cycle series as CSV: cycle,time,rmse_f,rmse_a,spread_f,spread_a (then, with layers,
    /// rmse_f_L,rmse_a_L,spread_f_L,spread_a_L for L = 1, 2, …).</summary>
    public static string Csv(AssimilationRun run)
    {
        int layers = run.LayerSeries is null ? 0 : run.Experiment.Layers;
        var sb = new StringBuilder("cycle,time,rmse_f,rmse_a,spread_f,spread_a");
        for (int l = 1; l <= layers; l++) sb.Append(CultureInfo.InvariantCulture, $",rmse_f_{l},rmse_a_{l},spread_f_{l},spread_a_{l}");
        sb.Append('\n');
        foreach (var c in run.Series)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{c.Cycle},{c.Time:R},{c.RmseForecast:R},{c.RmseAnalysis:R},{c.SpreadForecast:R},{c.SpreadAnalysis:R}");
            for (int l = 0; l < layers; l++)
            {
                var s = run.LayerSeries![c.Cycle * layers + l];
                sb.Append(CultureInfo.InvariantCulture, $",{s.RmseForecast:R},{s.RmseAnalysis:R},{s.SpreadForecast:R},{s.SpreadAnalysis:R}");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="jsonPath"/> and, beside it, the CSV series (same name with ".csv"); returns the CSV path.</summary>
    public static string Write(AssimilationRun run, string preset, string jsonPath, double? expectedRmseA = null, IReadOnlyDictionary<string, string>? presetOptions = null)
    {
        string csv = Path.ChangeExtension(jsonPath, ".csv");
        AtomicFile.WriteAllText(csv, Csv(run));
        AtomicFile.WriteAllText(jsonPath, Json(run, preset, expectedRmseA, presetOptions));
        return csv;
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
