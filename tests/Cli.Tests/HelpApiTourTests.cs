using System.Text.RegularExpressions;
using Science.Assimilation.Methods;
using Science.Assimilation.Presets;
using Science.Assimilation.Runs;
using Science.Interpolation;
using Science.Medida.Cases;
using Science.Medida.Discovery;
using Science.Medida.Experiments;
using Science.Medida.Increments;
using Science.Medida.Observations;
using Science.Medida.Reports;
using Science.Models.IO;
using Science.Models.Lorenz;
using Science.QgModel;
using Science.QgModel.IO;

namespace Science.Cli.Tests;

/// <summary>
/// The snippets of docs/api-tour.md: each C# block of the page is one region "snippet: NAME" of this file, so it
/// compiles against the real API, and the tests below run them and check what the page says they give.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class HelpApiTourTests
{
    [Fact]
    public void QgStateAndSolver()
    {
        string path = Repo.SpunUp;
        // snippet: qg
        QgStateFileContent content = QgStateFile.Read(path);      // data/qg_spunup.h5
        QgState truth = content.State;                            // Psi, Q: [layer, y, x] row-major; Time, Step
        QgParameters parameters = content.Parameters ?? QgParameters.Truth;
        using var solver = new QgSolver(truth.Grid, parameters with { TauF = 0.37 });
        solver.Initialize(truth);
        solver.Advance(20);                                       // 20 leapfrog steps of dt = 0.025
        QgState later = solver.Current;                           // Step = truth.Step + 20
        // end snippet
        Assert.Equal(truth.Step + 20, later.Step);
        Assert.Equal(truth.Time + 20 * parameters.Dt, later.Time, 1e-9);
        Assert.Equal(2 * truth.Grid.RealSize, later.Psi.Length);
        Assert.False(later.Psi.SequenceEqual(truth.Psi));
    }

    [Fact]
    public void IncrementsAndDiscovery()
    {
        var truth = QgStateFile.Read(Repo.SpunUp).State;
        using var t = new TempDir();
        string output = t.File("report.json");
        // snippet: discovery
        ModelErrorCase errorCase = CaseCatalogue.Get(1001);       // the model relaxes at 0.11 instead of 0.01
        Increment increment = new IncrementBuilder(errorCase).Build([truth]);   // h = (q_target − q_forecast)/Δt
        DiscoveryReport report = ModelErrorDiscovery.Discover(increment, errorCase, new DiscoverySettings());
        Console.WriteLine(EquationText.Describe(report));         // per layer: −0.1 ψ1 + 0.1 ψ2 + 0.1 ψR, verdict
        foreach (DiscoveredTerm term in report.Layers[0].Terms)
            Console.WriteLine($"{term.Label} {term.Coefficient:G4} ± {term.Std:G2}");
        ReportWriter.WriteJson(output, report);                   // the JSON of docs/file-formats.md
        // end snippet
        Assert.Equal(Verdict.ExactSupport, report.Verdict);
        Assert.Equal(["psi1", "psi2", "psi_R"], report.Layers[0].Terms.Select(x => x.Label).Order());
        Assert.Equal(-0.1, report.Layers[0].Terms.Single(x => x.Label == "psi1").Coefficient, 0.01);
        Assert.Contains("\"layers\"", File.ReadAllText(output));
    }

    [Fact]
    public void ExperimentRecord()
    {
        string state = Repo.SpunUp;
        // snippet: experiment
        var experiment = new MedidaExperiment { State = state, Case = CaseSpecification.Catalogue(1004) };
        ExperimentResult result = experiment.Run();               // truth snapshots → increments → regression
        DiscoveryReport report = result.Report;                   // report.Experiment == experiment: re-runs bit for bit
        // end snippet
        Assert.Equal(Verdict.ExactSupport, report.Verdict);
        Assert.Equal(experiment.ToJson().ToJsonString(), report.Experiment!.ToJson().ToJsonString());
    }

    [Fact]
    public void SparseObservations()
    {
        var truth = QgStateFile.Read(Repo.SpunUp).State;
        // snippet: sparse
        SensorLayout layout = SensorSpecification.Parse(truth.Grid, "regular:2,2", 0);   // every 2nd point in x and y
        IInterpolator cubic = InterpolatorCatalogue.Create("cubic");
        var observation = new SparseObservation(layout, cubic, noiseLevel: 0, seed: 0);
        Increment increment = new IncrementBuilder(CaseCatalogue.Get(1004), IncrementSettings.Reference, observation)
            .Build([truth]);                                      // the increment from interpolated observations
        // end snippet
        Assert.Equal(truth.Grid.RealSize / 4, layout.Count);
        Assert.Equal(1, increment.Snapshots);
    }

    [Fact]
    public void EnsembleAssimilation()
    {
        using var t = new TempDir();
        string output = t.File("run.json");
        // snippet: assimilation
        Preset preset = PresetCatalog.Lorenz96Sakov2008();        // N = 40, F = 8, H = I, R = I, dt 0.05
        var etkf = new Etkf { Members = 24, Inflation = 1.013, Rotate = true };
        AssimilationRun run = etkf.Assimilate(preset.Experiment, seed: 3000);
        Console.WriteLine($"rmse_a {run.Summary.RmseAnalysis:F3} spread_a {run.Summary.SpreadAnalysis:F3}");
        RunRecordWriter.Write(run, preset.Name, output);          // RUN.json + RUN.csv of docs/file-formats.md
        // end snippet
        Assert.InRange(run.Summary.RmseAnalysis, 0.1, 0.3);
        Assert.True(File.Exists(Path.ChangeExtension(output, ".csv")));
    }

    [Fact]
    public void SmallModels()
    {
        using var t = new TempDir();
        string path = t.File("l96.h5");
        Medida.Ok("model", "run", "--model", "lorenz96", "--steps", "100", "--every", "10", "--output", path, "--quiet");
        // snippet: models
        using var model = new Lorenz96(n: 40, forcing: 8, dt: 0.05);
        ModelTrajectory trajectory = ModelTrajectoryFile.Read(path, expectedModel: "lorenz96");   // /x [time, n]
        model.SetState(trajectory.State(0));
        model.Advance(100);
        var x = new double[model.StateSize];
        model.CopyState(x);                                       // equals trajectory.State(10) bit for bit
        // end snippet
        Assert.True(x.AsSpan().SequenceEqual(trajectory.State(10)));
    }

    [Fact]
    public void EveryCodeBlockOfTheApiTourIsASnippetHere()
    {
        string source = File.ReadAllText(Path.Combine(Repo.Root, "tests", "Cli.Tests", "HelpApiTourTests.cs"));
        var snippets = Regex.Matches(source, @"// snippet: (\w+)\r?\n(.*?)\r?\n\s*// end snippet", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => Dedent(m.Groups[2].Value));
        string page = File.ReadAllText(Path.Combine(Repo.Root, "docs", "api-tour.md"));
        var blocks = Regex.Matches(page, @"```csharp\r?\n(.*?)\r?\n```", RegexOptions.Singleline).Select(m => m.Groups[1].Value.Replace("\r", "")).ToArray();
        Assert.True(blocks.Length >= snippets.Count, "docs/api-tour.md should show every snippet");
        foreach (string block in blocks)
            Assert.True(snippets.Values.Contains(block), "a C# block of docs/api-tour.md is not a snippet of HelpApiTourTests.cs:\n" + block);
    }

    private static string Dedent(string text)
    {
        var lines = text.Replace("\r", "").Split('\n');
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
