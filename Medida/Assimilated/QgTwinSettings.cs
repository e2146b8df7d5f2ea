using System.Globalization;

namespace Science.Medida.Assimilated;

/// <summary>
/// The settings of a QG twin experiment (<c>medida assimilate --preset qg-twin</c>): where the truth starts, which ψ
/// values are observed and how noisily, how often, which model the ensemble runs, and how the initial ensemble is
/// drawn. Every value is validated on construction; the message names the setting and its allowed range.
/// </summary>
public sealed record QgTwinSettings
{
    /// <summary>The HDF5 state (or trajectory, last snapshot) the truth starts from: the shipped <c>data/qg_spunup.h5</c> by default.</summary>
    public required string State { get; init; }

    /// <summary>The sensor layout, as <c>--sensors</c> elsewhere: a ratio in (0, 1], <c>full</c>, <c>regular:SX,SY[,OX,OY]</c> or a point file. Both layers are observed at the same points.</summary>
    public string Sensors { get; init; } = "0.25";

    /// <summary>Seed of a random sensor layout (ignored by the other forms).</summary>
    public int SensorSeed { get; init; }

    /// <summary>Observation noise σ of each layer relative to that layer's ψ standard deviation over the grid in the start state, in [0, 10]; 0.1 = 10 %.</summary>
    public double Noise
    {
        get;
        init => field = value is >= 0 and <= 10 ? value : throw Range("noise", value, "[0, 10] (a fraction of each layer's ψ std)");
    } = 0.1;

    /// <summary>Model steps (Δt = 0.025) between analyses, in [1, 100000].</summary>
    public int Every
    {
        get;
        init => field = value is >= 1 and <= 100_000 ? value : throw Range("every", value, "[1, 100000] model steps");
    } = 10;

    /// <summary>The model-error case the ensemble runs (1000 = the perfect model; 1001–1009 the catalogue's imperfect models); the truth always runs the truth parameters.</summary>
    public int Case { get; init; } = 1000;

    /// <summary>Snapshots of the truth model's free run whose anomalies span the initial ensemble, in [2, 10000].</summary>
    public int Climatology
    {
        get;
        init => field = value is >= 2 and <= 10_000 ? value : throw Range("climatology", value, "[2, 10000] snapshots");
    } = 48;

    /// <summary>Model steps between the climatology snapshots, in [1, 100000] (100 steps = 2.5 time units).</summary>
    public int ClimatologyEvery
    {
        get;
        init => field = value is >= 1 and <= 100_000 ? value : throw Range("climatology_every", value, "[1, 100000] model steps");
    } = 100;

    /// <summary>The initial ensemble's spread as a fraction of the climatological one, in (0, 10].</summary>
    public double InitialSpread
    {
        get;
        init => field = value is > 0 and <= 10 ? value : throw Range("initial_spread", value, "(0, 10]");
    } = 0.5;

    /// <summary>Side of the square blocks of grid columns analysed together by the LETKF (both layers of a column in one block), in [1, 96].</summary>
    public int Batch
    {
        get;
        init => field = value is >= 1 and <= 96 ? value : throw Range("batch", value, "[1, 96] grid points");
    } = 4;

    /// <summary>Restart the members' leapfrog with a forward step after each analysis instead of continuing it (the default continues; see <see cref="Science.Models.LevelUpdate"/>).</summary>
    public bool Restart { get; init; }

    /// <summary>The settings as string pairs (the "preset_options" of a run JSON).</summary>
    public IReadOnlyDictionary<string, string> ToOptions() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["state"] = State,
        ["sensors"] = Sensors,
        ["sensor_seed"] = I(SensorSeed),
        ["noise"] = D(Noise),
        ["every"] = I(Every),
        ["case"] = I(Case),
        ["climatology"] = I(Climatology),
        ["climatology_every"] = I(ClimatologyEvery),
        ["initial_spread"] = D(InitialSpread),
        ["batch"] = I(Batch),
        ["restart"] = Restart ? "true" : "false",
    };

    /// <summary>Settings from string pairs (see <see cref="ToOptions"/>); missing keys take the defaults.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown key, a malformed number, or a value out of range.</exception>
    public static QgTwinSettings FromOptions(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var known = new QgTwinSettings { State = "" }.ToOptions().Keys.ToHashSet();
        foreach (var key in options.Keys)
            if (!known.Contains(key)) throw new ArgumentOutOfRangeException(key, $"unknown qg-twin setting '{key}'; known: {string.Join(", ", known)}");
        string? Get(string key) => options.TryGetValue(key, out var v) ? v : null;
        var s = new QgTwinSettings { State = Get("state") ?? throw new ArgumentOutOfRangeException("state", "the qg-twin preset needs a start state (state)") };
        return s with
        {
            Sensors = Get("sensors") ?? s.Sensors,
            SensorSeed = Get("sensor_seed") is { } ss ? ParseInt("sensor_seed", ss) : s.SensorSeed,
            Noise = Get("noise") is { } n ? ParseReal("noise", n) : s.Noise,
            Every = Get("every") is { } e ? ParseInt("every", e) : s.Every,
            Case = Get("case") is { } c ? ParseInt("case", c) : s.Case,
            Climatology = Get("climatology") is { } k ? ParseInt("climatology", k) : s.Climatology,
            ClimatologyEvery = Get("climatology_every") is { } ke ? ParseInt("climatology_every", ke) : s.ClimatologyEvery,
            InitialSpread = Get("initial_spread") is { } sp ? ParseReal("initial_spread", sp) : s.InitialSpread,
            Batch = Get("batch") is { } b ? ParseInt("batch", b) : s.Batch,
            Restart = Get("restart") is { } r ? r == "true" || (r == "false" ? false : throw Range("restart", r, "true or false")) : s.Restart,
        };
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static int ParseInt(string key, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw Range(key, text, "an integer");

    private static double ParseReal(string key, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Range(key, text, "a number");

    private static ArgumentOutOfRangeException Range(string name, object value, string allowed) =>
        new(name, value, $"the qg-twin setting {name} must be {allowed}; got {value}");
}
