using System.Globalization;
using Science.Assimilation.Presets;
using Science.Numerics.IO;

using Science.Cli.Help;

namespace Science.Cli.Commands;

/// <summary>
/// <c>medida dapper-parity</c>: runs the presets' published DAPPER benchmarks over several seeds and writes the
/// comparison table (Markdown) with the command that produced it. A long run (minutes), not a test.
/// </summary>
internal static class ParityCommand
{
    private const string Name = "medida dapper-parity";

    public const string Usage =
        "medida dapper-parity --output TABLE.md [--preset l96-sakov2008|l63-sakov2012|ks-bocquet2019 (repeatable; default all)]\n" +
        "              [--seeds S (3)] [--first-seed S0 (3000)] [--cycles K (the preset's)] [--only LABEL-SUBSTRING] [--quiet]";

    public static int Run(IReadOnlyList<string> args)
    {
        var a = AssimilateOptions.Parity.Parse(args);
        string output = a.Required("output");
        var presets = a.All("preset").Count > 0 ? a.All("preset") : PresetCatalog.Names;
        foreach (string p in presets)
            if (!PresetCatalog.Names.Contains(p)) throw new CliException($"--preset must be one of {string.Join("|", PresetCatalog.Names)}; got '{p}'");
        int seeds = (int)a.Integer("seeds", 1, 1000, 3);
        int first = (int)a.Integer("first-seed", 0, int.MaxValue - 1000, 3000);
        int? cycles = a.Text("cycles") is null ? null : (int)a.Integer("cycles", 2, 10_000_000);
        string? only = a.Text("only");
        bool quiet = a.Has("quiet");
        var catalog = new PresetCatalog();
        var rows = new List<ParityRow>();
        foreach (string p in presets)
            rows.AddRange(ParityStudy.Run(catalog.Get(p), seeds, first, cycles, only, quiet ? null : line => Console.Error.WriteLine(line)));
        string command = "medida " + string.Join(' ', (string[])["dapper-parity", .. args]);
        string text = "# DAPPER parity\n\n" +
            "Time-mean analysis RMSE over the cycles after DAPPER's burn-in, mean ± std over seeds, against the values listed in DAPPER's `mods` files. " +
            "Pass: |mean − DAPPER| within the tolerance and mean spread/RMSE in [0.9, 1.3].\n\n" +
            $"Command: `{command}`\n\n" + ParityStudy.Markdown(rows);
        AtomicFile.WriteAllText(output, text);
        Console.WriteLine(ParityStudy.Markdown(rows));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows.Count(r => r.Passes)}/{rows.Count} within tolerance; table written to {output}"));
        return 0;
    }
}
