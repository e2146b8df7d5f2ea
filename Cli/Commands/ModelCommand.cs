using System.Diagnostics;
using System.Globalization;
using Science.Models;
using Science.Models.IO;
using Science.Models.Ks;
using Science.Models.Lorenz;
using Science.Numerics;

using Science.Cli.Help;

namespace Science.Cli.Commands;

/// <summary>
/// <c>medida model run</c>: integrate Lorenz-96, Lorenz-63 or Kuramoto–Sivashinsky from a seeded initial condition,
/// with an optional spin-up, and write a model trajectory file (<see cref="ModelTrajectoryWriter"/>).
/// </summary>
internal static class ModelCommand
{
    private const string Name = "medida model run";

    private static readonly Dictionary<string, string[]> OnlyFor = new(StringComparer.Ordinal)
    {
        ["forcing"] = ["lorenz96"], ["n"] = ["lorenz96", "ks"], ["sigma"] = ["lorenz63"], ["rho"] = ["lorenz63"], ["beta"] = ["lorenz63"],
        ["length"] = ["ks"], ["lambda"] = ["ks"], ["stepper"] = ["ks"], ["preset"] = ["ks"], ["extra"] = ["ks"], ["lambda3"] = ["ks"],
    };

    public const string RunUsage =
        "medida model run --model lorenz96|lorenz63|ks --steps N --output TRAJ.h5 [--dt DT] [--every K (1)] [--seed S (0)]\n" +
        "              [--spinup STEPS (0)] [--noise SIGMA] [--quiet]\n" +
        "              lorenz96: [--n 40] [--forcing 8] (dt 0.05); lorenz63: [--sigma 10 --rho 28 --beta 8/3] (dt 0.01)\n" +
        "              ks: [--preset medida|dapper] [--stepper etdrk4|cnab2] [--n N] [--length L] [--lambda L0,L1,L2]\n" +
        "                  [--extra none|uxxx|cubic-flux --lambda3 W] (medida: N 1024, L 100, etdrk4 dt 1e-3 / cnab2 dt 5e-3;\n" +
        "                  dapper: N 128, L 32π, etdrk4 dt 0.5)";

