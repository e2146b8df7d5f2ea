using System.Text.Json;
using Science.Assimilation.Experiments;
using Science.Assimilation.Methods;
using Science.Assimilation.Presets;

namespace Science.Assimilation.Runs;

/// <summary>
/// What makes a run repeatable: the preset, the chronology overrides, the method settings and the seed. Written into
/// every run JSON (<see cref="RunRecordWriter"/>) and read back from it, so the same file re-runs bit for bit.
/// </summary>
/// <param name="Preset">Preset name (see <see cref="PresetCatalog"/>).</param>
/// <param name="Cycles">Number of cycles.</param>
/// <param name="BurnInCycles">Cycles left out of the time means.</param>
/// <param name="Method">The method.</param>
/// <param name="Seed">The run seed.</param>
public sealed record RunConfig(string Preset, int Cycles, int BurnInCycles, EnsembleMethod Method, int Seed)
{
    /// <summary>The experiment: the preset with this config's cycles and burn-in.</summary>
    public TwinExperiment Experiment(PresetCatalog catalog)
    {
        var xp = catalog.Experiment(Preset);
        return xp with { Chronology = new Chronology(xp.Chronology.Dt, xp.Chronology.Dko, Cycles, BurnInCycles) };
    }

    /// <summary>Reads the config of a run JSON (the "experiment", "method" and "seed" keys).</summary>
    /// <exception cref="FormatException">A key is missing or of the wrong kind (the message names it).</exception>
    public static RunConfig Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var xp = Get(root, "experiment");
        var m = Get(root, "method");
        string kind = Get(m, "kind").GetString() ?? throw new FormatException("method.kind must be a string");
        int members = Get(m, "members").GetInt32();
        double infl = Get(m, "inflation").GetDouble();
        double rtps = Get(m, "rtps").GetDouble();
        bool rotate = Get(m, "rotate").GetBoolean();
        EnsembleMethod method = kind switch
        {
            "enkf" => new Enkf { Members = members, Inflation = infl, Rtps = rtps, Rotate = rotate },
            "etkf" => new Etkf { Members = members, Inflation = infl, Rtps = rtps, Rotate = rotate },
            "letkf" => new Letkf { Members = members, Inflation = infl, Rtps = rtps, Rotate = rotate, Localisation = Get(m, "localisation").GetDouble() },
            "ks-reference" => new KsReference { Members = members, Inflation = infl, Rtps = rtps, Rotate = rotate, NoiseMagnitude = Get(m, "noise_magnitude").GetDouble() },
            _ => throw new FormatException($"method.kind '{kind}' is not one of enkf|etkf|letkf|ks-reference"),
        };
        return new RunConfig(Get(xp, "preset").GetString() ?? throw new FormatException("experiment.preset must be a string"),
            Get(xp, "cycles").GetInt32(), Get(xp, "burn_in_cycles").GetInt32(), method, Get(root, "seed").GetInt32());
    }

    private static JsonElement Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : throw new FormatException($"the run config has no '{name}'");
}
