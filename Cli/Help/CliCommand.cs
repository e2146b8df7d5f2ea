namespace Science.Cli.Help;

/// <summary>
/// One command (or one form of a command, such as <c>medida discover --model ks</c>): its synopsis, description and
/// option table. The table is the single source of the parser's known options (<see cref="ValueOptions"/>,
/// <see cref="Flags"/>), of <c>--help</c>, of <c>docs/cli.md</c> and of the bash completion, so they cannot drift.
/// </summary>
internal sealed record CliCommand
{
    /// <summary>The name as errors print it, e.g. "medida qg run" or "medida discover --model ks".</summary>
    public required string Name { get; init; }

    /// <summary>The words after "medida" that select the command, e.g. ["qg", "run"].</summary>
    public required IReadOnlyList<string> Words { get; init; }

    /// <summary>The synopsis printed after "usage: " (several lines for several forms).</summary>
    public required string Usage { get; init; }

    /// <summary>What the command does and writes, a short paragraph.</summary>
    public required string Description { get; init; }

    /// <summary>Every option, in the order <c>--help</c> lists them.</summary>
    public required IReadOnlyList<CliOption> Options { get; init; }

    /// <summary>Other forms dispatched by this command (e.g. <c>--model ks</c>), each with its own options; help shows them after the main list.</summary>
    public IReadOnlyList<CliCommand> Forms { get; init; } = [];

    /// <summary>The words that select a form (e.g. ["--model", "ks"]); empty for a command itself.</summary>
    public IReadOnlyList<string> Selector { get; init; } = [];

    /// <summary>Value options the parser accepts (not the early ones).</summary>
    public IEnumerable<string> ValueOptions => Options.Where(o => !o.IsFlag && !o.Early).Select(o => o.Name);

    /// <summary>Flags the parser accepts (not the early ones).</summary>
    public IEnumerable<string> Flags => Options.Where(o => o.IsFlag && !o.Early).Select(o => o.Name);

    /// <summary>Parses <paramref name="args"/> against this table, with the errors of <see cref="Arguments.Parse"/>.</summary>
    public Arguments Parse(IReadOnlyList<string> args) => Arguments.Parse(Name, args, ValueOptions, Flags);

    /// <summary>The command and its forms.</summary>
    public IEnumerable<CliCommand> WithForms => [this, .. Forms];
}
