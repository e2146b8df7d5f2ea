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
/// <param name="ObservedIndices">The observed state indices when not the preset's H (an observed subset with the
/// preset's σ), or null.</param>
public sealed record RunConfig(string Preset, int Cycles, int BurnInCycles, EnsembleMethod Method, int Seed, IReadOnlyList<int>? ObservedIndices = null)
{
    /// <summary>
    /// The experiment facts a run JSON recorded (model, dt, dko, state and observation sizes, x0 std), checked against
    /// the preset when the experiment is rebuilt, so an edited or stale file is refused rather than silently re-run
    /// with the preset's values. Null for a config made in code.
    /// </summary>
    public RecordedFacts? Recorded { get; init; }

    /// <summary>The options of an external preset (e.g. qg-twin's state, sensors, noise), or null for a DAPPER preset.</summary>
    public IReadOnlyDictionary<string, string>? PresetOptions { get; init; }

    /// <summary>The experiment: the preset with this config's cycles, burn-in and observed subset.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An observed index outside the preset's state.</exception>
    public TwinExperiment Experiment(PresetCatalog catalog)
    {
        var xp = catalog.Experiment(Preset, PresetOptions);
        Recorded?.Check(xp, Preset);
        xp = xp with { Chronology = new Chronology(xp.Chronology.Dt, xp.Chronology.Dko, Cycles, BurnInCycles) };
        if (ObservedIndices is null) return xp;
        int n = xp.Observation.StateSize;
        var h = new Observing.SubsetObservation(n, ObservedIndices);
        return xp with
        {
            Observation = h,
            Noise = Observing.ObservationError.Isotropic(h.ObservationSize, xp.Noise.StandardDeviations[0]),
            Domain = xp.Domain is null ? null : Observing.LocalisationDomain.Ring(n, h, xp.Domain.BatchWidth),
        };
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
        Dictionary<string, string>? presetOptions = null;
        if (xp.TryGetProperty("preset_options", out var po))
        {
            if (po.ValueKind != JsonValueKind.Object) throw new FormatException("experiment.preset_options must be an object");
            presetOptions = po.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? throw new FormatException($"experiment.preset_options.{p.Name} must be a string"));
        }
        return new RunConfig(Get(xp, "preset").GetString() ?? throw new FormatException("experiment.preset must be a string"),
            Get(xp, "cycles").GetInt32(), Get(xp, "burn_in_cycles").GetInt32(), method, Get(root, "seed").GetInt32(),
            xp.TryGetProperty("observed_indices", out var idx) ? [.. idx.EnumerateArray().Select(v => v.GetInt32())] : null)
        {
            Recorded = new RecordedFacts(Get(xp, "model").GetString() ?? "", Get(xp, "dt").GetDouble(), Get(xp, "dko").GetInt32(),
                Get(xp, "state_size").GetInt32(), Get(xp, "x0_std").GetDouble()),
            PresetOptions = presetOptions,
        };
    }

    private static JsonElement Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : throw new FormatException($"the run config has no '{name}'");
}

/// <summary>Experiment facts recorded in a run JSON (see <see cref="RunConfig.Recorded"/>).</summary>
/// <param name="Model">Model name.</param>
/// <param name="Dt">Model time step (model time units).</param>
/// <param name="Dko">Steps between observations.</param>
/// <param name="StateSize">State size n.</param>
/// <param name="X0Std">Standard deviation of X0 (state units).</param>
public sealed record RecordedFacts(string Model, double Dt, int Dko, int StateSize, double X0Std)
{
    /// <summary>Throws when <paramref name="experiment"/> (the preset) disagrees with the recorded facts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A fact differs; the message names it and both values.</exception>
    public void Check(TwinExperiment experiment, string preset)
    {
        var c = experiment.Chronology;
        void Same<T>(string what, T recorded, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(recorded, actual))
                throw new ArgumentOutOfRangeException(what, recorded, $"the run config records {what} = {recorded}, but the {preset} preset has {actual}");
        }
        Same("model", Model, experiment.Dynamics.Name);
        Same("dt", Dt, c.Dt);
        Same("dko", Dko, c.Dko);
        Same("state_size", StateSize, experiment.Observation.StateSize);
        Same("x0_std", X0Std, experiment.X0.Std);
    }
}
