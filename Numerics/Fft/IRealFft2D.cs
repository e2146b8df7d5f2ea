using System.Numerics.Tensors;

namespace Science.Numerics.Fft;

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

    /// <summary>
    /// Length in doubles of a real field in this backend's native grid layout: a fixed arrangement of the Ny·Nx grid
    /// values (and possibly unused slots) in which the backend's transforms need no reordering. Default Ny·Nx, the
    /// row-major grid itself.
    /// </summary>
    int NativeLength => Ny * Nx;

    /// <summary>
    /// <see cref="InverseFromSmaller"/> writing the real field in the native layout (<see cref="NativeLength"/>
    /// doubles). Every grid value lands in the same slot on every call, so point-wise operations between native fields
    /// (products, sums) are done there as on the grid, and their result goes back through
    /// <see cref="ForwardToSmallerNative"/>: the de-aliased product without the reordering passes. Unused slots are
    /// never written. Default: <see cref="InverseFromSmaller"/>.
    /// </summary>
    void InverseFromSmallerNative(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int srcNy, int srcNk,
        Span<double> native) => InverseFromSmaller(re, im, srcNy, srcNk, native);

    /// <summary>
    /// <see cref="ForwardToSmaller"/> of a real field given in the native layout (see
    /// <see cref="InverseFromSmallerNative"/>); unused slots are not read. Default: <see cref="ForwardToSmaller"/>.
    /// </summary>
    void ForwardToSmallerNative(ReadOnlySpan<double> native, Span<double> re, Span<double> im, int dstNy, int dstNk) =>
        ForwardToSmaller(native, re, im, dstNy, dstNk);

    /// <summary>
    /// The half spectrum of w(y)·(f − ⟨f⟩ₓ), where f = irfft2(<paramref name="re"/>, <paramref name="im"/>),
    /// ⟨·⟩ₓ is the zonal (row) mean and <paramref name="weight"/> holds w at the Ny rows. The default goes through grid
    /// space in <paramref name="scratch"/> (Ny·Nx doubles); a backend may instead weight the columns of the partial
    /// (y-only) transforms, which is the same to round-off and leaves the k = 0 column exactly zero.
    /// </summary>
    void WeightedEddySpectrum(ReadOnlySpan<double> re, ReadOnlySpan<double> im, ReadOnlySpan<double> weight,
        Span<double> outRe, Span<double> outIm, Span<double> scratch)
    {
        RealFft2D.CheckLength(weight, Ny, nameof(weight));
        Inverse(re, im, scratch);
        for (int j = 0; j < Ny; j++)
        {
            var row = scratch.Slice(j * Nx, Nx);
            double mean = TensorPrimitives.Sum<double>(row) / Nx, w = weight[j];
            for (int i = 0; i < row.Length; i++) row[i] = w * (row[i] - mean);
        }

        Forward(scratch, outRe, outIm);
    }
}
