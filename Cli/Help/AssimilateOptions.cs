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
            CliOption.Choice("preset", AssimilateCommand.PresetNames,
                "The experiment: one of DAPPER's benchmarks (dynamics, observations, chronology), or qg-twin, the two-layer QG " +
                "model observed at sensors in both layers (options below).") with { Required = true },
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
            CliOption.Text("state", "STATE.h5", "qg-twin: the state the truth starts from (a state file, or a trajectory's last snapshot).",
                "the shipped data/qg_spunup.h5"),
            CliOption.Text("sensors", "SPEC", "qg-twin: where ψ is observed (both layers at the same points): a ratio in (0, 1], full, " +
                "regular:SX,SY[,OX,OY] or a point file.", "0.25"),
            CliOption.Integer("sensor-seed", "S", 0, int.MaxValue, "qg-twin: seed of a random sensor layout.", "0"),
            CliOption.Real("noise", "LEVEL", 0, 10, "qg-twin: observation noise σ of each layer as a fraction of that layer's ψ std in the start state.", "0.1"),
            CliOption.Integer("every", "STEPS", 1, 100_000, "qg-twin: model steps (Δt = 0.025) between analyses.", "10"),
            CliOption.Integer("case", "ID", 1000, 1009, "qg-twin: the model the members run: 1000 = the truth (perfect model), 1001–1009 the catalogue's imperfect models.", "1000"),
            CliOption.Integer("climatology", "K", 2, 10_000, "qg-twin: snapshots of a free truth run whose covariance spans the initial ensemble.", "48"),
            CliOption.Integer("climatology-every", "STEPS", 1, 100_000, "qg-twin: steps between those snapshots.", "100"),
            CliOption.Real("initial-spread", "S", 1e-6, 10, "qg-twin: initial ensemble spread as a fraction of the climatological spread.", "0.5"),
            CliOption.Integer("batch", "B", 1, 96, "qg-twin: the LETKF analyses B×B grid columns (both layers) together.", "4"),
            CliOption.Flag("restart-leapfrog", "qg-twin: restart each member's leapfrog with a forward step after every analysis (default: continue it)."),
            CliOption.Text("trajectory", "TRAJ.h5", "qg-twin: also write the analysis means of every cycle as a QG trajectory (readable by discover --state)."),
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
