using System.Text;

namespace Science.Cli.Help;

/// <summary>
/// Every command of <c>medida</c> with its option table, for the top-level help, <c>medida help COMMAND</c>, the bash
/// completion and <c>docs/cli.md</c>.
/// </summary>
/// <remarks>
/// The parser stays our own <see cref="Arguments"/> rather than System.CommandLine: its error texts ("unknown option
/// --x for 'medida …'; known: …", "--steps must be an integer in [1, 1000000000]; got '0'") and exit codes (2 usage,
/// 3 file, 4 blow-up) are a contract the tests and scripts rely on, and System.CommandLine's own messages, exit codes
/// and help layout would change them. The two conveniences taken from it — generated help and response files — are
/// built on these tables instead (<see cref="HelpWriter"/>, <see cref="ResponseFiles"/>, <see cref="BashCompletion"/>).
/// </remarks>
internal static class CommandTable
{
    /// <summary>The commands in the order the help lists them.</summary>
    public static IReadOnlyList<CliCommand> All =>
    [
        QgOptions.Run, QgOptions.Spinup, ModelOptions.Run, AssimilateOptions.Assimilate, AssimilateOptions.Parity,
        MedidaOptions.Increments, MedidaOptions.Discover, InterpolateOptions.Interpolate, ReproduceOptions.Reproduce,
    ];

    /// <summary>The command selected by exactly these words (["qg", "run"]), or null.</summary>
    public static CliCommand? Find(IReadOnlyList<string> words) => All.FirstOrDefault(c => c.Words.SequenceEqual(words));

    /// <summary>The top-level help: every synopsis, the help, completion and version commands, exit codes.</summary>
    public static string TopLevelHelp()
    {
        var text = new StringBuilder();
        text.Append("medida — data assimilation and interpretable model-error discovery (MEDIDA) for two-layer QG turbulence\n\n");
        text.Append("commands:\n");
        foreach (var c in All) text.Append("  ").Append(c.Usage).Append('\n');
        text.Append("  medida help COMMAND      the options of a command, each with its default and allowed range (= COMMAND --help)\n");
        text.Append("  medida completion bash   a bash completion script: source <(medida completion bash)\n");
        text.Append("  medida --version\n\n");
        text.Append("response files: medida COMMAND @ARGS.rsp reads arguments from ARGS.rsp (shell-like words, several per\n");
        text.Append("  line or one per line; quote with \" or '; # starts a comment; nested @FILE allowed; paths relative to the\n");
        text.Append("  current folder)\n");
        text.Append(HelpWriter.ExitCodes).Append('\n');
        text.Append("set MEDIDA_DEBUG=1 to see stack traces");
        return text.ToString();
    }
}
