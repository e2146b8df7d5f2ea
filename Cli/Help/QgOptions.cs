using Science.Cli.Commands;

namespace Science.Cli.Help;

/// <summary>The option tables of <c>medida qg run</c> and <c>medida qg spinup</c> (read by <see cref="QgCommand.Run"/>).</summary>
internal static class QgOptions
{
    public static CliCommand Run => new()
    {
        Name = "medida qg run",
        Words = ["qg", "run"],
        Usage = QgCommand.RunUsage,
        Description =
            "Integrates the two-layer QG model from a state file (--init) or continues a checkpointed run bit for bit " +
            "(--resume), and writes the final state (ψ, q, parameters, provenance) to --output, optionally a trajectory, " +
            "checkpoints and HTML plots, then prints a summary table. On a blow-up (non-finite q or CFL above --max-cfl) " +
            "it writes the last good state to OUT.lastgood.h5 and exits with 4.",
        Options =
        [
            CliOption.Text("init", "STATE.h5",
                "Start a new run from this QG state file; its stored parameters (else the truth's) are the base for --set. " +
                "Give exactly one of --init and --resume."),
            CliOption.Text("resume", "CKPT.h5",
                "Continue the run saved in this checkpoint, bit for bit, with the checkpoint's parameters (no --set)."),
            CliOption.Integer("steps", "N", 1, 1_000_000_000, "Time steps to integrate.") with { Required = true },
            Output,
            Set,
            SnapshotEvery, Trajectory, CheckpointEvery, Checkpoint,
            SharedOptions.Seed("Recorded in the provenance only: a run starts from --init or --resume and draws nothing."),
            SharedOptions.Fft,
            Plots, MaxCfl,
            SharedOptions.Quiet,
        ],
    };

    public static CliCommand Spinup => new()
    {
        Name = "medida qg spinup",
        Words = ["qg", "spinup"],
        Usage = QgCommand.SpinupUsage,
        Description =
            "Integrates the QG model from the analytic initial condition to a statistically steady state and writes it to " +
            "--output (the shipped data/qg_spunup.h5 is 20000 steps from the oracle's initial condition), with the same " +
            "trajectory, checkpoint, plot and blow-up behaviour as qg run.",
        Options =
        [
            Output,
            CliOption.Integer("steps", "N", 1, 1_000_000_000, "Time steps to integrate.", "20000"),
            SharedOptions.Seed("0 starts from the oracle's analytic initial condition; S > 0 draws its phases from seed S."),
            Set,
            SnapshotEvery, Trajectory, CheckpointEvery, Checkpoint,
            SharedOptions.Fft,
            Plots, MaxCfl,
            SharedOptions.Quiet,
        ],
    };

    private static CliOption Output => CliOption.Text("output", "STATE.h5",
        "The final state file (HDF5: /psi, /q as [layer, y, x], parameters and provenance as attributes).") with { Required = true };

    private static CliOption Set => CliOption.Text("set", "NAME=VALUE",
        "Change one model parameter, e.g. tau_f=0.37 (the τ's are rates). Names: " +
        string.Join("; ", Science.QgModel.QgParameters.Names.Select(n => $"{n.Name}: {n.Meaning}")) + ".") with { Repeatable = true };

    private static CliOption SnapshotEvery => CliOption.Integer("snapshot-every", "K", 1, 1_000_000_000,
        "Write a snapshot to --trajectory every K steps; give both or neither.", "no trajectory");

    private static CliOption Trajectory => CliOption.Text("trajectory", "TRAJ.h5",
        "The trajectory file (/psi [time, layer, y, x], /time, /step); needs --snapshot-every.");

    private static CliOption CheckpointEvery => CliOption.Integer("checkpoint-every", "K", 1, 1_000_000_000,
        "Overwrite --checkpoint every K steps (both leapfrog levels, for --resume); give both or neither.", "no checkpoints");

    private static CliOption Checkpoint => CliOption.Text("checkpoint", "CKPT.h5",
        "The checkpoint file; needs --checkpoint-every.");

    private static CliOption Plots => CliOption.Text("plots", "DIR",
        "Write HTML charts to this folder: energy, cfl, zonal_wind, ke_spectrum, zonal_amplitude_spectrum, maps.");

    private static CliOption MaxCfl => CliOption.Real("max-cfl", "C", 1e-6, 100,
        "Stop with a blow-up (exit 4) when the CFL number, checked every 20 steps, exceeds C.", "1");
}
