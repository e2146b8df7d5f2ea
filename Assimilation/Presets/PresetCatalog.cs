using Science.Assimilation.Experiments;
using Science.Assimilation.Methods;
using Science.Models;
using Science.Models.Ks;
using Science.Models.Lorenz;
using Science.Observing;

namespace Science.Assimilation.Presets;

/// <summary>
/// DAPPER's benchmark setups, exactly as its <c>mods</c> files set them up (see the assimilation anchors):
/// <c>l96-sakov2008</c>, <c>l63-sakov2012</c> and <c>ks-bocquet2019</c>. Cycle counts are DAPPER's Ko + 1 analyses;
/// burn-ins are DAPPER's (analyses at t ≤ BurnIn are left out). The KS preset needs a model factory (the
/// Kuramoto–Sivashinsky model lives elsewhere): pass it to the constructor.
/// </summary>
public sealed class PresetCatalog
{
    private readonly Func<IDynamicalModel> _ks;
    private readonly IReadOnlyDictionary<string, Func<IReadOnlyDictionary<string, string>, Preset>> _external;
    private readonly Dictionary<string, Preset> _built = [];

    /// <summary>A catalog; <paramref name="ksModelFactory"/> makes the KS model (N = 128, L = 32π, ETDRK4 dt = 0.5);
    /// null = <see cref="DapperKs"/>. <paramref name="external"/> adds presets defined in higher layers (such as
    /// Medida's <c>qg-twin</c>), built from their string options.</summary>
    public PresetCatalog(Func<IDynamicalModel>? ksModelFactory = null, IReadOnlyDictionary<string, Func<IReadOnlyDictionary<string, string>, Preset>>? external = null)
    {
        _ks = ksModelFactory ?? DapperKs;
        _external = external ?? new Dictionary<string, Func<IReadOnlyDictionary<string, string>, Preset>>();
    }

