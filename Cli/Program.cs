using Science.Numerics.IO;
using Science.Cli.Commands;
using Science.Models;
using Science.QgModel;
using Science.QgModel.IO;

namespace Science.Cli
{
    /// <summary>The <c>medida</c> command: dispatch, help and error handling (one line, no stack trace).</summary>
    internal static class Entry
    {
        private const string Help =
            "medida — data assimilation and interpretable model-error discovery (MEDIDA) for two-layer QG turbulence\n\n" +
            "commands:\n" +
            "  " + QgCommand.RunUsage + "\n" +
            "  " + QgCommand.SpinupUsage + "\n" +
            "  " + ModelCommand.RunUsage + "\n" +
            "  " + AssimilateCommand.Usage + "\n" +
            "  " + ParityCommand.Usage + "\n" +
            "  " + MedidaCommand.IncrementsUsage + "\n" +
            "  " + MedidaCommand.DiscoverUsage + "\n" +
            "  " + Sparse.InterpolateUsage + "\n\n" +
            "exit codes: 0 ok, 1 unexpected error, 2 bad usage or parameter, 3 bad or missing file, 4 numerical blow-up\n" +
            "set MEDIDA_DEBUG=1 to see stack traces";

        public static int Main(string[] args)
        {
            // The neural interpolators live in their own assembly (TorchSharp); make rff and mlp known to --interpolator.
            Science.Interpolation.Neural.NeuralInterpolators.Register();
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

        private static int Dispatch(string[] args)
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                Console.WriteLine(Help);
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
                "qg" when rest.Length > 0 && rest[0] == "run" => WithHelp(rest[1..], QgCommand.RunUsage, r => QgCommand.Run(r, spinup: false)),
                "qg" when rest.Length > 0 && rest[0] == "spinup" => WithHelp(rest[1..], QgCommand.SpinupUsage, r => QgCommand.Run(r, spinup: true)),
                "qg" => throw new CliException("usage: medida qg run|spinup …  (see medida --help)"),
                "model" when rest.Length > 0 && rest[0] == "run" => WithHelp(rest[1..], ModelCommand.RunUsage, ModelCommand.Run),
                "model" => throw new CliException("usage: medida model run --model lorenz96|lorenz63|ks …  (see medida --help)"),
                "assimilate" => WithHelp(rest, AssimilateCommand.Usage, AssimilateCommand.Run),
                "dapper-parity" => WithHelp(rest, ParityCommand.Usage, ParityCommand.Run),
                "increments" => WithHelp(rest, MedidaCommand.IncrementsUsage, MedidaCommand.Increments),
                "discover" => WithHelp(rest, MedidaCommand.DiscoverUsage, MedidaCommand.Discover),
                "interpolate" => WithHelp(rest, Sparse.InterpolateUsage, Sparse.Interpolate),
                _ => throw new CliException($"unknown command '{args[0]}' (see medida --help)"),
            };
        }

        private static int WithHelp(string[] args, string usage, Func<string[], int> run)
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine("usage: " + usage);
                return 0;
            }
            return run(args);
        }
    }
}
