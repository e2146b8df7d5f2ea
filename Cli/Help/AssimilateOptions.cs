using Science.Assimilation.Presets;
using Science.Cli.Commands;

namespace Science.Cli.Help;

/// <summary>The option tables of <c>medida assimilate</c> and <c>medida dapper-parity</c>.</summary>
internal static class AssimilateOptions
{
    public static CliCommand Assimilate => new()
    {
        Name = "medida assimilate",
        Words = ["assimilate"],
        Usage = AssimilateCommand.Usage,
        Description =
            "A cycled twin experiment on one of DAPPER's presets with the EnKF (perturbed observations), the ETKF " +
            "(symmetric square root) or the LETKF: a truth run, noisy observations, forecast and analysis every cycle. " +
            "Prints a summary and writes RUN.json (rmse_a, rmse_f, spread_a, spread_f, cycles_averaged, expected_rmse_a, " +
            "and the full experiment, re-runnable with --config), RUN.csv (per-cycle series) and RUN.html (charts). " +
            "Unset method options take the preset's tuned values for that method.",
        Options =
        [
            CliOption.Choice("preset", PresetCatalog.Names, "The DAPPER benchmark: dynamics, observations, chronology.") with { Required = true },
            CliOption.Choice("method", ["enkf", "etkf", "letkf"], "The ensemble filter.", "the preset's default method"),
            CliOption.Integer("members", "N", 2, 100_000, "Ensemble size.", "the preset's tuned value for the method, else 20"),
            CliOption.Real("inflation", "F", 1, 10, "Multiplicative inflation of the forecast anomalies.", "the preset's tuned value"),
            CliOption.Real("rtps", "A", 0, 1, "Relaxation to prior spread (0 = off).", "the preset's tuned value"),
            CliOption.Text("localisation", "R",
                "LETKF localisation: Gaspari–Cohn half-width in grid points (letkf only).",
                "the preset's tuned value, else 7.28 (DAPPER's loc_rad 4)", "number in (0, 1000000]"),
            CliOption.Flag("rotate", "Apply a random mean-preserving rotation to the analysis anomalies."),
            CliOption.Flag("no-rotate", "Do not rotate (default: the preset's tuned choice; not with --rotate)."),
            CliOption.Integer("cycles", "K", 1, 10_000_000, "Assimilation cycles.", "the preset's"),
            CliOption.Text("burn-in", "K0", "Cycles left out of the time means.", "min(the preset's burn-in, cycles/2)",
                "integer in [0, cycles − 1]"),
            SharedOptions.Seed("Seed of the truth, the observation noise and the ensemble."),
            CliOption.Text("observe", "all|every:K|I,J,…",
                "Which state components are observed: all, every K-th (K in [1, n]), or a list of distinct indices in [0, n − 1].",
                "all"),
            CliOption.Text("config", "RUN.json",
                "Repeat the run a RUN.json records, bit for bit; not with the experiment or method options above."),
            CliOption.Text("output", "RUN.json", "The run record; RUN.csv and RUN.html go beside it.") with { Required = true },
            CliOption.Choice("executor", ["inprocess", "mpi"],
                "Where the member forecasts run: in this process, or across MPI ranks (start under mpiexec -n R with R ≤ members; " +
                "rank 0 writes and prints).", "inprocess"),
            CliOption.Integer("threads", "T", 1, 1024, "Threads for the member forecasts.",
                "all cores in process; under MPI the cores divided among the ranks on a node"),
            SharedOptions.Quiet,
            CliOption.Flag("no-charts", "Do not write RUN.html."),
        ],
    };

    public static CliCommand Parity => new()
    {
        Name = "medida dapper-parity",
        Words = ["dapper-parity"],
        Usage = ParityCommand.Usage,
        Description =
            "Runs the presets' published DAPPER benchmarks over several seeds and writes a Markdown table of our time-mean " +
            "analysis RMSE (mean ± std over seeds) against DAPPER's, with pass marks and the command that produced it. " +
            "A long run (minutes).",
        Options =
        [
            CliOption.Text("output", "TABLE.md", "The Markdown table.") with { Required = true },
            CliOption.Choice("preset", PresetCatalog.Names, "A preset to run; repeat for several.", "all three")
                with { Repeatable = true },
            CliOption.Integer("seeds", "S", 1, 1000, "Seeds per benchmark.", "3"),
            CliOption.Integer("first-seed", "S0", 0, int.MaxValue - 1000, "The first seed; the others follow.", "3000"),
            CliOption.Integer("cycles", "K", 2, 10_000_000, "Cycles per run.", "the preset's"),
            CliOption.Text("only", "LABEL-SUBSTRING", "Run only the benchmarks whose label contains this text."),
            SharedOptions.Quiet,
        ],
    };
}
