using Science.Numerics.IO;
using Science.Cli.Commands;
using Science.Cli.Help;
using Science.Models;
using Science.QgModel;
using Science.QgModel.IO;

namespace Science.Cli
{
    /// <summary>The <c>medida</c> command: dispatch, help and error handling (one line, no stack trace).</summary>
    internal static class Entry
    {
        public static int Main(string[] args)
        {
            // The neural interpolators live in their own assembly (TorchSharp); make rff and mlp known to --interpolator.
            // Commands without interpolators skip it, so that they do not load the interpolation assemblies at start-up.
            if (args is not [("assimilate" or "dapper-parity" or "model" or "qg" or "--version"), ..]) RegisterNeuralInterpolators();
            try
            {
                return Dispatch(args);
            }
            catch (CliException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return e.ExitCode;
            }
            catch (DataFileException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 3;
            }
            catch (ModelBlowUpException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 4;
            }
            catch (Exception e)
            {
                var (message, exitCode) = CliErrors.Describe(e);
                Console.Error.WriteLine($"error: {message}");
                if (CliErrors.Debug) Console.Error.WriteLine(e);
                return exitCode;
            }
        }

        // Not inlined: compiling Main must not load the neural assembly.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void RegisterNeuralInterpolators() => Science.Interpolation.Neural.NeuralInterpolators.Register();

        private static int Dispatch(string[] args)
        {
            args = ResponseFiles.Expand(args);
            if (args.Length == 0 || args[0] is "--help" or "-h" || (args[0] == "help" && args.Length == 1))
            {
                Console.WriteLine(CommandTable.TopLevelHelp());
                return args.Length == 0 ? 2 : 0;
            }
            if (args[0] == "--version")
            {
                Console.WriteLine(typeof(Entry).Assembly.GetName().Version);
                return 0;
            }
            var rest = args.Skip(1).ToArray();
            return args[0] switch
            {
                "help" => PrintHelp(CommandTable.Find(rest)
                    ?? throw new CliException($"unknown command '{string.Join(' ', rest)}' (see medida --help)")),
                "completion" when rest is ["--help"] or ["-h"] => Print("usage: " + BashCompletion.Usage),
                "completion" when rest is ["bash"] => Print(BashCompletion.Script().TrimEnd('\n')),
                "completion" => throw new CliException("usage: " + BashCompletion.Usage),
                "qg" when rest.Length > 0 && rest[0] == "run" => WithHelp(rest[1..], QgOptions.Run, r => QgCommand.Run(r, spinup: false)),
                "qg" when rest.Length > 0 && rest[0] == "spinup" => WithHelp(rest[1..], QgOptions.Spinup, r => QgCommand.Run(r, spinup: true)),
                "qg" => throw new CliException("usage: medida qg run|spinup …  (see medida --help)"),
                "model" when rest.Length > 0 && rest[0] == "run" => WithHelp(rest[1..], ModelOptions.Run, ModelCommand.Run),
                "model" => throw new CliException("usage: medida model run --model lorenz96|lorenz63|ks …  (see medida --help)"),
                "assimilate" => WithHelp(rest, AssimilateOptions.Assimilate, AssimilateCommand.Run),
                "dapper-parity" => WithHelp(rest, AssimilateOptions.Parity, ParityCommand.Run),
                "increments" => WithHelp(rest, MedidaOptions.Increments, MedidaCommand.Increments),
                "discover" => WithHelp(rest, MedidaOptions.Discover, MedidaCommand.Discover),
                "interpolate" => WithHelp(rest, InterpolateOptions.Interpolate, Sparse.Interpolate),
                "reproduce" => WithHelp(rest, ReproduceOptions.Reproduce, ReproduceCommand.Run),
                _ => throw new CliException($"unknown command '{args[0]}' (see medida --help)"),
            };
        }

        private static int WithHelp(string[] args, CliCommand command, Func<string[], int> run) =>
            args.Contains("--help") || args.Contains("-h") ? PrintHelp(command) : run(args);

        private static int PrintHelp(CliCommand command) => Print(HelpWriter.Command(command));

        private static int Print(string text)
        {
            Console.WriteLine(text);
            return 0;
        }
    }
}
