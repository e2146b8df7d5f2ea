using System.Globalization;

namespace Science.Cli.Help;

/// <summary>
/// One option of a command, as the parser accepts it and as <c>--help</c>, <c>docs/cli.md</c> and the bash completion
/// describe it. <see cref="Value"/> is the placeholder of a value option (e.g. <c>STATE.h5</c>); null makes a flag.
/// </summary>
internal sealed record CliOption
{
    /// <summary>The name without the leading "--".</summary>
    public required string Name { get; init; }

    /// <summary>The value placeholder (<c>N</c>, <c>FILE.json</c>, <c>a|b|c</c>), or null for a flag.</summary>
    public string? Value { get; init; }

    /// <summary>What the option does, one or two sentences.</summary>
    public required string Description { get; init; }

    /// <summary>The default in words ("1", "auto", "all cores"), or null when there is none to state.</summary>
    public string? Default { get; init; }

    /// <summary>The allowed values in words ("integer in [1, 10000]", "one of rvm|stlsq|ensemble"), or null.</summary>
    public string? Allowed { get; init; }

    /// <summary>The fixed words the value may take (for completion), or null.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Whether the option may be given several times.</summary>
    public bool Repeatable { get; init; }

    /// <summary>Whether the command needs the option (possibly "unless …", said in <see cref="Description"/>).</summary>
    public bool Required { get; init; }

    /// <summary>
    /// Whether the command acts on the option before it parses the others (<c>--list-cases</c>,
    /// <c>--list-interpolators</c>): such an option is not in the parser's list and ignores the rest of the line.
    /// </summary>
    public bool Early { get; init; }

    /// <summary>Whether the option is a flag (takes no value).</summary>
    public bool IsFlag => Value is null;

    /// <summary>Whether the value names a file or folder (bash completion offers paths).</summary>
    public bool TakesPath => Value is { } v && (v.Contains('.') || v is "DIR" or "FILE" or "SPEC");

    /// <summary>"--name VALUE" or "--name".</summary>
    public string Synopsis => Value is null ? "--" + Name : $"--{Name} {Value}";

    /// <summary>A flag.</summary>
    public static CliOption Flag(string name, string description) => new() { Name = name, Description = description };

    /// <summary>A value option with free text (a path, a list, a specification).</summary>
    public static CliOption Text(string name, string value, string description, string? @default = null, string? allowed = null) =>
        new() { Name = name, Value = value, Description = description, Default = @default, Allowed = allowed };

    /// <summary>An integer option checked by <see cref="Arguments.Integer"/> against [min, max].</summary>
    public static CliOption Integer(string name, string value, long min, long max, string description, string? @default = null) =>
        new() { Name = name, Value = value, Description = description, Default = @default, Allowed = $"integer in [{min}, {max}]" };

    /// <summary>A real option checked by <see cref="Arguments.Real"/> against [min, max].</summary>
    public static CliOption Real(string name, string value, double min, double max, string description, string? @default = null) =>
        new()
        {
            Name = name, Value = value, Description = description, Default = @default,
            Allowed = $"number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]",
        };

    /// <summary>One of a fixed set of words, checked by <see cref="Arguments.Choice"/>.</summary>
    public static CliOption Choice(string name, IReadOnlyList<string> choices, string description, string? @default = null) =>
        new()
        {
            Name = name, Value = string.Join("|", choices), Description = description, Default = @default,
            Allowed = $"one of {string.Join("|", choices)}", Choices = choices,
        };
}
