namespace Science.Cli;

/// <summary>A usage or input error: printed as one line "error: …", exit code <see cref="ExitCode"/>, no stack trace.</summary>
public sealed class CliException(string message, int exitCode = 2) : Exception(message)
{
    /// <summary>The process exit code (2 = usage, 3 = file, 4 = blow-up).</summary>
    public int ExitCode { get; } = exitCode;
}
