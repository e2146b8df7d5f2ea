using System.Globalization;
using System.Text;

namespace Science.Medida.Regression;

/// <summary>One row of a threshold sweep (one point of the L-curve).</summary>
/// <param name="Threshold">The threshold of this fit.</param>
/// <param name="Converged">Whether the fit converged; non-converged fits are "missing" and never selected.</param>
/// <param name="Nmse">Training nMSE = MSE / mean(t²); +∞ for a non-converged fit (the reference's "no result").</param>
/// <param name="TermCount">‖c‖₀, the number of retained terms (of the last iterate when not converged).</param>
/// <param name="Fit">The fit itself; null in hand-made tables.</param>
public sealed record SweepEntry(double Threshold, bool Converged, double Nmse, int TermCount, SparseFit? Fit = null)
{
    /// <summary>The table row of a fit.</summary>
    public static SweepEntry FromFit(double threshold, SparseFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new SweepEntry(threshold, fit.Converged, fit.Converged ? fit.TrainingScore.Nmse : double.PositiveInfinity, fit.TermCount, fit);
    }
}

/// <summary>The model chosen from a sweep, or "no model error".</summary>
/// <param name="NoModelError">True when no model is reported: no converged fit, or rms(t) &lt; 1e−9·rms(Φ), or the
/// selected fit has no term.</param>
/// <param name="Reason">Why no model is reported; null when a model was selected.</param>
/// <param name="Selected">The selected row (null when no converged fit exists or the target is negligible).</param>
/// <param name="SelectedIndex">Index of <paramref name="Selected"/> in the table, or −1.</param>
/// <param name="MinimumNmse">nMSE_min over converged fits (+∞ when none).</param>
/// <param name="Delta">The δ used.</param>
public sealed record SweepSelection(bool NoModelError, string? Reason, SweepEntry? Selected, int SelectedIndex, double MinimumNmse, double Delta)
{
    /// <summary>The selected fit, when it exists.</summary>
    public SparseFit? Fit => Selected?.Fit;
}

/// <summary>
/// The table of a threshold sweep and the δ-rule selection of spec §6.4. Always inspect the whole table too
/// (<see cref="ToTable"/>): users are expected to look at the L-curve.
/// </summary>
public sealed class SweepResult
{
    /// <summary>Default δ of the selection rule.</summary>
    public const double DefaultDelta = 1e-3;

    /// <summary>rms(t) &lt; this × rms(Φ) means "no model error".</summary>
    public const double NegligibleTargetRatio = 1e-9;

    private readonly SweepEntry[] _entries;

    /// <summary>Wraps a table (from a sweep or made by hand) and applies the selection rule with <paramref name="delta"/>.</summary>
    /// <param name="entries">The rows in threshold order.</param>
    /// <param name="targetRms">rms(t) = sqrt(mean(t²)).</param>
    /// <param name="designRms">rms(Φ): root mean square of all entries of Φ.</param>
    /// <param name="delta">δ of the selection rule.</param>
    public SweepResult(IReadOnlyList<SweepEntry> entries, double targetRms, double designRms, double delta = DefaultDelta)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToArray();
        TargetRms = targetRms;
        DesignRms = designRms;
        Selection = Select(delta);
    }

    /// <summary>The rows, in threshold order.</summary>
    public IReadOnlyList<SweepEntry> Entries => _entries;

    /// <summary>rms(t).</summary>
    public double TargetRms { get; }

    /// <summary>rms(Φ), the root mean square of all entries of Φ.</summary>
    public double DesignRms { get; }

    /// <summary>The selection with the δ given at construction (default 1e−3).</summary>
    public SweepSelection Selection { get; }

    /// <summary>
    /// The δ-rule of spec §6.4:
    /// <list type="number">
    /// <item>"no model error" if rms(t) &lt; 1e−9·rms(Φ) (checked first), or if no fit converged;</item>
    /// <item>nMSE_min = the smallest nMSE among converged fits;</item>
    /// <item>among converged fits with nMSE ≤ nMSE_min + δ, take the one with the fewest terms; ties by the smaller
    /// nMSE; remaining exact ties by table order (the smaller threshold first in a sweep);</item>
    /// <item>if that fit has no term (possible for STLSQ, never for the RVM), report "no model error" as well, keeping
    /// the row in <see cref="SweepSelection.Selected"/>.</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// With <paramref name="relativeDelta"/> ε &gt; 0 the tolerance is δ + ε·nMSE_min: when the residual is dominated by
    /// noise (assimilated increments: nMSE_min ≈ 0.1–0.4), an improvement smaller than a fraction ε of it is not taken as
    /// evidence for a term. ε = 0 is the spec's rule.
    /// </remarks>
    /// <exception cref="ArgumentException">Negative or NaN δ or ε.</exception>
    public SweepSelection Select(double delta = DefaultDelta, double relativeDelta = 0)
    {
        if (!(delta >= 0)) throw new ArgumentException("delta must be non-negative", nameof(delta));
        if (!(relativeDelta >= 0)) throw new ArgumentException("the relative delta must be non-negative", nameof(relativeDelta));
        var ci = CultureInfo.InvariantCulture;
        var converged = Enumerable.Range(0, _entries.Length).Where(i => _entries[i].Converged && !double.IsNaN(_entries[i].Nmse)).ToArray();
        double nMin = converged.Length == 0 ? double.PositiveInfinity : converged.Min(i => _entries[i].Nmse);
        if (TargetRms < NegligibleTargetRatio * DesignRms)
            return new SweepSelection(true, string.Create(ci, $"rms(t) = {TargetRms:g3} < 1e-9·rms(Φ) = {NegligibleTargetRatio * DesignRms:g3}: the layer has no model error"),
                null, -1, nMin, delta);
        if (converged.Length == 0)
            return new SweepSelection(true, $"none of the {_entries.Length} fits converged", null, -1, nMin, delta);
        int best = -1;
        foreach (int i in converged)
        {
            if (!(_entries[i].Nmse <= nMin + delta + relativeDelta * nMin)) continue;
            if (best < 0 || _entries[i].TermCount < _entries[best].TermCount
                || (_entries[i].TermCount == _entries[best].TermCount && _entries[i].Nmse < _entries[best].Nmse))
                best = i;
        }
        var chosen = _entries[best];
        return chosen.TermCount == 0
            ? new SweepSelection(true, "the selected fit has no term", chosen, best, nMin, delta)
            : new SweepSelection(false, null, chosen, best, nMin, delta);
    }

    /// <summary>A plain-text L-curve table: threshold, converged, nMSE, ‖c‖₀ and the terms, with the selection marked.</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("threshold   conv  nMSE        terms  model");
        for (int i = 0; i < _entries.Length; i++)
        {
            var e = _entries[i];
            string model = e.Fit is null ? "" : string.Join(", ", e.Fit.Terms.Select(t => string.Create(ci, $"{t.Label} {t.Value:g5}")));
            sb.AppendLine(string.Create(ci, $"{e.Threshold,-10:g3}  {(e.Converged ? "yes" : "no "),-4}  {e.Nmse,-10:g3}  {e.TermCount,5}  {model}{(i == Selection.SelectedIndex ? "  <= selected" : "")}"));
        }
        sb.AppendLine(Selection.NoModelError ? $"no model error: {Selection.Reason}" : string.Create(ci, $"selected threshold {Selection.Selected!.Threshold:g3} (δ = {Selection.Delta:g3})"));
        return sb.ToString();
    }
}
