using Science.Cli.Commands;
using Science.Interpolation;
using Science.Medida.Cases;
using Science.Medida.Ks;

namespace Science.Cli.Help;

/// <summary>
/// The option tables of <c>medida increments</c>, <c>medida discover</c> and <c>medida discover --model ks</c> (read by
/// <see cref="MedidaCommand"/>). <see cref="Common"/> and <see cref="DiscoverOnly"/> are the experiment's options;
/// <c>--config</c> refuses them (except --output and --files).
/// </summary>
internal static class MedidaOptions
{
    /// <summary>The options of increments and discover (the experiment's truth, case, snapshots and observations).</summary>
    public static IReadOnlyList<CliOption> Common =>
    [
        CliOption.Text("state", "STATE.h5",
            "The truth: a QG state file (the truth is integrated forward between snapshots) or a trajectory file holding " +
            "the snapshot steps.") with { Required = true },
        CliOption.Text("case", "ID",
            "The model-error case of the catalogue (see discover --list-cases); give exactly one of --case and --case-config.",
            allowed: "one of " + string.Join(", ", CaseCatalogue.Ids)),
        CliOption.Text("case-config", "FILE.json",
            "A custom case: {\"name\": …, \"truth\": {\"beta\": 0.196, …}, \"model\": {\"tau_d\": 0.11, …}} with parameter " +
            "names as in qg run --set."),
        CliOption.Text("output", "INC.h5", "The output file.") with { Required = true },
        CliOption.Integer("snapshots", "N", 1, 10_000, "Truth snapshots stacked in the regression.", "1"),
        CliOption.Integer("every", "K", 1, 1_000_000_000, "Model steps between snapshots.", "400"),
        CliOption.Choice("library-state", ["forecast", "estimate"],
            "The state the candidate library is evaluated at: the model forecast (the reference's choice) or the estimate " +
            "the forecast started from (recommended for new work).", "forecast"),
        CliOption.Choice("pv-bookkeeping", ["reference", "consistent"],
            "Which β and R define the PV of observation and forecast in the increment (spec §4.1, §4.3): the reference's, " +
            "or each state's own.", "reference"),
        CliOption.Real("noise", "LEVEL", 0, 10,
            "Observation-noise std relative to each layer's spatial std of ψ (0 = clean observations).", "0"),
        SharedOptions.Seed("Seed of the observation noise, the random sensor subset (unless --sensor-seed) and the networks."),
        CliOption.Text("smoother", "none|keep:R|gaussian:F",
            "Spectral smoothing of full observations: keep the lowest fraction R in (0, 1] of wavenumbers, or a Gaussian " +
            "filter of width F > 0 (not with --sensors).", "keep:0.5 with --noise > 0, else none"),
        SharedOptions.Fft,
        CliOption.Text("sensors", "SPEC",
            "Observe at sensors and reconstruct the field with --interpolator. SPEC: " + SensorSpecification.Forms + ".",
            "full observations"),
        CliOption.Integer("sensor-seed", "S", 0, int.MaxValue, "Seed of a random sensor subset.", "--seed"),
        CliOption.Text("interpolator", "NAME",
            "The interpolator for --sensors (see --list-interpolators: exact, cubic, rbf, oi, mlp, rff)."),
        CliOption.Text("interpolator-config", "FILE.json",
            "The interpolator's options (JSON; e.g. data/configs/oi-prior.json, rff-cpu-small.json)."),
        CliOption.Flag("merge-observations",
            "With --sensors: put the observed values back at the sensors after interpolating (spec §8.3; the reference does not)."),
        CliOption.Choice("analysis", ["enkf", "etkf", "letkf"],
            "Build the states by data assimilation: cycle this ensemble filter on the sensors (--sensors, default full) and " +
            "noise (--noise) from --state, and take its analyses at each snapshot and one step later instead of interpolating.",
            "off (interpolation)"),
        .. FilterOptions("--analysis", 1000, "", "20", "1.07", "0 = off", "0", "zonal grid spacings", "6",
            "model steps between analyses away from the snapshots", "10", "snapshot", "30"),
        CliOption.Choice("analysis-model", ["truth", "model"],
            "--analysis: the members' model: the truth's parameters (the analyses estimate the truth) or the imperfect model's " +
            "(then the increment is the filter's own analysis increment, damped by its gain).", "truth"),
        CliOption.Choice("increment-form", ["analysis-state"],
            "--analysis: how the increment is formed: analysis-state = (q_a(t + Δt) − one model step from q_a(t))/Δt.", "analysis-state"),
    ];

