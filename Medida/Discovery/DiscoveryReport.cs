using Science.Medida.Cases;
using Science.Medida.Regression;

namespace Science.Medida.Discovery;

/// <summary>A discovered term: label, printed symbol, posterior-mean coefficient and its standard deviation.</summary>
public sealed record DiscoveredTerm(string Label, string Symbol, double Coefficient, double? Std);

/// <summary>A term of the known answer next to what was found (NaN when not found).</summary>
public sealed record TermComparison(string Label, double Expected, double Found, double RelativeError);

/// <summary>Found versus expected for one layer.</summary>
/// <param name="Verdict">Exact support, missing (an expected term was not selected) or spurious (extra terms).</param>
/// <param name="Missing">Expected labels not selected.</param>
/// <param name="Spurious">Selected labels not expected.</param>
/// <param name="Terms">Every expected term with the found value and the relative error.</param>
/// <param name="MaxRelativeError">Largest relative coefficient error over the matched terms (0 when none).</param>
public sealed record LayerComparison(Verdict Verdict, IReadOnlyList<string> Missing, IReadOnlyList<string> Spurious,
    IReadOnlyList<TermComparison> Terms, double MaxRelativeError);

/// <summary>The discovery for one layer.</summary>
/// <param name="Index">Layer index: 0 = upper (or the only layer), 1 = lower.</param>
/// <param name="NoError">True when the layer has no detectable model error.</param>
/// <param name="NoErrorReason">Why, when <paramref name="NoError"/>.</param>
/// <param name="Nmse">Normalised MSE of the selected fit (NaN when no error).</param>
/// <param name="Terms">The selected terms.</param>
/// <param name="Sweep">The whole threshold sweep (the L-curve).</param>
/// <param name="SelectedIndex">Index of the selected sweep entry, −1 when none.</param>
/// <param name="TargetStd">Standard deviation of the regressed increment.</param>
/// <param name="Comparison">Against the known answer, when there is one.</param>
public sealed record LayerDiscovery(int Index, bool NoError, string? NoErrorReason, double Nmse, IReadOnlyList<DiscoveredTerm> Terms,
    SweepResult Sweep, int SelectedIndex, double TargetStd, LayerComparison? Comparison)
{
    /// <summary>The layer's number in labels, text and JSON (<c>"layer": 1</c> = upper): <see cref="Index"/> + 1.</summary>
    public int Number => Index + 1;
}

/// <summary>
/// The result of a MEDIDA experiment: per layer the discovered closed-form model error with uncertainties, the
/// sweep, and the comparison with the known answer of a catalogue case.
/// </summary>
public sealed record DiscoveryReport
{
    /// <summary>The case (for two-layer QG a <see cref="ModelErrorCase"/>).</summary>
    public required IErrorCase Case { get; init; }
    /// <summary>Settings and provenance, as strings (written to the report).</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }
    /// <summary>Upper then lower layer.</summary>
    public required IReadOnlyList<LayerDiscovery> Layers { get; init; }
    /// <summary>The known answer, or null.</summary>
    public ExpectedAnswer? Expected { get; init; }
    /// <summary>Rows regressed per layer (after cut and stacking).</summary>
    public int Rows { get; init; }
    /// <summary>Wall time of library construction and regression.</summary>
    public TimeSpan RegressionTime { get; init; }
    /// <summary>The experiment that produced the report, when it was run from one (re-run it with <c>--config</c>).</summary>
    public Experiments.MedidaExperiment? Experiment { get; init; }
    /// <summary>The scientific defaults the run used, in words.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>Where the run came from (command line, …); not part of the experiment and not reproduced by a re-run.</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();

    /// <summary>The verdict over all layers (missing beats spurious beats exact support); null without a known answer.</summary>
    public Verdict? Verdict =>
        Layers.Any(l => l.Comparison is null) ? null
        : Layers.Any(l => l.Comparison!.Verdict == Cases.Verdict.Missing) ? Cases.Verdict.Missing
        : Layers.Any(l => l.Comparison!.Verdict == Cases.Verdict.Spurious) ? Cases.Verdict.Spurious
        : Cases.Verdict.ExactSupport;

    /// <summary>The discovery of a layer (index 0 = upper or only layer, 1 = lower).</summary>
    public LayerDiscovery Layer(int layer) => layer >= 0 && layer < Layers.Count
        ? Layers[layer]
        : throw new ArgumentOutOfRangeException(nameof(layer), layer, $"layer must be in [0, {Layers.Count - 1}]");
}
