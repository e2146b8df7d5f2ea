using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Science.Assimilation.Experiments;
using Science.Assimilation.Methods;
using Science.Assimilation.Presets;
using Science.Interpolation;
using Science.Medida.Cases;
using Science.Observing;
using Science.QgModel;
using Science.QgModel.IO;

namespace Science.Medida.Assimilated;

/// <summary>
/// The two-layer QG twin experiment (preset <c>qg-twin</c>): the state is ψ of both layers (<c>[layer, y, x]</c>, the
/// model seam's <see cref="TwoLayerQgModel"/>), observed at the same sensor points in both layers with noise
/// σ_l = noise · std(ψ_l) of the start state, every <see cref="QgTwinSettings.Every"/> steps. The truth runs the truth
/// parameters from the start state; the members run the case's model (1000 = perfect model).
/// </summary>
/// <remarks>
/// <para><b>Initial ensemble.</b> White noise in ψ is no state of QG turbulence (it projects on the grid scale, where the
/// PV inversion amplifies it), so X0 is N(x0, s²·B_c) with B_c the sample covariance of k snapshots of a free run of the
/// truth model from x0 (<see cref="QgTwinSettings.Climatology"/> every <see cref="QgTwinSettings.ClimatologyEvery"/>
/// steps) and s = <see cref="QgTwinSettings.InitialSpread"/>.</para>
/// <para><b>Localisation distances</b> are in zonal grid spacings (Δx = Lx/Nx): a point (i, j) sits at
/// (i, j·Δy/Δx), periodic in both directions (the numerics are doubly periodic; the sponges only damp the edge rows).
/// Batches are square blocks of <see cref="QgTwinSettings.Batch"/>² columns with both layers; an observation's taper
/// is taken at its distance from the block's centre.</para>
/// </remarks>
public static class QgTwin
{
    /// <summary>The preset name.</summary>
    public const string PresetName = "qg-twin";

    /// <summary>Cycles and burn-in of the preset when none are given.</summary>
    public const int DefaultCycles = 200, DefaultBurnIn = 50;

    /// <summary>
    /// The LETKF the preset runs by default: 20 members, RTPS 0.5 without multiplicative inflation, GC half-width 6 Δx.
    /// Measured (SR 0.25, noise 0.1, 200 cycles, scores after 100): multiplicative inflation 1.02–1.03 lets the spread
    /// fall behind the error early and run ahead of it later (spread/RMSE 0.6 → 1.65 as the error keeps dropping), RTPS 0.5
    /// keeps it between 0.7 and 1.2 throughout (0.92 / 1.16 in layers 1 / 2).
    /// </summary>
    public static Letkf DefaultMethod { get; } = new() { Members = 20, Inflation = 1.0, Rtps = 0.5, Localisation = 6 };

    private static readonly ConcurrentDictionary<string, double[]> ClimatologyCache = new();

    /// <summary>The preset for <paramref name="settings"/>: its experiment and default method, no published benchmarks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting that does not fit (unknown case, sensor layout).</exception>
    /// <exception cref="Science.Numerics.IO.DataFileException">The start state cannot be read.</exception>
    public static Preset Preset(QgTwinSettings settings) =>
        new(PresetName, "two-layer QG twin experiment (this toolkit; spec §2 model, §8 sensors)", Experiment(settings), DefaultMethod, []);

