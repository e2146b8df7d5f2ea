using System.Text.Json;

namespace Science.Cli;

/// <summary>
/// Turns exceptions into the one-line messages the user sees: the message itself, naming the option or parameter,
/// never an exception type name or a stack trace (MEDIDA_DEBUG=1 adds the trace).
/// </summary>
internal static class CliErrors
{
    /// <summary>
    /// The first line of an exception message without the " (Parameter 'x')" suffix .NET appends to argument
    /// exceptions (and without the "Actual value was …" line that follows it).
    /// </summary>
    public static string Clean(string message)
    {
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        int nl = message.IndexOfAny(['\r', '\n']);
        return (nl >= 0 ? message[..nl] : message).Trim();
    }

    /// <summary>
    /// An argument exception's message, prefixed with the option that supplied the value when its parameter name is in
    /// <paramref name="options"/> (parameter name → option, e.g. "Columns" → "--boundary-cut"), else with
    /// <paramref name="fallback"/>, else with the parameter name when the message does not already mention it.
    /// </summary>
    public static string Argument(ArgumentException e, string? fallback = null, IReadOnlyDictionary<string, string>? options = null)
    {
        string message = Clean(e.Message);
        if (e.ParamName is { Length: > 0 } p && options is not null && options.TryGetValue(p, out var option)) return $"{option}: {message}";
        if (fallback is not null) return $"{fallback}: {message}";
        if (e.ParamName is { Length: > 0 } name && !message.Contains(name, StringComparison.Ordinal)) return $"parameter '{name}': {message}";
        return message;
    }

    /// <summary>A JSON error without .NET type names: where in the file (JSON path and line) and what is wrong.</summary>
    public static string Json(JsonException e)
    {
        string where = $"{(string.IsNullOrEmpty(e.Path) ? "$" : e.Path)}{(e.LineNumber is long line ? $" (line {line + 1})" : "")}";
        string message = Clean(e.Message);
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
            return $"the value at {where} has the wrong type";
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return $"invalid JSON at {where}: {(cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ')}";
    }

    /// <summary>
    /// The message and exit code for an exception that reached <see cref="Entry.Main"/> without being turned into a
    /// <see cref="CliException"/>: 2 for a bad argument, 3 for a file-system error, 1 for anything else.
    /// </summary>
    public static (string Message, int ExitCode) Describe(Exception e) => e switch
    {
        ArgumentException a => (Argument(a), 2),
        JsonException j => (Json(j), 2),
        UnauthorizedAccessException u => ($"permission denied: {Clean(u.Message)}", 3),
        IOException io => ($"cannot read or write a file: {Clean(io.Message)}", 3),
        OutOfMemoryException => ("out of memory (try fewer --snapshots)", 1),
        _ when Clean(e.Message) is { Length: > 0 } m => ($"internal error: {m} (set MEDIDA_DEBUG=1 for details)", 1),
        _ => ("internal error (set MEDIDA_DEBUG=1 for details)", 1),
    };

    /// <summary>Whether MEDIDA_DEBUG=1 asks for stack traces.</summary>
    public static bool Debug => Environment.GetEnvironmentVariable("MEDIDA_DEBUG") == "1";
}
