using Science.Numerics.IO;
using Science.Numerics.Fft;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Science.QgModel;
using Science.QgModel.IO;
using Science.QgModel.Spectral;

namespace Science.Interpolation.Spectral;

/// <summary>
/// A climatological prior for ψ: per layer a covariance that is stationary on the doubly periodic grid, i.e.
/// diagonal in Fourier space, given by its eigenvalue λ(l, k) on every coefficient of the half spectrum <c>[l, k]</c>.
/// λ = mean over sample states of |ψ̂|²/(Nx·Ny) with ψ̂ = rfft2(ψ) unnormalised, so P f = irfft2(λ · rfft2(f)) and the
/// prior point variance is the mean of λ over the full spectrum.
/// </summary>
/// <remarks>
/// <para>The domain-mean mode (l, k) = (0, 0) of ψ is ~1e-29 of the variance in the model's states (the inversion
/// fixes the barotropic mean); a prior that kept it would make the missing-value solve singular. It is replaced by
/// the mean of its two neighbours (0, 1) and (1, 0). Every other eigenvalue is raised to at least
/// <see cref="RelativeFloor"/> × the largest, so P⁻¹ stays finite.</para>
/// <para>Saved as JSON (format <c>science-spectral-prior</c>): grid sizes and lengths, sample count, source and the
/// two arrays <c>variance1</c>, <c>variance2</c> of Ny·(Nx/2 + 1) numbers each, row-major <c>[l, k]</c>.</para>
/// </remarks>
public sealed class SpectralPrior
{
    /// <summary>The value of the JSON <c>format</c> field.</summary>
    public const string Format = "science-spectral-prior";

    /// <summary>Smallest eigenvalue kept, relative to the largest of the layer.</summary>
    public const double RelativeFloor = 1e-24;

    private readonly double[][] _variance;

