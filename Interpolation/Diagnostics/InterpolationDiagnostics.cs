using Science.Numerics.Fft;
using System.Text.Json;
using System.Text.Json.Serialization;
using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Interpolation.Diagnostics;

/// <summary>Estimate-to-truth ratio of the zonal amplitude spectrum averaged over a band of zonal wavenumbers.</summary>
/// <param name="From">First m of the band.</param>
/// <param name="To">Last m of the band (inclusive).</param>
/// <param name="Ratio">Mean over the band of S_estimate(m)/S_truth(m) (modes with S_truth = 0 skipped; NaN when all
/// are): 1 is unbiased, &lt; 1 a spectral deficit (spectral bias), &gt; 1 spurious small-scale energy.</param>
public sealed record SpectralBand(int From, int To, double Ratio);

/// <summary>The spec §9.5 diagnostics of one layer.</summary>
/// <param name="PsiError">Relative L2 error ‖ψ̃ − ψ‖/‖ψ‖ over the whole grid.</param>
/// <param name="LaplacianError">Relative L2 error of ∇²ψ (spectral Laplacian) over the whole grid.</param>
/// <param name="SensorMaxError">max |ψ̃ − y| at the sensors (y = the values given to the interpolator, when known; else against the truth).</param>
/// <param name="TruthSpectrum">Zonal amplitude spectrum S(m), m = 0 … Nx/2, of the truth (jet-core rows).</param>
/// <param name="EstimateSpectrum">The same for the estimate.</param>
/// <param name="Bands">Spectral-bias score per band of m.</param>
public sealed record LayerInterpolationDiagnostics(double PsiError, double LaplacianError, double SensorMaxError,
    double[] TruthSpectrum, double[] EstimateSpectrum, IReadOnlyList<SpectralBand> Bands)
{
    /// <summary>Layer index: 0 = upper, 1 = lower.</summary>
    [JsonIgnore]
    public int Index { get; init; }

    /// <summary>The layer's number in labels and JSON (<c>"layer": 1</c> = upper): <see cref="Index"/> + 1.</summary>
    [JsonPropertyName("layer")]
    public int Number { get => Index + 1; init => Index = value - 1; }
}

