using Science.Numerics.Fft;
namespace Science.QgModel.Spectral;

/// <summary>
/// A spectral field of one layer in split form: <see cref="Re"/> and <see cref="Im"/> of length Ny·Nk, row-major
/// <c>[l, k]</c>, in the layout of <see cref="IRealFft2D"/>.
/// </summary>
public sealed class SpectralField
{
    /// <summary>A zero field of the grid's spectral shape.</summary>
    public SpectralField(Grid grid) : this(grid.SpectralSize) { }

    /// <summary>A zero field of <paramref name="size"/> coefficients.</summary>
    public SpectralField(int size)
    {
        Re = new double[size];
        Im = new double[size];
    }

    /// <summary>Real parts.</summary>
    public double[] Re { get; }
    /// <summary>Imaginary parts.</summary>
    public double[] Im { get; }
    /// <summary>Number of coefficients.</summary>
    public int Length => Re.Length;

    /// <summary>Copies another field of the same length into this one.</summary>
    public void CopyFrom(SpectralField other)
    {
        other.Re.AsSpan().CopyTo(Re);
        other.Im.AsSpan().CopyTo(Im);
    }

    /// <summary>Sets every coefficient to zero.</summary>
    public void Clear()
    {
        Array.Clear(Re);
        Array.Clear(Im);
    }
}
