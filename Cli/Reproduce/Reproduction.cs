using System.Diagnostics;
using Science.Visualization;

namespace Science.Cli.Reproduce;

/// <summary>
/// Runs the parts of a reproduction into one folder: skips parts already done in the same mode ("skipping PART: done"),
/// resumes interrupted ones from their saved steps, publishes each part's folder atomically and rewrites
/// <c>index.html</c> after every part.
/// </summary>
internal static class Reproduction
{
    /// <summary>Every part, in the order of the index page.</summary>
    public static IReadOnlyList<IReproductionPart> AllParts { get; } =
        [new QgFullObservationPart(), new SparseObservationPart(), new KsPart(), new AssimilationPart(), new QgAssimilationPart()];

    /// <summary>The planned seconds of <paramref name="parts"/> that are not done yet in <paramref name="output"/>.</summary>
    public static double Estimate(string output, ReproductionMode mode, IReadOnlyList<IReproductionPart> parts) =>
        parts.Where(p => PartWorkspace.Finished(output, p.Key, mode) is null).Sum(p => p.Plan(mode).Sum(u => u.ReferenceSeconds));

    /// <summary>Runs the parts; returns the index page's path and the results.</summary>
    public static (string Index, IReadOnlyList<PartResult> Results) Run(string output, ReproductionMode mode, IReadOnlyList<IReproductionPart> parts,
        ReproductionInputs inputs, TextWriter? log)
    {
        Directory.CreateDirectory(output);
        var clock = Stopwatch.StartNew();
        var progress = new ReproductionProgress(log, Estimate(output, mode, parts));
        var done = new List<(IReproductionPart, PartResult)>();
        string index = "";
        using (Charts.ShareScriptIn(output))
        {
            for (int i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                progress.BeginPart(part.Key, i + 1, parts.Count);
                var result = PartWorkspace.Finished(output, part.Key, mode);
                if (result is not null) progress.Line($"skipping {part.Key}: done");
                else
                {
                    var workspace = new PartWorkspace(output, part.Key, mode, part.Plan(mode), inputs, progress);
                    result = part.Run(workspace);
                    workspace.Publish(result);
                    progress.Line($"{part.Key}: {result.Rows.Count(r => r.Pass)} of {result.Rows.Count} rows pass ({result.Seconds:F1} s)");
                }
                done.Add((part, result));
                index = IndexPage.Write(output, mode, WithEarlierParts(output, mode, done), clock.Elapsed.TotalSeconds);
            }
        }
        return (index, done.Select(d => d.Item2).ToArray());
    }

    // The index shows every part finished in this folder and mode, in the page order, not only this run's
    // (`--only ks` after a full run keeps the other sections).
    private static List<(IReproductionPart, PartResult)> WithEarlierParts(string output, ReproductionMode mode, List<(IReproductionPart Part, PartResult Result)> done) =>
        [.. AllParts.Select(p => (Part: p, Result: done.FirstOrDefault(d => d.Part.Key == p.Key).Result ?? PartWorkspace.Finished(output, p.Key, mode)))
                    .Where(x => x.Result is not null).Select(x => ((IReproductionPart)x.Part, x.Result!))];
}
