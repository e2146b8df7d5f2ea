namespace Science.QgModel.Spectral;

/// <summary>
/// A planned 2-D real discrete Fourier transform of a fixed <c>[Ny, Nx]</c> real grid (row-major, y outer, x inner)
/// to its <c>[Ny, Nk]</c> half spectrum with <c>Nk = Nx/2 + 1</c>, with NumPy's <c>rfft2</c>/<c>irfft2</c> semantics.
/// Spectra are held in split form: separate real and imaginary arrays of length <c>Ny·Nk</c>, row-major <c>[l, k]</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Forward"/> is unnormalised: F[n, m] = Σ_j Σ_i f[j, i] exp(−2πi (n j / Ny + m i / Nx)).</item>
/// <item><see cref="Inverse"/> is normalised by 1/(Nx·Ny): a complex inverse DFT along y for each column, then a
/// complex-to-real inverse along x for each row that ignores the imaginary parts of the k = 0 and k = Nx/2 bins.</item>
/// <item>Neither method modifies its input, allocates, or is thread-safe: one instance serves one thread.</item>
/// <item>The padded variants implement the zero-padding and truncation of the 3/2-rule de-aliased product
/// (spec §3.1) without materialising the zero rows and columns where the backend can exploit them.</item>
/// </list>
/// </remarks>
public interface IRealFft2D : IDisposable
{
    /// <summary>Rows of the real grid (y points).</summary>
    int Ny { get; }

    /// <summary>Columns of the real grid (x points); even.</summary>
    int Nx { get; }

    /// <summary>Columns of the half spectrum, <c>Nx/2 + 1</c>.</summary>
    int Nk { get; }

    /// <summary>A short name of the backend, for reports ("managed", "fftw").</summary>
    string Backend { get; }

    /// <summary>Unnormalised forward transform of <paramref name="real"/> (length Ny·Nx) into the half spectrum.</summary>
    void Forward(ReadOnlySpan<double> real, Span<double> re, Span<double> im);

    /// <summary>Inverse transform (1/(Nx·Ny) normalisation) of the half spectrum into <paramref name="real"/>.</summary>
    void Inverse(ReadOnlySpan<double> re, ReadOnlySpan<double> im, Span<double> real);

    /// <summary>
    /// Inverse transform on this (padded) grid of a smaller half spectrum <c>[srcNy, srcNk]</c> (srcNy even,
    /// srcNy ≤ Ny, srcNk ≤ Nk): source rows <c>0 … srcNy/2 − 1</c> go to rows <c>0 … srcNy/2 − 1</c>, source rows
    /// <c>srcNy/2 … srcNy − 1</c> go to rows <c>Ny − srcNy/2 … Ny − 1</c>, source columns to the same columns; every
    /// other coefficient is zero. Normalisation 1/(Nx·Ny) of this grid.
    /// </summary>
    void InverseFromSmaller(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int srcNy, int srcNk, Span<double> real);

    /// <summary>
    /// Forward transform on this (padded) grid, keeping only the coefficients of a smaller half spectrum
    /// <c>[dstNy, dstNk]</c>: the inverse of the placement rule of <see cref="InverseFromSmaller"/>. Unnormalised.
    /// </summary>
    void ForwardToSmaller(ReadOnlySpan<double> real, Span<double> re, Span<double> im, int dstNy, int dstNk);
}
