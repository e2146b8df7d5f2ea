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
    public static string Json(AssimilationRun run, string preset, double? expectedRmseA = null)
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
            w.WriteNumber("seed", run.Seed);
            w.WriteString("executor", run.Executor);
            w.WriteStartObject("experiment");
            w.WriteString("preset", preset);
            w.WriteString("name", xp.Name);
            w.WriteString("model", xp.Dynamics.Name);
            w.WriteStartObject("model_parameters");
            foreach (var (k, v) in xp.Dynamics.Parameters) w.WriteNumber(k, v);
            w.WriteEndObject();
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
            w.WriteStartArray("observation_std");
            foreach (double v in xp.Noise.StandardDeviations) w.WriteNumberValue(v);
            w.WriteEndArray();
            w.WriteStartArray("x0_mean");
            foreach (double v in xp.X0.Mean) w.WriteNumberValue(v);
            w.WriteEndArray();
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

    /// <summary>The per-cycle series as CSV: cycle,time,rmse_f,rmse_a,spread_f,spread_a.</summary>
    public static string Csv(AssimilationRun run)
    {
        var sb = new StringBuilder("cycle,time,rmse_f,rmse_a,spread_f,spread_a\n");
        foreach (var c in run.Series)
            sb.Append(CultureInfo.InvariantCulture, $"{c.Cycle},{c.Time:R},{c.RmseForecast:R},{c.RmseAnalysis:R},{c.SpreadForecast:R},{c.SpreadAnalysis:R}\n");
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="jsonPath"/> and, beside it, the CSV series (same name with ".csv"); returns the CSV path.</summary>
    public static string Write(AssimilationRun run, string preset, string jsonPath, double? expectedRmseA = null)
    {
        string csv = Path.ChangeExtension(jsonPath, ".csv");
        AtomicFile.WriteAllText(csv, Csv(run));
        AtomicFile.WriteAllText(jsonPath, Json(run, preset, expectedRmseA));
        return csv;
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
