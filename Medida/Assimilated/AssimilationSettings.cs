using Science.Assimilation.Methods;

namespace Science.Medida.Assimilated;

/// <summary>
/// How MEDIDA builds its state estimates by data assimilation instead of interpolation (<c>discover --analysis …</c>):
/// an ensemble filter cycled on the experiment's sensors and noise from the start state, whose analysis means at each
/// snapshot time t and one model step later replace the observed states of the increment
/// h = (q_a(t + Δt) − q_m)/Δt. Every value is checked when <see cref="Validate"/> runs; messages name the setting.
/// </summary>
public sealed record AssimilationSettings
{
    /// <summary>The increment forms <see cref="IncrementForm"/> accepts.</summary>
    public static IReadOnlyList<string> IncrementForms { get; } = ["analysis-state"];

    /// <summary>The members' models <see cref="Background"/> accepts.</summary>
    public static IReadOnlyList<string> Backgrounds { get; } = ["truth", "model"];

    /// <summary>The filter: <c>letkf</c> (default), <c>etkf</c> or <c>enkf</c> (the global ones only for small grids).</summary>
    public string Method { get; init; } = "letkf";
    /// <summary>Ensemble size, in [2, 1000].</summary>
    public int Members { get; init; } = 20;
    /// <summary>Multiplicative inflation of the analysis anomalies, in [1, 10].</summary>
    public double Inflation { get; init; } = 1.07;
    /// <summary>Relaxation to prior spread, in [0, 1].</summary>
    public double Rtps { get; init; }
    /// <summary>LETKF Gaspari–Cohn half-width in zonal grid spacings, in (0, 1000].</summary>
    public double Localisation { get; init; } = 6;
    /// <summary>Model steps between analyses away from the snapshots, in [1, 100000].</summary>
    public int AnalysisEvery { get; init; } = 10;
    /// <summary>Analysis cycles before the first snapshot, in [1, 100000].</summary>
    public int Spinup { get; init; } = 30;
    /// <summary>
    /// The members' model: <c>truth</c> (the truth's parameters: a perfect-model filter, whose analyses estimate the truth
    /// and leave the model error to the increment) or <c>model</c> (the imperfect model: then q_a(t + Δt) − q_m is, up to
    /// the ensemble-mean nonlinearity, the filter's own analysis increment, damped by the gain).
    /// </summary>
    public string Background { get; init; } = "truth";
    /// <summary>The increment form (see <see cref="IncrementForms"/>).</summary>
    public string IncrementForm { get; init; } = "analysis-state";
    /// <summary>LETKF block side in grid columns, in [1, 96].</summary>
    public int Batch { get; init; } = 4;
    /// <summary>Climatology snapshots spanning the initial ensemble, in [2, 10000].</summary>
    public int Climatology { get; init; } = 48;
    /// <summary>Steps between the climatology snapshots, in [1, 100000].</summary>
    public int ClimatologyEvery { get; init; } = 100;
    /// <summary>Initial spread as a fraction of the climatological one, in (0, 10].</summary>
    public double InitialSpread { get; init; } = 0.5;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The first bad value; the message names the setting and the range.</exception>
    public void Validate()
    {
        static void Check(bool ok, string name, object value, string range)
        {
            if (!ok) throw new ArgumentOutOfRangeException(name, value, $"analysis setting {name} must be {range}; got {value}");
        }
        Check(Method is "letkf" or "etkf" or "enkf", "method", Method, "letkf, etkf or enkf");
        Check(Members is >= 2 and <= 1000, "members", Members, "in [2, 1000]");
        Check(Inflation is >= 1 and <= 10, "inflation", Inflation, "in [1, 10]");
        Check(Rtps is >= 0 and <= 1, "rtps", Rtps, "in [0, 1]");
        Check(Localisation is > 0 and <= 1000, "localisation", Localisation, "in (0, 1000] grid spacings");
        Check(AnalysisEvery is >= 1 and <= 100_000, "analysis_every", AnalysisEvery, "in [1, 100000] steps");
        Check(Spinup is >= 1 and <= 100_000, "spinup", Spinup, "in [1, 100000] cycles");
        Check(Backgrounds.Contains(Background), "background", Background, string.Join(" or ", Backgrounds));
        Check(IncrementForms.Contains(IncrementForm), "increment_form", IncrementForm, string.Join(" or ", IncrementForms));
        Check(Batch is >= 1 and <= 96, "batch", Batch, "in [1, 96]");
        Check(Climatology is >= 2 and <= 10_000, "climatology", Climatology, "in [2, 10000]");
        Check(ClimatologyEvery is >= 1 and <= 100_000, "climatology_every", ClimatologyEvery, "in [1, 100000]");
        Check(InitialSpread is > 0 and <= 10, "initial_spread", InitialSpread, "in (0, 10]");
    }

    /// <summary>The filter as an assimilation method.</summary>
    public EnsembleMethod ToMethod() => Method switch
    {
        "etkf" => new Etkf { Members = Members, Inflation = Inflation, Rtps = Rtps },
        "enkf" => new Enkf { Members = Members, Inflation = Inflation, Rtps = Rtps },
        _ => new Letkf { Members = Members, Inflation = Inflation, Rtps = Rtps, Localisation = Localisation },
    };
}
