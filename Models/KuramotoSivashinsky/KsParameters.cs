using System.Globalization;

namespace Science.Models.Ks;

/// <summary>The time stepper of a <see cref="KuramotoSivashinsky"/> model.</summary>
public enum KsStepperKind
{
    /// <summary>Cox–Matthews ETDRK4 with Kassam–Trefethen contour φ-functions (<see cref="EtdRk4"/>); the truth.</summary>
    EtdRk4,

    /// <summary>Crank–Nicolson on the linear part, Adams–Bashforth 2 on the nonlinear part (<see cref="Cnab2"/>); MEDIDA's imperfect model.</summary>
    Cnab2,
}

/// <summary>An extra (spurious) term in the model, MEDIDA-KS's error variants (spec §10.5).</summary>
public enum KsExtraTerm
{
    /// <summary>No extra term.</summary>
    None,

    /// <summary>"+u_xxx": +iλ3κ³ added to the linear operator, i.e. an extra −λ3 u_xxx in u_t.</summary>
    Uxxx,

    /// <summary>"+u³ in the flux": the nonlinear term becomes −½λ0 ∂x(u² + λ3 u³), i.e. an extra −(3/2)λ0λ3 u²u_x.</summary>
    CubicFlux,
}

/// <summary>
/// Parameters of the Kuramoto–Sivashinsky model u_t = −λ0 u u_x − λ1 u_xx − λ2 u_xxxx (+ the optional extra term) on a
/// periodic domain of length <see cref="Length"/> with <see cref="N"/> points x_j = <see cref="Origin"/> + j·L/N,
/// j = 0 … N − 1 (the end point excluded). Non-dimensional units throughout.
/// </summary>
/// <param name="N">Grid points, an even number ≥ 8.</param>
/// <param name="Length">Domain length L &gt; 0.</param>
/// <param name="Lambda0">λ0, the coefficient of u u_x (truth 1).</param>
/// <param name="Lambda1">λ1, the coefficient of u_xx (truth 1).</param>
/// <param name="Lambda2">λ2, the coefficient of u_xxxx (truth 1).</param>
/// <param name="ExtraTerm">The extra term, if any.</param>
/// <param name="Lambda3">λ3, the weight of the extra term (ignored when <see cref="ExtraTerm"/> is None).</param>
/// <param name="TimeStep">Model time step Δt &gt; 0.</param>
/// <param name="Stepper">The time stepper.</param>
/// <param name="Origin">x_0, the first grid point.</param>
/// <param name="ContourPoints">Kassam–Trefethen contour points M for the ETDRK4 φ-functions, ≥ 4 (DAPPER and MEDIDA: 16).</param>
public sealed record KsParameters(
    int N = 1024,
    double Length = 100,
    double Lambda0 = 1,
    double Lambda1 = 1,
    double Lambda2 = 1,
    KsExtraTerm ExtraTerm = KsExtraTerm.None,
    double Lambda3 = 0,
    double TimeStep = 1e-3,
    KsStepperKind Stepper = KsStepperKind.EtdRk4,
    double Origin = -50,
    int ContourPoints = 16)
{
    /// <summary>MEDIDA-KS's truth (spec §10.1): N = 1024, L = 100, x ∈ [−50, 50), λ = (1, 1, 1), ETDRK4 with Δt = 1e−3.</summary>
    public static KsParameters MedidaTruth { get; } = new();

    /// <summary>MEDIDA-KS's imperfect model (spec §10.1): the truth's grid, CNAB2 with Δt = 5e−3 (set the λs per case).</summary>
    public static KsParameters MedidaModel { get; } = new(TimeStep: 5e-3, Stepper: KsStepperKind.Cnab2);

    /// <summary>DAPPER's KS (bocquet2019): N = 128, L = 32π, x ∈ (0, 32π] (x_j = (j + 1)·L/N), ETDRK4 with Δt = 0.5.</summary>
    public static KsParameters Dapper { get; } = new(N: 128, Length: 32 * Math.PI, TimeStep: 0.5, Origin: 32 * Math.PI / 128);

    /// <summary>Grid spacing L/N.</summary>
    public double Dx => Length / N;

    /// <summary>Grid point x_j = Origin + j·L/N.</summary>
    public double X(int j) => Origin + j * Dx;

    /// <summary>Throws when a parameter is out of range; returns this.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offending parameter, with its allowed range.</exception>
    public KsParameters Validate()
    {
        if (N < 8 || N % 2 != 0) throw new ArgumentOutOfRangeException(nameof(N), N, "N must be an even number of grid points ≥ 8");
        if (!(Length > 0) || !double.IsFinite(Length)) throw new ArgumentOutOfRangeException(nameof(Length), Length, "the domain length L must be positive and finite");
        Finite(Lambda0, nameof(Lambda0));
        Finite(Lambda1, nameof(Lambda1));
        Finite(Lambda2, nameof(Lambda2));
        Finite(Lambda3, nameof(Lambda3));
        Finite(Origin, nameof(Origin));
        if (!Enum.IsDefined(ExtraTerm)) throw new ArgumentOutOfRangeException(nameof(ExtraTerm), ExtraTerm, "ExtraTerm must be None, Uxxx or CubicFlux");
        if (!Enum.IsDefined(Stepper)) throw new ArgumentOutOfRangeException(nameof(Stepper), Stepper, "Stepper must be EtdRk4 or Cnab2");
        if (!(TimeStep > 0) || !double.IsFinite(TimeStep)) throw new ArgumentOutOfRangeException(nameof(TimeStep), TimeStep, "the time step must be positive and finite");
        if (ContourPoints < 4 || ContourPoints > 1024) throw new ArgumentOutOfRangeException(nameof(ContourPoints), ContourPoints, "ContourPoints must be in [4, 1024]");
        return this;
    }

    /// <summary>The parameters as (name, value) pairs for file attributes: numbers as float64/int32, kinds as lower-case strings.</summary>
    public IReadOnlyList<(string Name, object Value)> ToNamedValues() =>
    [
        ("n", N), ("length", Length), ("lambda0", Lambda0), ("lambda1", Lambda1), ("lambda2", Lambda2),
        ("extra_term", ExtraTerm.ToString().ToLowerInvariant()), ("lambda3", Lambda3), ("dt", TimeStep),
        ("stepper", Stepper.ToString().ToLowerInvariant()), ("origin", Origin), ("contour_points", ContourPoints),
    ];

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"KS N={N} L={Length:G6} λ=({Lambda0:G4}, {Lambda1:G4}, {Lambda2:G4}){(ExtraTerm == KsExtraTerm.None ? "" : $" +{ExtraTerm} λ3={Lambda3:G4}")} {Stepper} dt={TimeStep:G4}");

    private static void Finite(double v, string name)
    {
        if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(name, v, $"{name} must be finite");
    }
}