    /// <summary>The twin experiment for <paramref name="settings"/> with <paramref name="cycles"/> analyses.</summary>
    public static TwinExperiment Experiment(QgTwinSettings settings, int cycles = DefaultCycles, int burnIn = DefaultBurnIn)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = QgStateFile.Read(settings.State);
        ModelErrorCase errorCase;
        try
        {
            errorCase = CaseCatalogue.Get(settings.Case);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentOutOfRangeException("case", settings.Case, e.Message.Split('\n')[0].Split(" (Parameter")[0]);
        }
        var chronology = new Chronology(errorCase.Truth.Dt, settings.Every, cycles, burnIn);
        return Build(file.Grid, file.State.Psi.ToArray(), errorCase.Truth, errorCase.Model == errorCase.Truth ? null : errorCase.Model, settings, chronology,
            $"{Path.GetFullPath(settings.State)}|{File.GetLastWriteTimeUtc(settings.State).Ticks}");
    }

    /// <summary>
    /// The twin experiment on <paramref name="grid"/> from <paramref name="x0"/>: the truth runs
    /// <paramref name="truthParameters"/>, the members <paramref name="modelParameters"/> (null = the truth's), with the
    /// sensors, noise, ensemble and batch settings of <paramref name="settings"/> (its state, case and every are not used)
    /// and <paramref name="chronology"/>. <paramref name="climatologyKey"/> names x0 for the climatology cache (null = no cache).
    /// </summary>
    public static TwinExperiment Build(Grid grid, double[] x0, QgParameters truthParameters, QgParameters? modelParameters,
        QgTwinSettings settings, Chronology chronology, string? climatologyKey = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(x0);
        ArgumentNullException.ThrowIfNull(settings);
        int cells = grid.RealSize, n = 2 * cells;
        if (x0.Length != n) throw new ArgumentOutOfRangeException(nameof(x0), x0.Length, $"x0 must hold ψ of both layers ({n} values)");

        SensorLayout sensors;
        try
        {
            sensors = SensorSpecification.Parse(grid, settings.Sensors, settings.SensorSeed);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException)
        {
            throw new ArgumentOutOfRangeException("sensors", settings.Sensors, $"the sensors must be {SensorSpecification.Forms}: {e.Message.Split(" (Parameter")[0]}");
        }
        var observed = new int[2 * sensors.Count];
        for (int k = 0; k < sensors.Count; k++)
        {
            observed[k] = sensors.Indices[k];
            observed[sensors.Count + k] = cells + sensors.Indices[k];
        }
        var h = new QgSensorObservation(n, observed, sensors.Description);
        var sigma = new double[observed.Length];
        for (int layer = 0; layer < 2; layer++)
        {
            double std = FieldStd(x0.AsSpan(layer * cells, cells));
            sigma.AsSpan(layer * sensors.Count, sensors.Count).Fill(settings.Noise * std);
        }
        var noise = new ObservationError(sigma);

        var dynamics = Spec(grid, modelParameters ?? truthParameters);
        var truth = modelParameters is null ? null : Spec(grid, truthParameters);
        var anomalies = climatologyKey is null
            ? Climatology(grid, truthParameters, x0, settings.Climatology, settings.ClimatologyEvery)
            : ClimatologyCache.GetOrAdd($"{climatologyKey}|{settings.Climatology}|{settings.ClimatologyEvery}",
                _ => Climatology(grid, truthParameters, x0, settings.Climatology, settings.ClimatologyEvery));
        var x0Distribution = new InitialDistribution(x0, settings.InitialSpread) { Anomalies = anomalies };
        return new TwinExperiment(PresetName, dynamics, h, noise, chronology, x0Distribution, Domain(grid, observed, settings.Batch))
        {
            TruthDynamics = truth,
            AnalysisUpdate = settings.Restart ? Models.LevelUpdate.Restart : Models.LevelUpdate.Continue,
            Layers = 2,
        };
    }

    /// <summary>The localisation domain: both layers of a column at one point, distances in zonal grid spacings.</summary>
    public static LocalisationDomain Domain(Grid grid, IReadOnlyList<int> observedIndices, int batch)
    {
        ArgumentNullException.ThrowIfNull(grid);
        int nx = grid.Nx, ny = grid.Ny, cells = grid.RealSize;
        double aspect = grid.Dy / grid.Dx;
        var state = new DomainPoint[2 * cells];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
                state[j * nx + i] = state[cells + j * nx + i] = new DomainPoint(i, j * aspect);
        var obs = observedIndices.Select(k => state[k]).ToArray();
        var batches = new List<int[]>();
        var centres = new List<DomainPoint>();
        for (int j0 = 0; j0 < ny; j0 += batch)
            for (int i0 = 0; i0 < nx; i0 += batch)
            {
                var b = new List<int>();
                for (int layer = 0; layer < 2; layer++)
                    for (int j = j0; j < Math.Min(ny, j0 + batch); j++)
                        for (int i = i0; i < Math.Min(nx, i0 + batch); i++) b.Add(layer * cells + j * nx + i);
                batches.Add([.. b]);
                centres.Add(new DomainPoint(i0 + (Math.Min(nx, i0 + batch) - i0 - 1) / 2.0, (j0 + (Math.Min(ny, j0 + batch) - j0 - 1) / 2.0) * aspect));
            }
        return new LocalisationDomain(new PeriodicGrid(nx, ny * aspect), state, obs, batches).WithBatchCentres(centres);
    }

    /// <summary>The population standard deviation of a field over the grid (ψ units).</summary>
    public static double FieldStd(ReadOnlySpan<double> field)
    {
        double mean = TensorPrimitives.Sum(field) / field.Length;
        double ss = 0;
        foreach (double v in field) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / field.Length);
    }

    private static ModelSpec Spec(Grid grid, QgParameters parameters)
    {
        var values = new Dictionary<string, double> { ["nx"] = grid.Nx, ["ny"] = grid.Ny, ["lx"] = grid.Lx, ["ly"] = grid.Ly };
        foreach (var (name, value) in parameters.ToNamedValues()) values[name] = value;
        return new ModelSpec("qg", values, () => new TwoLayerQgModel(grid, parameters));
    }

    /// <summary>k snapshots of a free run from x0, every <paramref name="every"/> steps, minus their mean (k×n).</summary>
    private static double[] Climatology(Grid grid, QgParameters parameters, double[] x0, int k, int every)
    {
        int n = x0.Length;
        var snaps = new double[k * n];
        using var model = new TwoLayerQgModel(grid, parameters);
        model.SetState(x0);
        for (int s = 0; s < k; s++)
        {
            model.Advance(every);
            model.CopyState(snaps.AsSpan(s * n, n));
        }
        var mean = new double[n];
        for (int s = 0; s < k; s++) TensorPrimitives.Add(mean, snaps.AsSpan(s * n, n), mean);
        TensorPrimitives.Multiply(mean, 1.0 / k, mean);
        for (int s = 0; s < k; s++) TensorPrimitives.Subtract(snaps.AsSpan(s * n, n), mean, snaps.AsSpan(s * n, n));
        return snaps;
    }
}
