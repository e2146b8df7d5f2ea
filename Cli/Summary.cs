using System.Globalization;
using Science.QgModel;
using Science.QgModel.Runs;

namespace Science.Cli;

/// <summary>Plain-text summary tables on standard output.</summary>
internal static class Summary
{
    public static void Print(string command, QgRunResult r, string output, string? trajectory, string? checkpoint)
    {
        var f = r.Final;
        var rows = new List<(string, string)>
        {
            ("steps", r.Steps.ToString(CultureInfo.InvariantCulture)),
            ("final step / time", F($"{f.Step} / {f.Time:F3}")),
            ("wall time", F($"{r.Wall.TotalSeconds:F2} s ({r.MillisecondsPerStep:F3} ms/step, FFT {r.FftBackend})")),
        };
        foreach (var (def, value) in QgDiagnostics.Scalars.Zip(f.Values))
            rows.Add(($"{def.Name} [{def.Units}]", F($"{value:G6}")));
        rows.Add(("output", output));
        if (trajectory is not null) rows.Add(("trajectory", trajectory));
        if (checkpoint is not null) rows.Add(("checkpoint", checkpoint));
        Table(command, rows);
    }

    public static void Table(string title, IReadOnlyList<(string Key, string Value)> rows)
    {
        int w = Math.Max(8, rows.Max(r => r.Key.Length));
        Console.WriteLine(title);
        Console.WriteLine(new string('-', Math.Min(100, w + 3 + rows.Max(r => r.Value.Length))));
        foreach (var (k, v) in rows) Console.WriteLine($"{k.PadRight(w)} : {v}");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
