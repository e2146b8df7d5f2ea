using Science.QgModel;
using Science.QgModel.Spectral;

namespace Science.Medida.Library;

/// <summary>
/// The state on which candidate terms are evaluated: ψ of both layers (physical <c>[layer, y, x]</c>) with its
/// spectral coefficients, the grid's spectral toolbox and forcing profiles. One context per thread.
/// </summary>
public sealed class LibraryContext
{
    private readonly SpectralField _scratch, _scratch2;

    /// <summary>Prepares a context on a spectral toolbox for a given jet width and amplitude (for ψR).</summary>
    public LibraryContext(QgSpectral spectral, JetProfile jet)
    {
        Spectral = spectral;
        Jet = jet;
        PsiHat1 = new SpectralField(spectral.Grid);
        PsiHat2 = new SpectralField(spectral.Grid);
        _scratch = new SpectralField(spectral.Grid);
        _scratch2 = new SpectralField(spectral.Grid);
    }

    /// <summary>The grid.</summary>
    public Grid Grid => Spectral.Grid;
    /// <summary>The spectral toolbox.</summary>
    public QgSpectral Spectral { get; }
    /// <summary>The forcing profiles (ψR).</summary>
    public JetProfile Jet { get; }
    /// <summary>ψ̂1 of the current state.</summary>
    public SpectralField PsiHat1 { get; }
    /// <summary>ψ̂2 of the current state.</summary>
    public SpectralField PsiHat2 { get; }

    /// <summary>Sets the state from physical ψ <c>[layer, y, x]</c>.</summary>
    public void SetState(ReadOnlySpan<double> psi)
    {
        int n = Grid.RealSize;
        Spectral.Forward(psi[..n], PsiHat1);
        Spectral.Forward(psi.Slice(n, n), PsiHat2);
    }

    /// <summary>ψ̂ of a layer (0 = upper, 1 = lower).</summary>
    public SpectralField PsiHat(int layer) => layer switch
    {
        0 => PsiHat1,
        1 => PsiHat2,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "layer must be 0 (upper) or 1 (lower)"),
    };

    /// <summary>Writes irfft2(op(ψ̂_layer)) to <paramref name="field"/>, op acting from ψ̂ into a scratch field.</summary>
    public void Spectral1(int layer, Action<QgSpectral, SpectralField, SpectralField> op, Span<double> field)
    {
        op(Spectral, PsiHat(layer), _scratch);
        Spectral.Inverse(_scratch, field);
    }

    /// <summary>
    /// The library Jacobian J(ψ_k, Q_k) with c_J = 1 and without topography: Q1 = ∇²ψ1 − ψ1 + ψ2,
    /// Q2 = ∇²ψ2 + ψ1 − ψ2 (spec §5.1, terms 7 and 8), de-aliased as the model's.
    /// </summary>
    public void LayerJacobian(int layer, Span<double> field)
    {
        var k2 = Grid.KSquared;
        var a = PsiHat(layer);
        double sign = layer == 0 ? -1 : 1;
        for (int s = 0; s < k2.Length; s++)
        {
            double dRe = PsiHat1.Re[s] - PsiHat2.Re[s], dIm = PsiHat1.Im[s] - PsiHat2.Im[s];
            _scratch2.Re[s] = -k2[s] * a.Re[s] + sign * dRe;
            _scratch2.Im[s] = -k2[s] * a.Im[s] + sign * dIm;
        }
        Spectral.Jacobian(a, _scratch2, _scratch);
        Spectral.Inverse(_scratch, field);
    }

    /// <summary>J(ψ2, g) for a fixed physical field g (e.g. a topographic bump), de-aliased.</summary>
    public void JacobianWith(ReadOnlySpan<double> g, Span<double> field)
    {
        Spectral.Forward(g, _scratch2);
        Spectral.Jacobian(PsiHat2, _scratch2, _scratch);
        Spectral.Inverse(_scratch, field);
    }
}
