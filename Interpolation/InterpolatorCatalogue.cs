using Science.Interpolation.Cubic;
using Science.Interpolation.Rbf;
using Science.Interpolation.Spectral;

namespace Science.Interpolation;

/// <summary>
/// The interpolators by command-line name (<c>--interpolator NAME</c>): the built-ins <c>exact</c>, <c>cubic</c>,
/// <c>rbf</c> and <c>oi</c>, plus any registered by other modules through <see cref="Register"/> (the neural <c>mlp</c>
/// and <c>rff</c>). Thread-safe.
/// </summary>
public static class InterpolatorCatalogue
{
    private sealed record Entry(string Name, string Description, Func<InterpolatorOptions, IInterpolator> Factory, IReadOnlySet<string>? OptionKeys, bool BuiltIn);

    private static readonly object Gate = new();
    private static readonly List<Entry> Entries =
    [
        new("exact", "full observations only (sensor ratio 1): the data unchanged", _ => ExactInterpolator.Instance, new HashSet<string>(), true),
        new("cubic", "Delaunay + Clough–Tocher C¹ cubic, nearest fill outside the hull (SciPy griddata)",
            o => new CubicInterpolator(o.GradientIterations, o.GradientTolerance), new HashSet<string>(), true),
        new("rbf", "multiquadric RBF, ε = 0.1 in scaled coordinates, dense LU (n ≤ rbf_max_sensors)",
            o => new RbfInterpolator(o.RbfEpsilon, o.RbfMaxSensors, o.Threads), new HashSet<string>(), true),
        new("oi", "spectral optimal interpolation (GP posterior mean, climatological spectrum prior, CG)", CreateOi, new HashSet<string>(), true),
    ];

    /// <summary>The registered names, built-ins first, then in registration order.</summary>
    public static IReadOnlyList<string> Names
    {
        get { lock (Gate) return Entries.Select(e => e.Name).ToArray(); }
    }

    /// <summary>"name  description" lines for <c>--list-interpolators</c> help.</summary>
    public static IReadOnlyList<string> Descriptions
    {
        get { lock (Gate) return Entries.Select(e => $"{e.Name,-8} {e.Description}").ToArray(); }
    }

    /// <summary>Whether <paramref name="name"/> is registered.</summary>
    public static bool Contains(string name)
    {
        lock (Gate) return Entries.Any(e => e.Name == name);
    }

    /// <summary>
    /// Registers (or replaces) an interpolator under <paramref name="name"/>. Built-in names cannot be replaced.
    /// <paramref name="optionKeys"/> lists the snake_case config keys the interpolator reads from
    /// <see cref="InterpolatorOptions.Extra"/>, so that config files using them are not rejected as having unknown
    /// keys; null accepts any key.
    /// </summary>
    /// <exception cref="ArgumentException">Empty name, a name with whitespace, or a built-in name.</exception>
    public static void Register(string name, Func<InterpolatorOptions, IInterpolator> factory, string description = "",
        IEnumerable<string>? optionKeys = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (name.Any(char.IsWhiteSpace)) throw new ArgumentException($"interpolator name '{name}' must not contain whitespace", nameof(name));
        lock (Gate)
        {
            int i = Entries.FindIndex(e => e.Name == name);
            if (i >= 0 && Entries[i].BuiltIn) throw new ArgumentException($"'{name}' is a built-in interpolator and cannot be replaced", nameof(name));
            var entry = new Entry(name, description, factory, optionKeys?.ToHashSet(), false);
            if (i >= 0) Entries[i] = entry;
            else Entries.Add(entry);
        }
    }

    /// <summary>Creates the interpolator <paramref name="name"/> with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones), or a config key that no
    /// registered interpolator declares.</exception>
    public static IInterpolator Create(string name, InterpolatorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options = (options ?? new InterpolatorOptions()).Validated();
        Entry entry;
        Entry[] all;
        lock (Gate)
        {
            all = [.. Entries];
            entry = all.FirstOrDefault(e => e.Name == name)
                ?? throw new ArgumentException($"unknown interpolator '{name}'; known: {string.Join(" ", all.Select(e => e.Name))}", nameof(name));
        }
        if (options.Extra is { Count: > 0 } extra && all.All(e => e.OptionKeys is not null))
        {
            var unknown = extra.Keys.Where(k => all.All(e => !e.OptionKeys!.Contains(k))).ToArray();
            if (unknown.Length > 0)
                throw new ArgumentException($"unknown interpolator option(s) {string.Join(", ", unknown.Select(k => $"'{k}'"))}" +
                    (options.ConfigPath is null ? "" : $" in {options.ConfigPath}"), nameof(options));
        }
        return entry.Factory(options);
    }

    private static IInterpolator CreateOi(InterpolatorOptions o)
    {
        var prior = o.PriorSpectrum;
        if (prior is null)
        {
            if (o.Prior is null)
                throw new ArgumentException("the oi interpolator needs a prior spectrum: set \"prior\" in the interpolator config to a spectrum .json " +
                    "or an HDF5 state/trajectory file (e.g. data/qg_trajectory.h5 with \"prior_snapshots\"), or pass InterpolatorOptions.PriorSpectrum");
            string path = o.ResolvePath(o.Prior);
            try
            {
                prior = SpectralPrior.Load(path, o.PriorSnapshots, null, o.Fft);
            }
            catch (Exception e) when (e is FileNotFoundException or FormatException)
            {
                throw new ArgumentException($"oi prior: {e.Message}", nameof(o), e);
            }
        }
        return new SpectralOptimalInterpolator(prior, o.NoiseVariance, o.NoiseLevel, o.CgTolerance, o.CgMaxIterations, o.Fft)
        {
            TileSize = o.OiTile,
            TileOverlap = o.OiOverlap,
        };
    }
}