    /// <summary>The options only discover has (regression, library, report).</summary>
    public static IReadOnlyList<CliOption> DiscoverOnly =>
    [
        CliOption.Choice("regressor", ["rvm", "stlsq", "ensemble"],
            "The sparse regression: relevance vector machine (as the reference), sequentially thresholded least squares, " +
            "or bagged STLSQ.", "rvm"),
        CliOption.Text("library", "reference|extended|LABELS",
            "The candidate library: a named one, or comma-separated column labels, optionally after a named library " +
            "(\"reference,dx_psi1,dx_psi2\").", "reference"),
        CliOption.Real("regression-filter", "F", 0, 10,
            "Low-pass the increments and the library before the regression, keeping wavenumbers below F × the largest " +
            "(0 = off).", "0; 0.08 with --sensors"),
        CliOption.Real("delta", "D", 0, 1e6, "δ of the selection rule along the threshold sweep (spec §6.4).", "0.001"),
        CliOption.Real("delta-relative", "E", 0, 10,
            "Noise-aware selection: accept the sparsest fit within δ + E·nMSE_min of the best (an improvement under a fraction E " +
            "of the residual is not evidence for a term).", "0; 0.05 with --analysis"),
        CliOption.Text("thresholds", "T1,T2,…",
            "Thresholds of the sweep, comma-separated positive numbers.",
            "RVM: 1e-7…1e7 and 1e12; STLSQ: 1e-4…1 in half decades"),
        CliOption.Integer("boundary-cut", "N", 0, 10_000,
            "Grid rows and columns dropped at each edge of the regression region (sponges, boundaries).", "20"),
        CliOption.Text("files", "DIR", "The folder of the CSV tables and charts.", "REPORT_files beside the report"),
        CliOption.Flag("standardise", "Regress standardised columns and transform the coefficients back (spec §6.3)."),
    ];

    public static CliCommand Increments => new()
    {
        Name = "medida increments",
        Words = ["increments"],
        Usage = MedidaCommand.IncrementsUsage,
        Description =
            "Builds the analysis increments h = (q_target − q_model_forecast)/Δt of a case: for each truth snapshot, one " +
            "step of the imperfect model from the (observed) truth, compared with the truth one step later. Writes INC.h5 " +
            "(/dq [snapshot, layer, y, x] and /library_psi, the state the library is evaluated at) and prints their statistics.",
        Options =
        [
            .. Common.Select(o => o.Name == "output" ? o with { Description = "The increment file (HDF5)." } : o),
            SharedOptions.Quiet,
            SharedOptions.ListInterpolators,
        ],
    };

    public static CliCommand Discover => new()
    {
        Name = "medida discover",
        Words = ["discover"],
        Usage = MedidaCommand.DiscoverUsage,
        Description =
            "Runs a complete MEDIDA experiment: truth snapshots, increments, candidate library, sparse regression with a " +
            "threshold sweep and model selection, and prints the discovered model error per layer next to the known " +
            "answer. Writes REPORT.json (layers, terms, experiment, provenance), CSV tables and HTML charts in the " +
            "report folder. --config re-runs the experiment a report embeds, bit for bit.",
        Options =
        [
            .. Common.Select(o => o.Name == "output" ? o with { Value = "REPORT.json", Description = "The JSON report." } : o),
            .. DiscoverOnly,
            CliOption.Text("config", "REPORT.json",
                "Re-run the experiment of a report (or of its \"experiment\" object) bit for bit; not with the experiment options."),
            CliOption.Choice("model", ["qg", "ks"], "The dynamical model; ks selects the options listed below.", "qg"),
            SharedOptions.NoCharts,
            SharedOptions.Quiet,
            ListCases,
            SharedOptions.ListInterpolators,
        ],
        Forms = [DiscoverKs],
    };