    /// <summary>Wraps eigenvalues of both layers (length Ny·Nk each); the mean mode and the floor are applied to a copy.</summary>
    /// <exception cref="ArgumentException">Wrong length, or a value is negative or not finite.</exception>
    public SpectralPrior(Grid grid, double[] variance1, double[] variance2, int samples, string source)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(variance1);
        ArgumentNullException.ThrowIfNull(variance2);
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), samples, "a prior needs at least one sample");
        Grid = grid;
        Samples = samples;
        Source = source ?? "";
        _variance = [Regularise(grid, variance1, nameof(variance1)), Regularise(grid, variance2, nameof(variance2))];
    }

    /// <summary>The grid.</summary>
    public Grid Grid { get; }
    /// <summary>Number of states the spectrum was averaged over.</summary>
    public int Samples { get; }
    /// <summary>Where the spectrum came from, for reports.</summary>
    public string Source { get; }

    /// <summary>The eigenvalues λ of layer <paramref name="layer"/> (0 = upper) on the half spectrum <c>[l, k]</c>.</summary>
    public ReadOnlySpan<double> Variance(int layer) => layer is 0 or 1
        ? _variance[layer]
        : throw new ArgumentOutOfRangeException(nameof(layer), layer, "layer must be 0 (upper) or 1 (lower)");

    /// <summary>The prior variance of ψ at one grid point of a layer (mean of λ over the full spectrum).</summary>
    public double PointVariance(int layer)
    {
        var v = Variance(layer);
        int nk = Grid.Nk, nyq = Grid.Nx / 2;
        double sum = 0;
        for (int s = 0; s < v.Length; s++)
        {
            int m = s % nk;
            sum += (m == 0 || m == nyq ? 1 : 2) * v[s];
        }
        return sum / Grid.RealSize;
    }

    /// <summary>Estimates the prior from sample states on one grid (ψ only is used).</summary>
    /// <exception cref="ArgumentException">No state, or the states are on different grids.</exception>
    public static SpectralPrior FromStates(IReadOnlyList<QgState> states, string source, FftBackendKind backend = FftBackendKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0) throw new ArgumentException("a prior needs at least one state", nameof(states));
        var grid = states[0].Grid;
        if (states.Any(s => !s.Grid.SameAs(grid))) throw new ArgumentException("all prior states must share one grid", nameof(states));
        int size = grid.SpectralSize;
        var sums = new[] { new double[size], new double[size] };
        using var sp = new QgSpectral(grid, backend);
        var hat = new SpectralField(grid);
        double norm = 1.0 / grid.RealSize;
        foreach (var state in states)
            for (int layer = 0; layer < 2; layer++)
            {
                sp.Forward(state.PsiLayer(layer), hat);
                var sum = sums[layer];
                for (int s = 0; s < size; s++) sum[s] += (hat.Re[s] * hat.Re[s] + hat.Im[s] * hat.Im[s]) * norm;
            }
        for (int layer = 0; layer < 2; layer++)
            for (int s = 0; s < size; s++) sums[layer][s] /= states.Count;
        return new SpectralPrior(grid, sums[0], sums[1], states.Count, source);
    }

    /// <summary>
    /// Loads a prior: a JSON file written by <see cref="Save"/>, or estimates one from an HDF5 state file (one sample)
    /// or trajectory file (the snapshots <paramref name="snapshots"/>, all when null).
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="FormatException">The JSON is not a prior or does not match <paramref name="grid"/>.</exception>
    /// <exception cref="DataFileException">The HDF5 file is not a state or trajectory.</exception>
    public static SpectralPrior Load(string path, IReadOnlyList<int>? snapshots = null, Grid? grid = null, FftBackendKind backend = FftBackendKind.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"prior file not found: {path}", path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return LoadJson(path, grid);
        if (QgTrajectoryFile.IsTrajectory(path))
        {
            var t = QgTrajectoryFile.Read(path, grid);
            var which = snapshots ?? Enumerable.Range(0, t.Count).ToArray();
            foreach (int k in which)
                if (k < 0 || k >= t.Count)
                    throw new ArgumentOutOfRangeException(nameof(snapshots), k, $"{path} holds snapshots 0 … {t.Count - 1}");
            var states = which.Select(t.GetState).ToArray();
            return FromStates(states, $"{Path.GetFileName(path)} snapshots {string.Join(",", which)}", backend);
        }
        if (snapshots is { Count: > 0 } && snapshots.Any(k => k != 0))
            throw new ArgumentException($"{path} is a single state; only snapshot 0 exists", nameof(snapshots));
        var content = QgStateFile.Read(path, grid);
        return FromStates([content.State], Path.GetFileName(path), backend);
    }

    /// <summary>Writes the prior as JSON (see the class remarks).</summary>
    public void Save(string path)
    {
        var o = new JsonObject
        {
            ["format"] = Format,
            ["format_version"] = 1,
            ["nx"] = Grid.Nx,
            ["ny"] = Grid.Ny,
            ["lx"] = Grid.Lx,
            ["ly"] = Grid.Ly,
            ["samples"] = Samples,
            ["source"] = Source,
            ["variance1"] = new JsonArray([.. _variance[0].Select(v => (JsonNode)JsonValue.Create(v))]),
            ["variance2"] = new JsonArray([.. _variance[1].Select(v => (JsonNode)JsonValue.Create(v))]),
        };
        string tmp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            File.WriteAllText(tmp, o.ToJsonString());
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private static SpectralPrior LoadJson(string path, Grid? expected)
    {
        try
        {
            var o = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("not a JSON object");
            if ((string?)o["format"] != Format) throw new FormatException($"the format field must be '{Format}'");
            int nx = (int)o["nx"]!, ny = (int)o["ny"]!;
            double lx = (double)o["lx"]!, ly = (double)o["ly"]!;
            var grid = new Grid(nx, ny, lx, ly);
            if (expected is not null && !expected.SameAs(grid))
                throw new FormatException($"the prior is for the {grid} grid; expected {expected}");
            double[] Read(string key)
            {
                var a = o[key] as JsonArray ?? throw new FormatException($"missing array '{key}'");
                if (a.Count != grid.SpectralSize) throw new FormatException($"'{key}' has {a.Count} values; expected Ny·(Nx/2 + 1) = {grid.SpectralSize}");
                return [.. a.Select(v => (double)v!)];
            }
            return new SpectralPrior(expected ?? grid, Read("variance1"), Read("variance2"), (int?)o["samples"] ?? 1, (string?)o["source"] ?? path);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
        {
            throw new FormatException($"{path}: not a readable spectral prior: {e.Message}", e);
        }
    }

    private static double[] Regularise(Grid grid, double[] v, string name)
    {
        if (v.Length != grid.SpectralSize)
            throw new ArgumentException($"{name} has {v.Length} values; expected Ny·(Nx/2 + 1) = {grid.SpectralSize}", name);
        double max = 0;
        foreach (double x in v)
        {
            if (!(x >= 0) || double.IsInfinity(x)) throw new ArgumentException($"{name} must hold finite values ≥ 0", name);
            max = Math.Max(max, x);
        }
        if (!(max > 0)) throw new ArgumentException($"{name} is all zero", name);
        var r = (double[])v.Clone();
        r[0] = 0.5 * (r[1] + r[grid.Nk]); // the mean mode: the mean of (l, k) = (0, 1) and (1, 0)
        double floor = RelativeFloor * max;
        for (int s = 0; s < r.Length; s++) r[s] = Math.Max(r[s], floor);
        return r;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"spectral prior from {Source} ({Samples} samples) on {Grid}");
}
