using System.Text;

namespace Science.Cli.Help;

/// <summary>
/// Renders a command's help from its table, in the layout of System.CommandLine: the synopsis ("usage: …", kept as
/// the first line, a contract of the tests), "Description:", then "Options:" as an aligned two-column list wrapped to
/// <see cref="Width"/> columns, each option's description followed by [required], [repeatable], [allowed: …] and
/// [default: …].
/// </summary>
internal static class HelpWriter
{
    /// <summary>Column width the help wraps to.</summary>
    public const int Width = 100;

    /// <summary>Column where option descriptions start.</summary>
    private const int Column = 30;

    /// <summary>The line on exit codes, shared by the top-level and the command help.</summary>
    public const string ExitCodes =
        "exit codes: 0 ok, 1 unexpected error, 2 bad usage or parameter, 3 bad or missing file, 4 numerical blow-up";

    /// <summary>The help of one command and its forms.</summary>
    public static string Command(CliCommand command)
    {
        var text = new StringBuilder();
        text.Append("usage: ").Append(command.Usage).Append("\n\n");
        text.Append("Description:\n");
        foreach (string line in Wrap(command.Description, Width - 2)) text.Append("  ").Append(line).Append('\n');
        Options(text, "Options:", command.Options, help: true);
        foreach (var form in command.Forms)
        {
            text.Append('\n');
            foreach (string line in Wrap($"{form.Name}: {form.Description}", Width - 2)) text.Append("  ").Append(line).Append('\n');
            Options(text, $"Options of {form.Name}:", form.Options, help: false);
        }
        text.Append('\n');
        string notes = ExitCodes + $". Arguments may also come from a response file: medida {string.Join(' ', command.Words)} @ARGS.rsp (see medida --help).";
        text.AppendJoin('\n', Wrap(notes, Width));
        return text.ToString();
    }

    /// <summary>The text after an option's name: description and the bracketed facts.</summary>
    public static string Describe(CliOption o)
    {
        var s = new StringBuilder(o.Description);
        if (o.Required) s.Append(" [required]");
        if (o.Repeatable) s.Append(" [repeatable]");
        if (o.Allowed is { } allowed) s.Append(" [allowed: ").Append(allowed).Append(']');
        if (o.Default is { } d) s.Append(" [default: ").Append(d).Append(']');
        return s.ToString();
    }

    private static void Options(StringBuilder text, string title, IEnumerable<CliOption> options, bool help)
    {
        text.Append('\n').Append(title).Append('\n');
        var rows = options.Select(o => (Left: o.Synopsis, Right: Describe(o))).ToList();
        if (help) rows.Add(("-h, --help", "Show this help and exit."));
        foreach (var (left, right) in rows)
        {
            var lines = Wrap(right, Width - Column);
            string first = "  " + left;
            if (first.Length + 2 > Column)
            {
                text.Append(first).Append('\n');
                first = "";
            }
            text.Append(first.PadRight(Column)).Append(lines[0]).Append('\n');
            foreach (string line in lines.Skip(1)) text.Append(new string(' ', Column)).Append(line).Append('\n');
        }
    }

    /// <summary>Greedy word wrap to <paramref name="width"/> columns (a longer word gets a line of its own).</summary>
    public static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return lines;
    }
}