    public static int Run(IReadOnlyList<string> args)
    {
        var a = ModelOptions.Run.Parse(args);
        string kind = a.Choice("model", ["lorenz96", "lorenz63", "ks"], "") is { Length: > 0 } k ? k
            : throw new CliException($"'{Name}' needs --model lorenz96|lorenz63|ks");
        foreach (var (option, models) in OnlyFor)
            if (a.Has(option) && !models.Contains(kind))
                throw new CliException($"--{option} applies to --model {string.Join("|", models)}, not {kind}");
        long steps = a.Integer("steps", 1, 1_000_000_000);
        string output = a.Required("output");
        long every = a.Integer("every", 1, steps, 1);
        long seed = a.Integer("seed", 0, int.MaxValue, 0);
        long spinup = a.Integer("spinup", 0, 1_000_000_000, 0);
        long snapshots = steps / every + 1;
        if (snapshots > int.MaxValue) throw new CliException($"{snapshots} snapshots are too many; use a larger --every");

        var (model, initial) = Create(kind, a, (int)seed);
        using (model)
        {
            var provenance = new Dictionary<string, string>
            {
                ["command"] = "medida " + string.Join(' ', (string[])["model", "run", .. args]),
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
                ["spinup_steps"] = spinup.ToString(CultureInfo.InvariantCulture),
            };
            ModelTrajectoryWriter writer;
            try
            {
                writer = new ModelTrajectoryWriter(output, model, (int)snapshots, provenance);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new CliException($"--every {every}: {QgCommand.FirstLine(e.Message)}");
            }
            bool quiet = a.Has("quiet");
            if (!quiet)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Name}: {Describe(model)}, {spinup} spin-up + {steps} steps of dt = {model.TimeStep:G6}, snapshot every {every} → {snapshots} snapshots"));
            var state = new double[model.StateSize];
            var clock = Stopwatch.StartNew();
            using (writer)
            {
                try
                {
                    model.SetState(initial);
                    if (spinup > 0) SpinUp(model, spinup, quiet, state);
                    clock.Restart();
                    writer.Add(model, state);
                    var bar = new ProgressBar("run", steps, quiet);
                    for (long done = 0; done < steps;)
                    {
                        int chunk = (int)Math.Min(every, steps - done);
                        model.Advance(chunk);
                        done += chunk;
                        if (done % every == 0) writer.Add(model, state);
                        bar.Report(done);
                    }
                    clock.Stop();
                    bar.Finish();
                }
                catch (ModelBlowUpException e)
                {
                    throw new CliException($"{e.Message}; the {writer.Count} snapshots before it were written to {output}", 4);
                }
                writer.Complete();
            }
            model.CopyState(state);
            double mean = state.Average(), rms = Math.Sqrt(state.Average(v => v * v));
            Summary.Table(Name,
            [
                ("model", Describe(model)),
                ("steps", steps.ToString(CultureInfo.InvariantCulture)),
                ("final step / time", F($"{model.StepCount} / {model.Time:G6}")),
                ("wall time", F($"{clock.Elapsed.TotalSeconds:F2} s ({clock.Elapsed.TotalMilliseconds * 1000 / steps:F2} µs/step)")),
                ("final mean / rms", F($"{mean:G6} / {rms:G6}")),
                ("snapshots", snapshots.ToString(CultureInfo.InvariantCulture)),
                ("output", output),
            ]);
        }
        return 0;
    }

    private static void SpinUp(IDynamicalModel model, long steps, bool quiet, double[] state)
    {
        var bar = new ProgressBar("spin-up", steps, quiet);
        for (long done = 0; done < steps;)
        {
            int chunk = (int)Math.Min(10_000, steps - done);
            model.Advance(chunk);
            done += chunk;
            bar.Report(done);
        }
        bar.Finish();
        // Restart the clock at t = 0, step 0, keeping both levels of a two-level stepper.
        model.CopyState(state);
        if (model is IMultiLevelModel multi)
        {
            var previous = new double[model.StateSize];
            multi.CopyPreviousState(previous);
            multi.SetLevels(previous, state);
        }
        else
        {
            model.SetState(state);
        }
    }

    private static (IDynamicalModel Model, double[] Initial) Create(string kind, Arguments a, int seed)
    {
        double noise;
        double[] x;
        switch (kind)
        {
            case "lorenz96":
            {
                int n = (int)a.Integer("n", 4, 1_000_000, 40);
                double f = a.Real("forcing", -1e6, 1e6, 8.0);
                var m = new Lorenz96(n, f, a.Real("dt", 1e-9, 10, 0.05));
                // x_i = F + N(0, noise²), noise 0.1 by default.
                noise = a.Real("noise", 0, 1e6, 0.1);
                x = new double[n];
                SeedSequence.Gaussian(seed, noise, x);
                for (int i = 0; i < n; i++) x[i] += f;
                return (m, x);
            }
            case "lorenz63":
            {
                var m = new Lorenz63(a.Real("sigma", -1e6, 1e6, 10), a.Real("rho", -1e6, 1e6, 28), a.Real("beta", -1e6, 1e6, 8.0 / 3.0),
                    a.Real("dt", 1e-9, 10, 0.01));
                // DAPPER's x0 (1.509, −1.531, 25.46) + N(0, noise²), noise 0.1 by default.
                noise = a.Real("noise", 0, 1e6, 0.1);
                x = new double[3];
                SeedSequence.Gaussian(seed, noise, x);
                x[0] += 1.509; x[1] += -1.531; x[2] += 25.46;
                return (m, x);
            }
            default:
            {
                var p = KsFrom(a);
                noise = a.Real("noise", 0, 1e6, 0.01);
                KuramotoSivashinsky m;
                try
                {
                    m = new KuramotoSivashinsky(p);
                }
                catch (ArgumentOutOfRangeException e)
                {
                    throw new CliException($"KS parameters: {QgCommand.FirstLine(e.Message)}");
                }
                return (m, KuramotoSivashinsky.InitialCondition(p, noise, seed));
            }
        }
    }

    private static KsParameters KsFrom(Arguments a)
    {
        string preset = a.Choice("preset", ["medida", "dapper"], "medida");
        var stepper = a.Choice("stepper", ["etdrk4", "cnab2"], "etdrk4") == "cnab2" ? KsStepperKind.Cnab2 : KsStepperKind.EtdRk4;
        var p = preset == "dapper" ? KsParameters.Dapper
            : stepper == KsStepperKind.Cnab2 ? KsParameters.MedidaModel : KsParameters.MedidaTruth;
        int n = (int)a.Integer("n", 8, 1 << 24, p.N);
        if (n % 2 != 0) throw new CliException($"--n must be even for ks; got {n}");
        double length = a.Real("length", 1e-6, 1e9, p.Length);
        double[] lambda = [p.Lambda0, p.Lambda1, p.Lambda2];
        if (a.Text("lambda") is string text)
        {
            var parts = text.Split(',');
            if (parts.Length != 3 || !parts.All(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                throw new CliException($"--lambda must be three numbers L0,L1,L2 (the coefficients of u u_x, u_xx, u_xxxx); got '{text}'");
            lambda = [.. parts.Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture))];
            if (!lambda.All(double.IsFinite)) throw new CliException($"--lambda values must be finite; got '{text}'");
        }
        var extra = a.Choice("extra", ["none", "uxxx", "cubic-flux"], "none") switch
        {
            "uxxx" => KsExtraTerm.Uxxx,
            "cubic-flux" => KsExtraTerm.CubicFlux,
            _ => KsExtraTerm.None,
        };
        double lambda3 = a.Real("lambda3", -1e6, 1e6, 0);
        if (a.Has("lambda3") && extra == KsExtraTerm.None) throw new CliException("--lambda3 needs --extra uxxx|cubic-flux");
        return p with
        {
            N = n,
            Length = length,
            Origin = preset == "dapper" ? length / n : -length / 2,
            Lambda0 = lambda[0], Lambda1 = lambda[1], Lambda2 = lambda[2],
            ExtraTerm = extra,
            Lambda3 = lambda3,
            Stepper = stepper,
            TimeStep = a.Real("dt", 1e-9, 1e3, p.TimeStep),
        };
    }

    private static string Describe(IDynamicalModel m) => m switch
    {
        KuramotoSivashinsky ks => ks.Parameters.ToString(),
        _ => m.Name + " " + string.Join(" ", ModelFileFormat.ParametersOf(m).Select(p => F($"{p.Name}={p.Value}"))),
    };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
