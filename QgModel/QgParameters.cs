using System.Globalization;

namespace Science.QgModel;

/// <summary>
/// Physical and numerical constants of the two-layer QG channel (spec §2.5–§2.8). All quantities are non-dimensional:
/// lengths in deformation radii, times in the advective unit of the paper.
/// </summary>
/// <remarks>
/// The reference calls the relaxation and friction constants <c>tau_d1</c>, <c>tau_d2</c> and <c>tau_f</c>; they are
/// <b>rates</b> (inverse time scales) that multiply their terms, not time scales. Names for <see cref="With"/> and the
/// command line follow the spec's table: <c>beta, tau_d, tau_d1, tau_d2, tau_f, nu, sigma, c_jacobian, u1, dt, robert,
/// h1…h4, topography_fixed, periodic_pv</c>.
/// </remarks>
public sealed record QgParameters
{
    /// <summary>The truth of the paper (spec §2.7), topography selection A (none).</summary>
    public static QgParameters Truth { get; } = new();

    /// <summary>β, planetary vorticity gradient (0.196).</summary>
    public double Beta { get; init; } = 0.196;
    /// <summary>τd1, interface relaxation <b>rate</b> multiplying (ψ1 − ψ2) (0.01; time scale 100).</summary>
    public double TauD1 { get; init; } = 0.01;
    /// <summary>τd2, relaxation <b>rate</b> multiplying the equilibrium target ψR (0.01).</summary>
    public double TauD2 { get; init; } = 0.01;
    /// <summary>τf, lower-layer Ekman friction <b>rate</b> on ∇²ψ2 (0.07).</summary>
    public double TauF { get; init; } = 0.07;
    /// <summary>ν, hyperviscosity on k⁸ + l⁸, treated implicitly (1e-6).</summary>
    public double Nu { get; init; } = 1e-6;
    /// <summary>σ, width of the equilibrium jet and of the sponge (3.5).</summary>
    public double Sigma { get; init; } = 3.5;
    /// <summary>c_J (reference <c>c_me_jac</c>): multiplies the advected PV inside the Jacobian, not the β term (1).</summary>
    public double CJacobian { get; init; } = 1.0;
    /// <summary>U1, amplitude of the equilibrium jet and of the sponge rate (1).</summary>
    public double U1 { get; init; } = 1.0;
    /// <summary>Δt, the time step (0.025).</summary>
    public double Dt { get; init; } = 0.025;
    /// <summary>g, the Robert–Asselin filter coefficient (0.04).</summary>
    public double Robert { get; init; } = 0.04;
    /// <summary>Heights H1…H4 of the four Gaussian topographic bumps of spec §2.8 (all 0: selection A).</summary>
    public double H1 { get; init; }
    /// <inheritdoc cref="H1"/>
    public double H2 { get; init; }
    /// <inheritdoc cref="H1"/>
    public double H3 { get; init; }
    /// <inheritdoc cref="H1"/>
    public double H4 { get; init; }
    /// <summary>
    /// false (reference): the bump's y exponent is (y − y0)²/(4 s_y) as in the released code (a typo);
    /// true: the intended (y − y0)²/(2 s_y²).
    /// </summary>
    public bool TopographyFixed { get; init; }
    /// <summary>
    /// false (reference): the spectral prognostic PV contains the non-periodic ramp βy, whose sawtooth the implicit
    /// hyperviscosity damps every step (spec §3.5 quirk 1). true: prognose q − βy instead (recommended for new work).
    /// </summary>
    public bool PeriodicPv { get; init; }

    /// <summary>Whether any topographic bump is non-zero.</summary>
    public bool HasTopography => H1 != 0 || H2 != 0 || H3 != 0 || H4 != 0;

    /// <summary>The settable names with a one-line meaning, for help texts.</summary>
    public static IReadOnlyList<(string Name, string Meaning)> Names { get; } =
    [
        ("beta", "planetary vorticity gradient β"),
        ("tau_d", "sets tau_d1 and tau_d2 together (rates)"),
        ("tau_d1", "interface relaxation rate τd1 (≥ 0)"),
        ("tau_d2", "relaxation rate τd2 of the equilibrium target ψR (≥ 0)"),
        ("tau_f", "lower-layer friction rate τf (≥ 0)"),
        ("nu", "hyperviscosity ν on k⁸+l⁸ (≥ 0)"),
        ("sigma", "jet and sponge width σ (> 0)"),
        ("c_jacobian", "Jacobian multiplier c_J (alias c_me_jac)"),
        ("u1", "jet amplitude U1"),
        ("dt", "time step Δt (> 0)"),
        ("robert", "Robert–Asselin coefficient g in [0, 0.5) (alias g)"),
        ("h1", "height of topographic bump 1 (also h2, h3, h4)"),
        ("topography_fixed", "0 = reference bump shape, 1 = fixed (2 s_y²)"),
        ("periodic_pv", "0 = reference (βy inside spectral PV), 1 = prognose q − βy"),
    ];

