using System.Numerics.Tensors;

namespace Science.QgModel;

/// <summary>Small vectorised reductions over fields.</summary>
public static class FieldMath
{
    /// <summary>max |a_i| (NaN if any element is NaN); 0 for an empty span.</summary>
    public static double MaxAbs(ReadOnlySpan<double> a) => a.IsEmpty ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(a));

    /// <summary>Population standard deviation (ddof = 0), two-pass for accuracy; 0 for an empty span.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> a)
    {
        if (a.IsEmpty) return 0;
        double mean = TensorPrimitives.Sum(a) / a.Length, ss = 0;
        foreach (var v in a) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / a.Length);
    }
}
