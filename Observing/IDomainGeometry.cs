namespace Science.Observing;

/// <summary>The distance used for localisation between two positions of the domain (grid-point units).</summary>
public interface IDomainGeometry
{
    /// <summary>A short description for reports, e.g. "ring(40)".</summary>
    string Name { get; }

    /// <summary>The (periodic) distance between <paramref name="a"/> and <paramref name="b"/>, in grid points, ≥ 0.</summary>
    double Distance(DomainPoint a, DomainPoint b);
}
