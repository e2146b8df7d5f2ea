using System.Globalization;
using Science.Cli.Help;
using Science.Cli.Reproduce;
using Science.Visualization;

namespace Science.Cli.Commands;

/// <summary>
/// <c>medida reproduce</c>: runs the reproduction parts in order (skipping finished ones), then writes
/// <c>DIR/index.html</c> from every finished part's <c>done.json</c>.
/// </summary>
internal static class ReproduceCommand
{
    public const string Usage = "medida reproduce [--quick|--paper] --output DIR [--only PART[,PART]] [--data DIR] [--quiet]";

    /// <summary>The parts in the order they run and appear in the index.</summary>
    internal static IReadOnlyList<IReproductionPart> Parts { get; } =
        [new QgFullObservationPart(), new SparseObservationPart(), new KsStudyPart(), new AssimilationPart()];

    /// <summary>The part keys, for the help.</summary>
    public static IEnumerable<string> PartKeys => Parts.Select(p => p.Key);

    public static int Run(IReadOnlyList<string> args)
    {
        var a = ReproduceOptions.Reproduce.Parse(args);
        if (a.Has("quick") && a.Has("paper")) throw new CliException("--quick and --paper exclude each other; give one");
        var mode = a.Has("paper") ? ReproductionMode.Paper : ReproductionMode.Quick;
        string output = Path.GetFullPath(a.Required("output"));
        var selected = Parts;
        if (a.Text("only") is { } only)
        {
            var keys = only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (string k in keys)
                if (Parts.All(p => p.Key != k)) throw new CliException($"--only must list parts among {string.Join(", ", PartKeys)}; got '{k}'");
            if (keys.Length == 0) throw new CliException($"--only must list parts among {string.Join(", ", PartKeys)}");
            selected = [.. Parts.Where(p => keys.Contains(p.Key))];
        }
        bool needsData = selected.Any(p => p is QgFullObservationPart or SparseObservationPart);
        var inputs = needsData ? ReproductionInputs.Locate(a.Text("data")) : new ReproductionInputs(a.Text("data") ?? ".");
        var stderr = a.Has("quiet") ? null : Console.Error;

        Directory.CreateDirectory(output);
        var todo = selected.Where(p => PartWorkspace.Finished(output, p.Key, mode) is null).ToList();
        double planned = todo.Sum(p => p.Plan(mode).Sum(u => u.ReferenceSeconds));
        var progress = new ReproductionProgress(stderr, planned);
        if (stderr is not null)
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"medida reproduce --{mode.ToString().ToLowerInvariant()}: {todo.Count} of {selected.Count} parts to run, estimated {ReproductionProgress.Format(planned * MachineFactor())} on this machine ({Environment.ProcessorCount} cores)"));

        using (Charts.ShareScriptIn(output))
        {
            for (int i = 0; i < selected.Count; i++)
            {
                var part = selected[i];
                if (PartWorkspace.Finished(output, part.Key, mode) is not null)
                {
                    progress.Line($"skipping {part.Key}: done");
                    continue;
                }
                progress.BeginPart(part.Key, i + 1, selected.Count);
                var plan = part.Plan(mode);
                var workspace = new PartWorkspace(output, part.Key, mode, plan, inputs, progress);
                var result = part.Run(workspace);
                workspace.Publish(result);
                progress.Line(string.Create(CultureInfo.InvariantCulture,
                    $"{part.Key}: {result.Rows.Count(r => r.Pass)}/{result.Rows.Count} rows pass ({result.Seconds:F0} s)"));
            }
        }
        var finished = Parts.Select(p => (Part: p, Result: PartWorkspace.Finished(output, p.Key, mode))).Where(x => x.Result is not null)
            .Select(x => (x.Part, x.Result!)).ToList();
        string index = ReproductionIndex.Write(output, mode, finished);
        int rows = finished.Sum(f => f.Item2.Rows.Count), passed = finished.Sum(f => f.Item2.Rows.Count(r => r.Pass));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passed}/{rows} rows pass; {index} ({progress.Elapsed.TotalSeconds:F0} s)"));
        return passed == rows ? 0 : 1;
    }

    /// <summary>This machine against the reference one (2 cores): the parts use at most the cores there are, so fewer
    /// cores scale the estimate up; more do not scale it down beyond half.</summary>
    private static double MachineFactor() => Math.Clamp(2.0 / Environment.ProcessorCount, 0.5, 2.0);
}
