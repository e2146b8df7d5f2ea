namespace Science.Observing;

/// <summary>The shortest signed-free separation on a periodic axis of length L: min(|d| mod L, L − |d| mod L).</summary>
public static class PeriodicDistance
{
    /// <summary>|<paramref name="a"/> − <paramref name="b"/>| wrapped onto an axis of period <paramref name="period"/> (&gt; 0).</summary>
    public static double Axis(double a, double b, double period)
    {
        double d = Math.Abs(a - b) % period;
        return Math.Min(d, period - d);
    }
}

/// <summary>A periodic 1-D ring of circumference <see cref="Length"/> grid points (Lorenz-96, Kuramoto–Sivashinsky).</summary>
public sealed class PeriodicRing : IDomainGeometry
{
    /// <summary>A ring of <paramref name="length"/> &gt; 0 grid points.</summary>
    public PeriodicRing(double length)
    {
        if (!(length > 0) || !double.IsFinite(length)) throw new ArgumentOutOfRangeException(nameof(length), length, "the ring length must be finite and in (0, ∞)");
        Length = length;
    }

    /// <summary>Circumference in grid points.</summary>
    public double Length { get; }
    /// <inheritdoc/>
    public string Name => $"ring({Length:G})";
    /// <inheritdoc/>
    public double Distance(DomainPoint a, DomainPoint b) => PeriodicDistance.Axis(a.X, b.X, Length);
}

/// <summary>A doubly periodic 2-D grid of <see cref="LengthX"/> × <see cref="LengthY"/> grid points; Euclidean distance
/// of the wrapped separations.</summary>
public sealed class PeriodicGrid : IDomainGeometry
{
    /// <summary>A grid with periods <paramref name="lengthX"/>, <paramref name="lengthY"/> &gt; 0 (grid points).</summary>
    public PeriodicGrid(double lengthX, double lengthY)
    {
        if (!(lengthX > 0) || !double.IsFinite(lengthX)) throw new ArgumentOutOfRangeException(nameof(lengthX), lengthX, "must be finite and in (0, ∞)");
        if (!(lengthY > 0) || !double.IsFinite(lengthY)) throw new ArgumentOutOfRangeException(nameof(lengthY), lengthY, "must be finite and in (0, ∞)");
        LengthX = lengthX;
        LengthY = lengthY;
    }

    /// <summary>Period along x (grid points).</summary>
    public double LengthX { get; }
    /// <summary>Period along y (grid points).</summary>
    public double LengthY { get; }
    /// <inheritdoc/>
    public string Name => $"grid({LengthX:G}x{LengthY:G})";

    /// <inheritdoc/>
    public double Distance(DomainPoint a, DomainPoint b)
    {
        double dx = PeriodicDistance.Axis(a.X, b.X, LengthX), dy = PeriodicDistance.Axis(a.Y, b.Y, LengthY);
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