/// <summary>
/// Interpolation diagnostics of spec §9.5 for one estimate against its truth: relative L2 errors of ψ_k and ∇²ψ_k, the
/// jet-core zonal amplitude spectra (<see cref="QgDiagnostics.ZonalAmplitudeSpectrum"/>) and a spectral-bias score per
/// band of m (default bands 1–10, 11–20, 21–30, 31–40, 41–48). Serialises to JSON with <see cref="ToJson"/>.
/// </summary>
/// <param name="Interpolator">Interpolator name.</param>
/// <param name="Sensors">Sensors per layer.</param>
/// <param name="SensorRatio">Fraction of grid points observed.</param>
/// <param name="Seconds">Wall time of the interpolation in seconds, when measured (null otherwise).</param>
/// <param name="Layers">Upper then lower layer.</param>
public sealed record InterpolationDiagnostics(string Interpolator, int Sensors, double SensorRatio, double? Seconds,
    IReadOnlyList<LayerInterpolationDiagnostics> Layers)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The default bands of m for the spectral-bias score on the 96-point grid.</summary>
    public static IReadOnlyList<(int From, int To)> DefaultBands { get; } = [(1, 10), (11, 20), (21, 30), (31, 40), (41, 48)];

    /// <summary>Computes the diagnostics of <paramref name="estimate"/> against <paramref name="truth"/> (both <c>[layer, y, x]</c>).</summary>
    /// <param name="layout">The sensors (for the sensor error and the counts).</param>
    /// <param name="truth">True ψ.</param>
    /// <param name="estimate">Interpolated ψ.</param>
    /// <param name="interpolator">Name for the report.</param>
    /// <param name="observed">The sensor values given to the interpolator <c>[layer, sensor]</c>, or empty to compare with the truth.</param>
    /// <param name="seconds">Wall time, when measured.</param>
    /// <param name="bands">Bands of m; default <see cref="DefaultBands"/> clipped to the grid.</param>
    /// <param name="backend">FFT backend.</param>
    public static InterpolationDiagnostics Compute(SensorLayout layout, ReadOnlySpan<double> truth, ReadOnlySpan<double> estimate, string interpolator,
        ReadOnlySpan<double> observed = default, double? seconds = null, IReadOnlyList<(int From, int To)>? bands = null,
        FftBackendKind backend = FftBackendKind.Auto)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var grid = layout.Grid;
        int n = grid.RealSize;
        if (truth.Length != 2 * n || estimate.Length != 2 * n) throw new ArgumentException($"truth and estimate must hold 2 × {n} values");
        if (!observed.IsEmpty && observed.Length != 2 * layout.Count) throw new ArgumentException($"observed must hold 2 × {layout.Count} values", nameof(observed));
        bands ??= DefaultBands.Where(b => b.From < grid.Nk).Select(b => (b.From, Math.Min(b.To, grid.Nk - 1))).ToArray();
        using var sp = new QgSpectral(grid, backend);
        var layers = new LayerInterpolationDiagnostics[2];
        for (int layer = 0; layer < 2; layer++)
        {
            var t = truth.Slice(layer * n, n);
            var e = estimate.Slice(layer * n, n);
            double sensorMax = 0;
            for (int k = 0; k < layout.Count; k++)
            {
                double y = observed.IsEmpty ? t[layout.Indices[k]] : observed[layer * layout.Count + k];
                sensorMax = Math.Max(sensorMax, Math.Abs(e[layout.Indices[k]] - y));
            }
            var st = QgDiagnostics.ZonalAmplitudeSpectrum(grid, t);
            var se = QgDiagnostics.ZonalAmplitudeSpectrum(grid, e);
            var scores = bands.Select(b =>
            {
                double sum = 0;
                int used = 0;
                for (int m = b.From; m <= b.To; m++)
                    if (st[m] > 0) { sum += se[m] / st[m]; used++; }
                return new SpectralBand(b.From, b.To, used > 0 ? sum / used : double.NaN);
            }).ToArray();
            layers[layer] = new LayerInterpolationDiagnostics(RelativeError(e, t), LaplacianError(sp, e, t), sensorMax, st, se, scores) { Index = layer };
        }
        return new InterpolationDiagnostics(interpolator, layout.Count, layout.Ratio, seconds, layers);
    }

    /// <summary>‖a − b‖₂/‖b‖₂.</summary>
    public static double RelativeError(ReadOnlySpan<double> estimate, ReadOnlySpan<double> truth)
    {
        double num = 0, den = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            double d = estimate[i] - truth[i];
            num += d * d;
            den += truth[i] * truth[i];
        }
        return Math.Sqrt(num / den);
    }

    /// <summary>Relative L2 error of the spectral Laplacian of one layer's estimate against the truth's.</summary>
    public static double LaplacianError(QgSpectral spectral, ReadOnlySpan<double> estimate, ReadOnlySpan<double> truth)
    {
        ArgumentNullException.ThrowIfNull(spectral);
        var grid = spectral.Grid;
        var hat = new SpectralField(grid);
        var lt = new double[grid.RealSize];
        var le = new double[grid.RealSize];
        spectral.Forward(truth, hat);
        spectral.Laplacian(hat, hat);
        spectral.Inverse(hat, lt);
        spectral.Forward(estimate, hat);
        spectral.Laplacian(hat, hat);
        spectral.Inverse(hat, le);
        return RelativeError(le, lt);
    }

    /// <summary>The diagnostics as indented JSON (snake_case names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads diagnostics written by <see cref="ToJson"/>.</summary>
    public static InterpolationDiagnostics FromJson(string json) =>
        JsonSerializer.Deserialize<InterpolationDiagnostics>(json, Json) ?? throw new JsonException("empty diagnostics JSON");
}
