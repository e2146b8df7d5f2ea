using Science.Assimilation.Cycling;
using Science.Assimilation.Experiments;
using Science.Assimilation.Methods;
using Science.Assimilation.Presets;
using Science.Assimilation.Runs;
using Science.Observing;

namespace Science.Assimilation.Tests;

/// <summary>Cycled twin experiments: a short L96 regression guard, determinism across threads, config round trips.</summary>
public sealed class CycledRunTests
{
    private static TwinExperiment L96(int cycles, int burnIn)
    {
        var xp = PresetCatalog.Lorenz96Sakov2008().Experiment;
        return xp with { Chronology = new Chronology(0.05, 1, cycles, burnIn) };
    }

    [Fact]
    public void ShortL96EtkfRunScoresAroundTheDapperValue()
    {
        var run = new Etkf { Members = 24, Inflation = 1.013, Rotate = true }.Assimilate(L96(300, 100), 3000);
        var s = run.Summary;
        Assert.Equal(200, s.CyclesAveraged);
        Assert.InRange(s.RmseAnalysis, 0.14, 0.26);
        Assert.InRange(s.SpreadRatio, 0.8, 1.4);
        Assert.True(s.RmseForecast > s.RmseAnalysis);
        // Increments are analysis − forecast means.
        var inc = new double[run.StateSize];
        run.Increment(250, inc);
        Assert.Equal(run.AnalysisMeans[250 * 40 + 7] - run.ForecastMeans[250 * 40 + 7], inc[7]);
    }

    [Fact]
    public void ShortKsLetkfRunTracksTheTruth()
    {
        var xp = new PresetCatalog().Experiment("ks-bocquet2019");
        xp = xp with { Chronology = new Chronology(xp.Chronology.Dt, 2, 300, 100) };
        var s = new Letkf { Members = 16, Inflation = 1.02, Localisation = 51 }.Assimilate(xp, 3000).Summary;
        Assert.InRange(s.RmseAnalysis, 0.07, 0.2); // DAPPER: 0.11 over 18 000 cycles
        Assert.InRange(s.SpreadRatio, 0.7, 1.5);
    }

    public static TheoryData<string> Kinds => new() { "enkf", "etkf", "letkf" };

