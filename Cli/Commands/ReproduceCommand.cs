using System.Globalization;
using Science.Cli.Help;
using Science.Cli.Reproduce;

namespace Science.Cli.Commands;

/// <summary><c>medida reproduce</c>: regenerates the tables and figures of notebooks 2–4 and 6 into one folder with an index page.</summary>
internal static class ReproduceCommand
{
    public const string Usage = "medida reproduce [--quick|--paper] --output DIR [--only PART[,PART]] [--data DIR] [--quiet]";

    public static int Run(IReadOnlyList<string> args)
    {
        var a = ReproduceOptions.Reproduce.Parse(args);
        string output = a.Required("output");
        if (a.Has("quick") && a.Has("paper")) throw new CliException("--quick and --paper exclude each other");
        var mode = a.Has("paper") ? ReproductionMode.Paper : ReproductionMode.Quick;
        var parts = Reproduction.AllParts;
        if (a.Text("only") is { } only)
        {
            var keys = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var known = parts.Select(p => p.Key).ToArray();
            foreach (string k in keys)
                if (!known.Contains(k)) throw new CliException($"--only must list parts of {string.Join("|", known)}; got '{k}'");
            parts = [.. parts.Where(p => keys.Contains(p.Key))];
        }
        var inputs = ReproductionInputs.Locate(a.Text("data"));
        var log = a.Has("quiet") ? null : Console.Error;
        double estimate = Reproduction.Estimate(output, mode, parts);
        log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reproduce ({mode.ToString().ToLowerInvariant()}): {parts.Count} part(s) [{string.Join(", ", parts.Select(p => p.Key))}], " +
            $"estimated {ReproductionProgress.Format(estimate)} on 2 cores (parts already done are skipped); output {output}"));
        var (index, results) = Reproduction.Run(output, mode, parts, inputs, log);
        int rows = results.Sum(r => r.Rows.Count), pass = results.Sum(r => r.Rows.Count(x => x.Pass));
        Console.WriteLine($"{pass} of {rows} rows pass; {index}");
        return 0;
    }
}
