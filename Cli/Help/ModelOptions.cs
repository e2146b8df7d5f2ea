using Science.Cli.Commands;

namespace Science.Cli.Help;

/// <summary>The option table of <c>medida model run</c> (read by <see cref="ModelCommand.Run"/>).</summary>
internal static class ModelOptions
{
    public static CliCommand Run => new()
    {
        Name = "medida model run",
        Words = ["model", "run"],
        Usage = ModelCommand.RunUsage,
        Description =
            "Integrates Lorenz-96, Lorenz-63 or Kuramoto–Sivashinsky from a seeded initial condition (the model's base " +
            "state plus N(0, noise²)), after an optional spin-up, and writes a model trajectory file (/x [time, n], " +
            "/time, /step, the parameters and provenance as attributes). Options of one model given to another are a " +
            "usage error.",
        Options =
        [
            CliOption.Choice("model", ["lorenz96", "lorenz63", "ks"], "The dynamical model.") with { Required = true },
            CliOption.Integer("steps", "N", 1, 1_000_000_000, "Time steps to integrate after the spin-up.") with { Required = true },
            CliOption.Text("output", "TRAJ.h5", "The trajectory file.") with { Required = true },
            CliOption.Text("dt", "DT", "Time step; lorenz96 and lorenz63 take a number in [1e-09, 10], ks in [1e-09, 1000].",
                "lorenz96 0.05, lorenz63 0.01, ks by --preset/--stepper (medida: etdrk4 1e-3, cnab2 5e-3; dapper: 0.5)"),
            CliOption.Text("every", "K", "Write a snapshot every K steps (snapshots: steps/K + 1, the first at the start).", "1",
                "integer in [1, --steps]"),
            SharedOptions.Seed("Seed of the initial-condition noise."),
            CliOption.Integer("spinup", "STEPS", 0, 1_000_000_000,
                "Steps integrated (and discarded) before the first snapshot; the clock then restarts at t = 0, step 0.", "0"),
            CliOption.Real("noise", "SIGMA", 0, 1e6,
                "Standard deviation of the Gaussian noise added to the initial condition (lorenz96: F, lorenz63: DAPPER's " +
                "x0 (1.509, −1.531, 25.46), ks: the preset's initial condition).", "0.1 (ks 0.01)"),
            CliOption.Text("n", "N", "State size: lorenz96 an integer in [4, 1000000]; ks an even integer in [8, 16777216].",
                "lorenz96 40, ks 1024 (dapper 128)"),
            CliOption.Real("forcing", "F", -1e6, 1e6, "Lorenz-96 forcing F (lorenz96 only).", "8"),
            CliOption.Real("sigma", "S", -1e6, 1e6, "Lorenz-63 σ (lorenz63 only).", "10"),
            CliOption.Real("rho", "R", -1e6, 1e6, "Lorenz-63 ρ (lorenz63 only).", "28"),
            CliOption.Real("beta", "B", -1e6, 1e6, "Lorenz-63 β (lorenz63 only).", "8/3"),
            CliOption.Choice("preset", ["medida", "dapper"],
                "KS setting (ks only): medida is MEDIDA-KS's (N 1024, L 100, x in [−50, 50)), dapper is DAPPER's bocquet2019 " +
                "(N 128, L 32π, dt 0.5).", "medida"),
            CliOption.Choice("stepper", ["etdrk4", "cnab2"],
                "KS time stepper (ks only): ETDRK4 (the truth) or CNAB2 (MEDIDA's imperfect model, dt 5e-3 with the medida preset).",
                "etdrk4"),
            CliOption.Real("length", "L", 1e-6, 1e9, "KS domain length (ks only).", "100 (dapper 32π)"),
            CliOption.Text("lambda", "L0,L1,L2",
                "KS coefficients of u u_x, u_xx and u_xxxx, three finite numbers (ks only).", "1,1,1"),
            CliOption.Choice("extra", ["none", "uxxx", "cubic-flux"],
                "An extra KS term of weight --lambda3: u_xxx, or u³ in the flux (ks only; MEDIDA's cases 101–103, 201–203).", "none"),
            CliOption.Real("lambda3", "W", -1e6, 1e6, "Weight of the --extra term (ks only; needs --extra uxxx|cubic-flux).", "0"),
            SharedOptions.Quiet,
        ],
    };
}