    private static EnsembleMethod Method(string kind) => kind switch
    {
        "enkf" => new Enkf { Members = 20, Inflation = 1.06 },
        "etkf" => new Etkf { Members = 12, Inflation = 1.02, Rotate = true, Rtps = 0.1 },
        _ => new Letkf { Members = 7, Inflation = 1.04, Rotate = true, Localisation = 7.28 },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SameSeedGivesIdenticalJsonWhateverTheThreads(string kind)
    {
        var xp = L96(40, 10);
        var m = Method(kind);
        string one = RunRecordWriter.Json(m.Assimilate(xp, 5, new AssimilationOptions { Threads = 1 }), "l96-sakov2008");
        string two = RunRecordWriter.Json(m.Assimilate(xp, 5, new AssimilationOptions { Threads = 2 }), "l96-sakov2008");
        Assert.Equal(one, two);
        string other = RunRecordWriter.Json(m.Assimilate(xp, 6, new AssimilationOptions { Threads = 2 }), "l96-sakov2008");
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void TheRunJsonReadsBackAsItsConfigAndRerunsBitForBit()
    {
        var m = new Letkf { Members = 7, Inflation = 1.04, Rotate = true, Localisation = 7.28 };
        var run = m.Assimilate(L96(30, 5), 77);
        string json = RunRecordWriter.Json(run, "l96-sakov2008");
        var config = RunConfig.Read(json);
        Assert.Equal(m, config.Method);
        Assert.Equal(77, config.Seed);
        var rerun = config.Method.Assimilate(config.Experiment(new PresetCatalog()), config.Seed);
        Assert.Equal(json, RunRecordWriter.Json(rerun, "l96-sakov2008"));
        var edited = RunConfig.Read(json.Replace("\"dko\": 1,", "\"dko\": 2,", StringComparison.Ordinal));
        Assert.Equal("dko", Assert.Throws<ArgumentOutOfRangeException>(() => edited.Experiment(new PresetCatalog())).ParamName);
        foreach (string key in new[] { "\"rmse_a\"", "\"rmse_f\"", "\"spread_a\"", "\"spread_f\"", "\"cycles_averaged\": 25" }) Assert.Contains(key, json);
        Assert.StartsWith("cycle,time,rmse_f,rmse_a,spread_f,spread_a\n0,0.05,", RunRecordWriter.Csv(run));
    }

    [Fact]
    public void StoredEnsemblesMatchTheMeans()
    {
        var run = new Etkf { Members = 5 }.Assimilate(L96(3, 0), 1, new AssimilationOptions { StoreEnsembles = true });
        Assert.NotNull(run.AnalysisEnsembles);
        double mean = 0;
        for (int m = 0; m < 5; m++) mean += run.AnalysisEnsembles![2 * 5 * 40 + m * 40 + 3] / 5;
        Assert.Equal(run.AnalysisMeans[2 * 40 + 3], mean, 12);
    }

    [Fact]
    public void PresetsAreDappers()
    {
        var l96 = PresetCatalog.Lorenz96Sakov2008();
        Assert.Equal(1001, l96.Experiment.Chronology.Cycles);
        Assert.Equal(400, l96.Experiment.Chronology.BurnInCycles);
        Assert.Equal(601, l96.Experiment.Chronology.Cycles - l96.Experiment.Chronology.BurnInCycles);
        Assert.Equal(20, l96.Experiment.Domain!.Batches.Count);
        Assert.Equal(0.18, l96.ExpectedRmseA(new Etkf { Members = 24, Inflation = 1.013, Rotate = true }));
        var l63 = PresetCatalog.Lorenz63Sakov2012();
        Assert.Equal(64, l63.Experiment.Chronology.BurnInCycles);
        Assert.Equal(25, l63.Experiment.Chronology.Dko);
        var ks = new PresetCatalog().Get("ks-bocquet2019").Experiment;
        Assert.Equal(20001, ks.Chronology.Cycles);
        Assert.Equal(2000, ks.Chronology.BurnInCycles);
        Assert.Equal(32, ks.Domain!.Batches.Count);
        Assert.InRange(ks.X0.Mean.Max(), 1.0, 4.0); // spun up onto the attractor (|u| ≲ 3)
        Assert.Equal("name", Assert.Throws<ArgumentOutOfRangeException>(() => new PresetCatalog().Get("nope")).ParamName);
    }

    [Fact]
    public void BadSettingsNameTheParameterAndRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Etkf { Members = 1 });
        Assert.Equal("Members", e.ParamName);
        Assert.Contains("[2, 100000]", e.Message);
        Assert.Equal("Inflation", Assert.Throws<ArgumentOutOfRangeException>(() => new Etkf { Members = 5, Inflation = 0.99 }).ParamName);
        Assert.Equal("Rtps", Assert.Throws<ArgumentOutOfRangeException>(() => new Enkf { Members = 5, Rtps = 1.5 }).ParamName);
        Assert.Equal("Localisation", Assert.Throws<ArgumentOutOfRangeException>(() => new Letkf { Members = 5, Localisation = 0 }).ParamName);
        var xp = L96(10, 0) with { Observation = new IdentityObservation(39), Noise = ObservationError.Isotropic(39, 1) };
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => new Etkf { Members = 5 }.Assimilate(xp, 1));
        Assert.Equal("Observation", bad.ParamName);
        Assert.Equal("burnInCycles", Assert.Throws<ArgumentOutOfRangeException>(() => new Chronology(0.05, 1, 10, 10)).ParamName);
        Assert.Equal("Threads", Assert.Throws<ArgumentOutOfRangeException>(() => new AssimilationOptions { Threads = 0 }).ParamName);
    }
}