    /// <summary>Returns a copy with the parameter <paramref name="name"/> set to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names).</exception>
    public QgParameters With(string name, double value) => name.Trim().ToLowerInvariant() switch
    {
        "beta" => this with { Beta = value },
        "tau_d" => this with { TauD1 = value, TauD2 = value },
        "tau_d1" => this with { TauD1 = value },
        "tau_d2" => this with { TauD2 = value },
        "tau_f" => this with { TauF = value },
        "nu" => this with { Nu = value },
        "sigma" => this with { Sigma = value },
        "c_jacobian" or "c_me_jac" => this with { CJacobian = value },
        "u1" => this with { U1 = value },
        "dt" => this with { Dt = value },
        "robert" or "g" => this with { Robert = value },
        "h1" => this with { H1 = value },
        "h2" => this with { H2 = value },
        "h3" => this with { H3 = value },
        "h4" => this with { H4 = value },
        "topography_fixed" => this with { TopographyFixed = AsFlag(name, value) },
        "periodic_pv" => this with { PeriodicPv = AsFlag(name, value) },
        _ => throw new ArgumentException(
            $"unknown parameter '{name}'; known: beta, tau_d, tau_d1, tau_d2, tau_f, nu, sigma, c_jacobian, u1, dt, robert, h1, h2, h3, h4, topography_fixed, periodic_pv", nameof(name)),
    };

    /// <summary>Parses <c>NAME=VALUE</c> and applies it with <see cref="With"/>.</summary>
    public QgParameters WithAssignment(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0 || eq == assignment.Length - 1)
            throw new ArgumentException($"expected NAME=VALUE, got '{assignment}'", nameof(assignment));
        string name = assignment[..eq], text = assignment[(eq + 1)..];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new ArgumentException($"value of '{name}' is not a number: '{text}'", nameof(assignment));
        return With(name, value).Validated();
    }

    /// <summary>Every parameter by its settable name, for file attributes and reports.</summary>
    public IReadOnlyList<(string Name, double Value)> ToNamedValues() =>
    [
        ("beta", Beta), ("tau_d1", TauD1), ("tau_d2", TauD2), ("tau_f", TauF), ("nu", Nu), ("sigma", Sigma),
        ("c_jacobian", CJacobian), ("u1", U1), ("dt", Dt), ("robert", Robert),
        ("h1", H1), ("h2", H2), ("h3", H3), ("h4", H4),
        ("topography_fixed", TopographyFixed ? 1 : 0), ("periodic_pv", PeriodicPv ? 1 : 0),
    ];

    /// <summary>Rebuilds parameters from <see cref="ToNamedValues"/> pairs; unknown names are an error.</summary>
    public static QgParameters FromNamedValues(IEnumerable<(string Name, double Value)> values)
    {
        var p = new QgParameters();
        foreach (var (name, value) in values) p = p.With(name, value);
        return p.Validated();
    }

    /// <summary>Checks every value against its allowed range and returns this instance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the parameter and its allowed range.</exception>
    public QgParameters Validated()
    {
        Finite(Beta, "beta"); Finite(CJacobian, "c_jacobian"); Finite(U1, "u1");
        Finite(H1, "h1"); Finite(H2, "h2"); Finite(H3, "h3"); Finite(H4, "h4");
        NonNegative(TauD1, "tau_d1"); NonNegative(TauD2, "tau_d2"); NonNegative(TauF, "tau_f"); NonNegative(Nu, "nu");
        if (!(Sigma > 0) || double.IsInfinity(Sigma)) throw Range("sigma", Sigma, "a finite number > 0");
        if (!(Dt > 0) || Dt > 10 || double.IsNaN(Dt)) throw Range("dt", Dt, "a number in (0, 10]");
        if (!(Robert >= 0 && Robert < 0.5)) throw Range("robert", Robert, "a number in [0, 0.5)");
        return this;
    }

    private static bool AsFlag(string name, double value) => value switch
    {
        0 => false,
        1 => true,
        _ => throw Range(name, value, "0 or 1"),
    };

    private static void Finite(double v, string name)
    {
        if (!double.IsFinite(v)) throw Range(name, v, "a finite number");
    }

    private static void NonNegative(double v, string name)
    {
        if (!(v >= 0) || double.IsInfinity(v)) throw Range(name, v, "a finite number ≥ 0");
    }

    private static ArgumentOutOfRangeException Range(string name, double value, string allowed) =>
        new(name, value, $"parameter '{name}' = {value.ToString("R", CultureInfo.InvariantCulture)} is out of range; allowed: {allowed}");
}
