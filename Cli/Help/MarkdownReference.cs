using System.Text;

namespace Science.Cli.Help;

/// <summary>
/// <c>docs/cli.md</c>, generated from <see cref="CommandTable"/> (a test checks the file is up to date and rewrites
/// it with <c>MEDIDA_WRITE_DOCS=1</c>).
/// </summary>
internal static class MarkdownReference
{
    public static string Document()
    {
        var s = new StringBuilder();
        s.Append("# The `medida` command\n\n");
        s.Append("Generated from the option tables in `Cli/Help/` (the same tables the parser, `--help` and the bash completion use); ");
        s.Append("`tests/Cli.Tests/HelpTests.cs` fails when this file is out of date and rewrites it with `MEDIDA_WRITE_DOCS=1`.\n\n");
        s.Append("`medida` is `dotnet run --project Cli -c Release --` (or the built `Cli/bin/Release/net10.0/medida`).\n\n");
        s.Append("```\n").Append(CommandTable.TopLevelHelp()).Append("\n```\n\n");
        s.Append("Every command prints its options with `medida COMMAND --help` or `medida help COMMAND`. ");
        s.Append("An option is written `--name value` or `--name=value`; a value option given twice is an error unless it is marked repeatable. ");
        s.Append("Bad input prints one line `error: …` naming the option and the allowed range.\n\n");
        s.Append("Commands: ").Append(string.Join(", ", CommandTable.All.Select(c => $"[`{c.Name}`](#{Anchor(c.Name)})"))).Append(".\n");
        foreach (var c in CommandTable.All)
        {
            s.Append("\n## ").Append(c.Name).Append("\n\n");
            s.Append(c.Description).Append("\n\n");
            s.Append("```\n").Append(c.Usage).Append("\n```\n\n");
            Table(s, c.Options);
            foreach (var form in c.Forms)
            {
                s.Append("\n### ").Append(form.Name).Append("\n\n").Append(form.Description).Append("\n\n");
                Table(s, form.Options);
            }
        }
        return s.ToString();
    }

    private static void Table(StringBuilder s, IEnumerable<CliOption> options)
    {
        s.Append("| Option | Description | Default | Allowed |\n|---|---|---|---|\n");
        foreach (var o in options)
        {
            string description = o.Description + (o.Required ? " **Required.**" : "") + (o.Repeatable ? " Repeatable." : "");
            s.Append($"| `{Cell(o.Synopsis)}` | {Cell(description)} | {Cell(o.Default ?? "")} | {Cell(o.Allowed ?? "")} |\n");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");

    // GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped.
    private static string Anchor(string heading) =>
        new(heading.ToLowerInvariant().Replace(' ', '-').Where(ch => char.IsLetterOrDigit(ch) || ch == '-').ToArray());
}
