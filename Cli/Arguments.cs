using System.Globalization;

namespace Science.Cli;

/// <summary>
/// Parsed options of one command: <c>--name value</c>, <c>--name=value</c>, repeated options and flags. Every option
/// must be declared; unknown ones are an error that lists the known ones.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly string _command;

    private Arguments(string command) => _command = command;

    /// <summary>Parses <paramref name="args"/> for a command with the given value options and flags (names without "--").</summary>
    public static Arguments Parse(string command, IReadOnlyList<string> args, IEnumerable<string> valueOptions, IEnumerable<string>? flags = null)
    {
        var known = new HashSet<string>(valueOptions, StringComparer.Ordinal);
        var knownFlags = new HashSet<string>(flags ?? [], StringComparer.Ordinal);
        var result = new Arguments(command);
        for (int i = 0; i < args.Count; i++)
        {
            string token = args[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
                throw new CliException($"unexpected argument '{token}' for '{command}' (options start with --; see '{command} --help')");
            string name = token[2..];
            string? inline = null;
            int eq = name.IndexOf('=');
            if (eq >= 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
            if (knownFlags.Contains(name))
            {
                if (inline is not null) throw new CliException($"option --{name} of '{command}' takes no value");
                result._flags.Add(name);
                continue;
            }
            if (!known.Contains(name))
                throw new CliException($"unknown option --{name} for '{command}'; known: {string.Join(" ", known.Concat(knownFlags).Order().Select(k => "--" + k))}");
            string value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new CliException($"option --{name} of '{command}' needs a value"));
            if (!result._values.TryGetValue(name, out var list)) result._values[name] = list = [];
            list.Add(value);
        }
        return result;
    }

    /// <summary>Whether a flag or option was given.</summary>
    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);

    /// <summary>All values of a repeatable option.</summary>
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var v) ? v : [];

    /// <summary>The single value of an option, or null.</summary>
    public string? Text(string name)
    {
        if (!_values.TryGetValue(name, out var v)) return null;
        if (v.Count > 1) throw new CliException($"option --{name} of '{_command}' given {v.Count} times; give it once");
        return v[0];
    }

    /// <summary>The value of a required option.</summary>
    public string Required(string name) => Text(name) ?? throw new CliException($"'{_command}' needs --{name}");

    /// <summary>An integer option within [min, max], or the default.</summary>
    public long Integer(string name, long min, long max, long? fallback = null)
    {
        string? text = Text(name);
        if (text is null)
            return fallback ?? throw new CliException($"'{_command}' needs --{name} (an integer in [{min}, {max}])");
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
            throw new CliException($"--{name} must be an integer in [{min}, {max}]; got '{text}'");
        return v;
    }

    /// <summary>A real option within [min, max], or the default.</summary>
    public double Real(string name, double min, double max, double fallback)
    {
        string? text = Text(name);
        if (text is null) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= min && v <= max))
            throw new CliException($"--{name} must be a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]; got '{text}'");
        return v;
    }

    /// <summary>One of a fixed set of words, or the default.</summary>
    public string Choice(string name, IReadOnlyList<string> choices, string fallback)
    {
        string? text = Text(name);
        if (text is null) return fallback;
        if (!choices.Contains(text)) throw new CliException($"--{name} must be one of {string.Join("|", choices)}; got '{text}'");
        return text;
    }
}
