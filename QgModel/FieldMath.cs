using System.Numerics.Tensors;

namespace Science.QgModel;

/// <summary>Small vectorised reductions over fields.</summary>
public static class FieldMath
{
    /// <summary>max |a_i| (NaN if any element is NaN); 0 for an empty span.</summary>
    public static double MaxAbs(ReadOnlySpan<double> a) => a.IsEmpty ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(a));
}
