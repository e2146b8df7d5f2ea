using System.Numerics.Tensors;

namespace Science.Models.Ks;

/// <summary>
/// Element-wise products of split-format complex arrays by a coefficient array c (real parts <c>cr</c>, imaginary
/// <c>ci</c>); when the coefficients are real (<c>ci</c> empty) the products are SIMD TensorPrimitives calls.
/// </summary>
internal static class SplitComplex
{
    /// <summary>d = c·x (d may be x).</summary>
    public static void Mul(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, ReadOnlySpan<double> xr, ReadOnlySpan<double> xi, Span<double> dr, Span<double> di)
    {
        if (ci.IsEmpty)
        {
            TensorPrimitives.Multiply(cr, xr, dr);
            TensorPrimitives.Multiply(cr, xi, di);
            return;
        }
        for (int k = 0; k < cr.Length; k++)
        {
            double a = cr[k], b = ci[k], p = xr[k], q = xi[k];
            dr[k] = a * p - b * q;
            di[k] = a * q + b * p;
        }
    }

    /// <summary>d += c·x.</summary>
    public static void MulAdd(ReadOnlySpan<double> cr, ReadOnlySpan<double> ci, ReadOnlySpan<double> xr, ReadOnlySpan<double> xi, Span<double> dr, Span<double> di)
    {
        if (ci.IsEmpty)
        {
            TensorPrimitives.MultiplyAdd(cr, xr, dr, dr);
            TensorPrimitives.MultiplyAdd(cr, xi, di, di);
            return;
        }
        for (int k = 0; k < cr.Length; k++)
        {
            double a = cr[k], b = ci[k], p = xr[k], q = xi[k];
            dr[k] += a * p - b * q;
            di[k] += a * q + b * p;
        }
    }
}