    public static CliCommand DiscoverKs => new()
    {
        Name = "medida discover --model ks",
        Words = ["discover"],
        Selector = ["--model", "ks"],
        Usage = MedidaCommand.DiscoverUsage,
        Description =
            "The first MEDIDA paper's Kuramoto–Sivashinsky study with clean or noisy observations: an ETDRK4 truth " +
            "(N 1024, L 100, dt 1e-3), one CNAB2 step of 5e-3 of the imperfect model per sample, the 24-term library, " +
            "RVM (tol 0.1) over a threshold sweep 1e2…1e7 with the CNAB2-residual increment (--reference: the paper's " +
            "increment, library state and single threshold 1e2). The same report files as QG, with one entry in layers.",
        Options =
        [
            CliOption.Choice("model", ["qg", "ks"], "ks selects this form.") with { Required = true },
            CliOption.Text("case", "N", "The KS case (see discover --model ks --list-cases).",
                allowed: "one of " + string.Join(", ", KsCaseCatalogue.All.Select(c => c.Id))) with { Required = true },
            CliOption.Text("output", "REPORT.json", "The JSON report.") with { Required = true },
            CliOption.Text("files", "DIR", "The folder of the CSV tables and charts.", "REPORT_files beside the report"),
            SharedOptions.Seed("Seed of the initial-condition noise of the truth."),
            CliOption.Integer("samples", "N", 1, 1000, "Truth samples in the regression.", "10"),
            CliOption.Integer("beta", "STEPS", 1, 10_000_000, "Fine (dt 1e-3) steps between samples.", "10000"),
            CliOption.Integer("spinup", "STEPS", 0, 100_000_000, "Fine steps before the first sample (at least 10).", "100000"),
            CliOption.Real("noise", "L", 0, 10, "Relative observation noise on the two states before each sample.", "0"),
            CliOption.Choice("derivatives", ["fd", "spectral"],
                "Derivatives of the library: the reference's finite differences, or spectral.", "fd"),
            CliOption.Text("thresholds", "T1,T2,…", "RVM thresholds on α, comma-separated positive numbers.",
                "1e2,1e3,1e4,1e5,1e6,1e7 (100 with --reference)"),
            CliOption.Choice("increment", ["residual", "reference"],
                "The increment: the CNAB2 residual of the truth, or the reference's (u_target − CNAB2(u0))/Δt.",
                "residual (reference with --reference)"),
            CliOption.Choice("library-state", ["midpoint", "u0", "target"],
                "Where the library is evaluated: the Crank–Nicolson midpoint, the start u0, or the target state.",
                "midpoint (target with --reference)"),
            CliOption.Flag("reference", "Start from the first MEDIDA paper's settings (its increment, library state and threshold 1e2); explicit options win."),
            CliOption.Choice("analysis", ["enkf", "etkf", "letkf"],
                "With --noise: estimate the states by data assimilation. analysis-state (default): cycle this filter (truth-model " +
                "background) on the noisy observations and use its analyses at t_a − 2Δt, t_a − Δt and t_a; one-shot: the " +
                "first MEDIDA paper's EnKF of --members around the noisy u0 (enkf: its KS-reference EnKF; etkf, letkf: the " +
                "ensemble-space generalisation on one noisy observation). Implies --reference's increment, " +
                "library state and threshold unless given.", "off"),
            CliOption.Choice("increment-form", ["analysis-state", "one-shot"],
                "--analysis: the cycled filter's analysis states, or the paper's one-shot EnKF (spec §10.2–10.3).", "analysis-state"),
            .. FilterOptions("--analysis (cycled)", 100_000, " (one-shot enkf: the paper's 10 N = 10240)", "20; one-shot 10240 (enkf) or 64",
                "1", "", "0.5", "grid points", "30", "fine steps (1e-3) between analyses away from the samples", "5", "sample", "200"),
            CliOption.Integer("observe-every", "K", 1, 512, "--analysis (cycled): observe every K-th grid point.", "1"),
            CliOption.Real("regression-filter", "F", 0, 10,
                "Low-pass the increments and the library columns, exp(−(κ/(F·κ_max))²), before the regression (0 = off).", "0; 0.04 with --analysis"),
            SharedOptions.NoCharts,
            SharedOptions.Quiet,
            ListCases,
        ],
    };

    // The ensemble-filter options of --analysis (QG and KS forms differ in units and defaults only).
    private static CliOption[] FilterOptions(string scope, long maxMembers, string membersNote, string members, string inflation, string rtpsNote,
        string rtps, string distanceUnit, string localisation, string everyText, string every, string sample, string spinup) =>
    [
        CliOption.Integer("members", "N", 2, maxMembers, $"--analysis: ensemble size{membersNote}.", members),
        CliOption.Real("inflation", "F", 1, 10, $"{scope}: multiplicative inflation of the analysis anomalies.", inflation),
        CliOption.Real("rtps", "A", 0, 1, $"{scope}: relaxation to prior spread{(rtpsNote.Length > 0 ? $" ({rtpsNote})" : "")}.", rtps),
        CliOption.Real("localisation", "R", 1e-6, 1000, $"--analysis letkf: Gaspari–Cohn half-width in {distanceUnit} (zero beyond 2R).", localisation),
        CliOption.Integer("analysis-every", "STEPS", 1, 100_000, $"{scope}: {everyText}.", every),
        CliOption.Integer("analysis-spinup", "CYCLES", 1, 100_000, $"{scope}: analysis cycles before the first {sample}.", spinup),
    ];

    private static CliOption ListCases => CliOption.Flag("list-cases",
        "Print the case catalogue (id, name, description; with --model ks the KS cases) and exit.") with { Early = true };
}