    /// <summary>Every preset name of this catalog: DAPPER's and the external ones.</summary>
    public IReadOnlyList<string> AllNames => [.. Names, .. _external.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="name"/> is an external preset (one that takes options).</summary>
    public bool IsExternal(string name) => _external.ContainsKey(name);

    /// <summary>
    /// The preset called <paramref name="name"/> built with <paramref name="options"/> (external presets only; the
    /// DAPPER presets take none). Built once per name and options, then shared.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown name, options for a DAPPER preset, or bad options.</exception>
    public Preset Get(string name, IReadOnlyDictionary<string, string>? options)
    {
        if (!_external.TryGetValue(name, out var build))
        {
            if (options is { Count: > 0 }) throw new ArgumentOutOfRangeException(nameof(options), $"the {name} preset takes no options");
            return Get(name);
        }
        string key = name + "|" + string.Join("|", (options ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        if (!_built.TryGetValue(key, out var preset)) _built[key] = preset = build(options ?? new Dictionary<string, string>());
        return preset;
    }

    /// <summary>DAPPER's KS model: <see cref="KuramotoSivashinsky"/> with <see cref="KsParameters.Dapper"/>.</summary>
    public static IDynamicalModel DapperKs() => new KuramotoSivashinsky(KsParameters.Dapper);

    /// <summary>The preset names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["l96-sakov2008", "l63-sakov2012", "ks-bocquet2019"];

    /// <summary>The preset called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown name.</exception>
    public Preset Get(string name) => name switch
    {
        "l96-sakov2008" => Lorenz96Sakov2008(),
        "l63-sakov2012" => Lorenz63Sakov2012(),
        "ks-bocquet2019" => KsBocquet2019(_ks),
        _ when _external.ContainsKey(name) => Get(name, null),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"the preset must be one of {string.Join("|", AllNames)}"),
    };

    /// <summary>The experiment of preset <paramref name="name"/>.</summary>
    public TwinExperiment Experiment(string name) => Get(name).Experiment;

    /// <summary>The experiment of preset <paramref name="name"/> built with <paramref name="options"/>.</summary>
    public TwinExperiment Experiment(string name, IReadOnlyDictionary<string, string>? options) => Get(name, options).Experiment;

    /// <summary>
    /// Lorenz-96 after Sakov &amp; Oke (2008), DAPPER <c>mods/Lorenz96/sakov2008.py</c>: N = 40, F = 8, one RK4 step of
    /// 0.05 per cycle, H = I, R = I, x0 = e₁, X0 = N(x0, 0.001 I), 1001 analyses, burn-in 20 time units (400 cycles).
    /// </summary>
    public static Preset Lorenz96Sakov2008()
    {
        const int n = 40;
        var h = new IdentityObservation(n);
        var x0 = new double[n];
        x0[0] = 1;
        var xp = new TwinExperiment("l96-sakov2008",
            new ModelSpec("lorenz96", new Dictionary<string, double> { ["n"] = n, ["forcing"] = 8.0, ["dt"] = 0.05 }, () => new Lorenz96(n, 8.0, 0.05)),
            h, ObservationError.Isotropic(n, 1.0), Chronology.WithBurnInTime(0.05, 1, 1001, 20.0), new InitialDistribution(x0, Math.Sqrt(0.001)),
            LocalisationDomain.Ring(n, h, 2));
        var etkf = new Etkf { Members = 24, Inflation = 1.013, Rotate = true };
        return new Preset(xp.Name, "Sakov & Oke 2008 (Tellus 60A), DAPPER mods/Lorenz96/sakov2008.py", xp, etkf,
        [
            new("EnKF('Sqrt', N=24, infl=1.013, rot=True)", etkf, 0.18, 0.02),
            new("EnKF('PertObs', N=40, infl=1.06)", new Enkf { Members = 40, Inflation = 1.06 }, 0.22, 0.02),
            new("LETKF(N=7, rot=True, infl=1.04, loc_rad=4)", new Letkf { Members = 7, Inflation = 1.04, Rotate = true, Localisation = 1.82 * 4 }, 0.22, 0.02),
        ]);
    }

    /// <summary>
    /// Lorenz-63 after Sakov, Oliver &amp; Bertino (2012), DAPPER <c>mods/Lorenz63/sakov2012.py</c>: RK4 dt = 0.01,
    /// obs every 25 steps, H = I, R = 2I, x0 = (1.509, −1.531, 25.46), X0 = N(x0, 2I), 1001 analyses, burn-in 16 time units.
    /// </summary>
    public static Preset Lorenz63Sakov2012()
    {
        var h = new IdentityObservation(3);
        var xp = new TwinExperiment("l63-sakov2012",
            new ModelSpec("lorenz63", new Dictionary<string, double> { ["sigma"] = 10, ["rho"] = 28, ["beta"] = 8.0 / 3, ["dt"] = 0.01 }, () => new Lorenz63(10, 28, 8.0 / 3, 0.01)),
            h, ObservationError.Isotropic(3, Math.Sqrt(2.0)), Chronology.WithBurnInTime(0.01, 25, 1001, 16.0),
            new InitialDistribution([1.509, -1.531, 25.46], Math.Sqrt(2.0)), LocalisationDomain.Ring(3, h, 1));
        var etkf = new Etkf { Members = 10, Inflation = 1.02, Rotate = true };
        return new Preset(xp.Name, "Sakov, Oliver & Bertino 2012 (MWR), DAPPER mods/Lorenz63/sakov2012.py", xp, etkf,
        [
            new("EnKF('Sqrt', N=10, infl=1.02, rot=True)", etkf, 0.60, 0.04),
            new("EnKF('PertObs', N=10, infl=1.04)", new Enkf { Members = 10, Inflation = 1.04 }, 0.65, 0.05),
        ]);
    }

    /// <summary>
    /// Kuramoto–Sivashinsky after Bocquet et al. (2019), DAPPER <c>mods/KS/bocquet2019.py</c>: N = 128, L = 32π,
    /// ETDRK4 dt = 0.5, obs every 2 steps, H = I, R = I, 20 001 analyses, burn-in 2000 time units, batches of 4;
    /// x0 = Kassam–Trefethen's cos(x/16)(1 + sin(x/16)) on x_j = 32π(j+1)/128, run 150 time units with the model;
    /// X0 = N(x0, 0.001 I).
    /// </summary>
    /// <param name="factory">Makes the KS model (state: the 128 grid values, time step 0.5).</param>
    public static Preset KsBocquet2019(Func<IDynamicalModel> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        const int n = 128;
        var x0 = new double[n];
        double dt;
        using (var model = factory())
        {
            if (model.StateSize != n) throw new ArgumentOutOfRangeException(nameof(factory), model.StateSize, $"the KS model must have {n} grid points");
            dt = model.TimeStep;
            for (int j = 0; j < n; j++)
            {
                double x = 32 * Math.PI * (j + 1) / n;
                x0[j] = Math.Cos(x / 16) * (1 + Math.Sin(x / 16));
            }
            model.SetState(x0);
            model.Advance((int)Math.Round(150 / dt));
            model.CopyState(x0);
        }
        var h = new IdentityObservation(n);
        var xp = new TwinExperiment("ks-bocquet2019",
            new ModelSpec("ks", new Dictionary<string, double> { ["n"] = n, ["length"] = 32 * Math.PI, ["dt"] = dt }, factory),
            h, ObservationError.Isotropic(n, 1.0), Chronology.WithBurnInTime(dt, 2, 20001, 2000.0), new InitialDistribution(x0, Math.Sqrt(0.001)),
            LocalisationDomain.Ring(n, h, 4));
        var letkf = new Letkf { Members = 16, Inflation = 1.02, Localisation = 51 };
        return new Preset(xp.Name, "Bocquet, Brajard, Carrassi & Bertino 2019, DAPPER mods/KS/bocquet2019.py", xp, letkf,
        [
            new("LETKF(N=16, loc_rad=51/1.82, infl=1.02)", letkf, 0.11, 0.02),
            new("EnKF('Sqrt', N=20, infl=1.03)", new Etkf { Members = 20, Inflation = 1.03 }, 0.115, 0.02),
        ]);
    }
}
